"""Scores keep the bands the package promises annotators (see `newscorpus.preannotate.quotes`):
0.75 and up for speech cues next to their content, below 0.5 for attitude readings, negated cues
and unclaimed quotations."""

from __future__ import annotations

from newscorpus.preannotate.quotes import scores


def test_speech_cues_next_to_their_content_score_at_least_three_quarters() -> None:
    assert scores.STRONG_CUE - scores.ADJACENT_QUOTE_PENALTY >= 0.75
    assert scores.CLAUSE_AFTER_STRONG >= 0.75
    assert scores.CLAUSE_BEFORE_STRONG >= 0.75


def test_attitude_negated_and_unclaimed_readings_score_below_one_half() -> None:
    low = (scores.OBJECT_PLAIN, scores.OBJECT_WITH_PREP, scores.THAT_QUOTE, scores.EPISTEMIC)
    assert all(s < 0.5 for s in low)
    assert scores.NEGATED < 0.5 and scores.UNATTRIBUTED < 0.5


def test_weaker_cues_rank_below_speech_cues() -> None:
    assert scores.WEAK_CUE < scores.STRONG_CUE
    assert scores.CLAUSE_AFTER_WEAK < scores.CLAUSE_AFTER_STRONG
    assert scores.CLAUSE_BEFORE_WEAK < scores.CLAUSE_BEFORE_STRONG
