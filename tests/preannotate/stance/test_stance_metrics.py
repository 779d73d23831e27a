"""FNC-1 score and F1 on cases small enough to compute by hand."""

from __future__ import annotations

import pytest

from newscorpus.preannotate.stance.metrics import f1_per_class, fnc_score, relative_fnc_score, score


def test_perfect_prediction_scores_one():
    gold = ["agree", "unrelated", "discuss", "disagree"]
    assert relative_fnc_score(gold, gold) == 1.0


def test_raw_score_weighs_relatedness_a_quarter_and_stance_three_quarters():
    gold = ["agree", "unrelated", "discuss", "disagree"]
    predicted = ["agree", "discuss", "unrelated", "discuss"]
    # right stance 0.25 + 0.75; wrongly related 0; wrongly unrelated 0; related, wrong stance 0.25
    assert fnc_score(gold, predicted) == pytest.approx(1.25)
    # best: 1.0 + 0.25 + 1.0 + 1.0
    assert relative_fnc_score(gold, predicted) == pytest.approx(1.25 / 3.25)


def test_all_unrelated_earns_only_the_unrelated_pairs():
    gold = ["agree", "unrelated", "unrelated"]
    assert relative_fnc_score(gold, ["unrelated"] * 3) == pytest.approx(0.5 / 1.5)


def test_f1_per_class_counts_hits_misses_and_false_alarms():
    gold = ["agree", "agree", "disagree", "unrelated"]
    predicted = ["agree", "disagree", "disagree", "unrelated"]
    f1 = f1_per_class(gold, predicted)
    assert f1 == {
        "agree": pytest.approx(2 / 3),  # tp 1, fn 1
        "disagree": pytest.approx(2 / 3),  # tp 1, fp 1
        "discuss": 0.0,
        "unrelated": 1.0,
    }


def test_macro_f1_averages_the_four_classes():
    gold = ["agree", "agree", "disagree", "unrelated"]
    predicted = ["agree", "disagree", "disagree", "unrelated"]
    assert score(gold, predicted).macro_f1 == pytest.approx((2 / 3 + 2 / 3 + 0 + 1) / 4)


def test_lengths_must_match():
    with pytest.raises(ValueError, match="2 gold labels but 1 predictions"):
        fnc_score(["agree", "discuss"], ["agree"])
