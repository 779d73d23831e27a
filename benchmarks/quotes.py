"""Quote-attribution benchmark on ../shared/data/polnear-train: the evaluation gate for quotes.py.

Gold: for each article of metadata.tsv, the `.ann` file of its first annotator, "first" meaning
first in the `annotators` column (`4b22|4e07|...`; for the articles with several annotators that
is also the first in sorted order). Every attribution (`E` line) with a content counts.

Measures, printed for "all attributions" and for "direct quotes":
- content precision, recall and F1 with one-to-one matching (greedy, best overlap first) when the
  character overlap over union of the two contents is at least 0.5 ("overlap");
- the same when both contents cover the same characters once whitespace, punctuation and
  quotation marks are left out, i.e. their boundaries agree after trimming those ("trimmed");
- speaker accuracy: over overlap-matched pairs whose gold has a source, the share whose predicted
  speaker overlaps the gold source.

A predicted attribution is the set of quotes sharing one cue span (the pieces of an interrupted
quote, a paragraph continuing the one before), because PolNeAR joins those into one discontinuous
Content; quotes without a cue stand alone. The "per quote" line scores every Quote on its own
instead, for comparison. Direct quotes are the gold attributions whose content contains a
quotation mark (`"“”„«»`, the opening single mark `‘`, the doubled apostrophe `''` some wires
use, or a straight `'` opening a word; the closing single mark is left out because it is also the
apostrophe); on the predicted side, attributions with a quote of kind direct or mixed.

Throughput is articles per second of `extract_quotes` in this one process (one worker), over the
same texts, best of three passes. Reads shared data; writes nothing but the optional --json report.
Floors and the data fingerprint are pinned below; the gate fails loudly when either is missed.

    python benchmarks/quotes.py [--data DIR] [--limit N] [--json FILE]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from newscorpus.annotate.brat import parse_ann  # noqa: E402
from newscorpus.preannotate.quotes.rules import QUOTES_MODEL_VERSION, Quote, extract_quotes  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data" / "polnear-train"

# sha256 over metadata.tsv and every gold .ann used, in metadata order (see `fingerprint`).
DATA_SHA256 = "716b7ce277597165894caa883354fd432dd679278e5352669ab28bdf81cf60d4"
MIN_DIRECT_F1 = 0.90
MIN_DIRECT_SPEAKER = 0.90
MIN_ALL_F1 = 0.65
MIN_ARTICLES_PER_SECOND = 300.0
OVERLAP = 0.5

Fragments = tuple[tuple[int, int], ...]
_QUOTATION_MARKS = set('"“”„«»‘')


@dataclass(frozen=True)
class Article:
    name: str
    text: str
    gold: list[tuple[Fragments, Fragments]]  # (content, source) per attribution


@dataclass
class Counts:
    """Matched pairs and totals of one measure."""

    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0
    speaker_ok: int = 0
    speaker_n: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.n_pred += other.n_pred
        self.n_gold += other.n_gold
        self.speaker_ok += other.speaker_ok
        self.speaker_n += other.speaker_n

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_ok / self.speaker_n if self.speaker_n else 0.0


@dataclass
class Report:
    articles: int = 0
    chars: int = 0
    results: dict[str, Counts] = field(default_factory=dict)
    articles_per_second: float = 0.0
    fingerprint: str = ""

    def as_dict(self) -> dict:
        out: dict = {
            "model_version": QUOTES_MODEL_VERSION,
            "articles": self.articles,
            "mean_chars": round(self.chars / self.articles) if self.articles else 0,
            "articles_per_second": round(self.articles_per_second, 1),
            "data_sha256": self.fingerprint,
        }
        for key, c in self.results.items():
            out[key] = {
                "precision": round(c.precision, 4),
                "recall": round(c.recall, 4),
                "f1": round(c.f1, 4),
                "gold": c.n_gold,
                "predicted": c.n_pred,
                "matched": c.tp,
            }
            if c.speaker_n:
                out[key]["speaker_accuracy"] = round(c.speaker_accuracy, 4)
                out[key]["speaker_pairs"] = c.speaker_n
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
    files = gold_files(data)
    digest = fingerprint(data, files)
    if limit is not None:
        files = files[:limit]
    articles = []
    for name, txt, ann in files:
        doc = parse_ann(ann.read_text(encoding="utf-8"))
        gold = [(a.content, a.source) for a in doc.attributions]
        articles.append(Article(name, txt.read_text(encoding="utf-8"), gold))
    return articles, digest


# --- Scoring -----------------------------------------------------------------------------------


def _length(frags: Fragments) -> int:
    return sum(e - s for s, e in frags)


def _intersection(a: Fragments, b: Fragments) -> int:
    total = 0
    for s1, e1 in a:
        for s2, e2 in b:
            lo, hi = max(s1, s2), min(e1, e2)
            if hi > lo:
                total += hi - lo
    return total


def overlap_ratio(a: Fragments, b: Fragments) -> float:
    """Characters in both over characters in either (fragments within one side never overlap)."""
    inter = _intersection(a, b)
    union = _length(a) + _length(b) - inter
    return inter / union if union else 0.0


def _is_trimmed(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch)[0] in "PS" or ch in "'`"


def core_chars(text: str, frags: Fragments) -> frozenset[int]:
    """Positions of a content once whitespace, punctuation and quotation marks are left out."""
    return frozenset(i for s, e in frags for i in range(s, e) if not _is_trimmed(text[i]))


_OPENING_STRAIGHT_SINGLE = re.compile(r"(?:^|[\s(\[—–-])'\w")


def has_quotation_mark(text: str, frags: Fragments) -> bool:
    """Does a content contain a quotation mark (not an apostrophe)?"""
    content = " ".join(text[s:e] for s, e in frags)
    return (
        any(ch in _QUOTATION_MARKS for ch in content)
        or "''" in content
        or _OPENING_STRAIGHT_SINGLE.search(content) is not None
    )


def _merge(frags: Iterable[tuple[int, int]]) -> Fragments:
    out: list[list[int]] = []
    for s, e in sorted(frags):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return tuple((s, e) for s, e in out)


@dataclass(frozen=True)
class Predicted:
    content: Fragments
    speaker: tuple[int, int] | None
    direct: bool


def group_predictions(quotes: Sequence[Quote], by_cue: bool = True) -> list[Predicted]:
    """One predicted attribution per cue span (or per quote when `by_cue` is False)."""
    groups: dict[object, list[Quote]] = {}
    for i, q in enumerate(quotes):
        key: object = (q.cue.start, q.cue.end) if (by_cue and q.cue is not None) else ("q", i)
        groups.setdefault(key, []).append(q)
    out = []
    for qs in groups.values():
        sp = qs[0].speaker
        out.append(
            Predicted(
                content=_merge((q.start, q.end) for q in qs),
                speaker=(sp.start, sp.end) if sp else None,
                direct=any(q.kind in ("direct", "mixed") for q in qs),
            )
        )
    return out


def match(
    text: str,
    gold: Sequence[tuple[Fragments, Fragments]],
    pred: Sequence[Predicted],
    trimmed: bool,
) -> Counts:
    """One-to-one matching, best pairs first; speaker checked on overlap matching only."""
    counts = Counts(n_pred=len(pred), n_gold=len(gold))
    pairs: list[tuple[float, int, int]] = []
    if trimmed:
        gold_core = [core_chars(text, g[0]) for g in gold]
        index: dict[frozenset[int], list[int]] = {}
        for gi, core in enumerate(gold_core):
            if core:
                index.setdefault(core, []).append(gi)
        for pi, p in enumerate(pred):
            for gi in index.get(core_chars(text, p.content), ()):
                pairs.append((1.0, gi, pi))
    else:
        for gi, (g, _) in enumerate(gold):
            g_lo, g_hi = g[0][0], g[-1][1]
            for pi, p in enumerate(pred):
                if p.content[0][0] >= g_hi or p.content[-1][1] <= g_lo:
                    continue
                r = overlap_ratio(g, p.content)
                if r >= OVERLAP:
                    pairs.append((r, gi, pi))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        counts.tp += 1
        source = gold[gi][1]
        if not trimmed and source:
            counts.speaker_n += 1
            sp = pred[pi].speaker
            if sp is not None and _intersection((sp,), source) > 0:
                counts.speaker_ok += 1
    return counts


def score_article(article: Article, quotes: Sequence[Quote]) -> dict[str, Counts]:
    text = article.text
    out: dict[str, Counts] = {}
    gold_direct = [g for g in article.gold if has_quotation_mark(text, g[0])]
    for label, by_cue in (("", True), ("per quote ", False)):
        pred = group_predictions(quotes, by_cue=by_cue)
        pred_direct = [p for p in pred if p.direct]
        for trimmed in (False, True):
            how = "trimmed" if trimmed else "overlap"
            if label and trimmed:
                continue
            out[f"{label}all/{how}"] = match(text, article.gold, pred, trimmed)
            out[f"{label}direct/{how}"] = match(text, gold_direct, pred_direct, trimmed)
    return out


def evaluate(data: Path = DEFAULT_DATA, limit: int | None = None, passes: int = 3) -> Report:
    articles, digest = load(data, limit)
    report = Report(articles=len(articles), fingerprint=digest)
    report.chars = sum(len(a.text) for a in articles)
    best = float("inf")
    predictions: list[list[Quote]] = []
    for _ in range(max(1, passes)):
        t0 = time.perf_counter()
        predictions = [extract_quotes(a.text) for a in articles]
        best = min(best, time.perf_counter() - t0)
    report.articles_per_second = len(articles) / best if best > 0 else float("inf")
    for article, quotes in zip(articles, predictions, strict=True):
        for key, c in score_article(article, quotes).items():
            report.results.setdefault(key, Counts()).add(c)
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
        out.append(f"{report.articles_per_second:.0f} articles/s < {MIN_ARTICLES_PER_SECOND}")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=None, help="first N articles only")
    ap.add_argument("--json", type=Path, default=None, help="also write the report here")
    args = ap.parse_args(argv)
    report = evaluate(args.data, args.limit)
    d = report.as_dict()
    print(
        f"quote attribution, {QUOTES_MODEL_VERSION}, PolNeAR train, {d['articles']} articles "
        f"(mean {d['mean_chars']} chars), first annotator as gold"
    )
    print(f"{'measure':<24}{'P':>8}{'R':>8}{'F1':>8}{'speaker':>9}{'gold':>7}{'pred':>7}")
    for key, c in report.results.items():
        spk = f"{c.speaker_accuracy:9.3f}" if c.speaker_n else f"{'':9}"
        print(
            f"{key:<24}{c.precision:8.3f}{c.recall:8.3f}{c.f1:8.3f}{spk}{c.n_gold:7d}{c.n_pred:7d}"
        )
    print(f"throughput: {report.articles_per_second:.0f} articles/s (one process, best of 3)")
    print(f"data sha256: {report.fingerprint}")
    if args.json:
        args.json.write_text(json.dumps(d, indent=2) + "\n", encoding="utf-8")
    problems = failures(report)
    if args.limit is None and report.fingerprint != DATA_SHA256:
        problems.append(f"evaluation data changed: sha256 {report.fingerprint} != {DATA_SHA256}")
    for p in problems:
        print(f"FAIL: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
