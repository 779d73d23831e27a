"""The published configs, one `PublishConfig` entry each: the only place a config is defined.

An entry says everything the publish needs about its config: the name and description, the
`datasets` features and a doc for every field (the card and croissant.json print them), the
function building its rows from one article and its annotations (rows.py), the restorers
`newscorpus hydrate` applies to its withheld rows (withhold.py), and the tally the card counts
from its rows (figures.py). build, rows, card, croissant and hydrate iterate REGISTRY, in its
order; adding a config is adding an entry. Never reads or writes files.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from datasets import Features, List, Value

from newscorpus.publish import rows, withhold
from newscorpus.publish.features import (
    ARTICLE_DOCS,
    COMMON_DOCS,
    QUOTE_DOC,
    RAW_QUOTES_DOC,
    RAW_STANCES_DOC,
    TIMESTAMP,
    bio_tags_feature,
    label_source_feature,
    quote_feature,
    span_feature,
    stance_feature,
)
from newscorpus.publish.figures import (
    CardFigures,
    tally_annotation,
    tally_article,
    tally_quotes,
    tally_stance,
)

Row = dict[str, Any]
RowBuilder = Callable[[rows.ArticleContext], list[Row]]
Restorer = Callable[[Row, withhold.TextCopy], None]
Tally = Callable[[CardFigures, Row, str], None]


@dataclass(frozen=True, eq=False)
class PublishConfig:
    """One published config (a `load_dataset(..., name)`): its schema, rows, hydration, counts.

    Attributes:
        name: the config name, also its folder under data/.
        description: one line for the card and the Croissant record set.
        features: the `datasets` types of its columns, in column order.
        docs: field docs beyond features.COMMON_DOCS (which they override).
        build: rows of one article (none when the article has nothing for this config).
        restore: what hydrate applies to a withheld row once the text is found.
        tally: what the card counts from each row (rows with `label_source` are counted by
            label source in any case).
        inputs: the input tables (PublishInputs attributes) its labels come from, named when a
            requested config would be empty.
        field_docs: every feature's doc, in feature order (derived; a field without a doc fails
            at import, so the card never lacks one).
    """

    name: str
    description: str
    features: Features
    docs: Mapping[str, str]
    build: RowBuilder
    restore: tuple[Restorer, ...] = ()
    tally: Tally | None = None
    inputs: tuple[str, ...] = ()
    field_docs: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        merged = COMMON_DOCS | dict(self.docs)
        missing = [name for name in self.features if name not in merged]
        if missing:
            raise ValueError(f"config {self.name}: no doc for field(s) {', '.join(missing)}")
        object.__setattr__(self, "field_docs", {name: merged[name] for name in self.features})

    @property
    def labeled(self) -> bool:
        """Rows say whether their labels are human or machine."""
        return "label_source" in self.features


ARTICLES = PublishConfig(
    name="articles",
    description="One row per article: the normalized corpus fields (no labels).",
    features=Features(
        {
            "id": Value("string"),
            "url": Value("string"),
            "source": Value("string"),
            "title": Value("string"),
            "authors": List(Value("string")),
            "agency": Value("string"),
            "published": TIMESTAMP,
            "language": Value("string"),
            "text": Value("string"),
            "paragraphs": List(span_feature()),
            "captions": List(Value("string")),
            "license": Value("string"),
            "citation": Value("string"),
            "text_withheld": Value("bool"),
            "raw_sha256": Value("string"),
            "content_sha256": Value("string"),
            "duplicate_of": Value("string"),
            "cluster_id": Value("string"),
            "pipeline_version": Value("string"),
            "extractor_version": Value("string"),
        }
    ),
    docs=ARTICLE_DOCS,
    build=rows.article_rows,
    restore=(withhold.restore_article_fields,),
    tally=tally_article,
)

QUOTES = PublishConfig(
    name="quotes",
    description="One row per article with quote labels: the text and a list of quotations with "
    "offsets, speaker, cue, kind, stance and canonical speaker name.",
    features=Features(
        {
            "article_id": Value("string"),
            "content_sha256": Value("string"),
            "text": Value("string"),
            "text_withheld": Value("bool"),
            "label_source": label_source_feature(),
            "origin": Value("string"),
            "annotators": Value("int32"),
            "model_version": Value("string"),
            "quotes": List(quote_feature()),
        }
    ),
    docs={
        "model_version": "Extractor rules version for machine rows, null for human rows.",
        "quotes": QUOTE_DOC,
    },
    build=rows.quote_rows,
    inputs=("gold_quotes", "gold_articles", "predicted_quotes"),
    restore=(withhold.restore_text, withhold.restore_quote_texts),
    tally=tally_quotes,
)

STANCE = PublishConfig(
    name="stance",
    description="One row per article and stance target, with the stance label.",
    features=Features(
        {
            "article_id": Value("string"),
            "content_sha256": Value("string"),
            "target_id": Value("string"),
            "target": Value("string"),
            "target_withheld": Value("bool"),
            "text": Value("string"),
            "text_withheld": Value("bool"),
            "label": stance_feature(),
            "label_source": label_source_feature(),
            "origin": Value("string"),
            "annotators": Value("int32"),
        }
    ),
    docs={
        "target_id": "Stance target id (annotations/targets.yaml, or made on import from the "
        "target's text).",
        "target": "The target's one-line claim or entity (null when withheld; see "
        "`target_withheld`).",
        "target_withheld": "True when the target came with imported labels (e.g. an FNC-1 "
        "headline) whose origin's license is unknown or forbids redistribution: its text is "
        "withheld as an article's would be; `newscorpus hydrate` restores it from your own copy "
        "of the source.",
        "label": "Stance of the article toward the target; null on machine rows (the target "
        "was suggested by rules, nobody labeled it).",
    },
    build=rows.stance_rows,
    inputs=("gold_stance", "predicted_targets"),
    restore=(withhold.restore_text,),
    tally=tally_stance,
)

QUOTES_BIO = PublishConfig(
    name="quotes_bio",
    description="One row per paragraph: tokens with BIO tags over QUOTE/SPEAKER/CUE, for token "
    "classification trainers.",
    features=Features(
        {
            "article_id": Value("string"),
            "paragraph_index": Value("int32"),
            "tokens": List(Value("string")),
            "offsets": List(span_feature()),
            "tags": bio_tags_feature(),
            "text_withheld": Value("bool"),
            "label_source": label_source_feature(),
            "origin": Value("string"),
        }
    ),
    docs={
        "paragraph_index": "Position of the paragraph in the article.",
        "tokens": "Word and punctuation tokens of the paragraph (null when the text is withheld).",
        "offsets": "Start/end code points of each token in the article's `text`.",
        "tags": "BIO tags over QUOTE (content), SPEAKER and CUE; a quote running over several "
        "paragraphs starts again with B- in each.",
    },
    build=rows.bio_rows,
    inputs=("gold_quotes", "gold_articles", "predicted_quotes"),
    restore=(withhold.restore_tokens,),
)

ANNOTATIONS_RAW = PublishConfig(
    name="annotations_raw",
    description="One row per human annotation (one annotator's pass over one article), before "
    "gold resolution: for research on disagreement.",
    features=Features(
        {
            "article_id": Value("string"),
            "content_sha256": Value("string"),
            "annotation_id": Value("string"),
            "annotator": Value("string"),
            "ground_truth": Value("bool"),
            "origin": Value("string"),
            "task_id": Value("int64"),
            "created_at": TIMESTAMP,
            "updated_at": TIMESTAMP,
            "lead_time": Value("float64"),
            "text_withheld": Value("bool"),
            "quotes": List(quote_feature(raw=True)),
            "stances": List({"target_id": Value("string"), "stance": stance_feature()}),
        }
    ),
    docs={
        "annotation_id": "Label Studio annotation id (one annotator's pass).",
        "annotator": "Pseudonymized annotator (salted hash), never an email.",
        "ground_truth": "True when a reviewer marked the annotation as ground truth.",
        "task_id": "Label Studio task id (null for imported annotations).",
        "created_at": "When the annotation was created (UTC).",
        "updated_at": "When the annotation was last updated (UTC).",
        "lead_time": "Seconds the annotator spent on the task.",
        "quotes": RAW_QUOTES_DOC,
        "stances": RAW_STANCES_DOC,
    },
    build=rows.annotation_rows,
    inputs=("human_quotes", "human_stance", "human_passes"),
    restore=(withhold.restore_quote_texts,),
    tally=tally_annotation,
)

# The published configs, in the order the card, the Croissant file and the folders list them.
REGISTRY: tuple[PublishConfig, ...] = (ARTICLES, QUOTES, STANCE, QUOTES_BIO, ANNOTATIONS_RAW)
CONFIG_NAMES: tuple[str, ...] = tuple(c.name for c in REGISTRY)
DEFAULT_CONFIG = QUOTES.name  # what `load_dataset(repo)` gives without a config name
_BY_NAME = {c.name: c for c in REGISTRY}
if len(_BY_NAME) != len(REGISTRY):
    raise ValueError(f"config names must be unique: {', '.join(CONFIG_NAMES)}")


def config_named(name: str) -> PublishConfig:
    if name not in _BY_NAME:
        raise KeyError(f"unknown config {name!r}; configs are {', '.join(CONFIG_NAMES)}")
    return _BY_NAME[name]


def features_for(name: str) -> Features:
    """A fresh copy of the config's features (callers may mutate it without touching others)."""
    return config_named(name).features.copy()
