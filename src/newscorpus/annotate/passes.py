"""One row per counted annotation (schema.ANNOTATION_PASSES, `annotations/passes.parquet`). Pure.

The quote and stance tables show an annotation only through what it marked: one that marked no
quote and gave no stance (a negative example) has no row there, and a researcher reading them
could not tell "read it, found nothing" from "never saw it". This table lists every annotation
the tables count, so `annotations_raw` can publish such an annotation with nothing in it. Rows
come from validation's `AnnotationRef`s (validate.py, imports/brat.py, imports/stance_labels.py);
their times are those of the annotation's own rows, or the export's for one without any. The
writers (labelstudio/pull.py, imports/store.py) write the table beside the quote and stance
tables, under the same origin rules; this module never reads or writes files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from newscorpus.annotate.labelstudio.config import LabelConfig
from newscorpus.annotate.validate import AnnotationRef, Flattened, export_time, flatten_task

Row = dict[str, Any]
Key = tuple[str, str]  # (article id, annotation id)

PASSES = Path("passes.parquet")  # under the annotations folder
# What an annotation row says of when and how long, the same on every row of one annotation.
TIME_FIELDS = ("created_at", "updated_at", "lead_time")


def pass_rows(
    refs: Iterable[AnnotationRef], times: Mapping[Key, Mapping[str, Any]], origin: str | None
) -> list[Row]:
    """One row per annotation of `refs` (the first ref of each counts: a stance import makes one
    per target), with its `times` (TIME_FIELDS; absent ones null)."""
    out: dict[Key, Row] = {}
    for ref in refs:
        key = (ref.article_id, ref.annotation_id)
        if key in out:
            continue
        when = times.get(key, {})
        out[key] = {
            "article_id": ref.article_id,
            "content_sha256": ref.content_sha256,
            "task_id": ref.task_id,
            "annotation_id": ref.annotation_id,
            "annotator": ref.annotator,
            "ground_truth": ref.ground_truth,
            **{name: when.get(name) for name in TIME_FIELDS},
            "origin": origin,
        }
    return list(out.values())


def times_of_rows(rows: Iterable[Row]) -> dict[Key, Row]:
    """(article, annotation) -> the first of its quote or stance rows, which carries its times."""
    found: dict[Key, Row] = {}
    for row in rows:
        found.setdefault((row["article_id"], row["annotation_id"]), row)
    return found


def flatten_export(
    raw_tasks: Iterable[Mapping[str, Any]],
    config: LabelConfig,
    annotator: Callable[[Any], str],
) -> tuple[Flattened, dict[Key, Row]]:
    """validate.flatten in one pass over the export, and the times of each counted annotation as
    the export gives them (an annotation that marked nothing has no row to carry them)."""
    flat = Flattened()
    times: dict[Key, Row] = {}
    for raw in raw_tasks:
        counted = len(flat.annotations)
        flatten_task(raw, config, annotator, flat)
        if len(flat.annotations) > counted:
            times |= _exported_times(raw, flat.annotations[counted:])
    return flat, times


def _exported_times(raw_task: Mapping[str, Any], refs: Sequence[AnnotationRef]) -> dict[Key, Row]:
    """The times of a task's counted annotations, read from its export dict (validation has
    checked their shape: shape.py)."""
    exported = {
        str(a.get("id")): a for a in raw_task.get("annotations") or () if isinstance(a, Mapping)
    }
    times: dict[Key, Row] = {}
    for ref in refs:
        raw = exported.get(ref.annotation_id, {})
        times[(ref.article_id, ref.annotation_id)] = {
            "created_at": export_time(raw.get("created_at")),
            "updated_at": export_time(raw.get("updated_at")),
            "lead_time": raw.get("lead_time"),
        }
    return times
