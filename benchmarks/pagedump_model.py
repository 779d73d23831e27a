"""Nested cross-validation of learned parts on top of the page-dump cleaner's rules (issue 15).

The rules decide, per logical line of a dump, whether it is a body paragraph (`pagedump.page.
body_span` and `pagedump.body.body_lines`). A learned part may only correct them, so each variant
here starts from the rules' own decision and scores extraction-dev as `benchmarks/extraction.py`
does (same shingle measure, same folds by page hash):

- line models: logistic regression (scikit-learn, deterministic) or a small gradient-boosted model
  over cheap layout features (length, stop words, sentence end, brackets, pipes, capitals, digits,
  bullet, blank line above, repeats, position against the body, the rules' kind and decision and
  those of two neighbours each side), either dropping lines the rules keep ("drop") or adding
  lines within `WINDOW` lines of the body the rules leave out ("add");
- fallback: a pairwise logistic model choosing between the rules' densest run and the second-best
  run (the best run of the page with the first one taken out), from features of both (position,
  length, the copyright footer under a run, a byline or date above it, isolated one-line teasers).

A dump line's label comes from the true body: the share of its word 4-gram shingles found there
(a line under 4 words: its words found there in a row), a line being body at 0.5 or more.

Nested: for every fold I the model is trained on the other folds' pages only and scores fold I;
its threshold (or, for a model that helps on no inner fold, "off") is chosen by an inner cross-
validation over those training folds, so no figure printed is tuned on the fold it describes.
Reads shared data, writes nothing but the optional --json report; ships nothing (no variant has
earned a place in the cleaner: docs/extraction-dev-log.md, 2026-12-05).

    python benchmarks/pagedump_model.py [--data DIR] [--folds K] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
for _path in (REPO / "src", Path(__file__).resolve().parent):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from extraction import (  # noqa: E402
    DEFAULT_DATA,
    aggregate,
    load_ground_truth,
    raw_dump,
    score_page,
)
from folds import DEFAULT_FOLDS, fold_of  # noqa: E402

from newscorpus.ingest.pagedump import RULES_VERSION  # noqa: E402
from newscorpus.ingest.pagedump.body import (  # noqa: E402
    body_lines,
    densest_run,
    is_isolated,
    line_weights,
)
from newscorpus.ingest.pagedump.byline import byline_names, is_stamp  # noqa: E402
from newscorpus.ingest.pagedump.lines import Line  # noqa: E402
from newscorpus.ingest.pagedump.page import annotate, body_edges, body_span  # noqa: E402
from newscorpus.ingest.pagedump.patterns import SENTENCE_END, STOP_WORDS  # noqa: E402

# A line is body when at least this share of its shingles is in the true body.
LABEL_MIN_SHARE = 0.5
SHINGLE = 4
# Lines this far above and below the rules' body are candidates to add.
WINDOW = 6
# Thresholds the inner cross-validation chooses from, per kind of correction.
DROP_THRESHOLDS = (0.1, 0.2, 0.35, 0.5)
ADD_THRESHOLDS = (0.5, 0.65, 0.8, 0.9)
SWITCH_THRESHOLDS = (0.5, 0.7, 0.9)
# Lines above a run where its byline or date is looked for, lines below for a copyright footer.
META_ABOVE = 4
FOOTER_BELOW = 3
META_MAX_WORDS = 25
_WORD = re.compile(r"\w+")


@dataclass
class Page:
    """One dump with the rules' decisions and the true body's label of each line."""

    key: str
    fold: int
    truth: str
    lines: list[Line]
    span: tuple[int, int, int] | None
    kept: list[int]
    labels: list[float]

    def text(self, kept: Sequence[int]) -> str:
        return "\n\n".join(self.lines[i].text for i in kept)


def line_label(text: str, truth_shingles: set[tuple[str, ...]], truth_words: str) -> float:
    """Share of the line's word 4-grams in the true body (a short line: its words in a row)."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    if len(words) < SHINGLE:
        return 1.0 if f" {' '.join(words)} " in truth_words else 0.0
    grams = [tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]
    return sum(g in truth_shingles for g in grams) / len(grams)


def load_pages(data: Path, folds: int) -> dict[str, Page]:
    truth, _ = load_ground_truth(data)
    pages = {}
    for key in sorted(truth):
        lines = annotate(raw_dump(data, key))
        span = body_span(lines)
        kept = [] if span is None else body_lines(lines, span[1], span[2])[0]
        words = _WORD.findall(truth[key])
        grams = {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
        joined = f" {' '.join(words)} "
        labels = [line_label(line.text, grams, joined) for line in lines]
        pages[key] = Page(key, fold_of(key, folds), truth[key], lines, span, kept, labels)
    return pages


def fold_f1(pages: dict[str, Page], kept: dict[str, Sequence[int]]) -> tuple[float, list[float]]:
    """F1 over all pages and per fold, as benchmarks/extraction.py computes it."""
    scores = {k: score_page(p.truth, p.text(kept[k])) for k, p in pages.items()}
    by_fold: dict[int, list] = {}
    for key, score in scores.items():
        by_fold.setdefault(pages[key].fold, []).append(score)
    return aggregate(scores.values()).f1, [aggregate(by_fold[i]).f1 for i in sorted(by_fold)]


# --- line models ---------------------------------------------------------------------------------


def line_features(page: Page, i: int, kept: set[int], body_chars: int) -> dict[str, float]:
    """Cheap layout features of line `i`, with the rules' kind and decision around it."""
    lines, (_, start, end) = page.lines, page.span
    line = lines[i]
    text, words = line.text, line.key.split()
    f = {
        "kept": float(i in kept),
        "in_body": float(start <= i < end),
        f"kind_{line.kind}": 1.0,
        "log_chars": math.log1p(len(text)) / 6,
        "log_words": math.log1p(line.words) / 5,
        "stop_words": sum(w in STOP_WORDS for w in words) / len(words) if words else 0.0,
        "sentence_end": float(bool(SENTENCE_END.search(text[-40:]))),
        "bullet": float(line.bullet),
        "gap": float(line.gap),
        "repeated": float(line.repeats > 1),
        "brackets": min(1.0, text.count("[") / 3),
        "pipe": float("|" in text),
        "colon_end": float(text.endswith(":")),
        "capitals": sum(c.isupper() for c in text) / len(text),
        "digits": sum(c.isdigit() for c in text) / len(text),
        "punctuation": sum(not c.isalnum() and c != " " for c in text) / len(text),
        "body_share": min(1.0, len(text) / max(1, body_chars)),
    }
    if i < start:
        f["above"], f["distance"] = 1.0, min(start - i, 20) / 20
    elif i >= end:
        f["below"], f["distance"] = 1.0, min(i - end + 1, 20) / 20
    for step, name in ((-2, "prev2"), (-1, "prev"), (1, "next"), (2, "next2")):
        j = i + step
        if not 0 <= j < len(lines):
            f[f"{name}_none"] = 1.0
            continue
        f[f"{name}_kept"] = float(j in kept)
        f[f"{name}_good"] = float(lines[j].kind == "good")
        f[f"{name}_chrome"] = float(lines[j].kind in ("bad", "image", "caption"))
    return f


@dataclass(frozen=True)
class Row:
    key: str
    line: int
    features: dict[str, float]
    label: bool
    weight: float  # words: a long line weighs what its shingles weigh in the score


def line_rows(pages: dict[str, Page], mode: str) -> list[Row]:
    """The lines a correction may flip: kept ones ("drop"), others near the body ("add")."""
    rows = []
    for key, page in pages.items():
        if page.span is None:
            continue
        kept = set(page.kept)
        chars = sum(len(page.lines[i].text) for i in kept)
        _, start, end = page.span
        lo, hi = max(0, start - WINDOW), min(len(page.lines), end + WINDOW)
        for i in page.kept if mode == "drop" else range(lo, hi):
            if mode == "add" and (i in kept or page.lines[i].kind == "end"):
                continue
            label = page.labels[i] >= LABEL_MIN_SHARE
            rows.append(
                Row(key, i, line_features(page, i, kept, chars), label, page.lines[i].words)
            )
    return rows


def corrected(
    pages: dict[str, Page], rows: list[Row], probs: Sequence[float], mode: str, threshold: float
) -> dict[str, list[int]]:
    """The rules' kept lines with the model's flips at `threshold`."""
    out = {k: list(p.kept) for k, p in pages.items()}
    for row, p in zip(rows, probs, strict=True):
        if mode == "drop" and p < threshold:
            out[row.key].remove(row.line)
        elif mode == "add" and p >= threshold:
            out[row.key].append(row.line)
    return {k: sorted(v) for k, v in out.items()}


def logistic() -> object:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=0.3, max_iter=5000)


def boosted() -> object:
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(max_iter=30, max_depth=3, random_state=0)


def fit_predict(make: Callable[[], object], train: list[Row], test: list[Row]) -> list[float]:
    """Probabilities of `test` from a model trained on `train` (none: the rules stand)."""
    from sklearn.feature_extraction import DictVectorizer

    labels = [r.label for r in train]
    if not test or len(set(labels)) < 2:
        return [math.nan] * len(test)
    vectors = DictVectorizer()
    x = vectors.fit_transform([r.features for r in train]).toarray()
    model = make()
    model.fit(x, labels, sample_weight=[r.weight for r in train])
    return list(model.predict_proba(vectors.transform([r.features for r in test]).toarray())[:, 1])


def nested_lines(
    pages: dict[str, Page], mode: str, make: Callable[[], object]
) -> tuple[dict[str, list[int]], list[float | None]]:
    """Each fold's pages corrected by a model trained without them; thresholds chosen inside."""
    rows = line_rows(pages, mode)
    thresholds = DROP_THRESHOLDS if mode == "drop" else ADD_THRESHOLDS
    kept = {k: list(p.kept) for k, p in pages.items()}
    chosen: list[float | None] = []
    for fold in sorted({p.fold for p in pages.values()}):
        outer = {k: p for k, p in pages.items() if p.fold != fold}
        threshold = _inner_threshold(
            outer, [r for r in rows if r.key in outer], mode, make, thresholds
        )
        chosen.append(threshold)
        if threshold is None:
            continue
        test = [r for r in rows if pages[r.key].fold == fold]
        probs = fit_predict(make, [r for r in rows if r.key in outer], test)
        fixed = corrected({r.key: pages[r.key] for r in test}, test, probs, mode, threshold)
        kept |= fixed
    return kept, chosen


def _inner_threshold(
    pages: dict[str, Page],
    rows: list[Row],
    mode: str,
    make: Callable[[], object],
    thresholds: Sequence[float],
) -> float | None:
    """The threshold with the best inner-CV F1, or None when none beats the rules there."""
    probs: dict[tuple[str, int], float] = {}
    for fold in sorted({p.fold for p in pages.values()}):
        train = [r for r in rows if pages[r.key].fold != fold]
        test = [r for r in rows if pages[r.key].fold == fold]
        for row, p in zip(test, fit_predict(make, train, test), strict=True):
            probs[(row.key, row.line)] = p
    ordered = [probs[(r.key, r.line)] for r in rows]
    if any(math.isnan(p) for p in ordered):
        return None
    best, best_f1 = None, fold_f1(pages, {k: p.kept for k, p in pages.items()})[0]
    for threshold in thresholds:
        f1 = fold_f1(pages, corrected(pages, rows, ordered, mode, threshold))[0]
        if f1 > best_f1:
            best, best_f1 = threshold, f1
    return best


# --- fallback to the second-best run -------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    start: int
    end: int
    weight: float


def best_runs(lines: list[Line], count: int = 2) -> list[Run]:
    """The densest run, then the densest run of what is left on either side of it, and so on."""
    runs: list[Run] = []
    pieces = [(0, len(lines))]
    while pieces and len(runs) < count:
        found = []
        for lo, hi in pieces:
            span = densest_run(lines[lo:hi])
            if span is not None:
                weight = sum(line_weights(lines[lo:hi])[span[0] : span[1]])
                found.append((weight, lo + span[0], lo + span[1], (lo, hi)))
        if not found:
            break
        weight, start, end, piece = max(found)
        runs.append(Run(start, end, weight))
        pieces.remove(piece)
        pieces += [p for p in ((piece[0], start), (end, piece[1])) if p[1] > p[0]]
    return runs


def run_kept(lines: list[Line], run: Run) -> list[int]:
    """The lines the rules would keep had they chosen `run` (its edges set right as theirs)."""
    return body_lines(lines, *body_edges(lines, run.start, run.end))[0]


def run_features(lines: list[Line], run: Run, kept: list[int], best: Run) -> dict[str, float]:
    """Where a run sits, how long it is, and what is above and below it."""
    n = len(lines)
    goods = [i for i in range(run.start, run.end) if lines[i].kind == "good"]
    above = lines[max(0, run.start - META_ABOVE) : run.start]
    below = " ".join(ln.text for ln in lines[run.end : run.end + FOOTER_BELOW]).lower()
    return {
        "log_weight": math.log(max(run.weight, 1.0)),
        "weight_ratio": run.weight / best.weight,
        "start": run.start / n,
        "rest": (n - run.end) / n,
        "meta_above": float(
            any(
                ln.kind in ("short", "bad")
                and ln.words <= META_MAX_WORDS
                and (is_stamp(ln) or bool(byline_names(ln.text)))
                for ln in above
            )
        ),
        "footer_below": float("©" in below or "rights reserved" in below),
        "isolated": sum(is_isolated(lines, i) for i in goods) / max(1, len(goods)),
        "good_share": len(goods) / max(1, run.end - run.start),
        "log_chars": math.log1p(sum(len(lines[i].text) for i in kept)),
        "log_kept": math.log1p(len(kept)),
    }


def switch_rows(pages: dict[str, Page]) -> tuple[list[Row], dict[str, list[int]]]:
    """One row per page with two runs: the second's features, its difference from the first's,
    and whether the second run scores better by 0.05 of F1 or more."""
    rows, second = [], {}
    for key, page in pages.items():
        runs = best_runs(page.lines)
        if len(runs) < 2:
            continue
        kept = [run_kept(page.lines, run) for run in runs]
        a, b = (run_features(page.lines, r, k, runs[0]) for r, k in zip(runs, kept, strict=True))
        features = {f"best_{n}": v for n, v in a.items()} | {f"diff_{n}": b[n] - a[n] for n in a}
        f1 = [_page_f1(score_page(page.truth, page.text(k))) for k in kept]
        rows.append(Row(key, 0, features, f1[1] >= f1[0] + 0.05, 1.0))
        second[key] = kept[1]
    return rows, second


def _page_f1(s) -> float:
    return 2 * s.tp / (2 * s.tp + s.fp + s.fn) if s.tp else 0.0


def balanced_logistic() -> object:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=1.0, class_weight="balanced", max_iter=5000)


def nested_switch(pages: dict[str, Page]) -> tuple[dict[str, list[int]], list[float | None]]:
    """Each fold's pages switched to their second run by a model trained without them."""
    rows, second = switch_rows(pages)
    kept = {k: list(p.kept) for k, p in pages.items()}
    chosen: list[float | None] = []

    def switched(base: dict[str, list[int]], test: list[Row], probs, t: float) -> dict:
        return base | {r.key: second[r.key] for r, p in zip(test, probs, strict=True) if p >= t}

    for fold in sorted({p.fold for p in pages.values()}):
        outer = {k: p for k, p in pages.items() if p.fold != fold}
        inner_kept = {k: list(p.kept) for k, p in outer.items()}
        inner = {t: dict(inner_kept) for t in SWITCH_THRESHOLDS}
        usable = True
        for g in sorted({p.fold for p in outer.values()}):
            train = [r for r in rows if r.key in outer and pages[r.key].fold != g]
            test = [r for r in rows if r.key in outer and pages[r.key].fold == g]
            probs = fit_predict(balanced_logistic, train, test)
            usable &= not any(math.isnan(p) for p in probs)
            inner = {t: switched(inner[t], test, probs, t) for t in SWITCH_THRESHOLDS}
        base_f1 = fold_f1(outer, inner_kept)[0]
        scored = {t: fold_f1(outer, inner[t])[0] for t in SWITCH_THRESHOLDS}
        t = max(SWITCH_THRESHOLDS, key=scored.__getitem__)
        threshold = t if usable and scored[t] > base_f1 else None
        chosen.append(threshold)
        if threshold is not None:
            test = [r for r in rows if pages[r.key].fold == fold]
            probs = fit_predict(balanced_logistic, [r for r in rows if r.key in outer], test)
            kept = switched(kept, test, probs, threshold)
    return kept, chosen


def forced_switch(pages: dict[str, Page], threshold: float = 0.5) -> dict[str, list[int]]:
    """The same model at a fixed threshold, no inner choice (what it does when allowed to act)."""
    rows, second = switch_rows(pages)
    kept = {k: list(p.kept) for k, p in pages.items()}
    for fold in sorted({p.fold for p in pages.values()}):
        train = [r for r in rows if pages[r.key].fold != fold]
        test = [r for r in rows if pages[r.key].fold == fold]
        for row, p in zip(test, fit_predict(balanced_logistic, train, test), strict=True):
            if p >= threshold:
                kept[row.key] = second[row.key]
    return kept


# --- report --------------------------------------------------------------------------------------


def _line(name: str, f1: tuple[float, list[float]], base: tuple[float, list[float]], note: str):
    cells = "".join(f"{v:8.4f}" for v in f1[1])
    deltas = "".join(f"{v - b:+8.4f}" for v, b in zip(f1[1], base[1], strict=True))
    return f"{name:<30}{f1[0]:8.4f}{cells}   {deltas}  {note}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="extraction-dev folder")
    parser.add_argument("--folds", type=int, default=DEFAULT_FOLDS, help="how many folds (5)")
    parser.add_argument("--json", type=Path, help="write every variant's figures here")
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").exists():
        sys.stderr.write(f"no ground-truth.json under {args.data}: pass --data DIR\n")
        return 2
    pages = load_pages(args.data, args.folds)
    base = fold_f1(pages, {k: p.kept for k, p in pages.items()})
    folds = len(base[1])
    heads = "".join(f"{f'fold {i}':>8}" for i in range(folds))
    out = sys.stdout
    out.write(f"{'variant (nested)':<30}{'all':>8}{heads}   change per fold\n")
    out.write(_line(f"rules ({RULES_VERSION})", base, base, "") + "\n")
    report: dict[str, object] = {"rules": {"f1": base[0], "folds": base[1]}}
    variants = [
        (f"{mode} {name}", lambda m=mode, mk=make: nested_lines(pages, m, mk))
        for mode in ("drop", "add")
        for name, make in (("logistic", logistic), ("boosted", boosted))
    ]
    variants.append(("fallback logistic", lambda: nested_switch(pages)))
    variants.append(("fallback logistic at 0.5", lambda: (forced_switch(pages), None)))
    for name, run in variants:
        kept, chosen = run()
        f1 = fold_f1(pages, kept)
        note = (
            ""
            if chosen is None
            else "thresholds " + "/".join("off" if t is None else f"{t:g}" for t in chosen)
        )
        out.write(_line(name, f1, base, note) + "\n")
        report[name] = {"f1": f1[0], "folds": f1[1], "thresholds": chosen}
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
