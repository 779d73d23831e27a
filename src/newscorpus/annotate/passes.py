"""One row per counted annotation (schema.ANNOTATION_PASSES, `annotations/passes.parquet`). Pure.

The quote and stance tables show an annotation only through what it marked: one that marked no
quote and gave no stance (a negative example) has no row there, and a researcher reading them
could not tell "read it, found nothing" from "never saw it". This table lists every annotation
the tables count, so `annotations_raw` can publish such an annotation with nothing in it. Rows
come from validation's `AnnotationRef`s (validate.py, imports/brat.py, imports/stance_labels.py);
their times are the export's (on the ref), or for an import those of the annotation's rows. The
writers (labelstudio/pull.py, imports/store.py) write the table beside the quote and stance
tables, under the same origin rules; this module never reads or writes files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from newscorpus.annotate.validate import AnnotationRef

Row = dict[str, Any]
Key = tuple[str, str]  # (article id, annotation id)

PASSES = Path("passes.parquet")  # under the annotations folder
# What an annotation row says of when and how long, the same on every row of one annotation.
TIME_FIELDS = ("created_at", "updated_at", "lead_time")


def pass_rows(
    refs: Iterable[AnnotationRef],
    origin: str | None,
    times: Mapping[Key, Mapping[str, Any]] | None = None,
) -> list[Row]:
    """One row per annotation of `refs` (the first ref of each counts: a stance import makes one
    per target), with its times: the ref's own (an export gives them), else those in `times`
    (an import's rows carry them: `times_of_rows`)."""
    out: dict[Key, Row] = {}
    for ref in refs:
        key = (ref.article_id, ref.annotation_id)
        if key in out:
            continue
        when = {name: getattr(ref, name) for name in TIME_FIELDS}
        if times is not None and all(v is None for v in when.values()):
            when = {name: times.get(key, {}).get(name) for name in TIME_FIELDS}
        out[key] = {
            "article_id": ref.article_id,
            "content_sha256": ref.content_sha256,
            "task_id": ref.task_id,
            "annotation_id": ref.annotation_id,
            "annotator": ref.annotator,
            "ground_truth": ref.ground_truth,
            **when,
            "origin": origin,
        }
    return list(out.values())


def times_of_rows(rows: Iterable[Row]) -> dict[Key, Row]:
    """(article, annotation) -> the first of its quote or stance rows, which carries its times."""
    found: dict[Key, Row] = {}
    for row in rows:
        found.setdefault((row["article_id"], row["annotation_id"]), row)
    return found
