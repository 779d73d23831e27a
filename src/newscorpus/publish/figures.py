"""What the card and the baselines count, gathered from the rows as they are written.

Every row of a config with a `label_source` field is counted by label source; beyond that, a
config's entry (configs.py) names its tally below, which takes what the card reports from one
row. The card then prints these figures and never counts anything itself. Pure: reads and writes
no files.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newscorpus.labels import HUMAN, LABEL_SOURCES, QUOTE_KINDS, STANCE_LABELS
from newscorpus.publish.baseline import BaselineReport, QuoteScores, QuoteSpans, spans_of
from newscorpus.publish.writer import SplitSummary

if TYPE_CHECKING:
    from newscorpus.publish.configs import PublishConfig

Row = dict[str, Any]


# Side figure of a publish: annotations left out of `annotations_raw` because they were made on an
# earlier text of their article (it was corrected and its task pushed again).
RAW_ON_EARLIER_TEXT = "raw_rows_on_earlier_text"


@dataclass
class CardFigures:
    """Everything the card says in numbers, and the human rows the baselines train and score on."""

    version: str
    splits: dict[str, dict[str, SplitSummary]] = field(default_factory=dict)
    articles: int = 0
    withheld: int = 0
    languages: Counter[str] = field(default_factory=Counter)
    # (source, license, citation, text withheld) -> articles; "" for an unrecorded value
    sources: Counter[tuple[str, str, str, bool]] = field(default_factory=Counter)
    withheld_reasons: Counter[str] = field(default_factory=Counter)  # withhold.BY_* -> articles
    unknown_published: int = 0  # texts of unknown license published on the curators' request
    # Imported target -> (its origin, why its text is withheld), and those the stance rows have.
    target_withholding: dict[str, tuple[str, str]] = field(default_factory=dict)
    withheld_targets: set[str] = field(default_factory=set)
    origins: Counter[tuple[str, str]] = field(default_factory=Counter)  # (config, origin) -> rows
    kind_sources: Counter[tuple[str, str]] = field(default_factory=Counter)  # (origin, source)
    examples: dict[str, Row] = field(default_factory=dict)  # config -> one real row
    # Side figures of the rows: spans the BIO tags cut or lose, raw rows made on an earlier text.
    side_counts: Counter[str] = field(default_factory=Counter)
    story_sizes: list[int] = field(default_factory=list)  # articles per story, largest first
    label_sources: Counter[tuple[str, str]] = field(default_factory=Counter)  # (config, source)
    stance_labels: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    quote_kinds: Counter[tuple[str, str]] = field(default_factory=Counter)  # (source, kind)
    quotes: Counter[str] = field(default_factory=Counter)  # source -> quotes
    annotators_statement: str = ""  # annotations/annotators.md, when the curators wrote one
    annotators: set[str] = field(default_factory=set)
    annotations: int = 0
    published_from: str = ""
    agreement: dict[str, dict[str, Any]] = field(default_factory=dict)  # origin -> figures
    adjudication: dict[str, int] = field(default_factory=dict)
    preannotator: QuoteScores | None = None
    baseline: BaselineReport | None = None
    fractions: dict[str, float] = field(default_factory=dict)
    split_salt: str = ""
    changelog: str = ""
    load_target: str = ""
    revision: str | None = None
    # For the baselines: (split, target, text, label, source, origin) and (split, text, gold spans).
    stance_rows: list[tuple[str, str, str | None, str, str, str | None]] = field(
        default_factory=list
    )
    quote_rows: list[tuple[str, str | None, list[QuoteSpans]]] = field(default_factory=list)
    model_versions: set[str] = field(default_factory=set)  # of machine quote rows
    human_articles: int = 0  # articles with human quote labels


# Unrecorded origin of human labels (tables written before origins were), as the card names it.
UNRECORDED = "(not recorded)"


def origins_of(row: Row) -> list[str]:
    """The origins a row names (a row resolved from several joins them with ', ')."""
    value = row.get("origin")
    return value.split(", ") if value else [UNRECORDED]


def count_rows(figures: CardFigures, config: PublishConfig, rows: list[Row], split: str) -> None:
    """Count one article's rows of one config, and offer them as the config's example."""
    for row in rows:
        human = "label_source" not in row or LABEL_SOURCES[row["label_source"]] == HUMAN
        if config.labeled:
            figures.label_sources[(config.name, LABEL_SOURCES[row["label_source"]])] += 1
        if "origin" in row and human:
            for origin in origins_of(row):
                figures.origins[(config.name, origin)] += 1
        if config.tally is not None:
            config.tally(figures, row, split)
        offer_example(figures, config.name, row)


def _example_score(row: Row) -> tuple[bool, bool, bool]:
    """Prefer a row with its text, then human labels, then some labels at all."""
    has_text = not row.get("text_withheld")
    human = row.get("label_source") is None or LABEL_SOURCES[row["label_source"]] == HUMAN
    labeled = bool(
        row.get("quotes")
        or row.get("label") is not None
        or any(row.get("tags") or [])
        or row.get("stances")
        or "id" in row
    )
    return has_text, human, labeled


def offer_example(figures: CardFigures, config: str, row: Row) -> None:
    """Keep the first row of the best kind seen so far as the config's example (file order, so
    the same inputs give the same example)."""
    current = figures.examples.get(config)
    if current is None or _example_score(row) > _example_score(current):
        figures.examples[config] = row


def tally_article(figures: CardFigures, row: Row, split: str) -> None:
    """Articles, those without text, languages and (source, license, withheld) pairs."""
    figures.articles += 1
    figures.withheld += row["text_withheld"]
    if row["language"]:
        figures.languages[row["language"]] += 1
    key = (row["source"] or "", row["license"] or "", row["citation"] or "", row["text_withheld"])
    figures.sources[key] += 1


def tally_quotes(figures: CardFigures, row: Row, split: str) -> None:
    """Quotes by label source and kind; human rows are kept for the quote baseline."""
    source = LABEL_SOURCES[row["label_source"]]
    figures.quotes[source] += len(row["quotes"])
    for q in row["quotes"]:
        kind = "unset" if q["kind"] is None else QUOTE_KINDS[q["kind"]]
        figures.quote_kinds[(source, kind)] += 1
        if source == HUMAN and q["kind_source"] is not None:
            for origin in origins_of(row):
                figures.kind_sources[(origin, LABEL_SOURCES[q["kind_source"]])] += 1
    if row["model_version"]:
        figures.model_versions.add(row["model_version"])
    if source == HUMAN:
        figures.human_articles += 1
        figures.quote_rows.append((split, row["text"], spans_of(row["quotes"])))


def tally_stance(figures: CardFigures, row: Row, split: str) -> None:
    """Human stance labels per split, kept for the stance baseline; targets without their text."""
    source = LABEL_SOURCES[row["label_source"]]
    label = None if row["label"] is None else STANCE_LABELS[row["label"]]
    if row["target_withheld"]:
        figures.withheld_targets.add(row["target_id"])
    if source == HUMAN and label is not None:
        figures.stance_labels[(split, source, label)] += 1
        origin = row.get("origin")
        figures.stance_rows.append((split, row["target"], row["text"], label, source, origin))


def tally_annotation(figures: CardFigures, row: Row, split: str) -> None:
    """Human annotations and the (pseudonymized) annotators who made them."""
    figures.annotators.add(row["annotator"])
    figures.annotations += 1
