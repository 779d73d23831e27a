"""Article metadata of an imported corpus: one row per article in a TSV or CSV file, by name.

PolNeAR's `metadata.tsv` names each article (`filename`) and gives its publisher, date, author,
title and wire agency; other corpora spell the columns differently, so each field is looked up
under the names in FIELD_COLUMNS, first found wins. Values that say "nothing" (`None`, `NA`,
empty) are None. Reads the one file it is given; never guesses a value that is not there.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from newscorpus.errors import UsageError

# Where each field is found, in order of preference.
NAME_COLUMNS = ("filename", "name", "file", "id")
FIELD_COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "source": ("publisher", "source", "site"),
    "published": ("publication_date", "published", "date"),
    "authors": ("author", "authors", "byline"),
    "agency": ("wire", "agency"),
    "url": ("url", "link"),
    "license": ("license",),
}
# Cell values that mean "no value".
EMPTY_VALUES = frozenset({"", "none", "na", "n/a", "null", "nan", "-"})
# Several authors in one cell are separated by one of these.
AUTHOR_SEPARATORS = (";", "|", " and ")


@dataclass(frozen=True)
class ArticleMeta:
    """What the metadata file says of one article; every field may be None."""

    title: str | None = None
    source: str | None = None
    published: datetime | None = None
    authors: tuple[str, ...] = ()
    agency: str | None = None
    url: str | None = None
    license: str | None = None


def _value(row: dict[str, str], field: str) -> str | None:
    for column in FIELD_COLUMNS[field]:
        value = (row.get(column) or "").strip()
        if value.lower() not in EMPTY_VALUES:
            return value
    return None


def _date(value: str | None, where: str) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{where}: {value!r} is not an ISO date (YYYY-MM-DD)") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _authors(value: str | None) -> tuple[str, ...]:
    if value is None:
        return ()
    parts = [value]
    for sep in AUTHOR_SEPARATORS:
        parts = [p for part in parts for p in part.split(sep)]
    return tuple(p.strip() for p in parts if p.strip())


def read_metadata(path: Path) -> dict[str, ArticleMeta]:
    """Article name -> its metadata, from a `.tsv` (tab) or `.csv` (comma) file with a header.

    Raises:
        UsageError: the file cannot be read, has no name column, or a date is not ISO.
    """
    path = Path(path)
    delimiter = "," if path.suffix.lower() == ".csv" else "\t"
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter=delimiter))
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise UsageError(f"{path}: cannot read the metadata file ({err})") from None
    header = set(rows[0]) if rows else set()
    name_column = next((c for c in NAME_COLUMNS if c in header), None)
    if rows and name_column is None:
        raise UsageError(
            f"{path}: no column naming the article ({', '.join(NAME_COLUMNS)}): add one whose "
            "values are the text files' names without .txt"
        )
    found: dict[str, ArticleMeta] = {}
    for line, row in enumerate(rows, start=2):
        name = (row.get(name_column or "") or "").strip()
        if not name:
            continue
        found[name] = ArticleMeta(
            title=_value(row, "title"),
            source=_value(row, "source"),
            published=_date(_value(row, "published"), f"{path} line {line}"),
            authors=_authors(_value(row, "authors")),
            agency=_value(row, "agency"),
            url=_value(row, "url"),
            license=_value(row, "license"),
        )
    return found
