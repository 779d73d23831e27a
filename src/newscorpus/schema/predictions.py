"""The tables `newscorpus preannotate` writes under annotations/predictions/: quotes, matched
stance targets and suggested stances. Machine output only, never a person's label.

Schemas only; it must never import a module of the project outside this package.
"""

from __future__ import annotations

import pyarrow as pa

from newscorpus.schema.fields import ARTICLE_ID, CUE_TEXT, SPEAKER_TEXT, TARGET, field

QUOTE_PREDICTIONS = pa.schema(
    [
        ARTICLE_ID,
        field(
            "content_sha256",
            pa.string(),
            "content_sha256 of the article the offsets refer to.",
            False,
        ),
        field(
            "quote_index", pa.int32(), "Position of the quote in the article, in text order.", False
        ),
        field("start", pa.int32(), "First code point of the quote content in `text`.", False),
        field("end", pa.int32(), "One past the last code point of the quote content.", False),
        field("text", pa.string(), "The quote content, text[start:end].", False),
        field("kind", pa.string(), "direct, indirect or mixed.", False),
        field("speaker_start", pa.int32(), "Start of the speaker mention, null if none found."),
        field("speaker_end", pa.int32(), "End of the speaker mention, null if none found."),
        SPEAKER_TEXT,
        field(
            "cue_start", pa.int32(), "Start of the cue (reporting verb or phrase), null if none."
        ),
        field("cue_end", pa.int32(), "End of the cue, null if none."),
        CUE_TEXT,
        field("speaker_name", pa.string(), "Canonical speaker name within the article, or null."),
        field("score", pa.float32(), "Extractor confidence in [0, 1].", False),
        field(
            "model_version",
            pa.string(),
            "Version of the extractor rules (e.g. 'quotes-rules-v1').",
            False,
        ),
    ]
)

TARGET_PREDICTIONS = pa.schema(
    [
        ARTICLE_ID,
        field(
            "target_id", pa.string(), "Id of the stance target in annotations/targets.yaml.", False
        ),
        TARGET,
        field("score", pa.float32(), "Match strength in [0, 1].", False),
        field(
            "matched_terms", pa.list_(pa.string()), "Terms of the target's rules found in the text."
        ),
        field("model_version", pa.string(), "Version of the target rules.", False),
    ]
)

STANCE_PREDICTIONS = pa.schema(
    [
        ARTICLE_ID,
        field(
            "content_sha256", pa.string(), "Hash of the text the stance was predicted on.", False
        ),
        field(
            "target_id", pa.string(), "Id of the matched target (a TARGET_PREDICTIONS row).", False
        ),
        TARGET,
        field("stance", pa.string(), "Suggested stance, one of labels.STANCE_LABELS.", False),
        field(
            "model_label", pa.string(), "The model's own label (e.g. FNC-1's 'unrelated').", False
        ),
        field("score", pa.float32(), "The model's probability of its label, in [0, 1].", False),
        field("model_version", pa.string(), "Version of the stance model (its card's).", False),
    ]
)
