"""Already-extracted articles, for people who scraped with other tools: one record -> one article.

Field names vary between scrapers, so each field is looked up under its common aliases, the same
for a JSON line, a JSON document's item and a Parquet row (ingest.json_records,
ingest.parquet_records read them). A record that gives no article is a RecordReject naming where
it is: `bad_record` for one without text, `bad_field` for a field of the wrong type or with an
impossible value (`"authors": 5`, a date of 1e20, NaN).

Must never write files, nor read any: it maps records already read.
"""

from __future__ import annotations

import dataclasses
import reprlib
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from newscorpus.ingest.dates import as_published, parse_date
from newscorpus.ingest.decode import replace_surrogates
from newscorpus.ingest.raw import RawArticle, RecordReject

_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "articleBody", "article_body", "content", "maintext"),
    "title": ("title", "headline"),
    "url": ("url", "link", "canonical_url", "source_url"),
    "published": ("published", "date", "date_publish", "datePublished", "published_at", "pubdate"),
    "source": ("source", "site", "sitename", "publisher", "source_domain"),
    "authors": ("authors", "author", "byline"),
    "agency": ("agency", "credit", "wire"),
    "language": ("language", "lang"),
    "captions": ("captions", "caption"),
    "license": ("license", "licence"),
}
# Fields holding one string, and fields holding a string ("A; B") or a list of strings.
_STRING_FIELDS = ("title", "url", "source", "agency", "language", "license")
_LIST_FIELDS = ("authors", "captions")


class _BadField(Exception):
    """A field whose value no article can be built from; the message names the field."""


@dataclasses.dataclass(frozen=True)
class Unreadable:
    """A stored value Python cannot hold (a Parquet time stamp in the year 20983): it rejects its
    row only if a field is read from it."""

    reason: str


def shown(value: Any) -> str:
    return f"{type(value).__name__} {reprlib.repr(value)}"


def _get(record: Mapping[str, Any], field: str) -> Any:
    for key in _ALIASES[field]:
        value = record.get(key)
        if value is not None and not (isinstance(value, str | list) and not value):
            return value
    return None


def _string(field: str, value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise _BadField(f"field {field!r} is {shown(value)}, not a string")


def _strings(field: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(";") if part.strip())
    if isinstance(value, list | tuple) and all(v is None or isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v and v.strip())
    raise _BadField(f"field {field!r} is {shown(value)}, not a string or a list of strings")


def _datetime(value: Any) -> datetime | None:
    """A date as stored: a datetime, a time stamp in seconds, or a string; read by the parser
    every reader shares, so None for one that is partial, ambiguous or in the future."""
    if value is None or isinstance(value, date):  # datetime is a date
        return as_published(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return as_published(datetime.fromtimestamp(value, tz=UTC))
        except (OverflowError, OSError, ValueError) as err:
            raise _BadField(f"field 'published' is {shown(value)}, not a time ({err})") from err
    if not isinstance(value, str):
        raise _BadField(f"field 'published' is {shown(value)}, not a date")
    return parse_date(value)


def _without_surrogates(article: RawArticle) -> RawArticle:
    """The article with lone surrogates replaced (and counted); most have none."""
    changes: dict[str, Any] = {}
    count = 0
    for field in ("text", *_STRING_FIELDS):
        value = getattr(article, field)
        if value is not None:
            clean, n = replace_surrogates(value)
            if n:
                changes[field], count = clean, count + n
    for field in _LIST_FIELDS:
        cleaned = [replace_surrogates(v) for v in getattr(article, field)]
        if any(n for _, n in cleaned):
            changes[field] = tuple(v for v, _ in cleaned)
            count += sum(n for _, n in cleaned)
    if not count:
        return article
    return dataclasses.replace(
        article, **changes, decode_replacements=article.decode_replacements + count
    )


def record_to_article(
    record: Mapping[str, Any],
    source_file: str,
    raw_sha256: str,
    index: int,
    input_format: str,
    where: str | None = None,
) -> RawArticle | RecordReject:
    """One extracted record as a RawArticle, or a RecordReject saying what is wrong with it.

    Args:
        where: How messages name the record ("line 3", "row 7"); "record INDEX" by default.
    """
    where = where or f"record {index}"
    text = _get(record, "text")
    if text is not None and not isinstance(text, str):
        return RecordReject(index, "bad_field", f"{where}: field 'text' is {shown(text)}")
    if not text or not text.strip():
        return RecordReject(index, "bad_record", f"{where} has no text field with content")
    unreadable = next((f for f in _ALIASES if isinstance(_get(record, f), Unreadable)), None)
    if unreadable is not None:
        detail = f"{where}: field {unreadable!r} cannot be read ({_get(record, unreadable).reason})"
        return RecordReject(index, "bad_field", detail)
    try:
        strings = {name: _string(name, _get(record, name)) for name in _STRING_FIELDS}
        lists = {name: _strings(name, _get(record, name)) for name in _LIST_FIELDS}
        published = _datetime(_get(record, "published"))
    except _BadField as err:
        return RecordReject(index, "bad_field", f"{where}: {err}")
    article = RawArticle(
        source_file=source_file,
        input_format=input_format,
        raw_sha256=raw_sha256,
        record_index=index,
        text=text,
        published=published,
        **strings,
        **lists,
    )
    return _without_surrogates(article)


__all__ = ["Unreadable", "record_to_article", "shown"]
