"""shape.py through validate.flatten: a task, annotation or result item of the wrong JSON shape is
an issue row and left out; the rest of the export still gives its rows."""

from __future__ import annotations

from typing import Any

import pytest
from export_fixture import CONFIG, annotation, quote, reasons, task, who

from newscorpus.annotate.shape import SHOWN_CHARS
from newscorpus.annotate.validate import flatten


def _good(ann_id: int = 11) -> dict[str, Any]:
    return annotation(ann_id, 1, [quote("We are ready,", "Amara Lindqvist", "said")], "favor")


def _with(**fields: Any) -> dict[str, Any]:
    return _good(12) | fields


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (_with(result={"value": {}}), "bad_annotation"),  # a dict: its keys read as items
        (_with(result="oops"), "bad_annotation"),
        (_with(result=["oops"]), "bad_result"),  # a list holding a string
        (_with(result=[{"type": "labels", "value": "q"}]), "bad_result"),
        (_with(result=[{"type": "labels", "value": {"labels": 5}}]), "bad_result"),
        (_with(result=[{"type": "relation", "labels": {"a": 1}}]), "bad_result"),
        (_with(was_cancelled="false"), "bad_annotation"),
        ("an annotation as a string", "bad_annotation"),
    ],
    ids=str,
)
def test_a_malformed_result_is_an_issue_and_the_other_annotation_counts(bad, reason) -> None:
    flat = flatten([task(1, [_good(), bad])], CONFIG, who)
    assert ("error", reason) in [(s, r) for s, r, _ in reasons(flat)]
    assert {q["annotation_id"] for q in flat.quotes} == {"11"}
    assert {s["annotation_id"] for s in flat.stance} == {"11"}


@pytest.mark.parametrize(
    "bad_task",
    [
        "a task as a string",
        ["a", "list"],
        {"id": "seven", "data": {}, "annotations": []},
        {"id": 2**70, "data": {}, "annotations": []},
        {"id": 1, "data": "text", "annotations": []},
        {"id": 1, "data": {"article_id": {"x": 1}}, "annotations": []},
        {"id": 1, "data": {"target_id": 5}, "annotations": []},
        {"id": 1, "data": {"targets": "t1"}, "annotations": []},
        {"id": 1, "data": {"targets": [{"target": "no id"}]}, "annotations": []},
        {"id": 1, "data": {}, "annotations": {"result": []}},
    ],
    ids=str,
)
def test_a_malformed_task_is_one_issue_and_the_next_task_counts(bad_task) -> None:
    flat = flatten([bad_task, task(2, [_good()])], CONFIG, who)
    assert reasons(flat)[0] == ("error", "bad_task", None)
    assert flat.tasks == 2 and {q["task_id"] for q in flat.quotes} == {2}


def test_a_time_or_lead_time_of_the_wrong_type_is_dropped_with_a_warning() -> None:
    bad = _good() | {"created_at": "yesterday", "lead_time": "slow"}
    flat = flatten([task(1, [bad])], CONFIG, who)
    assert [r for r in reasons(flat) if r[1] == "bad_metadata"] == [
        ("warning", "bad_metadata", None),
        ("warning", "bad_metadata", None),
    ]
    (row,) = flat.quotes
    assert row["created_at"] is None and row["lead_time"] is None


def test_an_issue_quotes_a_huge_value_cut_short() -> None:
    flat = flatten([task(1, [_with(result="x" * 100_000)])], CONFIG, who)
    (issue,) = flat.issues
    assert len(issue["detail"]) < SHOWN_CHARS + 100


def test_offsets_that_are_booleans_are_bad_offsets() -> None:
    raw = _good()
    raw["result"][0]["value"].update(start=0, end=True, text=None)
    assert ("error", "bad_offsets", "q0") in reasons(flatten([task(1, [raw])], CONFIG, who))
