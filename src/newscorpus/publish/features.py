"""The `datasets` types and field docs the published configs are built from.

Each config's entry in `configs` assembles its `Features` and field docs from these pieces. Label
vocabularies come from `labels`: the writer encodes with them, the checks validate against them,
the card and the Croissant file describe them. Changing a name list or a field is a schema change
(a major version). This module names no config (the registry does) and never reads or writes
files.
"""

from __future__ import annotations

from datasets import ClassLabel, List, Value

from newscorpus import schema
from newscorpus.labels import BIO_TAGS, LABEL_SOURCES, QUOTE_KINDS, STANCE_LABELS

SPLITS: tuple[str, ...] = ("train", "validation", "test")
TIMESTAMP = Value("timestamp[us, tz=UTC]")


def span_feature() -> dict[str, Value]:
    return {"start": Value("int32"), "end": Value("int32")}


def quote_feature(raw: bool = False) -> dict[str, object]:
    """One quotation; `raw` (one annotator's pass) adds the region id and has no score."""
    fields: dict[str, object] = {}
    if raw:
        fields["region_id"] = Value("string")
    fields |= {
        "start": Value("int32"),
        "end": Value("int32"),
        "text": Value("string"),
        "kind": ClassLabel(names=list(QUOTE_KINDS)),
        "kind_source": label_source_feature(),
        "stance": stance_feature(),
        "stance_target_id": Value("string"),
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


def stance_feature() -> ClassLabel:
    return ClassLabel(names=list(STANCE_LABELS))


def label_source_feature() -> ClassLabel:
    return ClassLabel(names=list(LABEL_SOURCES))


def bio_tags_feature() -> List:
    return List(ClassLabel(names=list(BIO_TAGS)))


def _article_docs() -> dict[str, str]:
    docs = {f.name: f.metadata[b"description"].decode() for f in schema.ARTICLES}
    docs |= {
        "text": docs["text"] + " Null when the text is withheld (see `text_withheld`).",
        "title": docs["title"] + " Null when the text is withheld.",
        "captions": docs["captions"] + " Empty when the text is withheld.",
        "text_withheld": "True when the article's license is not known to permit redistributing "
        "the text (the card counts each reason): ids, URLs, hashes and offsets only; `newscorpus "
        "hydrate` restores it from your own copy.",
        "citation": docs["citation"],
        "cluster_id": "Story the article belongs to: its near-duplicate cluster (duplicate_of, or "
        "its own id) joined with every cluster it shares a story with (word 5-gram overlap >= "
        "0.6, e.g. a wire update); the smallest cluster id names it. Whole stories share one "
        "split.",
    }
    return docs


# The corpus fields' docs, from the schema's own descriptions.
ARTICLE_DOCS = _article_docs()
QUOTE_DOC = (
    "List of quotations: content offsets (`start`, `end`, code points into `text`), `text`, "
    "`kind` (direct/indirect/mixed) and `kind_source` (human when a person chose the kind, "
    "machine when a rule derived it, e.g. from quotation marks on import), `stance` of the "
    "speaker and `stance_target_id`, the target it is toward (a `target_id` of the article's "
    "`stance` rows; null when not given), speaker and cue offsets and texts, canonical "
    "`speaker_name`, and the extractor `score` (machine rows only). An empty list on a `human` "
    "row is a negative example: its annotators read the article and found no quotation. On a "
    "`human` row, a null kind, stance, speaker or cue of a quote may be a tie: most annotators "
    "marked the quote but split on that attribute (the card counts these ties)."
)
# The quotes and stances of one annotation (`annotations_raw`): both lists are empty on the row
# of an annotation that marked nothing (annotations/passes.parquet lists it).
RAW_QUOTES_DOC = (
    "The annotator's quotations, as in the `quotes` config, with the region id. An empty list "
    "(with empty `stances`) is an annotation in which the annotator marked nothing: read the "
    "article and found no quotation, a negative example; an article nobody annotated has no row. "
    "Releases made from annotation folders without passes.parquet (written before it was) have "
    "no row for such an annotation."
)
RAW_STANCES_DOC = (
    "The annotator's article-level stance per target (a null `stance`: asked about the target, "
    "chose none); an empty list when the task asked about no target or the annotation marked "
    "nothing (see `quotes`)."
)
ORIGIN_DOC = (
    "Where the labels came from: labelstudio:<project>, brat:<corpus>, fnc1, stance:<file> or "
    "worked-examples (the card describes each); several joined by ', ' when an article was "
    "labeled in more than one (each origin's gold is resolved from its own annotations, never "
    "pooled, and the row holds the gold of each); null on machine rows and on labels recorded "
    "before origins were."
)
# Fields several configs share; a config's own docs override these.
COMMON_DOCS = {
    "article_id": "Id of the article (the `id` of the `articles` config).",
    "content_sha256": "SHA-256 of the UTF-8 text the offsets refer to.",
    "text": "The article text (null when withheld; see `text_withheld`).",
    "text_withheld": ARTICLE_DOCS["text_withheld"],
    "label_source": "`human` (gold resolved from annotations by `ls agreement`) or `machine` "
    "(pre-annotator suggestions only, never reviewed).",
    "annotators": "Number of human annotators behind the gold labels (0 for machine rows).",
    "origin": ORIGIN_DOC,
}
