"""Baselines: span matching, the SemEval-2016 stance measure, and the run on a published folder."""

from __future__ import annotations

import pytest
from test_publish_build import offline_hf, options_for, write_inputs  # noqa: F401

from newscorpus.errors import UsageError
from newscorpus.publish.baseline import (
    QuoteScores,
    QuoteSpans,
    baseline_from_rows,
    favor_against_f1,
    match_quotes,
    run_baseline,
    stance_baseline,
)
from newscorpus.publish.build import publish


def test_matching_is_one_to_one_best_overlap_first():
    gold = [QuoteSpans(0, 10)]
    predicted = [QuoteSpans(0, 9), QuoteSpans(0, 10)]
    assert match_quotes(predicted, gold) == [(QuoteSpans(0, 10), QuoteSpans(0, 10))]


def test_matching_needs_half_the_union():
    assert match_quotes([QuoteSpans(0, 10)], [QuoteSpans(5, 15)]) == []  # 5/15 < 0.5
    assert len(match_quotes([QuoteSpans(0, 10)], [QuoteSpans(2, 12)])) == 1  # 8/12


def test_quote_scores_count_precision_recall_and_speaker_accuracy():
    scores = QuoteScores()
    gold = [QuoteSpans(0, 10, 12, 16), QuoteSpans(20, 30, 32, 36)]
    predicted = [QuoteSpans(0, 10, 12, 16), QuoteSpans(20, 30, 40, 44), QuoteSpans(50, 60)]
    scores.add(predicted, gold)
    assert (scores.matched, scores.predicted, scores.gold) == (2, 3, 2)
    assert scores.precision == pytest.approx(2 / 3) and scores.recall == 1.0
    assert scores.speaker_accuracy == 0.5


def test_speaker_accuracy_is_undefined_without_gold_speakers():
    scores = QuoteScores()
    scores.add([QuoteSpans(0, 5)], [QuoteSpans(0, 5)])
    assert scores.speaker_accuracy is None


def _stance_rows(n: int) -> list[tuple[str, str, str]]:
    favor = "residents welcome the plan, a good and fair decision that helps everyone"
    against = "critics attack the plan, a costly and harmful decision that hurts shops"
    neutral = "the council published the agenda for the meeting on the plan"
    return [
        ("the plan", f"{text} (item {i})", label)
        for i in range(n)
        for text, label in ((favor, "favor"), (against, "against"), (neutral, "neutral"))
    ]


def test_stance_baseline_learns_separable_labels():
    scores = stance_baseline(_stance_rows(10), _stance_rows(3))
    assert scores.f1_favor_against == 1.0 and scores.accuracy == 1.0
    assert (scores.train_rows, scores.test_rows) == (30, 9)


def test_stance_measure_leaves_neutral_and_none_out_of_the_average():
    macro, favor, against = favor_against_f1(
        ["favor", "against", "neutral"], ["favor", "against", "none"]
    )
    assert (macro, favor, against) == (1.0, 1.0, 1.0)


def test_stance_measure_charges_a_favor_row_predicted_neutral():
    macro, favor, against = favor_against_f1(
        ["favor", "favor", "against"], ["favor", "neutral", "against"]
    )
    assert against == 1.0 and favor == pytest.approx(2 / 3)
    assert macro == pytest.approx((1.0 + 2 / 3) / 2)


def test_stance_baseline_needs_two_labels_in_train():
    with pytest.raises(ValueError, match="fewer than 2 labels"):
        stance_baseline([("t", "x", "favor")] * 3, [("t", "x", "favor")])


def test_machine_rows_and_withheld_texts_are_left_out():
    rows = [(split, t, x, y, "human") for split in ("train",) for t, x, y in _stance_rows(5)]
    rows += [("test", t, x, y, "human") for t, x, y in _stance_rows(1)]
    rows += [("test", "the plan", "anything", None, "machine")]
    rows += [("test", "the plan", None, "favor", "human")]
    report = baseline_from_rows(rows, [])
    assert report.stance is not None and report.stance.test_rows == 3
    assert any("withheld" in note for note in report.notes)
    assert report.quotes is None and "no human gold quotes" in report.quotes_note


def test_baseline_runs_on_a_published_folder_offline(tmp_path, offline_hf):  # noqa: F811
    write_inputs(tmp_path, n=40, human=40, restricted=())
    publish(options_for(tmp_path, baseline=False))
    report = run_baseline(tmp_path / "dist" / "1.0.0")
    assert report.stance is not None
    assert report.stance.test_rows > 0
    assert 0.0 <= report.stance.f1_favor_against <= 1.0
    if report.quotes is not None:  # the rule-based extractor is another stage's module
        assert report.quotes.gold > 0 and report.quotes.articles > 0
    else:
        assert "extractor is not available" in report.quotes_note


def test_a_test_split_the_version_does_not_have_is_a_usage_error(tmp_path, offline_hf):  # noqa: F811
    write_inputs(tmp_path, n=40, human=40, restricted=())
    publish(options_for(tmp_path, baseline=False))
    with pytest.raises(UsageError, match=r"no 'nope' split \(it has test, train, validation\)"):
        run_baseline(tmp_path / "dist" / "1.0.0", test_split="nope")
