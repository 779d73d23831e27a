"""Every table's pyarrow schema, declared once, with a description on each field.

Writers take these schemas explicitly: inferring a schema from the first rows breaks as soon as
a field is missing or null there. This module holds schemas and nothing else; it must never import
another module of the project.
"""

from __future__ import annotations

import pyarrow as pa


def _f(name: str, type_: pa.DataType, description: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={"description": description})


SPAN = pa.struct(
    [
        _f("start", pa.int32(), "First code point of the span in the article's `text`.", False),
        _f("end", pa.int32(), "One past the last code point of the span in `text`.", False),
    ]
)


# Fields that several tables share, declared once.
_SOURCE_FILE = _f(
    "source_file", pa.string(), "Path of the raw input, relative to its INPUT.", False
)
_PATH = _f("path", pa.string(), "Absolute path of the raw input: the manifest's key.", False)
_INPUT = _f("input", pa.string(), "The INPUT path given on the command line.", False)
_ARTICLE_ID = _f("article_id", pa.string(), "Id of the article in the corpus.", False)
_SPEAKER_TEXT = _f("speaker_text", pa.string(), "text[speaker_start:speaker_end].")
_CUE_TEXT = _f("cue_text", pa.string(), "text[cue_start:cue_end].")
_TARGET = _f("target", pa.string(), "The target's one-line claim or entity.", False)
_CONTENT_SHA256 = _f(
    "content_sha256", pa.string(), "content_sha256 of the text the offsets refer to.", False
)
_TASK_ID = _f("task_id", pa.int64(), "Label Studio task id (null for imported BRAT annotations).")
_GROUND_TRUTH = _f(
    "ground_truth",
    pa.bool_(),
    "True when a reviewer marked the annotation as ground truth.",
)
_START = _f("start", pa.int32(), "First code point of the quote in the article's `text`.", False)
_END = _f("end", pa.int32(), "One past the last code point of the quote.", False)
_KIND = _f("kind", pa.string(), "direct, indirect or mixed; null if not chosen.")
_CREATED_AT = _f("created_at", pa.timestamp("us", tz="UTC"), "When the annotation was created.")
_UPDATED_AT = _f(
    "updated_at", pa.timestamp("us", tz="UTC"), "When the annotation was last updated."
)
_KIND_SOURCE = _f(
    "kind_source",
    pa.string(),
    "Who chose `kind`: human (a person) or machine (a rule, e.g. from quotation marks).",
)
_ORIGIN = _f(
    "origin",
    pa.string(),
    "Where the labels came from: labelstudio:<project>, brat:<name>, fnc1, "
    "stance:<file stem> or worked-examples (annotations/origins/<slug>.json describes "
    "each); null in tables written before it was recorded.",
)
_CONTENT_SHA256_2 = _f(
    "content_sha256", pa.string(), "content_sha256 of the annotated text.", False
)
_TARGET_ID = _f("target_id", pa.string(), "Stance target id from annotations/targets.yaml.", False)
_STANCE_TARGET_ID = _f(
    "stance_target_id",
    pa.string(),
    "Id of the stance target the quote's `stance` is toward (one of its task's targets); null "
    "when no stance or no target was given.",
)

ARTICLES = pa.schema(
    [
        _f("id", pa.string(), "Stable id derived from the normalized title and text.", False),
        _f(
            "source_file", pa.string(), "Path of the raw input, relative to the INPUT it came from."
        ),
        _f(
            "input_format", pa.string(), "Reader that produced the row: pages, html, warc, records."
        ),
        _f("record_index", pa.int32(), "Position of the record inside a multi-record input."),
        _f("url", pa.string(), "Canonical or target URL of the page, when known."),
        _f("source", pa.string(), "Publisher or site name (e.g. 'Yonhap', 'example.com')."),
        _f("title", pa.string(), "Headline of the article."),
        _f("authors", pa.list_(pa.string()), "Bylined authors, in page order."),
        _f("agency", pa.string(), "Wire agency credited for the story (e.g. 'Yonhap', 'AP')."),
        _f("published", pa.timestamp("us", tz="UTC"), "Publication time in UTC, null if unknown."),
        _f("language", pa.string(), "ISO 639-1 language code of the text."),
        _f(
            "text",
            pa.string(),
            "Normalized article body: paragraphs separated by exactly one blank line.",
            False,
        ),
        _f(
            "paragraphs",
            pa.list_(SPAN),
            "Start/end code-point offsets of each paragraph in `text`.",
        ),
        _f("captions", pa.list_(pa.string()), "Photo captions, once each, never part of `text`."),
        _f("license", pa.string(), "License of the source text, null unless known."),
        _f(
            "citation",
            pa.string(),
            "How to cite the collection the text came from (e.g. an imported corpus's paper); "
            "null for pages the curator collected.",
        ),
        _f(
            "raw_sha256",
            pa.string(),
            "SHA-256 of the raw input bytes the article came from.",
            False,
        ),
        _f("content_sha256", pa.string(), "SHA-256 of the UTF-8 bytes of `text`.", False),
        _f(
            "duplicate_of",
            pa.string(),
            "Id of the near-duplicate cluster's representative, or null.",
        ),
        _f(
            "pipeline_version", pa.string(), "Version of the normalize rules that produced the row."
        ),
        _f(
            "extractor_version",
            pa.string(),
            "Version of the rules that cut the text out of a page (page dump or HTML), null when "
            "the input held the article's text already.",
        ),
    ]
)

REJECTS = pa.schema(
    [
        _SOURCE_FILE,
        _f("input", pa.string(), "The INPUT path given on the command line."),
        _f("record_index", pa.int32(), "Position of the failed record in a multi-record input."),
        _f("reason", pa.string(), "Machine-readable reject reason (see newscorpus.errors).", False),
        _f("detail", pa.string(), "Human-readable explanation of the reason."),
        _f("raw_sha256", pa.string(), "SHA-256 of the raw input bytes."),
        _f("size_bytes", pa.int64(), "Size of the raw input in bytes."),
        _f("pipeline_version", pa.string(), "Version of the normalize rules that rejected it."),
    ]
)

MANIFEST = pa.schema(
    [
        _PATH,
        _SOURCE_FILE,
        _INPUT,
        _f("raw_sha256", pa.string(), "SHA-256 of the raw input bytes.", False),
        _f("size_bytes", pa.int64(), "Size of the raw input in bytes.", False),
        _f(
            "mtime_ns",
            pa.int64(),
            "Modification time when hashed: same size and mtime, no re-read.",
            False,
        ),
        _f("articles", pa.int32(), "Number of articles the input produced.", False),
        _f("rejects", pa.int32(), "Number of rejected records in the input.", False),
        _f("shard", pa.string(), "Name of the shard file holding the input's rows.", False),
        _f("pipeline_version", pa.string(), "Version of the normalize rules.", False),
    ]
)

QUOTE_PREDICTIONS = pa.schema(
    [
        _ARTICLE_ID,
        _f(
            "content_sha256",
            pa.string(),
            "content_sha256 of the article the offsets refer to.",
            False,
        ),
        _f(
            "quote_index", pa.int32(), "Position of the quote in the article, in text order.", False
        ),
        _f("start", pa.int32(), "First code point of the quote content in `text`.", False),
        _f("end", pa.int32(), "One past the last code point of the quote content.", False),
        _f("text", pa.string(), "The quote content, text[start:end].", False),
        _f("kind", pa.string(), "direct, indirect or mixed.", False),
        _f("speaker_start", pa.int32(), "Start of the speaker mention, null if none found."),
        _f("speaker_end", pa.int32(), "End of the speaker mention, null if none found."),
        _SPEAKER_TEXT,
        _f("cue_start", pa.int32(), "Start of the cue (reporting verb or phrase), null if none."),
        _f("cue_end", pa.int32(), "End of the cue, null if none."),
        _CUE_TEXT,
        _f("speaker_name", pa.string(), "Canonical speaker name within the article, or null."),
        _f("score", pa.float32(), "Extractor confidence in [0, 1].", False),
        _f(
            "model_version",
            pa.string(),
            "Version of the extractor rules (e.g. 'quotes-rules-v1').",
            False,
        ),
    ]
)

TARGET_PREDICTIONS = pa.schema(
    [
        _ARTICLE_ID,
        _f("target_id", pa.string(), "Id of the stance target in annotations/targets.yaml.", False),
        _TARGET,
        _f("score", pa.float32(), "Match strength in [0, 1].", False),
        _f(
            "matched_terms", pa.list_(pa.string()), "Terms of the target's rules found in the text."
        ),
        _f("model_version", pa.string(), "Version of the target rules.", False),
    ]
)

STANCE_PREDICTIONS = pa.schema(
    [
        _ARTICLE_ID,
        _f("content_sha256", pa.string(), "Hash of the text the stance was predicted on.", False),
        _f("target_id", pa.string(), "Id of the matched target (a TARGET_PREDICTIONS row).", False),
        _TARGET,
        _f("stance", pa.string(), "Suggested stance, one of labels.STANCE_LABELS.", False),
        _f("model_label", pa.string(), "The model's own label (e.g. FNC-1's 'unrelated').", False),
        _f("score", pa.float32(), "The model's probability of its label, in [0, 1].", False),
        _f("model_version", pa.string(), "Version of the stance model (its card's).", False),
    ]
)

IMPORTED_TARGETS = pa.schema(
    [
        _f(
            "target_id",
            pa.string(),
            "Id of the stance target: a slug of its text and a hash of it, stable across runs.",
            False,
        ),
        _f("target", pa.string(), "The target's one-line claim or entity, as imported.", False),
        _f("origin", pa.string(), "The import the target came with (e.g. fnc1).", False),
    ]
)

# --- Human annotation tables (annotations/*.parquet), written by `newscorpus ls pull` -------------

ANNOTATED_QUOTES = pa.schema(
    [
        _ARTICLE_ID,
        _CONTENT_SHA256,
        _TASK_ID,
        _f("annotation_id", pa.string(), "Id of the annotation (one annotator's pass).", False),
        _f(
            "annotator",
            pa.string(),
            "Pseudonymized annotator (salted hash), never an email.",
            False,
        ),
        _GROUND_TRUTH,
        _f("region_id", pa.string(), "Id of the Quote region inside the annotation.", False),
        _START,
        _END,
        _f("text", pa.string(), "text[start:end], checked against the article.", False),
        _KIND,
        _f(
            "stance", pa.string(), "Speaker's stance toward the target: favor/against/neutral/none."
        ),
        _STANCE_TARGET_ID,
        _f("speaker_start", pa.int32(), "Start of the linked Speaker region, null if none."),
        _f("speaker_end", pa.int32(), "End of the linked Speaker region."),
        _SPEAKER_TEXT,
        _f("cue_start", pa.int32(), "Start of the linked Cue region, null if none."),
        _f("cue_end", pa.int32(), "End of the linked Cue region."),
        _CUE_TEXT,
        _f("speaker_name", pa.string(), "Canonical speaker name typed by the annotator."),
        _CREATED_AT,
        _UPDATED_AT,
        _f("lead_time", pa.float64(), "Seconds the annotator spent on the task (Label Studio)."),
        _KIND_SOURCE,
        _ORIGIN,
    ]
)

ANNOTATED_STANCE = pa.schema(
    [
        _ARTICLE_ID,
        _CONTENT_SHA256_2,
        _f("task_id", pa.int64(), "Label Studio task id."),
        _f("annotation_id", pa.string(), "Id of the annotation.", False),
        _f("annotator", pa.string(), "Pseudonymized annotator (salted hash).", False),
        _GROUND_TRUTH,
        _TARGET_ID,
        _f(
            "stance", pa.string(), "Article's stance toward the target: favor/against/neutral/none."
        ),
        _CREATED_AT,
        _UPDATED_AT,
        _f("lead_time", pa.float64(), "Seconds the annotator spent on the task."),
        _ORIGIN,
    ]
)

ANNOTATION_ISSUES = pa.schema(
    [
        _TASK_ID,
        _f("annotation_id", pa.string(), "Id of the annotation, null for a task-level issue."),
        _f("article_id", pa.string(), "Id of the article, null when the task names none."),
        _f("region_id", pa.string(), "Id of the region or result concerned, if any."),
        _f(
            "severity",
            pa.string(),
            "error: the region is left out of the tables; warning: kept and flagged.",
            False,
        ),
        _f(
            "reason",
            pa.string(),
            "Machine-readable reason (offset_mismatch, unknown_label, quote_without_speaker, ...).",
            False,
        ),
        _f("detail", pa.string(), "What was found, e.g. the region text and the article's text."),
    ]
)

# Provenance of a gold row decided in the review project (`newscorpus ls adjudicate`); null for
# gold from agreement.
ADJUDICATION_PROVENANCE = [
    _f("reviewer", pa.string(), "Pseudonymized reviewer who decided it (adjudication only)."),
    _f(
        "decision",
        pa.string(),
        "kept (the reviewer kept an annotator's version as it was) or corrected (the reviewer's "
        "own version); adjudication only.",
    ),
    _f(
        "reviewed_annotations",
        pa.list_(pa.string()),
        "Ids of the annotations whose versions the reviewer was shown (adjudication only).",
    ),
]

GOLD_QUOTES = pa.schema(
    [
        _ARTICLE_ID,
        _CONTENT_SHA256,
        _START,
        _END,
        _f("text", pa.string(), "text[start:end].", False),
        _KIND,
        _f("stance", pa.string(), "Speaker's stance toward the target, null if not chosen."),
        _STANCE_TARGET_ID,
        _f("speaker_start", pa.int32(), "Start of the speaker mention, null if none."),
        _f("speaker_end", pa.int32(), "End of the speaker mention."),
        _SPEAKER_TEXT,
        _f("cue_start", pa.int32(), "Start of the cue, null if none."),
        _f("cue_end", pa.int32(), "End of the cue."),
        _CUE_TEXT,
        _f("speaker_name", pa.string(), "Canonical speaker name."),
        _f(
            "resolution",
            pa.string(),
            "ground_truth (a reviewer's annotation), majority, single (one annotation), or "
            "adjudication (a reviewer's decision on a disagreement, in the review project).",
            False,
        ),
        _f(
            "support",
            pa.int32(),
            "Annotations that marked this quote (overlap/union >= 0.5).",
            False,
        ),
        _f("annotations", pa.int32(), "Annotations of the article that took part.", False),
        _f(
            "annotation_id",
            pa.string(),
            "Annotation whose offsets and fields were kept (adjudication: the reviewer's).",
            False,
        ),
        *ADJUDICATION_PROVENANCE,
        _KIND_SOURCE,
        _ORIGIN,
    ]
)

GOLD_STANCE = pa.schema(
    [
        _ARTICLE_ID,
        _CONTENT_SHA256_2,
        _TARGET_ID,
        _f("stance", pa.string(), "Resolved stance: favor/against/neutral/none.", False),
        _f(
            "resolution",
            pa.string(),
            "ground_truth, majority, single, or adjudication (decided in the review project).",
            False,
        ),
        _f("support", pa.int32(), "Annotations that chose this stance.", False),
        _f("annotations", pa.int32(), "Annotations that chose any stance for this target.", False),
        *ADJUDICATION_PROVENANCE,
        _ORIGIN,
    ]
)

ADJUDICATION = pa.schema(
    [
        _ARTICLE_ID,
        _CONTENT_SHA256_2,
        _f("item", pa.string(), "What is tied: stance or quote.", False),
        _f("target_id", pa.string(), "Stance target of a stance tie."),
        _f("start", pa.int32(), "Start of the quote of a quote tie."),
        _f("end", pa.int32(), "End of the quote of a quote tie."),
        _f("text", pa.string(), "Quote text of a quote tie."),
        _f(
            "votes",
            pa.string(),
            "Who chose what, e.g. 'favor=1; against=1' or 'marked=1; not=1'.",
            False,
        ),
    ]
)

REVIEW_DECISIONS = pa.schema(
    [
        _f(
            "review_task_id",
            pa.int64(),
            "Task of the review project that showed the versions.",
            False,
        ),
        _f("review_annotation_id", pa.string(), "The reviewer's annotation of that task.", False),
        _f("reviewer", pa.string(), "Pseudonymized reviewer (salted hash).", False),
        _f(
            "item",
            pa.string(),
            "What the annotators disagreed on: stance (the article's), span (a quote only some "
            "marked) or speaker (a quote all marked, with different speakers).",
            False,
        ),
        _ARTICLE_ID,
        _CONTENT_SHA256_2,
        _f("target_id", pa.string(), "Stance target of a stance disagreement."),
        _f("start", pa.int32(), "Start of the disputed stretch of text (span and speaker)."),
        _f("end", pa.int32(), "End of the disputed stretch of text."),
        _f(
            "reviewed_annotations",
            pa.list_(pa.string()),
            "Ids of the annotations whose versions the reviewer was shown.",
            False,
        ),
        _f(
            "decision",
            pa.string(),
            "kept (an annotator's version as it was), corrected (the reviewer's own version), "
            "rejected (no quote there) or undecided (the reviewer chose nothing: still a tie).",
            False,
        ),
        _f("gold_rows", pa.int32(), "Gold rows the decision gave.", False),
        _f("decided_at", pa.timestamp("us", tz="UTC"), "When the reviewer last saved it."),
        _f("origin", pa.string(), "labelstudio:<review project>, where the decision was made."),
    ]
)

MINHASH = pa.schema(
    [
        _f("id", pa.string(), "Article id.", False),
        _f("representative", pa.string(), "Id of the near-duplicate cluster head.", False),
        _f("signature", pa.list_(pa.uint32()), "MinHash signature over word shingles.", False),
    ]
)

# --- Work tables of a distributed normalize run (DIR/state/runs/RUN/), read back by its stages ----

RUN_INPUTS = pa.schema(
    [
        _PATH,
        _INPUT,
        _SOURCE_FILE,
        _f("size_bytes", pa.int64(), "Size of the raw input when the run was planned.", False),
        _f("mtime_ns", pa.int64(), "Modification time when the run was planned.", False),
        _f(
            "rank",
            pa.int32(),
            "Normalize task that reads the input; inputs keep their order.",
            False,
        ),
        _f(
            "old",
            pa.struct(list(MANIFEST)),
            "The input's manifest entry from an earlier run (its bytes may have changed), or null.",
        ),
        _f(
            "retry",
            pa.bool_(),
            "Read again whatever its bytes: its reject called for it (a limit raised, --retry).",
        ),
        _f(
            "known_sha256",
            pa.string(),
            "Hash the manifest knows for a touched input: equal bytes are not extracted again.",
        ),
    ]
)

STAGED_FILES = pa.schema(
    [
        _f("file_index", pa.int32(), "Position of the input among its task's inputs.", False),
        _f("raw_sha256", pa.string(), "SHA-256 of the raw input bytes; null if never read."),
    ]
)

STAGED_ARTICLES = pa.schema(
    [
        *ARTICLES,
        _f(
            "file_index",
            pa.int32(),
            "Position of the article's input among its task's inputs.",
            False,
        ),
        _f(
            "signature",
            pa.list_(pa.uint32()),
            "MinHash signature of `text` (newscorpus.normalize.dedup).",
            False,
        ),
    ]
)

STAGED_REJECTS = pa.schema(
    [
        *REJECTS,
        _f(
            "file_index",
            pa.int32(),
            "Position of the reject's input among its task's inputs.",
            False,
        ),
    ]
)

DUPLICATE_DECISIONS = pa.schema(
    [
        _f(
            "doc",
            pa.int32(),
            "Position of the article among its task's staged articles.",
            False,
        ),
        _f("exact_of", pa.string(), "Id of the article with the same text, or null."),
        _f(
            "representative",
            pa.string(),
            "Id of the near-duplicate cluster's representative, or null.",
        ),
    ]
)
