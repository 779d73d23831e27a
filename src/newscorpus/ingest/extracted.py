"""Already-extracted articles as JSONL or Parquet, for people who scraped with other tools.

Field names vary between scrapers, so each field is looked up under its common aliases. A record
without text is a RecordReject naming its line or row; the other records still count.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from dateutil import parser as dateparser

from newscorpus.errors import RejectError
from newscorpus.ingest.decode import decode_text
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


def _get(record: Mapping[str, Any], field: str) -> Any:
    for key in _ALIASES[field]:
        value = record.get(key)
        if value not in (None, "", []):
            return value
    return None


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(";") if part.strip())
    return tuple(str(v) for v in value if v)


def _datetime(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value, tz=UTC)
    try:
        return dateparser.parse(str(value))
    except (ValueError, OverflowError):
        return None


def record_to_article(
    record: Mapping[str, Any], source_file: str, raw_sha256: str, index: int, input_format: str
) -> RawArticle | RecordReject:
    """One extracted record as a RawArticle, or a RecordReject saying what is missing."""
    text = _get(record, "text")
    if not isinstance(text, str) or not text.strip():
        return RecordReject(index, "bad_record", f"record {index} has no text field with content")
    return RawArticle(
        source_file=source_file,
        input_format=input_format,
        raw_sha256=raw_sha256,
        record_index=index,
        text=text,
        title=_get(record, "title"),
        url=_get(record, "url"),
        source=_get(record, "source"),
        authors=_strings(_get(record, "authors")),
        agency=_get(record, "agency"),
        published=_datetime(_get(record, "published")),
        language=_get(record, "language"),
        captions=_strings(_get(record, "captions")),
        license=_get(record, "license"),
    )


def read_jsonl(
    data: bytes, source_file: str, raw_sha256: str
) -> Iterator[RawArticle | RecordReject]:
    """One article per JSON line; `record_index` is the 1-based line number."""
    text = decode_text(data)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield RecordReject(number, "bad_record", f"line {number} is not valid JSON: {err.msg}")
            continue
        if not isinstance(record, dict):
            yield RecordReject(number, "bad_record", f"line {number} is not a JSON object")
            continue
        yield record_to_article(record, source_file, raw_sha256, number, "records")


def read_parquet(
    data: bytes, source_file: str, raw_sha256: str
) -> Iterator[RawArticle | RecordReject]:
    """One article per row; `record_index` is the 0-based row number."""
    try:
        parquet = pq.ParquetFile(io.BytesIO(data))
    except (pa.ArrowInvalid, OSError) as err:
        raise RejectError("bad_record", f"not a readable Parquet file: {err}") from err
    index = 0
    for batch in parquet.iter_batches(batch_size=1024):
        for record in batch.to_pylist():
            yield record_to_article(record, source_file, raw_sha256, index, "records")
            index += 1
