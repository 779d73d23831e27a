"""Baselines researchers can reproduce on a published version, and the scores the card reports.

Stance: TF-IDF + logistic regression trained on the human-labeled train split, scored on test as
the macro F1 of `favor` and `against` (the SemEval-2016 Task 6 measure) and accuracy. Quotes: the
rule-based extractor (`preannotate.quotes.extract_quotes`, imported only when used) against the
human gold quotes of the test split, content spans matched one-to-one at overlap over union >= 0.5,
with speaker accuracy over matched quotes. Machine-labeled rows are never used as gold. A stance
score is reported only when the test split can carry it: at least `MIN_TEST_ROWS` human rows and
every label the measure averages (`too_few`); otherwise the report says why. On rows imported from
FNC-1 (origin `fnc1`) the same baseline is also scored as FNC-1 scores (its weighted score and
macro-F1 over its four labels, `preannotate.stance.metrics`). This module reads a published folder
through `datasets`; it never writes files and never prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newscorpus.labels import STANCE_LABELS
from newscorpus.spans import MATCH_IOU, iou, match_one_to_one

STANCE_MEASURE = "macro F1 of favor and against (SemEval-2016 Task 6)"
MEASURED_LABELS = ("favor", "against")  # the labels STANCE_MEASURE averages
MIN_TEST_ROWS = 30  # fewer test rows than this give scores that mean nothing
FNC1_ORIGIN = "fnc1"  # the origin of rows imported from FNC-1 (annotate/imports)


@dataclass(frozen=True)
class StanceScores:
    train_rows: int
    test_rows: int
    f1_favor_against: float
    f1_favor: float
    f1_against: float
    accuracy: float


@dataclass(frozen=True)
class Fnc1Scores:
    """The baseline on the test rows imported from FNC-1, as FNC-1 scores them."""

    test_rows: int
    fnc: float  # FNC-1's weighted score over the best possible
    macro_f1: float  # over agree, disagree, discuss, unrelated


@dataclass(frozen=True)
class QuoteSpans:
    """A quote's content span and, when known, its speaker's."""

    start: int
    end: int
    speaker_start: int | None = None
    speaker_end: int | None = None


@dataclass
class QuoteScores:
    """Counts accumulated article by article; the rates are derived from them."""

    articles: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    speaker_checked: int = 0
    speaker_correct: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float | None:
        return self.speaker_correct / self.speaker_checked if self.speaker_checked else None

    def add(self, predicted: Sequence[QuoteSpans], gold: Sequence[QuoteSpans]) -> None:
        self.articles += 1
        self.predicted += len(predicted)
        self.gold += len(gold)
        for p, g in match_quotes(predicted, gold):
            self.matched += 1
            if g.speaker_start is not None and g.speaker_end is not None:
                self.speaker_checked += 1
                if (
                    p.speaker_start is not None
                    and p.speaker_end is not None
                    and p.speaker_start < g.speaker_end
                    and g.speaker_start < p.speaker_end
                ):
                    self.speaker_correct += 1


@dataclass
class BaselineReport:
    test_split: str
    stance: StanceScores | None = None
    stance_note: str = ""
    stance_too_few: str = ""  # why the stance scores mean nothing, when they do not
    fnc1: Fnc1Scores | None = None
    fnc1_note: str = ""
    quotes: QuoteScores | None = None
    quotes_note: str = ""
    notes: list[str] = field(default_factory=list)


def match_quotes(
    predicted: Sequence[QuoteSpans], gold: Sequence[QuoteSpans], threshold: float = MATCH_IOU
) -> list[tuple[QuoteSpans, QuoteSpans]]:
    """One-to-one (predicted, gold) pairs whose content spans overlap at >= threshold."""
    pairs = match_one_to_one(
        predicted, gold, lambda p, g: iou((p.start, p.end), (g.start, g.end)), threshold
    )
    return [(predicted[i], gold[j]) for i, j in pairs]


def spans_of(quotes: Iterable[dict[str, Any]]) -> list[QuoteSpans]:
    """Spans from quote structs as published (or as in the annotation tables)."""
    return [
        QuoteSpans(q["start"], q["end"], q.get("speaker_start"), q.get("speaker_end"))
        for q in quotes
    ]


def stance_baseline(
    train: Sequence[tuple[str, str, str]], test: Sequence[tuple[str, str, str]], seed: int = 0
) -> StanceScores:
    """TF-IDF + logistic regression over (target, text, label) rows.

    The target's words are prepended to the text so one model serves every target, as the
    SemEval-2016 baselines trained per target would need far more data per target than we have.
    """
    return stance_scores(len(train), test, stance_predictions(train, test, seed))


def stance_predictions(
    train: Sequence[tuple[str, str, str]], test: Sequence[tuple[str, str, str]], seed: int = 0
) -> list[str]:
    """The baseline's label for each test row (see `stance_baseline`)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    if len({label for _, _, label in train}) < 2:
        raise ValueError(f"the train split has {len(train)} labeled row(s) of fewer than 2 labels")
    if not test:
        raise ValueError("the test split has no labeled row")
    model = make_pipeline(
        TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=1, max_features=200_000),
        LogisticRegression(max_iter=2000, class_weight="balanced", random_state=seed),
    )
    model.fit([f"{t}\n{x}" for t, x, _ in train], [y for _, _, y in train])
    return [str(y) for y in model.predict([f"{t}\n{x}" for t, x, _ in test])]


def stance_scores(
    train_rows: int, test: Sequence[tuple[str, str, str]], y_pred: Sequence[str]
) -> StanceScores:
    from sklearn.metrics import accuracy_score

    y_true = [y for _, _, y in test]
    macro, favor, against = favor_against_f1(y_true, y_pred)
    return StanceScores(
        train_rows=train_rows,
        test_rows=len(test),
        f1_favor_against=macro,
        f1_favor=favor,
        f1_against=against,
        accuracy=float(accuracy_score(y_true, y_pred)),
    )


def favor_against_f1(y_true: Sequence[str], y_pred: Sequence[str]) -> tuple[float, float, float]:
    """(mean, favor, against) F1: SemEval-2016 Task 6 leaves neutral/none out of the average,
    but a favor or against row predicted as neutral still costs recall."""
    from sklearn.metrics import f1_score

    per_label = f1_score(y_true, y_pred, labels=["favor", "against"], average=None, zero_division=0)
    return float(per_label.mean()), float(per_label[0]), float(per_label[1])


def too_few(labels: Sequence[str], what: str, needed: Sequence[str] = MEASURED_LABELS) -> str:
    """Why scores on test rows with these gold `labels` would mean nothing ('' when they would)."""
    if len(labels) < MIN_TEST_ROWS:
        return (
            f"{what} has {len(labels)} human stance row(s), fewer than {MIN_TEST_ROWS}: "
            "too few for a score to mean something"
        )
    missing = [label for label in needed if label not in set(labels)]
    if missing:
        return f"{what} has no {' or '.join(missing)} row: the measure needs every one"
    return ""


def fnc1_scores(gold: Sequence[str], predicted: Sequence[str]) -> Fnc1Scores:
    """FNC-1's score and macro-F1 of project labels, through the stance model's label map."""
    from newscorpus.preannotate.stance.metrics import score
    from newscorpus.preannotate.stance.model import LABEL_MAP

    to_fnc1 = {project: fnc1 for fnc1, project in LABEL_MAP.items()}
    result = score([to_fnc1[g] for g in gold], [to_fnc1[p] for p in predicted])
    return Fnc1Scores(test_rows=len(gold), fnc=result.fnc, macro_f1=result.macro_f1)


def extractor_spans(text: str) -> list[QuoteSpans]:
    """The rule-based extractor's quotes as spans (imported here: it is another stage's module)."""
    from newscorpus.preannotate.quotes import extract_quotes

    spans = []
    for q in extract_quotes(text):
        speaker = getattr(q, "speaker", None)
        spans.append(
            QuoteSpans(
                q.start,
                q.end,
                speaker.start if speaker is not None else None,
                speaker.end if speaker is not None else None,
            )
        )
    return spans


def extractor_baseline(articles: Iterable[tuple[str, Sequence[QuoteSpans]]]) -> QuoteScores:
    scores = QuoteScores()
    for text, gold in articles:
        scores.add(extractor_spans(text), gold)
    return scores


def baseline_from_rows(
    stance_rows: Iterable[tuple[str, ...]],
    quote_rows: Iterable[tuple[str, str | None, list[QuoteSpans]]],
    test_split: str = "test",
) -> BaselineReport:
    """Both baselines from plain rows; human-labeled rows with text only.

    stance_rows: (split, target, text, label, label_source[, origin]); quote_rows: (split, text,
    gold spans) of human rows. Rows without text or target text (withheld, not hydrated) are
    counted and skipped.
    """
    report = BaselineReport(test_split=test_split)
    train, test, from_fnc1, skipped = [], [], [], 0
    for split, target, text, label, source, *origin in stance_rows:
        if source != "human" or label is None:
            continue
        if text is None or target is None:
            skipped += 1
            continue
        if split == "train":
            train.append((target, text, label))
        elif split == test_split:
            from_fnc1.append(bool(origin) and FNC1_ORIGIN in str(origin[0] or "").split(", "))
            test.append((target, text, label))
    _stance_figures(report, train, test, from_fnc1)
    if skipped:
        report.notes.append(
            f"{skipped} human stance row(s) skipped: text or target withheld (hydrate first)"
        )

    gold_articles = []
    skipped = 0
    for split, text, spans in quote_rows:
        if split != test_split:
            continue
        if text is None:
            skipped += 1
            continue
        gold_articles.append((text, spans))
    if skipped:
        report.notes.append(f"{skipped} human quote article(s) skipped: text withheld")
    if not gold_articles:
        report.quotes_note = f"no human gold quotes in the {test_split} split"
    else:
        try:
            report.quotes = extractor_baseline(gold_articles)
        except ImportError as err:
            report.quotes_note = f"the rule-based extractor is not available ({err})"
    return report


def _stance_figures(
    report: BaselineReport,
    train: list[tuple[str, str, str]],
    test: list[tuple[str, str, str]],
    from_fnc1: list[bool],
) -> None:
    """The stance scores, and FNC-1's on the test rows imported from it, with their caveats."""
    try:
        predicted = stance_predictions(train, test)
    except ValueError as err:
        report.stance_note = f"not enough human stance labels: {err}"
        return
    report.stance = stance_scores(len(train), test, predicted)
    report.stance_too_few = too_few([y for _, _, y in test], f"the {report.test_split} split")
    if report.stance_too_few:
        report.notes.append(f"stance scores mean little: {report.stance_too_few}")
    if not any(from_fnc1):
        return
    gold = [y for (_, _, y), keep in zip(test, from_fnc1, strict=True) if keep]
    pred = [p for p, keep in zip(predicted, from_fnc1, strict=True) if keep]
    what = f"the {report.test_split} rows imported from FNC-1"
    report.fnc1_note = too_few(gold, what, needed=STANCE_LABELS)
    if report.fnc1_note:
        report.notes.append(f"no FNC-1 scores: {report.fnc1_note}")
    else:
        report.fnc1 = fnc1_scores(gold, pred)


def run_baseline(
    dataset: Path | str, test_split: str = "test", revision: str | None = None
) -> BaselineReport:
    """Load a published folder (or Hub repo, at a `revision` such as "v1.2.0") and run both."""
    from datasets import load_dataset

    from newscorpus.errors import UsageError

    location = str(dataset)
    try:
        stance = load_dataset(location, "stance", revision=revision)
    except ValueError:
        stance = None
    try:
        quotes = load_dataset(location, "quotes", revision=revision)
    except ValueError:
        quotes = None
    if stance is None and quotes is None:
        raise UsageError(f"{dataset}: neither a `stance` nor a `quotes` config to score")
    splits = sorted({*(stance or {}), *(quotes or {})})
    if test_split not in splits:
        raise UsageError(
            f"{dataset}: no {test_split!r} split (it has {', '.join(splits)}): "
            "give --test-split one of them"
        )
    stance_rows = []
    if stance is not None:
        for split, ds in stance.items():
            label_names = ds.features["label"].names
            source_names = ds.features["label_source"].names
            for row in ds:
                label = None if row["label"] is None else label_names[row["label"]]
                source = source_names[row["label_source"]]
                stance_rows.append(
                    (split, row["target"], row["text"], label, source, row.get("origin"))
                )
    quote_rows = []
    if quotes is not None:
        for split, ds in quotes.items():
            human = ds.features["label_source"].names.index("human")
            for row in ds:
                if row["label_source"] == human:
                    quote_rows.append((split, row["text"], spans_of(row["quotes"])))
    return baseline_from_rows(stance_rows, quote_rows, test_split)
