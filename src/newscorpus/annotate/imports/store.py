"""An import's labels written into the annotation tables, beside the labels of other origins.

The tables `publish` reads (`quotes.parquet`, `stance.parquet`, `passes.parquet`,
`gold/*.parquet` under the annotations folder) hold rows of every origin, told apart by their
`origin` column. An import replaces the rows of its own origin and keeps every other row as it is
(annotate/origin_rows.py, as `ls pull` and `ls agreement` do), so running it again gives the same
tables; in the adjudication list, ties written before ties recorded an origin are replaced on the
import's articles.
Agreement goes to the origin's own file (annotate/agreement_files.py), beside other origins'.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newscorpus import schema
from newscorpus.annotate.agreement import agreement
from newscorpus.annotate.agreement_files import remove_agreement_file, write_agreement_file
from newscorpus.annotate.gold import annotated_articles, resolve_gold
from newscorpus.annotate.gold_sources import record_gold_sources, rows_digest
from newscorpus.annotate.origin_rows import replace_rows
from newscorpus.annotate.passes import PASSES, pass_rows, times_of_rows
from newscorpus.annotate.validate import AnnotationRef

Row = dict[str, Any]

QUOTES = Path("quotes.parquet")
STANCE = Path("stance.parquet")
GOLD_QUOTES = Path("gold") / "quotes.parquet"
GOLD_STANCE = Path("gold") / "stance.parquet"
GOLD_ARTICLES = Path("gold") / "articles.parquet"
ADJUDICATION = Path("gold") / "adjudication.parquet"


def _measured(report: dict[str, Any]) -> bool:
    return bool(report.get("articles_with_two_or_more"))


def write_agreement(folder: Path, origin: str, report: dict[str, Any]) -> Path | None:
    """This origin's agreement file for the card (`agreement/<origin slug>.json`), when this
    import measured something (an article with two or more annotations); otherwise its previous
    figures, now stale, are dropped and None is returned. Other origins' files stay as they are."""
    if not _measured(report):
        remove_agreement_file(folder, origin)
        return None
    return write_agreement_file(folder, origin, report)


@dataclass
class LabelsWrite:
    """What an import wrote into the annotation tables."""

    quotes: int = 0
    stance: int = 0
    gold_quotes: int = 0
    gold_stance: int = 0
    ties: int = 0
    kept: int = 0  # rows of other origins left as they were
    agreement: dict[str, Any] = field(default_factory=dict)
    agreement_file: Path | None = None


def write_labels(
    folder: Path,
    origin: str,
    refs: Sequence[AnnotationRef],
    quotes: Sequence[Row] = (),
    stance: Sequence[Row] = (),
    kind_source: str | None = None,
    more_agreement: dict[str, Any] | None = None,
) -> LabelsWrite:
    """The import's annotation rows, their gold resolution (annotate.gold, the rule `ls
    agreement` applies) and agreement (annotate.agreement), written in place of the origin's
    previous rows, every annotation (passes.parquet, where one that marked nothing is listed
    too) and the articles the annotations cover (gold/articles.parquet, where an article marked
    with nothing is a negative example). Gold quotes take `kind_source` (who chose the kinds of
    the import's rows); `more_agreement` adds figures the import measured its own way to the
    origin's agreement file."""
    folder = Path(folder)
    gold = resolve_gold(quotes, stance, refs)
    for row in gold.quotes:
        row.update(origin=origin, kind_source=kind_source if row.get("kind") else None)
    articles_annotated = annotated_articles(refs)
    for row in (*gold.stance, *gold.ties, *articles_annotated):
        row["origin"] = origin
    articles = {r.article_id for r in refs}
    written = LabelsWrite(
        len(quotes), len(stance), len(gold.quotes), len(gold.stance), len(gold.ties)
    )
    for path, table_schema, rows in (
        (QUOTES, schema.ANNOTATED_QUOTES, quotes),
        (STANCE, schema.ANNOTATED_STANCE, stance),
        (GOLD_QUOTES, schema.GOLD_QUOTES, gold.quotes),
        (GOLD_STANCE, schema.GOLD_STANCE, gold.stance),
    ):
        if rows or (folder / path).exists():
            written.kept += replace_rows(folder / path, table_schema, rows, origins={origin})
    passes = pass_rows(refs, origin, times_of_rows((*quotes, *stance)))
    if passes or (folder / PASSES).exists():
        replace_rows(folder / PASSES, schema.ANNOTATION_PASSES, passes, origins={origin})
    if articles_annotated or (folder / GOLD_ARTICLES).exists():
        replace_rows(
            folder / GOLD_ARTICLES, schema.GOLD_ARTICLES, articles_annotated, origins={origin}
        )
    if gold.ties or (folder / ADJUDICATION).exists():
        replace_rows(
            folder / ADJUDICATION,
            schema.ADJUDICATION,
            gold.ties,
            origins={origin},
            article_ids=articles,
        )
    record_gold_sources(folder / "gold", {origin: rows_digest(origin, quotes, stance, passes)})
    written.agreement = agreement(quotes, stance, refs) | (more_agreement or {})
    written.agreement_file = write_agreement(folder, origin, written.agreement)
    return written
