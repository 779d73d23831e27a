"""Every counted annotation as one row (newscorpus.annotate.passes): pure, on synthetic exports."""

from __future__ import annotations

from export_fixture import CONFIG, annotation, quote, task, who

from newscorpus.annotate.passes import pass_rows, times_of_rows
from newscorpus.annotate.validate import AnnotationRef, flatten

ORIGIN = "labelstudio:harbour"


def test_an_annotation_that_marked_nothing_is_listed_with_its_times() -> None:
    flat = flatten([task(4, [annotation(7, 3, [])], target_id=None)], CONFIG, who)
    assert (flat.quotes, flat.stance) == ([], [])
    (row,) = pass_rows(flat.annotations, ORIGIN)
    assert (row["article_id"], row["task_id"], row["annotation_id"], row["annotator"]) == (
        "a1",
        4,
        "7",
        "user3",
    )
    assert row["created_at"].isoformat() == "2024-05-07T10:00:00+00:00"
    assert (row["lead_time"], row["ground_truth"], row["origin"]) == (42.5, False, ORIGIN)


def test_a_cancelled_annotation_is_not_listed() -> None:
    cancelled = annotation(8, 2, [], was_cancelled=True)
    flat = flatten([task(4, [cancelled], target_id=None)], CONFIG, who)
    assert pass_rows(flat.annotations, ORIGIN) == []


def test_an_annotations_times_are_those_of_its_quote_rows() -> None:
    marked = annotation(9, 1, [quote("We are ready,", "Amara Lindqvist", "said")])
    flat = flatten([task(5, [marked])], CONFIG, who)
    (row,) = pass_rows(flat.annotations, ORIGIN)
    (quote_row,) = flat.quotes
    assert [row[k] for k in ("created_at", "updated_at", "lead_time")] == [
        quote_row[k] for k in ("created_at", "updated_at", "lead_time")
    ]


def test_an_import_lists_an_annotation_once_with_the_times_of_its_rows() -> None:
    # A stance import makes one ref per target of an annotation.
    refs = [AnnotationRef("a1", "s", None, "x/a1/p", "p", False, t) for t in ("t1", "t2")]
    rows = [{"article_id": "a1", "annotation_id": "x/a1/p", "lead_time": 3.0}]
    (row,) = pass_rows(refs, "stance:pairs", times_of_rows(rows))
    assert (row["annotation_id"], row["lead_time"], row["created_at"]) == ("x/a1/p", 3.0, None)
