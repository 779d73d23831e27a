"""The tables a publish reads: the corpus, the machine suggestions, the human annotations and gold.

Publish reads tables only, never the Label Studio server. Each table is optional except the
corpus; a table that exists must carry the columns of its schema (newscorpus.schema), or the
publish stops naming the file. The corpus is streamed in batches (only ids and hashes are held
whole); annotation tables are indexed by article id once, so a batch takes its rows without the
tables ever becoming Python objects. Every file a publish reads under the corpus and annotations
folders is checked first for symbolic links out of its folder (links.py): a link to a private
file would otherwise be published. This module reads files and never writes them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newscorpus import schema
from newscorpus.annotate.agreement_files import FOLDER as AGREEMENT_FOLDER
from newscorpus.annotate.agreement_files import LEGACY as AGREEMENT_LEGACY
from newscorpus.annotate.agreement_files import read_agreement_files
from newscorpus.annotate.gold_sources import Digest, read_gold_sources
from newscorpus.annotate.imports.targets import imported_origins, target_texts
from newscorpus.annotate.origins import labels_quotes
from newscorpus.annotate.passes import PASSES
from newscorpus.errors import UsageError
from newscorpus.labels import TIE_QUOTE
from newscorpus.links import require_all_inside
from newscorpus.tables import corpus_files, iter_corpus

ARTICLE_COLUMNS = [
    "id",
    "url",
    "source",
    "title",
    "authors",
    "agency",
    "published",
    "language",
    "text",
    "paragraphs",
    "captions",
    "license",
    "citation",
    "raw_sha256",
    "content_sha256",
    "duplicate_of",
    "pipeline_version",
    "extractor_version",
]

# Columns publish needs from the gold resolution written by `newscorpus ls agreement`
# (schema.GOLD_QUOTES / GOLD_STANCE; the resolution bookkeeping columns are not needed here).
GOLD_QUOTE_COLUMNS = [
    "article_id",
    "content_sha256",
    "start",
    "end",
    "text",
    "kind",
    "stance",
    "stance_target_id",
    "speaker_start",
    "speaker_end",
    "speaker_text",
    "cue_start",
    "cue_end",
    "cue_text",
    "speaker_name",
]
GOLD_STANCE_COLUMNS = ["article_id", "content_sha256", "target_id", "stance"]
# The articles each origin annotated (schema.GOLD_ARTICLES), read for the origins that label
# quotes only: gold folders written before it was recorded lack the file.
GOLD_ARTICLE_COLUMNS = ["article_id", "content_sha256", "annotators", "origin"]
# Provenance columns added after the first tables were written: read when present, else null.
PROVENANCE_COLUMNS = ("origin", "kind_source")
# Columns added after the first tables were written (read when present, else null): provenance
# and the target of a quote's stance.
LATER_COLUMNS = (*PROVENANCE_COLUMNS, "stance_target_id")
# Corpus columns added after the first corpora were written (read as null when absent).
OPTIONAL_ARTICLE_COLUMNS = ("citation",)
# What a publish reads under the annotations folder (tables, gold, targets, origins, agreement and
# the annotators' statement the card quotes): none may be a link out of the folder.
ANNOTATION_READS = (
    "*.parquet",
    "predictions/*.parquet",
    "gold/*.parquet",
    "gold/*.json",
    "targets/*.parquet",
    "origins/*.json",
    f"{AGREEMENT_FOLDER}/*.json",
    AGREEMENT_LEGACY,
    "annotators.md",
    "targets.yaml",
)


def _require_columns(path: Path, table_schema: pa.Schema, columns: list[str]) -> None:
    missing = [c for c in columns if c not in table_schema.names]
    if missing:
        raise UsageError(
            f"{path}: missing column(s) {', '.join(missing)}; it must follow the schema of the "
            "stage that writes it (newscorpus.schema) - re-run that stage"
        )


def _read(path: Path, columns: list[str]) -> pa.Table:
    """The columns of a table; provenance columns are optional (older tables lack them)."""
    try:
        file_schema = pq.read_schema(path)
    except (OSError, pa.ArrowInvalid) as err:
        raise UsageError(f"{path}: not a readable Parquet file ({err})") from None
    required = [c for c in columns if c not in LATER_COLUMNS]
    _require_columns(path, file_schema, required)
    present = [c for c in columns if c in file_schema.names]
    table = pq.read_table(path, columns=present)
    for name in columns:
        if name not in present:
            table = table.append_column(name, pa.nulls(table.num_rows, pa.string()))
    return table


def _optional(path: Path, columns: list[str]) -> pa.Table | None:
    return _read(path, columns) if path.exists() else None


class ArticleIndex:
    """Rows of one table grouped by article id, taken a batch of articles at a time."""

    def __init__(self, table: pa.Table, order_by: tuple[str, ...] = ()) -> None:
        keys = [("article_id", "ascending"), *((c, "ascending") for c in order_by)]
        # Sorted positions, not a sorted copy: a batch takes its rows, so the table is held once.
        self.table = table
        self._order = pc.sort_indices(table, sort_keys=keys)
        ids = table.column("article_id").take(self._order).to_pylist()
        self._ranges: dict[str, tuple[int, int]] = {}
        start = 0
        for position in range(1, len(ids) + 1):
            if position == len(ids) or ids[position] != ids[start]:
                self._ranges[ids[start]] = (start, position)
                start = position
        self.article_ids: frozenset[str] = frozenset(self._ranges)

    def __len__(self) -> int:
        return self.table.num_rows

    def group(self, article_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        """The rows of these articles, grouped by article id, each group in sort order."""
        wanted = [
            i
            for article_id in article_ids
            if article_id in self._ranges
            for i in range(*self._ranges[article_id])
        ]
        grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
        if wanted:
            positions = self._order.take(pa.array(wanted, pa.int64()))
            for row in self.table.take(positions).to_pylist():
                grouped[row["article_id"]].append(row)
        return grouped


ARTICLE_KEYS = ["id", "duplicate_of", "content_sha256", "source", "published"]


@dataclass
class PublishInputs:
    article_files: list[Path]  # streamed in batches: the corpus is never held whole
    article_keys: pa.Table  # ARTICLE_KEYS of every article, in file order (splits, leakage)
    predicted_quotes: ArticleIndex | None = None
    predicted_targets: ArticleIndex | None = None
    human_quotes: ArticleIndex | None = None
    human_stance: ArticleIndex | None = None
    human_passes: ArticleIndex | None = None  # every counted annotation (older folders lack it)
    gold_quotes: ArticleIndex | None = None
    gold_stance: ArticleIndex | None = None
    gold_articles: ArticleIndex | None = None  # articles annotated for quotes, per origin
    target_texts: dict[str, str] = field(default_factory=dict)
    target_origins: dict[str, str] = field(default_factory=dict)  # imported target -> its origin
    # origin -> its agreement figures, sorted by origin (annotate/agreement_files.py)
    agreement: dict[str, dict[str, Any]] = field(default_factory=dict)
    adjudication: dict[str, int] = field(default_factory=dict)  # item -> ties left out of gold
    quote_ties: frozenset[str] = frozenset()  # articles with a quote tie left out of gold
    sources: dict[str, Path] = field(default_factory=dict)
    # origin -> the annotations its gold was resolved from (gold/sources.json); None: no record
    gold_sources: dict[str, Digest] | None = None

    @property
    def quote_articles(self) -> frozenset[str]:
        """Articles with human quote labels: their `quotes` and `quotes_bio` rows say `human`.

        Gold quotes, or an article annotated in an origin whose annotators were asked for quotes
        (gold/articles.parquet): one where they marked no quote has labels, zero quotes, a
        negative example the release keeps. Gold folders written before that table existed tell
        it by gold stance resolved from such annotations (a Label Studio task labels both). An
        article of a stance-only origin (`fnc1`, `stance:<file>`) says nothing about quotes: it
        makes `stance` rows only.
        """
        ids: frozenset[str] = frozenset()
        for index in (self.gold_articles, self.gold_stance):
            if index is not None:
                table = index.table.filter(_labels_quotes(index.table))
                ids |= frozenset(table.column("article_id").to_pylist())
        # A quote the annotators tied on is undecided, not absent: without a gold quote beside it
        # the article is no negative example.
        ids -= self.quote_ties
        if self.gold_quotes is not None:
            ids |= self.gold_quotes.article_ids
        return ids


def _labels_quotes(table: pa.Table) -> pa.Array:
    """Which rows of `table` come from an origin that labels quotes (annotate.origins)."""
    return pa.array([labels_quotes(o) for o in table.column("origin").to_pylist()], pa.bool_())


def _quote_origins_only(table: pa.Table | None) -> pa.Table | None:
    """The rows of an origin that labels quotes: a stance import's annotated articles say nothing
    about quotes, so they neither make quote rows nor count as quote labels joining the corpus."""
    return table.filter(_labels_quotes(table)) if table is not None else None


def iter_articles(files: list[Path], batch_size: int) -> Iterator[list[dict[str, Any]]]:
    """Corpus rows in file order, `batch_size` at a time, the columns publish reads."""
    return iter_corpus(files, ARTICLE_COLUMNS, batch_size)


def _target_texts(annotations: Path, predicted: pa.Table | None) -> dict[str, str]:
    """Target id -> its one-line text: from targets.yaml and the imported targets tables
    (annotate.imports.targets, their one reader), else as the suggestions recorded it.

    targets.yaml is read by the parser `newscorpus preannotate` uses, so a file it would reject
    stops the publish with the same message instead of being read differently here.
    """
    texts = target_texts(annotations)
    if predicted is not None:
        for target_id, target in zip(
            predicted.column("target_id").to_pylist(),
            predicted.column("target").to_pylist(),
            strict=True,
        ):
            texts.setdefault(target_id, target)
    return texts


def refuse_links_out(corpus: Path, annotations: Path, article_files: list[Path]) -> None:
    """Stop before reading when a file publish reads is a link out of its folder."""
    if Path(corpus).is_dir():
        require_all_inside(corpus, article_files)
    for pattern in ANNOTATION_READS:
        require_all_inside(annotations, sorted(Path(annotations).glob(pattern)))


def load_inputs(corpus: Path, annotations: Path) -> PublishInputs:
    """Read every table a publish uses; absent optional tables stay None."""
    article_files = corpus_files(
        corpus, [c for c in ARTICLE_COLUMNS if c not in OPTIONAL_ARTICLE_COLUMNS]
    )
    refuse_links_out(corpus, annotations, article_files)
    article_keys = pa.concat_tables([pq.read_table(p, columns=ARTICLE_KEYS) for p in article_files])
    predicted_quotes = _optional(
        annotations / "predictions" / "quotes.parquet", schema.QUOTE_PREDICTIONS.names
    )
    predicted_targets = _optional(
        annotations / "predictions" / "targets.parquet", schema.TARGET_PREDICTIONS.names
    )
    human_quotes = _optional(annotations / "quotes.parquet", schema.ANNOTATED_QUOTES.names)
    human_stance = _optional(annotations / "stance.parquet", schema.ANNOTATED_STANCE.names)
    human_passes = _optional(annotations / PASSES, schema.ANNOTATION_PASSES.names)
    gold_dir = annotations / "gold"
    gold_quotes = _optional(gold_dir / "quotes.parquet", [*GOLD_QUOTE_COLUMNS, *PROVENANCE_COLUMNS])
    gold_stance = _optional(gold_dir / "stance.parquet", [*GOLD_STANCE_COLUMNS, "origin"])
    gold_articles = _quote_origins_only(
        _optional(gold_dir / "articles.parquet", GOLD_ARTICLE_COLUMNS)
    )
    if any(t is not None for t in (human_quotes, human_stance, human_passes)) and (
        gold_quotes is None and gold_stance is None and gold_articles is None
    ):
        raise UsageError(
            f"{annotations} has human annotations but no gold resolution in {gold_dir}: run "
            "`newscorpus ls agreement` first (publish never passes raw annotations off as gold)"
        )
    agreement = read_agreement_files(annotations)
    adjudication: dict[str, int] = {}
    quote_ties: set[str] = set()
    ties = _optional(gold_dir / "adjudication.parquet", ["article_id", "item"])
    if ties is not None:
        for article, item in zip(*ties.to_pydict().values(), strict=True):
            adjudication[item] = adjudication.get(item, 0) + 1
            if item == TIE_QUOTE:
                quote_ties.add(article)

    def index(table: pa.Table | None, *order: str) -> ArticleIndex | None:
        return ArticleIndex(table, order) if table is not None else None

    sources = {"articles": corpus / "articles"}
    for name, path in (
        ("predicted_quotes", annotations / "predictions" / "quotes.parquet"),
        ("predicted_targets", annotations / "predictions" / "targets.parquet"),
        ("human_quotes", annotations / "quotes.parquet"),
        ("human_stance", annotations / "stance.parquet"),
        ("human_passes", annotations / PASSES),
        ("gold_quotes", gold_dir / "quotes.parquet"),
        ("gold_stance", gold_dir / "stance.parquet"),
        ("gold_articles", gold_dir / "articles.parquet"),
    ):
        if path.exists():
            sources[name] = path
    return PublishInputs(
        article_files=article_files,
        article_keys=article_keys,
        predicted_quotes=index(predicted_quotes, "start", "end"),
        predicted_targets=index(predicted_targets, "target_id"),
        human_quotes=index(human_quotes, "annotation_id", "start", "end"),
        human_stance=index(human_stance, "annotation_id", "target_id"),
        human_passes=index(human_passes, "annotation_id"),
        gold_quotes=index(gold_quotes, "start", "end"),
        gold_stance=index(gold_stance, "target_id"),
        gold_articles=index(gold_articles, "origin"),
        target_texts=_target_texts(annotations, predicted_targets),
        target_origins=imported_origins(annotations),
        agreement=agreement,
        adjudication=adjudication,
        quote_ties=frozenset(quote_ties),
        sources=sources,
        gold_sources=read_gold_sources(gold_dir),
    )
