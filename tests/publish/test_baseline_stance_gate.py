"""Stance baselines on the card only where the test split can carry a score, and FNC-1's own
scores on rows imported from FNC-1. Made-up rows, one sentence per label."""

from __future__ import annotations

from newscorpus.publish.baseline import MIN_TEST_ROWS, baseline_from_rows
from newscorpus.publish.card_sections import baseline_section
from newscorpus.publish.figures import CardFigures

TEXTS = {
    "favor": "residents welcome the plan, a good and fair decision that helps everyone",
    "against": "critics attack the plan, a costly and harmful decision that hurts shops",
    "neutral": "the council published the agenda for the meeting on the plan",
    "none": "the weather stays dry and mild across the north this weekend",
}


def _rows(split: str, n: int, labels=tuple(TEXTS), origin: str | None = None) -> list[tuple]:
    return [
        (split, "the plan", f"{TEXTS[label]} (item {i})", label, "human", origin)
        for i in range(n)
        for label in labels
    ]


def _card(report) -> str:
    figures = CardFigures(version="1.0.0")
    figures.baseline = report
    return baseline_section(figures)


def test_a_test_split_under_the_minimum_is_not_scored_on_the_card() -> None:
    report = baseline_from_rows(_rows("train", 10) + _rows("test", 2), [])
    assert f"8 human stance row(s), fewer than {MIN_TEST_ROWS}" in report.stance_too_few
    card = _card(report)
    assert "| stance: TF-IDF + logistic regression | not reported |" in card
    assert "F1 favor / F1 against" not in card


def test_a_test_split_without_a_measured_label_says_which() -> None:
    test = _rows("test", 12, labels=("favor", "neutral", "none"))
    report = baseline_from_rows(_rows("train", 10) + test, [])
    assert report.stance_too_few.endswith("has no against row: the measure needs every one")


def test_a_large_enough_test_split_is_scored_on_the_card() -> None:
    report = baseline_from_rows(_rows("train", 10) + _rows("test", 8), [])
    assert report.stance_too_few == ""
    assert "F1 favor / F1 against | 1.000 / 1.000" in _card(report)


def test_rows_imported_from_fnc1_get_fnc1_score_and_macro_f1() -> None:
    rows = _rows("train", 10) + _rows("test", 8, origin="fnc1") + _rows("test", 2)
    report = baseline_from_rows(rows, [])
    assert report.fnc1 is not None
    assert (report.fnc1.test_rows, report.fnc1.fnc, report.fnc1.macro_f1) == (32, 1.0, 1.0)
    card = _card(report)
    assert "| stance, rows imported from FNC-1 | FNC-1 score (relative) | 1.000 |" in card


def test_too_few_fnc1_rows_are_not_scored_as_fnc1() -> None:
    rows = _rows("train", 10) + _rows("test", 2, origin="fnc1") + _rows("test", 8)
    report = baseline_from_rows(rows, [])
    assert report.fnc1 is None
    assert "rows imported from FNC-1 has 8 human stance row(s)" in report.fnc1_note


def test_a_dataset_without_fnc1_rows_has_no_fnc1_line() -> None:
    report = baseline_from_rows(_rows("train", 10) + _rows("test", 8), [])
    assert report.fnc1 is None and report.fnc1_note == ""
    assert "FNC-1" not in _card(report)
