"""The human annotation tables (annotations/*.parquet): quotes and stance as annotators labeled
them (`newscorpus ls pull`, `newscorpus import`), every annotation counted (those that marked
nothing included), what validation found wrong in an export, and the stance targets an import
brought with it.

Schemas only; it must never import a module of the project outside this package.
"""

from __future__ import annotations

import pyarrow as pa

from newscorpus.schema.fields import (
    ANNOTATED_TEXT_SHA256,
    ARTICLE_ID,
    CREATED_AT,
    CUE_TEXT,
    GROUND_TRUTH,
    KIND,
    KIND_SOURCE,
    OFFSETS_TEXT_SHA256,
    ORIGIN,
    QUOTE_END,
    QUOTE_START,
    SPEAKER_TEXT,
    STANCE_TARGET_ID,
    TARGET_ID,
    TASK_ID,
    UPDATED_AT,
    field,
)

IMPORTED_TARGETS = pa.schema(
    [
        field(
            "target_id",
            pa.string(),
            "Id of the stance target: its import's prefix and a hash of its text, stable across "
            "runs and telling nothing of the text.",
            False,
        ),
        field("target", pa.string(), "The target's one-line claim or entity, as imported.", False),
        field("origin", pa.string(), "The import the target came with (e.g. fnc1).", False),
    ]
)

ANNOTATED_QUOTES = pa.schema(
    [
        ARTICLE_ID,
        OFFSETS_TEXT_SHA256,
        TASK_ID,
        field("annotation_id", pa.string(), "Id of the annotation (one annotator's pass).", False),
        field(
            "annotator",
            pa.string(),
            "Pseudonymized annotator (salted hash), never an email.",
            False,
        ),
        GROUND_TRUTH,
        field("region_id", pa.string(), "Id of the Quote region inside the annotation.", False),
        QUOTE_START,
        QUOTE_END,
        field("text", pa.string(), "text[start:end], checked against the article.", False),
        KIND,
        field(
            "stance", pa.string(), "Speaker's stance toward the target: favor/against/neutral/none."
        ),
        STANCE_TARGET_ID,
        field("speaker_start", pa.int32(), "Start of the linked Speaker region, null if none."),
        field("speaker_end", pa.int32(), "End of the linked Speaker region."),
        SPEAKER_TEXT,
        field("cue_start", pa.int32(), "Start of the linked Cue region, null if none."),
        field("cue_end", pa.int32(), "End of the linked Cue region."),
        CUE_TEXT,
        field("speaker_name", pa.string(), "Canonical speaker name typed by the annotator."),
        CREATED_AT,
        UPDATED_AT,
        field("lead_time", pa.float64(), "Seconds the annotator spent on the task (Label Studio)."),
        KIND_SOURCE,
        ORIGIN,
    ]
)

ANNOTATED_STANCE = pa.schema(
    [
        ARTICLE_ID,
        ANNOTATED_TEXT_SHA256,
        field("task_id", pa.int64(), "Label Studio task id."),
        field("annotation_id", pa.string(), "Id of the annotation.", False),
        field("annotator", pa.string(), "Pseudonymized annotator (salted hash).", False),
        GROUND_TRUTH,
        TARGET_ID,
        field(
            "stance", pa.string(), "Article's stance toward the target: favor/against/neutral/none."
        ),
        CREATED_AT,
        UPDATED_AT,
        field("lead_time", pa.float64(), "Seconds the annotator spent on the task."),
        ORIGIN,
    ]
)

# One row per counted annotation (cancelled ones left out): the quote and stance tables show an
# annotation only through what it marked, so one that marked nothing (a negative example) is here
# alone.
ANNOTATION_PASSES = pa.schema(
    [
        ARTICLE_ID,
        ANNOTATED_TEXT_SHA256,
        field("task_id", pa.int64(), "Label Studio task id, null for imported annotations."),
        field(
            "annotation_id",
            pa.string(),
            "Id of the annotation (one annotator's pass over the article); its quote and stance "
            "rows, if any, carry the same id. An annotation with none marked no quotation and "
            "gave no stance.",
            False,
        ),
        field("annotator", pa.string(), "Pseudonymized annotator (salted hash).", False),
        GROUND_TRUTH,
        CREATED_AT,
        UPDATED_AT,
        field("lead_time", pa.float64(), "Seconds the annotator spent on the task (Label Studio)."),
        ORIGIN,
    ]
)

ANNOTATION_ISSUES = pa.schema(
    [
        TASK_ID,
        field("annotation_id", pa.string(), "Id of the annotation, null for a task-level issue."),
        field("article_id", pa.string(), "Id of the article, null when the task names none."),
        field("region_id", pa.string(), "Id of the region or result concerned, if any."),
        field(
            "severity",
            pa.string(),
            "error: the region is left out of the tables; warning: kept and flagged.",
            False,
        ),
        field(
            "reason",
            pa.string(),
            "Machine-readable reason (offset_mismatch, unknown_label, quote_without_speaker, ...).",
            False,
        ),
        field(
            "detail", pa.string(), "What was found, e.g. the region text and the article's text."
        ),
    ]
)
