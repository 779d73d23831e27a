"""The `datasets.Features` of every published config: the types researchers get from `load_dataset`.

Label vocabularies come from `labels`: the writer encodes with them, the checks validate
against them, the card and the Croissant file describe them. Changing a name list or a field is a
schema change (a major version). This module must never read or write files.
"""

from __future__ import annotations

from datasets import ClassLabel, Features, List, Value

from newscorpus import schema
from newscorpus.labels import BIO_TAGS, LABEL_SOURCES, QUOTE_KINDS, STANCE_LABELS

CONFIGS: tuple[str, ...] = ("articles", "quotes", "stance", "quotes_bio", "annotations_raw")
DEFAULT_CONFIG = "quotes"
SPLITS: tuple[str, ...] = ("train", "validation", "test")


CONFIG_DESCRIPTIONS: dict[str, str] = {
    "articles": "One row per article: the normalized corpus fields (no labels).",
    "quotes": "One row per article with quote labels: the text and a list of quotations with "
    "offsets, speaker, cue, kind, stance and canonical speaker name.",
    "stance": "One row per article and stance target, with the stance label.",
    "quotes_bio": "One row per paragraph: tokens with BIO tags over QUOTE/SPEAKER/CUE, for token "
    "classification trainers.",
    "annotations_raw": "One row per human annotation (one annotator's pass over one article), "
    "before gold resolution: for research on disagreement.",
}


def _span() -> dict[str, Value]:
    return {"start": Value("int32"), "end": Value("int32")}


def _quote(raw: bool = False) -> dict[str, object]:
    fields: dict[str, object] = {}
    if raw:
        fields["region_id"] = Value("string")
    fields |= {
        "start": Value("int32"),
        "end": Value("int32"),
        "text": Value("string"),
        "kind": ClassLabel(names=list(QUOTE_KINDS)),
        "stance": ClassLabel(names=list(STANCE_LABELS)),
        "speaker_start": Value("int32"),
        "speaker_end": Value("int32"),
        "speaker_text": Value("string"),
        "cue_start": Value("int32"),
        "cue_end": Value("int32"),
        "cue_text": Value("string"),
        "speaker_name": Value("string"),
    }
    if not raw:
        fields["score"] = Value("float32")
    return fields


def _label_source() -> ClassLabel:
    return ClassLabel(names=list(LABEL_SOURCES))


def _build() -> dict[str, Features]:
    timestamp = Value("timestamp[us, tz=UTC]")
    return {
        "articles": Features(
            {
                "id": Value("string"),
                "url": Value("string"),
                "source": Value("string"),
                "title": Value("string"),
                "authors": List(Value("string")),
                "agency": Value("string"),
                "published": timestamp,
                "language": Value("string"),
                "text": Value("string"),
                "paragraphs": List(_span()),
                "captions": List(Value("string")),
                "license": Value("string"),
                "text_withheld": Value("bool"),
                "raw_sha256": Value("string"),
                "content_sha256": Value("string"),
                "duplicate_of": Value("string"),
                "cluster_id": Value("string"),
                "pipeline_version": Value("string"),
            }
        ),
        "quotes": Features(
            {
                "article_id": Value("string"),
                "content_sha256": Value("string"),
                "text": Value("string"),
                "text_withheld": Value("bool"),
                "label_source": _label_source(),
                "annotators": Value("int32"),
                "model_version": Value("string"),
                "quotes": List(_quote()),
            }
        ),
        "stance": Features(
            {
                "article_id": Value("string"),
                "content_sha256": Value("string"),
                "target_id": Value("string"),
                "target": Value("string"),
                "text": Value("string"),
                "text_withheld": Value("bool"),
                "label": ClassLabel(names=list(STANCE_LABELS)),
                "label_source": _label_source(),
                "annotators": Value("int32"),
            }
        ),
        "quotes_bio": Features(
            {
                "article_id": Value("string"),
                "paragraph_index": Value("int32"),
                "tokens": List(Value("string")),
                "offsets": List(_span()),
                "tags": List(ClassLabel(names=list(BIO_TAGS))),
                "text_withheld": Value("bool"),
                "label_source": _label_source(),
            }
        ),
        "annotations_raw": Features(
            {
                "article_id": Value("string"),
                "content_sha256": Value("string"),
                "annotation_id": Value("string"),
                "annotator": Value("string"),
                "ground_truth": Value("bool"),
                "task_id": Value("int64"),
                "created_at": timestamp,
                "updated_at": timestamp,
                "lead_time": Value("float64"),
                "text_withheld": Value("bool"),
                "quotes": List(_quote(raw=True)),
                "stances": List(
                    {
                        "target_id": Value("string"),
                        "stance": ClassLabel(names=list(STANCE_LABELS)),
                    }
                ),
            }
        ),
    }


_FEATURES = _build()


def features_for(config: str) -> Features:
    """A fresh copy of the config's features (callers may mutate it without touching others)."""
    if config not in _FEATURES:
        raise KeyError(f"unknown config {config!r}; configs are {', '.join(CONFIGS)}")
    return _FEATURES[config].copy()


def _article_field_docs() -> dict[str, str]:
    docs = {f.name: f.metadata[b"description"].decode() for f in schema.ARTICLES}
    docs |= {
        "text": docs["text"] + " Null when the source's license forbids redistribution.",
        "title": docs["title"] + " Null when the text is withheld.",
        "captions": docs["captions"] + " Empty when the text is withheld.",
        "text_withheld": "True when the source's license forbids redistributing the text: ids, "
        "URLs, hashes and offsets only; `newscorpus hydrate` restores it from your own copy.",
        "cluster_id": "Near-duplicate cluster (duplicate_of, or the article's own id): whole "
        "clusters share one split.",
    }
    return docs


_ARTICLE_DOCS = _article_field_docs()
_QUOTE_DOC = (
    "List of quotations: content offsets (`start`, `end`, code points into `text`), `text`, "
    "`kind` (direct/indirect/mixed), `stance` of the speaker toward the article's target, "
    "speaker and cue offsets and texts, canonical `speaker_name`, and the extractor `score` "
    "(machine rows only)."
)
_COMMON_DOCS = {
    "article_id": "Id of the article (the `id` of the `articles` config).",
    "content_sha256": "SHA-256 of the UTF-8 text the offsets refer to.",
    "text": "The article text (null when withheld; see `text_withheld`).",
    "text_withheld": _ARTICLE_DOCS["text_withheld"],
    "label_source": "`human` (gold resolved from annotations by `ls agreement`) or `machine` "
    "(pre-annotator suggestions only, never reviewed).",
    "annotators": "Number of human annotators behind the gold labels (0 for machine rows).",
}


def _documented(config: str, docs: dict[str, str]) -> dict[str, str]:
    """Docs in feature order; a field without a doc fails at import, so the card never lacks one."""
    merged = _COMMON_DOCS | docs
    return {name: merged[name] for name in _FEATURES[config]}


FIELD_DOCS: dict[str, dict[str, str]] = {
    "articles": _documented("articles", _ARTICLE_DOCS),
    "quotes": _documented(
        "quotes",
        {
            "model_version": "Extractor rules version for machine rows, null for human rows.",
            "quotes": _QUOTE_DOC,
        },
    ),
    "stance": _documented(
        "stance",
        {
            "target_id": "Stance target id (annotations/targets.yaml).",
            "target": "The target's one-line claim or entity.",
            "label": "Stance of the article toward the target; null on machine rows (the target "
            "was suggested by rules, nobody labeled it).",
        },
    ),
    "quotes_bio": _documented(
        "quotes_bio",
        {
            "paragraph_index": "Position of the paragraph in the article.",
            "tokens": "Word and punctuation tokens of the paragraph (null when the text is "
            "withheld).",
            "offsets": "Start/end code points of each token in the article's `text`.",
            "tags": "BIO tags over QUOTE (content), SPEAKER and CUE; a quote running over "
            "several paragraphs starts again with B- in each.",
        },
    ),
    "annotations_raw": _documented(
        "annotations_raw",
        {
            "annotation_id": "Label Studio annotation id (one annotator's pass).",
            "annotator": "Pseudonymized annotator (salted hash), never an email.",
            "ground_truth": "True when a reviewer marked the annotation as ground truth.",
            "task_id": "Label Studio task id.",
            "created_at": "When the annotation was created (UTC).",
            "updated_at": "When the annotation was last updated (UTC).",
            "lead_time": "Seconds the annotator spent on the task.",
            "quotes": "The annotator's quotations, as in the `quotes` config, with the region id.",
            "stances": "The annotator's article-level stance per target.",
        },
    ),
}
