"""The gold tables (annotations/gold/, annotations/adjudication/): labels resolved from several
annotations (`ls agreement`, an import), the articles each origin's annotators labeled (those
where they marked nothing included), the ties listed for adjudication, and a reviewer's
decisions in the review project (`ls adjudicate`) with the provenance they give a gold row.

Schemas only; it must never import a module of the project outside this package.
"""

from __future__ import annotations

import pyarrow as pa

from newscorpus.schema.fields import (
    ANNOTATED_TEXT_SHA256,
    ARTICLE_ID,
    CUE_TEXT,
    KIND,
    KIND_SOURCE,
    OFFSETS_TEXT_SHA256,
    ORIGIN,
    QUOTE_END,
    QUOTE_START,
    SPEAKER_TEXT,
    STANCE_TARGET_ID,
    TARGET_ID,
    field,
)

# Provenance of a gold row decided in the review project (`newscorpus ls adjudicate`); null for
# gold from agreement.
ADJUDICATION_PROVENANCE = [
    field("reviewer", pa.string(), "Pseudonymized reviewer who decided it (adjudication only)."),
    field(
        "decision",
        pa.string(),
        "kept (the reviewer kept an annotator's version as it was) or corrected (the reviewer's "
        "own version); adjudication only.",
    ),
    field(
        "reviewed_annotations",
        pa.list_(pa.string()),
        "Ids of the annotations whose versions the reviewer was shown (adjudication only).",
    ),
]

GOLD_QUOTES = pa.schema(
    [
        ARTICLE_ID,
        OFFSETS_TEXT_SHA256,
        QUOTE_START,
        QUOTE_END,
        field("text", pa.string(), "text[start:end].", False),
        KIND,
        field("stance", pa.string(), "Speaker's stance toward the target, null if not chosen."),
        STANCE_TARGET_ID,
        field("speaker_start", pa.int32(), "Start of the speaker mention, null if none."),
        field("speaker_end", pa.int32(), "End of the speaker mention."),
        SPEAKER_TEXT,
        field("cue_start", pa.int32(), "Start of the cue, null if none."),
        field("cue_end", pa.int32(), "End of the cue."),
        CUE_TEXT,
        field("speaker_name", pa.string(), "Canonical speaker name."),
        field(
            "resolution",
            pa.string(),
            "ground_truth (a reviewer's annotation), majority, single (one annotation), or "
            "adjudication (a reviewer's decision on a disagreement, in the review project).",
            False,
        ),
        field(
            "support",
            pa.int32(),
            "Annotations that marked this quote (overlap/union >= 0.5).",
            False,
        ),
        field("annotations", pa.int32(), "Annotations of the article that took part.", False),
        field(
            "annotation_id",
            pa.string(),
            "Annotation whose offsets were kept (adjudication: the reviewer's); each attribute "
            "(kind, stance, speaker, cue) is the one most of the annotations that marked the "
            "quote gave.",
            False,
        ),
        field(
            "attribute_support",
            pa.struct([(name, pa.int32()) for name in ("kind", "stance", "speaker", "cue")]),
            "Of the annotations that marked the quote (support), how many gave each attribute "
            "as this row has it (kind, stance, speaker, cue); null for an attribute tied.",
        ),
        field(
            "tied",
            pa.list_(pa.string()),
            "Attributes the annotations that marked the quote tied on (quote_kind, "
            "quote_stance, speaker, cue): left null until a reviewer decides them, each listed "
            "in adjudication.parquet. Empty when none tied.",
        ),
        *ADJUDICATION_PROVENANCE,
        KIND_SOURCE,
        ORIGIN,
    ]
)

GOLD_STANCE = pa.schema(
    [
        ARTICLE_ID,
        ANNOTATED_TEXT_SHA256,
        TARGET_ID,
        field("stance", pa.string(), "Resolved stance: favor/against/neutral/none.", False),
        field(
            "resolution",
            pa.string(),
            "ground_truth, majority, single, or adjudication (decided in the review project).",
            False,
        ),
        field("support", pa.int32(), "Annotations that chose this stance.", False),
        field(
            "annotations", pa.int32(), "Annotations that chose any stance for this target.", False
        ),
        *ADJUDICATION_PROVENANCE,
        ORIGIN,
    ]
)

GOLD_ARTICLES = pa.schema(
    [
        ARTICLE_ID,
        ANNOTATED_TEXT_SHA256,
        field(
            "resolution",
            pa.string(),
            "How the article's quotes were resolved: ground_truth, single or majority (as in "
            "gold/quotes.parquet; a reviewer's decisions may then replace some). An article "
            "listed here with no row of its origin in "
            "gold/quotes.parquet was read and found to hold no quotation (a negative example), "
            "unless gold/adjudication.parquet lists a quote tie for it (undecided); an article "
            "not listed was never annotated.",
            False,
        ),
        field(
            "annotations",
            pa.int32(),
            "Annotations of the article that vote, including those that marked nothing: one per "
            "annotator (their latest), on the article's current text; cancelled ones left out.",
            False,
        ),
        field(
            "annotators",
            pa.list_(pa.string()),
            "Pseudonymized annotators of those annotations, sorted.",
            False,
        ),
        ORIGIN,
    ]
)

ADJUDICATION = pa.schema(
    [
        ARTICLE_ID,
        ANNOTATED_TEXT_SHA256,
        field(
            "item",
            pa.string(),
            "What is tied: stance (the article's), quote (marked by exactly half the "
            "annotations), or an attribute of a gold quote: quote_kind, quote_stance, speaker, "
            "cue.",
            False,
        ),
        field("target_id", pa.string(), "Stance target of a stance tie."),
        field("start", pa.int32(), "Start of the quote of a quote (or quote attribute) tie."),
        field("end", pa.int32(), "End of the quote of a quote (or quote attribute) tie."),
        field("text", pa.string(), "Quote text of a quote (or quote attribute) tie."),
        field(
            "votes",
            pa.string(),
            "Who chose what, e.g. 'favor=1; against=1', 'marked=1; not=1' or, for a speaker, "
            "'«the mayor»=1; none=1'.",
            False,
        ),
        ORIGIN,
    ]
)

REVIEW_DECISIONS = pa.schema(
    [
        field(
            "review_task_id",
            pa.int64(),
            "Task of the review project that showed the versions.",
            False,
        ),
        field(
            "review_annotation_id", pa.string(), "The reviewer's annotation of that task.", False
        ),
        field("reviewer", pa.string(), "Pseudonymized reviewer (salted hash).", False),
        field(
            "item",
            pa.string(),
            "What the annotators disagreed on: stance (the article's), span (a quote only some "
            "marked), or, of a quote all marked: speaker, cue, kind or quote_stance (the first "
            "that differs).",
            False,
        ),
        ARTICLE_ID,
        ANNOTATED_TEXT_SHA256,
        field("target_id", pa.string(), "Stance target of a stance disagreement."),
        field("start", pa.int32(), "Start of the disputed stretch of text (span and speaker)."),
        field("end", pa.int32(), "End of the disputed stretch of text."),
        field(
            "reviewed_annotations",
            pa.list_(pa.string()),
            "Ids of the annotations whose versions the reviewer was shown.",
            False,
        ),
        field(
            "decision",
            pa.string(),
            "kept (an annotator's version as it was), corrected (the reviewer's own version), "
            "rejected (no quote there) or undecided (the reviewer chose nothing: still a tie).",
            False,
        ),
        field("gold_rows", pa.int32(), "Gold rows the decision gave.", False),
        field("decided_at", pa.timestamp("us", tz="UTC"), "When the reviewer last saved it."),
        field("origin", pa.string(), "labelstudio:<review project>, where the decision was made."),
    ]
)
