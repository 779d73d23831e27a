"""A campaign's progress per annotator and per batch, from hand-made rows (pure)."""

from __future__ import annotations

from team_rows import MAYOR, Q1, Q2, SAID, TOLD, TRADERS, quote, ref, stance

from newscorpus.annotate.labelstudio.progress import (
    Submission,
    TaskState,
    annotator_progress,
    batch_progress,
    pair_agreement,
    task_pairs,
)
from newscorpus.annotate.validate import Flattened

# Task 1: ann-a and ann-b agree on Q1, only ann-a marked Q2, stances differ.
# Task 2: ann-c alone. Task 3: ann-a skipped it.
REFS = [ref("11", "ann-a"), ref("12", "ann-b"), ref("21", "ann-c", task_id=2)]
FLAT = Flattened(
    quotes=[
        quote("11", Q1, MAYOR, SAID, annotator="ann-a"),
        quote("11", Q2, TRADERS, TOLD, "indirect", annotator="ann-a"),
        quote("12", Q1, MAYOR, SAID, annotator="ann-b"),
        quote("21", Q1, MAYOR, SAID, annotator="ann-c", task_id=2),
    ],
    stance=[stance("11", "favor", "ann-a"), stance("12", "against", "ann-b")],
    annotations=REFS,
)
SUBMISSIONS = [
    Submission(1, "11", "ann-a", False, 30.0),
    Submission(1, "12", "ann-b", False, 50.0),
    Submission(2, "21", "ann-c", False, None),
    Submission(3, "31", "ann-a", True, 5.0),
]


def test_pairs_are_annotations_of_the_same_task() -> None:
    assert [(a.annotation_id, b.annotation_id) for a, b in task_pairs(REFS)] == [("11", "12")]


def test_a_task_labeled_by_three_gives_three_pairs() -> None:
    refs = [ref("11", "ann-a"), ref("12", "ann-b"), ref("13", "ann-c")]
    assert len(task_pairs(refs)) == 3


def test_pair_agreement_counts_stance_quotes_and_speakers() -> None:
    report = pair_agreement(task_pairs(REFS), FLAT)
    assert report["stance"] == {"agreement": 0.0, "agree": 0, "pairs": 1}
    assert report["quotes"] == {"f1": 2 * 1 / 3, "matched": 1, "spans": 3}
    assert report["speaker"] == {"agreement": 1.0, "agree": 1, "pairs": 1}


def test_per_annotator_submitted_skipped_and_median_lead_time() -> None:
    rows = {r["annotator"]: r for r in annotator_progress(SUBMISSIONS, FLAT)}
    assert [(r["submitted"], r["skipped"], r["median_lead_time"]) for r in rows.values()] == [
        (1, 1, 30.0),
        (1, 0, 50.0),
        (1, 0, None),
    ]
    assert (rows["ann-a"]["tasks_shared"], rows["ann-a"]["agreement"]["pairs"]) == (1, 1)
    assert (rows["ann-c"]["tasks_shared"], rows["ann-c"]["agreement"]["pairs"]) == (0, 0)


def test_per_batch_done_remaining_and_agreement_so_far() -> None:
    tasks = [TaskState(1, "week-1", 2, True), TaskState(2, "week-1", 1, True),
             TaskState(3, "week-2", 1, False)]  # fmt: skip
    rows = batch_progress(tasks, SUBMISSIONS, FLAT)
    assert [(r["batch"], r["tasks"], r["done"], r["remaining"]) for r in rows] == [
        ("week-1", 2, 2, 0),
        ("week-2", 1, 0, 1),
    ]
    assert [(r["submitted"], r["skipped"], r["agreement"]["pairs"]) for r in rows] == [
        (3, 0, 1),
        (0, 1, 0),
    ]
