"""Which annotations vote in gold and agreement (newscorpus.annotate.votes): pure."""

from __future__ import annotations

from datetime import UTC, datetime

from newscorpus.annotate.validate import AnnotationRef
from newscorpus.annotate.votes import annotation_order, count_votes

SAVED = datetime(2024, 5, 7, tzinfo=UTC)


def _ref(ann: str, who: str, sha: str = "s1", task: int = 1, **kw) -> AnnotationRef:
    return AnnotationRef(
        "a1", sha, task, ann, who, kw.get("gt", False), None, updated_at=kw.get("at", SAVED)
    )


def test_annotation_ids_sort_by_number() -> None:
    assert sorted(["10", "9", "x"], key=annotation_order) == ["9", "10", "x"]


def test_of_two_saved_at_once_the_higher_id_votes() -> None:
    votes = count_votes([_ref("9", "u1"), _ref("10", "u1")])
    assert [r.annotation_id for r in votes.counted] == ["10"]
    assert [r.annotation_id for r in votes.superseded] == ["9"]


def test_an_annotators_ground_truth_annotation_votes_before_a_later_one() -> None:
    later = datetime(2024, 6, 1, tzinfo=UTC)
    votes = count_votes([_ref("1", "u1", gt=True), _ref("2", "u1", at=later)])
    assert [r.annotation_id for r in votes.counted] == ["1"]


def test_annotations_on_another_text_than_the_current_are_left_out_and_named() -> None:
    votes = count_votes([_ref("1", "u1", "old"), _ref("2", "u2", "new")], {"a1": "new"})
    assert [r.annotation_id for r in votes.counted] == ["2"]
    assert votes.left_out() == {
        "superseded_annotations": 0,
        "other_text_annotations": 1,
        "other_text_articles": ["a1"],
    }


def test_without_the_corpus_the_latest_task_gives_the_current_text() -> None:
    votes = count_votes([_ref("1", "u1", "old", task=1), _ref("2", "u2", "new", task=5)])
    assert [r.content_sha256 for r in votes.counted] == ["new"]
