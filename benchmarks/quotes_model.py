"""Training and nested cross-validation of the quote extractor's learned part (quotes.model).

The rules propose candidates; logistic models (scikit-learn, CPU, deterministic) learn from
PolNeAR train which candidate to take: a content's end and start among the rules' alternatives
(heads "end" and "start", see quotes.bounds). Each decision the extractor meets is recorded once
with the rules alone, with every candidate's features and offsets; a candidate is a positive
when it ends (starts) where the gold content it overlaps most ends (starts), once whitespace and
punctuation are left out. Decisions with no positive candidate teach nothing and are left out.

Nested evaluation: for every fold I of K (benchmarks/folds.py, by article-name hash), the model
is trained on the other K-1 folds only and fold I is scored with it; the per-fold table is
therefore held-out throughout. `--write` trains on every article and writes the packaged model
(newscorpus/resources/quotes_model.json) and its card (quotes_model.card.json).

    python benchmarks/quotes_model.py [--data DIR] [--folds K] [--json FILE] [--write]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
for _path in (REPO / "src", Path(__file__).resolve().parent):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

import quotes as bench  # noqa: E402
from folds import DEFAULT_FOLDS, fold_of  # noqa: E402
from quote_scoring import OVERLAP, is_trimmed, merge, overlap_ratio  # noqa: E402

from newscorpus.preannotate.quotes import QUOTES_MODEL_VERSION, extract_quotes  # noqa: E402
from newscorpus.preannotate.quotes.model import MODEL_FILE, QuoteModel  # noqa: E402

RESOURCES = REPO / "src" / "newscorpus" / "resources"
CARD_FILE = "quotes_model.card.json"
# Inverse regularization strength of every head, and the fewest trainings a feature needs.
C = 0.5
MIN_FEATURE_COUNT = 10
# Weights smaller than this are left out of the shipped file.
MIN_WEIGHT = 1e-3
BOUND_HEADS = ("end", "start")
# The learned part's version: the rules' version, then a revision number appended (`-model2`, ...)
# when its candidates or features change under rules already shipped.
MODEL_VERSION = f"{QUOTES_MODEL_VERSION}-model"


@dataclass
class Decision:
    """One choice the extractor met: its candidates' features and offsets."""

    head: str
    features: list[list[str]]
    spans: list[tuple[int, int]]


@dataclass
class Recorder:
    """Stands in for a model while the rules run: records every decision, keeps the rules'."""

    decisions: list[Decision] = field(default_factory=list)

    def has(self, head: str) -> bool:
        return head in BOUND_HEADS

    def best(self, head: str, candidates: list[list[str]], spans=None) -> int:
        self.decisions.append(Decision(head, candidates, spans() if spans else []))
        return 0


@dataclass
class KeepRecorder:
    """Runs a model's bound heads and records every keep candidate (features, contents)."""

    model: QuoteModel
    candidates: list[tuple[list[str], list[tuple[int, int]]]] = field(default_factory=list)

    def has(self, head: str) -> bool:
        return head == "keep" or self.model.has(head)

    def threshold(self, head: str) -> float:
        return 0.0

    def best(self, head: str, candidates: list[list[str]], spans=None) -> int:
        return self.model.best(head, candidates)

    def probability(self, head: str, features: list[str], spans=None) -> float:
        self.candidates.append((features, list(spans or [])))
        return 1.0


def keep_examples(
    articles: Sequence[bench.Article], model: QuoteModel
) -> dict[str, list[tuple[list[str], bool]]]:
    """Per article, every candidate attribution with bounds from `model`, labelled True when
    its content overlaps a gold content by at least half of their union."""
    out = {}
    for a in articles:
        rec = KeepRecorder(model)
        extract_quotes(a.text, model=rec)  # type: ignore[arg-type]
        rows = []
        for feats, spans in rec.candidates:
            content = merge(spans)
            label = bool(content) and any(
                overlap_ratio(g.content, content) >= OVERLAP for g in a.gold
            )
            rows.append((feats, label))
        out[a.name] = rows
    return out


def record(articles: Sequence[bench.Article]) -> dict[str, list[Decision]]:
    """Every bound decision of the rules alone, per article."""
    out = {}
    for a in articles:
        rec = Recorder()
        extract_quotes(a.text, model=rec)  # type: ignore[arg-type]
        out[a.name] = rec.decisions
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and is_trimmed(text[s]):
        s += 1
    while e > s and is_trimmed(text[e - 1]):
        e -= 1
    return s, e


def _gold_piece(article: bench.Article, span: tuple[int, int]) -> tuple[int, int] | None:
    """The gold content fragment overlapping the rules' span most, trimmed."""
    best, piece = 0.0, None
    for g in article.gold:
        for frag in g.content:
            r = overlap_ratio((frag,), (span,))
            if r > best:
                best, piece = r, frag
    return _trim(article.text, *piece) if piece else None


def examples(article: bench.Article, decisions: list[Decision], head: str):
    """(features, label) of every candidate of the article's decisions that have a positive:
    the candidate ending (starting) where the gold content does."""
    side = 1 if head == "end" else 0
    for d in decisions:
        if d.head != head or len(d.spans) < 2:
            continue
        piece = _gold_piece(article, d.spans[0])
        if piece is None:
            continue
        labels = [_trim(article.text, *sp)[side] == piece[side] for sp in d.spans]
        if any(labels):
            yield from zip(d.features, labels, strict=True)


def train_head(rows: list[tuple[list[str], bool]]) -> tuple[dict[str, float], float]:
    """Logistic regression of binary labels over the features seen often enough; the weights
    above `MIN_WEIGHT` and the intercept."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for feats, _ in rows:
        for f in feats:
            counts[f] = counts.get(f, 0) + 1
    keep = {f for f, n in counts.items() if n >= MIN_FEATURE_COUNT}
    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys((f for f in feats if f in keep), 1) for feats, _ in rows])
    lr = LogisticRegression(C=C, max_iter=2000)
    lr.fit(x, [int(label) for _, label in rows])
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vec.get_feature_names_out(), lr.coef_[0], strict=True)
        if abs(w) >= MIN_WEIGHT
    }
    return weights, round(float(lr.intercept_[0]), 4)


def best_threshold(scored: list[tuple[float, bool]], gold: int) -> float:
    """The keep threshold that maximizes F1 = 2 TP / (kept + gold) over out-of-fold scores."""
    scored = sorted(scored, reverse=True)
    best, best_f1, tp = 1.0, 0.0, 0
    for i, (p, label) in enumerate(scored):
        tp += label
        f1 = 2 * tp / (i + 1 + gold)
        if f1 > best_f1 and (i + 1 == len(scored) or scored[i + 1][0] < p):
            best, best_f1 = p, f1
    return round(best, 4)


def fit_keep(
    articles: Sequence[bench.Article], rows: dict[str, list[tuple[list[str], bool]]], folds: int
) -> tuple[dict[str, float], float, float]:
    """The keep head on these articles, its threshold chosen by an inner cross-validation
    over the same articles' folds (never the held-out one)."""
    scored: list[tuple[float, bool]] = []
    inner = sorted({fold_of(a.name, folds) for a in articles})
    for f in inner:
        fit_rows = [r for a in articles if fold_of(a.name, folds) != f for r in rows[a.name]]
        w, b = train_head(fit_rows)
        probe = QuoteModel(weights={"keep": w}, intercepts={"keep": b})
        scored += [
            (probe.probability("keep", feats), label)
            for a in articles
            if fold_of(a.name, folds) == f
            for feats, label in rows[a.name]
        ]
    gold = sum(len(a.gold) for a in articles)
    w, b = train_head([r for a in articles for r in rows[a.name]])
    return w, b, best_threshold(scored, gold)


def fit(
    articles: Sequence[bench.Article],
    decisions: dict[str, list[Decision]],
    version: str,
    folds: int = DEFAULT_FOLDS,
    with_keep: bool = True,
) -> QuoteModel:
    """A model trained on these articles only: the bound heads on the rules' decisions, then
    the keep head on the candidates those bounds give."""
    weights, intercepts = {}, {}
    for head in BOUND_HEADS:
        pairs = [p for a in articles for p in examples(a, decisions[a.name], head)]
        if pairs:
            weights[head], intercepts[head] = train_head(pairs)
    bounds = QuoteModel(weights=weights, intercepts=intercepts, version=version)
    if not with_keep:
        return bounds
    rows = keep_examples(articles, bounds)
    weights["keep"], intercepts["keep"], threshold = fit_keep(articles, rows, folds)
    return QuoteModel(
        weights=weights, intercepts=intercepts, thresholds={"keep": threshold}, version=version
    )


def cross_validate(
    articles: Sequence[bench.Article], decisions: dict[str, list[Decision]], folds: int
) -> tuple[bench.Report, float, float]:
    """Each fold scored by a model trained on the other folds; and articles per second of
    this process's CPU time and of the wall clock."""
    predictions: dict[str, list] = {}
    seconds = wall = 0.0
    for f in range(folds):
        train = [a for a in articles if fold_of(a.name, folds) != f]
        test = [a for a in articles if fold_of(a.name, folds) == f]
        model = fit(train, decisions, f"cv-{f}", folds)
        t0, cpu0 = time.perf_counter(), time.process_time()
        for a in test:
            predictions[a.name] = extract_quotes(a.text, model=model)
        seconds += time.process_time() - cpu0
        wall += time.perf_counter() - t0
    preds = [predictions[a.name] for a in articles]
    return bench.score(articles, preds, folds), len(articles) / seconds, len(articles) / wall


CARD_KEYS = ("all/overlap", "direct/overlap", "all/trimmed")


def card(model: QuoteModel, articles: int, report: bench.Report) -> dict:
    """The model card: what the model is, how it was trained, what it scores held out."""
    return {
        "name": MODEL_FILE,
        "model_version": model.version,
        "extractor": QUOTES_MODEL_VERSION,
        "what": "linear (logistic) scorers over the quote rules' own candidates: where a "
        "reported clause ends (head end) and starts (head start) among the rules' alternatives "
        "(with these heads a relative pronoun that is the cue's object before the speaker opens "
        "the content, as PolNeAR marks it), and which candidate attributions to keep (head "
        "keep, kept when p >= threshold)",
        "features": "string features of shapes (the reading that found a candidate, its cue "
        "lemma, token classes around a boundary, lengths); no article, person or phrase",
        "trained_on": f"PolNeAR train, {articles} articles, first annotator as gold",
        "training": f"scikit-learn LogisticRegression(C={C}, lbfgs), features seen >= "
        f"{MIN_FEATURE_COUNT} times, weights >= {MIN_WEIGHT}; keep threshold by an inner "
        "cross-validation; CPU, deterministic; python benchmarks/quotes_model.py --write",
        "features_per_head": {h: len(w) for h, w in model.weights.items()},
        "thresholds": dict(model.thresholds),
        "evaluation": "nested 5-fold cross-validation by article-name hash: each fold scored by "
        "a model trained on the other four (benchmarks/quotes_model.py)",
        "nested_cv": {
            key: {
                "total": {
                    fig: round(report.figure(key, fig), 4) for fig in ("precision", "recall", "f1")
                },
                "f1_per_fold": [round(report.figure(key, "f1", f.fold), 4) for f in report.folds],
            }
            for key in CARD_KEYS
        },
        "limits": "English news; learned PolNeAR's attribution conventions (which differ from "
        "other corpora's); a rule change shifts the candidates, so the model is retrained with "
        "every new extractor version",
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=bench.DEFAULT_DATA)
    ap.add_argument("--folds", type=int, default=DEFAULT_FOLDS)
    ap.add_argument("--json", type=Path, default=None, help="write the nested report here")
    ap.add_argument("--write", action="store_true", help="train on all and write the model")
    args = ap.parse_args(argv)
    articles, _ = bench.load(args.data)
    decisions = record(articles)
    report, per_second, per_second_wall = cross_validate(articles, decisions, args.folds)
    report.articles_per_second = per_second  # CPU time, as the gate (quotes.py) reports it
    report.articles_per_second_wall = per_second_wall
    print("\n".join(bench.fold_lines(report)))
    if args.json:
        args.json.write_text(json.dumps(report.as_dict(), indent=1) + "\n", encoding="utf-8")
    if args.write:
        model = fit(articles, decisions, MODEL_VERSION, args.folds)
        (RESOURCES / MODEL_FILE).write_text(json.dumps(model.as_dict(), indent=1) + "\n")
        (RESOURCES / CARD_FILE).write_text(
            json.dumps(card(model, len(articles), report), indent=1) + "\n"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
