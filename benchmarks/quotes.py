"""Quote-attribution benchmark on ../shared/data/polnear-train: the evaluation gate for quotes.

Gold: for each article of metadata.tsv, the `.ann` file of its first annotator, "first" meaning
first in the `annotators` column (`4b22|4e07|...`; for the articles with several annotators that
is also the first in sorted order). Every attribution (`E` line) with a content counts.

Folds: every article falls in one of K folds (default 5) by a hash of its name (see folds.py),
never by its position, so a change can be developed on some folds and checked on one it has not
seen, and every figure comes with its per-fold values and their spread (max - min).

Measures (benchmarks/quote_scoring.py says exactly how each is counted):
- "all attributions" and "direct quotes": content precision, recall and F1 with one-to-one
  matching (best overlap first) when overlap over union is at least 0.5 ("overlap"), or when both
  contents cover the same characters once whitespace, punctuation and quotation marks are left out
  ("trimmed"); speaker accuracy over overlap-matched pairs whose gold has a source. Direct quotes
  are the gold contents containing a quotation mark, against predicted attributions holding a
  quote of kind direct or mixed. The floors apply to these.
- by kind and role (CofeNet's report): the contiguous spans of each role (content, source, cue),
  each once per article, matched by the same start and end ("exact"), the same start ("begin") or
  overlap over union >= 0.5 ("overlap"), for all attributions and for each kind. A content's kind
  comes from its quotation marks, read the same way on both sides: direct when they cover all of
  its letters and digits, mixed when they cover part, indirect when none.

A predicted attribution is the set of quotes sharing one cue span (the pieces of an interrupted
quote, a paragraph continuing the one before), because PolNeAR joins those into one discontinuous
Content; quotes without a cue stand alone. The "per quote" lines score every Quote on its own.

Throughput is articles per second of `extract_quotes` in this one process (one worker), over the
same texts, best of three passes, by this process's CPU time and by the wall clock; the gate is on
CPU time, since extraction runs on one core and the wall clock of a shared machine gives it only
its share of one (about half at a load average of 4 on 2 cores). Reads shared data; writes nothing
but the optional --json report.
Floors and the data fingerprint are pinned below; the gate fails loudly when either is missed.

    python benchmarks/quotes.py [--data DIR] [--limit N] [--folds K] [--fold I] [--json [FILE]]
        [--rules-only]

The extractor runs with its packaged model (quotes.model) unless --rules-only: that model was
trained on this split, so its figures here are in-sample; the held-out figures of rules and model
together come from benchmarks/quotes_model.py (nested cross-validation).

Other scripts import it (tests/conftest.py load_benchmark, or importlib) and call
`evaluate(data, folds=5)`, or `load` then `score(articles, predictions, folds)` to score
predictions of their own; both return a `Report` with totals and per-fold `FoldResult`s.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
for _path in (REPO / "src", Path(__file__).resolve().parent):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from folds import DEFAULT_FOLDS, check_fold, fold_of, spread  # noqa: E402
from quote_scoring import (  # noqa: E402
    MIXED,
    ROLES,
    SPAN_MATCHES,
    Counts,
    Gold,
    Predicted,
    content_kind,
    has_quotation_mark,
    match,
    merge,
    role_counts,
)

from newscorpus.annotate.brat import parse_ann  # noqa: E402
from newscorpus.labels import QUOTE_KINDS  # noqa: E402
from newscorpus.preannotate.quotes import (  # noqa: E402
    QUOTES_MODEL_VERSION,
    Quote,
    extract_quotes,
)
from newscorpus.preannotate.quotes.model import RULES_ONLY, QuoteModel  # noqa: E402

__all__ = ["Counts", "FoldResult", "Report", "content_kind", "evaluate", "fold_of", "score"]

DEFAULT_DATA = REPO.parent / "shared" / "data" / "polnear-train"

# sha256 over metadata.tsv and every gold .ann used, in metadata order (see `fingerprint`).
DATA_SHA256 = "716b7ce277597165894caa883354fd432dd679278e5352669ab28bdf81cf60d4"
MIN_DIRECT_F1 = 0.90
MIN_DIRECT_SPEAKER = 0.90
MIN_ALL_F1 = 0.65
MIN_ARTICLES_PER_SECOND = 300.0

# The per-fold table: (row label, measure key, figure).
FOLD_ROWS: tuple[tuple[str, str, str], ...] = (
    ("direct overlap P", "direct/overlap", "precision"),
    ("direct overlap R", "direct/overlap", "recall"),
    ("direct overlap F1", "direct/overlap", "f1"),
    ("direct speaker accuracy", "direct/overlap", "speaker_accuracy"),
    ("direct trimmed F1", "direct/trimmed", "f1"),
    ("all overlap P", "all/overlap", "precision"),
    ("all overlap R", "all/overlap", "recall"),
    ("all overlap F1", "all/overlap", "f1"),
    ("all speaker accuracy", "all/overlap", "speaker_accuracy"),
    ("all trimmed F1", "all/trimmed", "f1"),
)
ATTRIBUTION_KEYS = (
    "all/overlap",
    "direct/overlap",
    "all/trimmed",
    "direct/trimmed",
    "per quote all/overlap",
    "per quote direct/overlap",
)


@dataclass(frozen=True)
class Article:
    name: str
    text: str
    gold: list[Gold]


@dataclass
class FoldResult:
    """The measures over the articles of one fold."""

    fold: int
    articles: int = 0
    results: dict[str, Counts] = field(default_factory=dict)


@dataclass
class Report:
    articles: int = 0
    chars: int = 0
    results: dict[str, Counts] = field(default_factory=dict)  # totals over the scored folds
    folds: list[FoldResult] = field(default_factory=list)  # the scored folds only
    n_folds: int = DEFAULT_FOLDS
    articles_per_second: float = 0.0  # by this process's CPU time (the gate's figure)
    articles_per_second_wall: float = 0.0
    load_average: tuple[float, ...] = ()  # while timing
    passes: int = 3  # timing passes over the articles, the best one counted
    fingerprint: str = ""

    def figure(self, key: str, figure: str, fold: int | None = None) -> float:
        """One figure (precision, recall, f1, speaker_accuracy) of a measure, total or one fold."""
        results = self.results if fold is None else self.fold(fold).results
        return float(getattr(results[key], figure))

    def fold(self, index: int) -> FoldResult:
        return next(f for f in self.folds if f.fold == index)

    def spread(self, key: str, figure: str = "f1") -> float:
        """Max - min of a figure over the scored folds."""
        return spread([float(getattr(f.results[key], figure)) for f in self.folds])

    def as_dict(self) -> dict:
        out: dict = {
            "model_version": QUOTES_MODEL_VERSION,
            "articles": self.articles,
            "mean_chars": round(self.chars / self.articles) if self.articles else 0,
            "articles_per_second": round(self.articles_per_second, 1),
            "articles_per_second_wall": round(self.articles_per_second_wall, 1),
            "load_average": [round(x, 2) for x in self.load_average],
            "data_sha256": self.fingerprint,
            "folds": self.n_folds,
            "scored_folds": [f.fold for f in self.folds],
        }
        for key, c in self.results.items():
            out[key] = _counts_dict(c)
            out[key]["spread"] = {
                fig: round(self.spread(key, fig), 4) for fig in _figures(c) if len(self.folds) > 1
            }
        out["per_fold"] = [
            {"fold": f.fold, "articles": f.articles}
            | {key: _counts_dict(c) for key, c in f.results.items()}
            for f in self.folds
        ]
        return out


def _figures(c: Counts) -> tuple[str, ...]:
    base = ("precision", "recall", "f1")
    return (*base, "speaker_accuracy") if c.speaker_n else base


def _counts_dict(c: Counts) -> dict:
    out: dict = {fig: round(float(getattr(c, fig)), 4) for fig in ("precision", "recall", "f1")}
    out |= {"gold": c.n_gold, "predicted": c.n_pred, "matched": c.tp}
    if c.speaker_n:
        out["speaker_accuracy"] = round(c.speaker_accuracy, 4)
        out["speaker_pairs"] = c.speaker_n
    return out


# --- Loading -----------------------------------------------------------------------------------


def gold_files(data: Path) -> list[tuple[str, Path, Path]]:
    """(article name, text path, first annotator's .ann path) in metadata order."""
    meta = data / "metadata.tsv"
    if not meta.exists():
        raise FileNotFoundError(f"{meta} is missing: point --data at the PolNeAR train split")
    out = []
    with meta.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            first = row["annotators"].split("|")[0].strip()
            ann = data / "attributions" / f"{row['filename']}_{first}.ann"
            txt = data / "text" / f"{row['filename']}.txt"
            if ann.exists() and txt.exists():
                out.append((row["filename"], txt, ann))
    return out


def fingerprint(data: Path, files: Sequence[tuple[str, Path, Path]]) -> str:
    h = hashlib.sha256((data / "metadata.tsv").read_bytes())
    for _, _, ann in files:
        h.update(ann.read_bytes())
    return h.hexdigest()


def load(data: Path, limit: int | None = None) -> tuple[list[Article], str]:
    """Articles with their gold attributions, and the fingerprint of the whole split."""
    files = gold_files(data)
    digest = fingerprint(data, files)
    if limit is not None:
        files = files[:limit]
    articles = []
    for name, txt, ann in files:
        doc = parse_ann(ann.read_text(encoding="utf-8"))
        gold = [Gold(a.content, a.source, a.cue) for a in doc.attributions]
        articles.append(Article(name, txt.read_text(encoding="utf-8"), gold))
    return articles, digest


# --- Scoring -----------------------------------------------------------------------------------


def group_predictions(quotes: Sequence[Quote], by_cue: bool = True) -> list[Predicted]:
    """One predicted attribution per cue span (or per quote when `by_cue` is False)."""
    groups: dict[object, list[Quote]] = {}
    for i, q in enumerate(quotes):
        key: object = (q.cue.start, q.cue.end) if (by_cue and q.cue is not None) else ("q", i)
        groups.setdefault(key, []).append(q)
    out = []
    for qs in groups.values():
        sp, cue = qs[0].speaker, qs[0].cue
        out.append(
            Predicted(
                content=merge((q.start, q.end) for q in qs),
                speaker=(sp.start, sp.end) if sp else None,
                direct=any(q.kind in ("direct", MIXED) for q in qs),
                cue=(cue.start, cue.end) if cue else None,
            )
        )
    return out


def score_article(article: Article, quotes: Sequence[Quote]) -> dict[str, Counts]:
    """Every measure's counts on one article."""
    text = article.text
    out: dict[str, Counts] = {}
    gold_direct = [g for g in article.gold if has_quotation_mark(text, g.content)]
    for label, by_cue in (("", True), ("per quote ", False)):
        pred = group_predictions(quotes, by_cue=by_cue)
        pred_direct = [p for p in pred if p.direct]
        for trimmed in (False, True):
            how = "trimmed" if trimmed else "overlap"
            if label and trimmed:
                continue
            out[f"{label}all/{how}"] = match(text, article.gold, pred, trimmed)
            out[f"{label}direct/{how}"] = match(text, gold_direct, pred_direct, trimmed)
    out |= role_counts(text, article.gold, group_predictions(quotes))
    return out


def score(
    articles: Sequence[Article],
    predictions: Sequence[Sequence[Quote]],
    folds: int = DEFAULT_FOLDS,
) -> Report:
    """Totals and per-fold results of predictions (one list of quotes per article, same order)."""
    report = Report(articles=len(articles), n_folds=folds)
    report.chars = sum(len(a.text) for a in articles)
    by_fold: dict[int, FoldResult] = {}
    for article, quotes in zip(articles, predictions, strict=True):
        index = fold_of(article.name, folds)
        fold = by_fold.setdefault(index, FoldResult(index))
        fold.articles += 1
        for key, c in score_article(article, quotes).items():
            fold.results.setdefault(key, Counts()).add(c)
            report.results.setdefault(key, Counts()).add(c)
    report.folds = [by_fold[i] for i in sorted(by_fold)]
    return report


@dataclass(frozen=True)
class Throughput:
    """Articles per second of the best pass, by this process's CPU time and by the wall clock,
    and the load average after the passes."""

    cpu: float
    wall: float
    load_average: tuple[float, ...]


def _rate(n: int, seconds: float) -> float:
    return n / seconds if seconds > 0 else float("inf")


def predict(
    articles: Sequence[Article], passes: int = 3, model: QuoteModel | None = None
) -> tuple[list[list[Quote]], Throughput]:
    """extract_quotes on every article, and its throughput (best of `passes`); `model` as
    extract_quotes takes it (None: the packaged model, RULES_ONLY: the rules alone)."""
    wall = cpu = float("inf")
    predictions: list[list[Quote]] = []
    for _ in range(max(1, passes)):
        started, cpu_started = time.perf_counter(), time.process_time()
        predictions = [extract_quotes(a.text, model=model) for a in articles]
        cpu = min(cpu, time.process_time() - cpu_started)
        wall = min(wall, time.perf_counter() - started)
    n = len(articles)
    return predictions, Throughput(_rate(n, cpu), _rate(n, wall), os.getloadavg())


def evaluate(
    data: Path = DEFAULT_DATA,
    limit: int | None = None,
    passes: int = 3,
    folds: int = DEFAULT_FOLDS,
    fold: int | None = None,
    model: QuoteModel | None = None,
) -> Report:
    """Score extract_quotes on the split (or only on fold `fold` of `folds`). With the packaged
    model (the default) the learned part has seen every article: benchmarks/quotes_model.py
    gives the held-out figures."""
    check_fold(fold, folds)
    articles, digest = load(data, limit)
    if fold is not None:
        articles = [a for a in articles if fold_of(a.name, folds) == fold]
    predictions, rate = predict(articles, passes, model)
    report = score(articles, predictions, folds)
    report.fingerprint = digest
    report.articles_per_second = rate.cpu
    report.articles_per_second_wall = rate.wall
    report.load_average = rate.load_average
    report.passes = max(1, passes)
    return report


def failures(report: Report) -> list[str]:
    """Floors the report misses (empty when the gate passes)."""
    out = []
    direct = report.results["direct/overlap"]
    every = report.results["all/overlap"]
    if direct.f1 < MIN_DIRECT_F1:
        out.append(f"direct-quote F1 {direct.f1:.3f} < {MIN_DIRECT_F1}")
    if direct.speaker_accuracy < MIN_DIRECT_SPEAKER:
        out.append(f"direct speaker accuracy {direct.speaker_accuracy:.3f} < {MIN_DIRECT_SPEAKER}")
    if every.f1 < MIN_ALL_F1:
        out.append(f"all-attribution F1 {every.f1:.3f} < {MIN_ALL_F1}")
    if report.articles_per_second < MIN_ARTICLES_PER_SECOND:
        out.append(
            f"{report.articles_per_second:.0f} articles/s of CPU time < {MIN_ARTICLES_PER_SECOND}"
        )
    return out


# --- Text report -------------------------------------------------------------------------------


def totals_lines(report: Report) -> list[str]:
    lines = [f"{'measure':<26}{'P':>7}{'R':>7}{'F1':>7}{'speaker':>9}{'gold':>7}{'pred':>7}"]
    for key in ATTRIBUTION_KEYS:
        c = report.results[key]
        spk = f"{c.speaker_accuracy:9.3f}" if c.speaker_n else f"{'':9}"
        lines.append(
            f"{key:<26}{c.precision:7.3f}{c.recall:7.3f}{c.f1:7.3f}{spk}{c.n_gold:7d}{c.n_pred:7d}"
        )
    return lines


def _spread_cell(report: Report, key: str, figure: str, width: int) -> str:
    """The spread, or a dash where a single fold was scored."""
    if len(report.folds) < 2:
        return f"{'-':>{width}}"
    return f"{report.spread(key, figure):{width}.3f}"


def fold_lines(report: Report) -> list[str]:
    """The headline figures: total, each scored fold, spread."""
    heads = "".join(f"{f'fold {f.fold}':>8}" for f in report.folds)
    lines = [f"{'per fold':<26}{'total':>7}{heads}{'spread':>8}"]
    sizes = "".join(f"{f.articles:8d}" for f in report.folds)
    lines.append(f"{'articles':<26}{report.articles:7d}{sizes}")
    for label, key, fig in FOLD_ROWS:
        cells = "".join(f"{report.figure(key, fig, f.fold):8.3f}" for f in report.folds)
        gap = _spread_cell(report, key, fig, 8)
        lines.append(f"{label:<26}{report.figure(key, fig):7.3f}{cells}{gap}")
    return lines


def role_lines(report: Report) -> list[str]:
    """F1 by kind and role, each with its spread over the folds."""
    heads = "".join(f"{how:>9}{'±':>7}" for how in SPAN_MATCHES)
    lines = [f"{'kind':<10}{'role':<9}{'gold':>7}{'pred':>7}{heads}"]
    for kind in ("all", *QUOTE_KINDS):
        for role in ROLES:
            first = report.results[f"roles/{kind}/{role}/exact"]
            cells = ""
            for how in SPAN_MATCHES:
                key = f"roles/{kind}/{role}/{how}"
                cells += f"{report.results[key].f1:9.3f}{_spread_cell(report, key, 'f1', 7)}"
            lines.append(f"{kind:<10}{role:<9}{first.n_gold:7d}{first.n_pred:7d}{cells}")
    return lines


def throughput_line(report: Report) -> str:
    load = ", ".join(f"{x:.1f}" for x in report.load_average)
    wall = report.articles_per_second_wall
    return (
        f"throughput: {report.articles_per_second:.0f} articles/s by CPU time (the gate), "
        f"{wall:.0f} by the wall clock (one process, best of {report.passes}; load average {load})"
    )


def text_report(report: Report) -> list[str]:
    d = report.as_dict()
    return [
        f"quote attribution, {QUOTES_MODEL_VERSION}, PolNeAR train, {d['articles']} articles "
        f"(mean {d['mean_chars']} chars), first annotator as gold, {report.n_folds} folds by "
        "sha256 of the article name",
        *totals_lines(report),
        "",
        *fold_lines(report),
        "",
        "F1 by kind (quotation marks over all/none/part of the content) and role; exact, begin "
        "(same start), overlap (>= 0.5 of the union); ± = spread over the folds",
        *role_lines(report),
        "",
        throughput_line(report),
        f"data sha256: {report.fingerprint}",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=None, help="first N articles only")
    ap.add_argument("--folds", type=int, default=DEFAULT_FOLDS, help="how many folds (default 5)")
    ap.add_argument("--fold", type=int, default=None, help="score only this fold (0 .. K-1)")
    ap.add_argument(
        "--rules-only",
        action="store_true",
        help="the rules alone, without the packaged model (whose figures here are in-sample)",
    )
    ap.add_argument(
        "--json",
        nargs="?",
        const="-",
        default=None,
        metavar="FILE",
        help="write the report as JSON to FILE, or alone: print only the JSON",
    )
    args = ap.parse_args(argv)
    try:
        check_fold(args.fold, args.folds)
    except ValueError as e:
        ap.error(str(e))
    model = RULES_ONLY if args.rules_only else None
    report = evaluate(args.data, args.limit, folds=args.folds, fold=args.fold, model=model)
    problems = failures(report)
    if args.limit is None and report.fingerprint != DATA_SHA256:
        problems.append(f"evaluation data changed: sha256 {report.fingerprint} != {DATA_SHA256}")
    d = report.as_dict() | {"failures": problems}
    if args.json == "-":
        print(json.dumps(d, indent=1))
    else:
        print("\n".join(text_report(report)))
        if args.json:
            Path(args.json).write_text(json.dumps(d, indent=1) + "\n", encoding="utf-8")
    for p in problems:
        print(f"FAIL: {p}", file=sys.stderr if args.json == "-" else sys.stdout)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
