"""Fields that several tables share, declared once, and the one way a field gets its description.

Every table of the modules beside this one is built with `field`, so no field is without a
description. Pyarrow types only; it must never import another module of the project.
"""

from __future__ import annotations

import pyarrow as pa


def field(name: str, type_: pa.DataType, description: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={"description": description})


SPAN = pa.struct(
    [
        field("start", pa.int32(), "First code point of the span in the article's `text`.", False),
        field("end", pa.int32(), "One past the last code point of the span in `text`.", False),
    ]
)


# Fields that several tables share.
SOURCE_FILE = field(
    "source_file", pa.string(), "Path of the raw input, relative to its INPUT.", False
)
PATH = field("path", pa.string(), "Absolute path of the raw input: the manifest's key.", False)
INPUT = field("input", pa.string(), "The INPUT path given on the command line.", False)
ARTICLE_ID = field("article_id", pa.string(), "Id of the article in the corpus.", False)
SPEAKER_TEXT = field("speaker_text", pa.string(), "text[speaker_start:speaker_end].")
CUE_TEXT = field("cue_text", pa.string(), "text[cue_start:cue_end].")
TARGET = field("target", pa.string(), "The target's one-line claim or entity.", False)
OFFSETS_TEXT_SHA256 = field(
    "content_sha256", pa.string(), "content_sha256 of the text the offsets refer to.", False
)
TASK_ID = field("task_id", pa.int64(), "Label Studio task id (null for imported BRAT annotations).")
GROUND_TRUTH = field(
    "ground_truth",
    pa.bool_(),
    "True when a reviewer marked the annotation as ground truth.",
)
QUOTE_START = field(
    "start", pa.int32(), "First code point of the quote in the article's `text`.", False
)
QUOTE_END = field("end", pa.int32(), "One past the last code point of the quote.", False)
KIND = field("kind", pa.string(), "direct, indirect or mixed; null if not chosen.")
CREATED_AT = field("created_at", pa.timestamp("us", tz="UTC"), "When the annotation was created.")
UPDATED_AT = field(
    "updated_at", pa.timestamp("us", tz="UTC"), "When the annotation was last updated."
)
KIND_SOURCE = field(
    "kind_source",
    pa.string(),
    "Who chose `kind`: human (a person) or machine (a rule, e.g. from quotation marks).",
)
ORIGIN = field(
    "origin",
    pa.string(),
    "Where the labels came from: labelstudio:<project>, brat:<name>, fnc1, "
    "stance:<file stem> or worked-examples (annotations/origins/<slug>.json describes "
    "each); null in tables written before it was recorded.",
)
ANNOTATED_TEXT_SHA256 = field(
    "content_sha256", pa.string(), "content_sha256 of the annotated text.", False
)
TARGET_ID = field(
    "target_id", pa.string(), "Stance target id from annotations/targets.yaml.", False
)
STANCE_TARGET_ID = field(
    "stance_target_id",
    pa.string(),
    "Id of the stance target the quote's `stance` is toward (one of its task's targets); null "
    "when no stance or no target was given.",
)
