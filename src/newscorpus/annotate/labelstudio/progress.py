"""A labeling campaign's progress, per annotator and per push batch. Pure: no file, no server.

Inputs are what status.py reads from the server: every annotation as a `Submission` (skipped
ones too), every task as a `TaskState` (its batch and whether the server counts it as done), and
the validated rows of the export (validate.py). Agreement is always between two annotations of
the same task, scored like `ls agreement` does (agreement.py): the share of pairs that chose the
same article stance, quote span F1 (overlap/union >= 0.5, one to one) and, over matched quotes,
how often both named the same speaker.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import combinations
from typing import Any

from newscorpus import labels
from newscorpus.annotate.agreement import agreement
from newscorpus.annotate.validate import AnnotationRef, Flattened, Row

# The batch of tasks pushed before pushes recorded one.
UNBATCHED = "(no batch)"

Pair = tuple[AnnotationRef, AnnotationRef]


@dataclass(frozen=True)
class Submission:
    """One annotation of the export: submitted, or cancelled (skipped) by its annotator."""

    task_id: int
    annotation_id: str
    annotator: str
    cancelled: bool
    lead_time: float | None


@dataclass(frozen=True)
class TaskState:
    """One task as the server counts it: `done` when it has the annotations its overlap asks."""

    task_id: int
    batch: str
    overlap: int
    done: bool


def task_pairs(refs: Iterable[AnnotationRef]) -> list[Pair]:
    """Every pair of counted annotations of the same task (same article text without a task),
    in task and annotation order."""
    by_task: dict[Any, list[AnnotationRef]] = defaultdict(list)
    for ref in refs:
        key = ref.task_id if ref.task_id is not None else (ref.article_id, ref.content_sha256)
        by_task[key].append(ref)
    pairs: list[Pair] = []
    for key in sorted(by_task, key=str):
        # Numeric ids in number order: shorter first, then by text.
        ordered = sorted(by_task[key], key=lambda r: (len(r.annotation_id), r.annotation_id))
        pairs.extend(combinations(ordered, 2))
    return pairs


def pair_agreement(pairs: Sequence[Pair], flat: Flattened) -> dict[str, Any]:
    """Agreement over `pairs`: stance (share of pairs with the same article stance, over pairs
    where both chose one), quotes (span F1), spans (Quote, Speaker and Cue pooled) and speaker
    (same speaker over matched quotes).

    Each pair is scored as an article of its own (agreement.py pairs every annotation of an
    article), so a task labeled by three shows only the pairs asked for.
    """
    quotes_by_ann: dict[str, list[Row]] = defaultdict(list)
    for row in flat.quotes:
        quotes_by_ann[row["annotation_id"]].append(row)
    stance_by_ann = {r["annotation_id"]: r["stance"] for r in flat.stance if r["stance"]}
    quotes: list[Row] = []
    refs: list[AnnotationRef] = []
    same = compared = 0
    for n, pair in enumerate(pairs):
        unit = f"pair-{n}"
        for ref in pair:
            refs.append(replace(ref, article_id=unit))
            quotes += [row | {"article_id": unit} for row in quotes_by_ann[ref.annotation_id]]
        a, b = (stance_by_ann.get(ref.annotation_id) for ref in pair)
        if a and b:
            compared += 1
            same += a == b
    report = agreement(quotes, [], refs)
    return {
        "pairs": len(pairs),
        "stance": _rate(same, compared),
        "quotes": report["spans"][labels.QUOTE],
        "spans": report["spans"]["overall"],
        "speaker": report["speaker"]["overall"],
    }


def _rate(agree: int, pairs: int) -> dict[str, Any]:
    return {"agreement": agree / pairs if pairs else None, "agree": agree, "pairs": pairs}


def annotator_progress(submissions: Sequence[Submission], flat: Flattened) -> list[dict[str, Any]]:
    """Per annotator (pseudonym, sorted): submitted, skipped, median lead time (seconds, over
    submitted annotations) and agreement with the others on the tasks they shared."""
    mine: dict[str, list[Submission]] = defaultdict(list)
    for s in submissions:
        mine[s.annotator].append(s)
    pairs = task_pairs(flat.annotations)
    rows = []
    for who in sorted(mine):
        done = [s for s in mine[who] if not s.cancelled]
        times = [s.lead_time for s in done if s.lead_time is not None]
        shared = [p for p in pairs if who in (p[0].annotator, p[1].annotator)]
        rows.append(
            {
                "annotator": who,
                "submitted": len(done),
                "skipped": len(mine[who]) - len(done),
                "median_lead_time": statistics.median(times) if times else None,
                "tasks_shared": len({p[0].task_id for p in shared}),
                "agreement": pair_agreement(shared, flat),
            }
        )
    return rows


def batch_progress(
    tasks: Sequence[TaskState], submissions: Sequence[Submission], flat: Flattened
) -> list[dict[str, Any]]:
    """Per batch, in the order of their first task: tasks, done, remaining, submitted and
    skipped annotations, and the agreement of the pairs labeled so far."""
    by_batch: dict[str, list[TaskState]] = defaultdict(list)
    for t in tasks:
        by_batch[t.batch].append(t)
    batch_of = {t.task_id: t.batch for t in tasks}
    counts = _group(submissions, lambda s: batch_of.get(s.task_id))
    pairs = task_pairs(flat.annotations)
    rows = []
    for name in sorted(by_batch, key=lambda b: min(t.task_id for t in by_batch[b])):
        ids = {t.task_id for t in by_batch[name]}
        done = sum(t.done for t in by_batch[name])
        subs = counts.get(name, [])
        rows.append(
            {
                "batch": name,
                "tasks": len(ids),
                "first_task": min(ids),
                "last_task": max(ids),
                "done": done,
                "remaining": len(ids) - done,
                "submitted": sum(not s.cancelled for s in subs),
                "skipped": sum(s.cancelled for s in subs),
                "agreement": pair_agreement([p for p in pairs if p[0].task_id in ids], flat),
            }
        )
    return rows


def _group(
    items: Iterable[Submission], key: Callable[[Submission], str | None]
) -> dict[str | None, list[Submission]]:
    grouped: dict[str | None, list[Submission]] = defaultdict(list)
    for item in items:
        grouped[key(item)].append(item)
    return grouped
