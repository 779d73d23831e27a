"""Agreement figures (newscorpus.annotate.agreement): pure.

Agreement figures are checked against values worked out by hand in the comments.
"""

from __future__ import annotations

import pytest
from export_fixture import CONFIG, annotation, quote, task, two_annotator_export, who

from newscorpus.annotate.agreement import agreement
from newscorpus.annotate.validate import flatten
from newscorpus.spans import iou, match_spans


def test_iou_of_spans() -> None:
    assert iou((0, 10), (5, 15)) == pytest.approx(5 / 15)
    assert iou((0, 10), (10, 20)) == 0.0
    assert iou((2, 8), (2, 8)) == 1.0


def test_match_spans_is_one_to_one_at_half_overlap() -> None:
    # (0,10)~(0,9): 0.9; (20,30)~(24,30): 0.6; (40,50)~(46,56): 4/16 = 0.25 -> no match
    assert match_spans([(0, 10), (20, 30), (40, 50)], [(0, 9), (24, 30), (46, 56)]) == [
        (0, 0),
        (1, 1),
    ]
    assert match_spans([(0, 10)], [(0, 10), (1, 10)]) == [(0, 0)]


def test_agreement_matches_hand_computed_figures() -> None:
    flat = flatten(two_annotator_export(), CONFIG, who)
    report = agreement(flat.quotes, flat.stance, flat.annotations)
    assert report["articles_with_two_or_more"] == 2 and report["annotation_pairs"] == 2
    # Quote: a1 {Q1,Q2} vs {Q1',Q3}: 1 match of 4 spans; a2: 1 of 2 -> F1 = 2*2/6
    assert report["spans"]["Quote"] == {"f1": pytest.approx(4 / 6), "matched": 2, "spans": 6}
    # Speaker: a1 {Lindqvist, union} vs {Lindqvist}: 1 of 3; a2 {union} vs {Officials}: 0 of 2
    assert report["spans"]["Speaker"] == {"f1": pytest.approx(2 / 5), "matched": 1, "spans": 5}
    # Cue: a1 {said, warned} vs {said}: 1 of 3; a2 {warned} vs {warned}: 1 of 2
    assert report["spans"]["Cue"] == {"f1": pytest.approx(4 / 5), "matched": 2, "spans": 5}
    assert report["spans"]["overall"] == {"f1": pytest.approx(10 / 16), "matched": 5, "spans": 16}
    # Matched quote pairs: a1 Q1 (same speaker, direct), a2 Q2 (other speaker, indirect)
    assert report["speaker"]["overall"] == {"agreement": 0.5, "agree": 1, "pairs": 2}
    assert report["speaker"]["direct"]["agreement"] == 1.0
    assert report["speaker"]["indirect"]["agreement"] == 0.0
    assert report["kind"]["agreement"] == 1.0
    # Stance units a1 (favor, against), a2 (neutral, neutral): n=4, disagreeing pairs 2,
    # sum n_c*n_k over c!=k = 2*(1*1 + 1*2 + 1*2) = 10 -> alpha = 1 - 3*2/10 = 0.4
    assert report["stance"]["alpha"] == pytest.approx(0.4)
    assert report["stance"]["units"] == 2


def test_single_annotations_take_no_part_in_agreement() -> None:
    flat = flatten([task(1, [annotation(1, 1, [quote("We are ready,")], "favor")])], CONFIG, who)
    report = agreement(flat.quotes, flat.stance, flat.annotations)
    assert report["articles_with_two_or_more"] == 0
    assert report["spans"]["Quote"]["f1"] is None
    assert report["stance"]["alpha"] is None


def test_annotation_with_no_quote_counts_against_f1() -> None:
    export = [task(1, [annotation(1, 1, [quote("We are ready,")]), annotation(2, 2, [])])]
    flat = flatten(export, CONFIG, who)
    report = agreement(flat.quotes, flat.stance, flat.annotations)
    assert report["spans"]["Quote"] == {"f1": 0.0, "matched": 0, "spans": 1}


def test_agreement_never_pairs_an_annotator_with_themself() -> None:
    qa = quote("We are ready,", "Amara Lindqvist", "said")
    anns = [annotation(11, 1, [qa], "favor"), annotation(12, 1, [qa], "favor"),
            annotation(13, 2, [], "against")]  # fmt: skip
    flat = flatten([task(1, anns)], CONFIG, who)
    report = agreement(flat.quotes, flat.stance, flat.annotations)
    assert report["annotation_pairs"] == 1
    assert report["spans"]["Quote"]["f1"] == 0.0
    assert report["left_out"]["superseded_annotations"] == 1
