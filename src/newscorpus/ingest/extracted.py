"""Already-extracted articles as JSONL, JSON or Parquet, for people who scraped with other tools.

Field names vary between scrapers, so each field is looked up under its common aliases. Every
record that gives no article is a RecordReject naming its line or row, and the other records
still count: `bad_record` for one without text or that cannot be parsed, `bad_field` for a field
of the wrong type or with an impossible value (`"authors": 5`, a date of 1e20, NaN), `too_large`
for a line or row over --max-bytes. JSONL is read as a stream of lines, so a compressed file is
never unpacked whole; a `.json` file that is one document (an object, as news-please writes, or an
array of objects) is parsed whole; Parquet a few rows at a time, after refusing any page that would
unpack beyond the limit (ingest.parquet_pages).

Must never write files, nor let one record's content stop the reading of the next.
"""

from __future__ import annotations

import codecs
import dataclasses
import io
import json
import reprlib
import zlib
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from newscorpus.errors import RejectError
from newscorpus.ingest.compressed import gunzip, open_gzip
from newscorpus.ingest.dates import as_published, parse_date
from newscorpus.ingest.decode import decode_bytes, replace_surrogates, stream_encoding
from newscorpus.ingest.limits import DEFAULT_MAX_BYTES, too_large
from newscorpus.ingest.parquet_pages import largest_page
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
# The first bytes of a JSONL stream decide its encoding.
_HEAD_BYTES = 64 * 1024
# Parquet rows are read at most this many at a time, fewer when pages are large.
_MAX_BATCH_ROWS = 1024
_PARQUET_ERRORS = (pa.ArrowException, OSError, ValueError, OverflowError, UnicodeDecodeError)
# What turning one stored value into a Python one raises (a date out of datetime's range).
_CELL_ERRORS = (pa.ArrowException, ValueError, OverflowError, UnicodeDecodeError)


class _BadField(Exception):
    """A field whose value no article can be built from; the message names the field."""


@dataclasses.dataclass(frozen=True)
class _Unreadable:
    """A stored value Python cannot hold (a Parquet time stamp in the year 20983): it rejects its
    row only if a field is read from it."""

    reason: str


def _shown(value: Any) -> str:
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
    raise _BadField(f"field {field!r} is {_shown(value)}, not a string")


def _strings(field: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(";") if part.strip())
    if isinstance(value, list | tuple) and all(v is None or isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v and v.strip())
    raise _BadField(f"field {field!r} is {_shown(value)}, not a string or a list of strings")


def _datetime(value: Any) -> datetime | None:
    """A date as stored: a datetime, a time stamp in seconds, or a string; read by the parser
    every reader shares, so None for one that is partial, ambiguous or in the future."""
    if value is None or isinstance(value, date):  # datetime is a date
        return as_published(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return as_published(datetime.fromtimestamp(value, tz=UTC))
        except (OverflowError, OSError, ValueError) as err:
            raise _BadField(f"field 'published' is {_shown(value)}, not a time ({err})") from err
    if not isinstance(value, str):
        raise _BadField(f"field 'published' is {_shown(value)}, not a date")
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
        return RecordReject(index, "bad_field", f"{where}: field 'text' is {_shown(text)}")
    if not text or not text.strip():
        return RecordReject(index, "bad_record", f"{where} has no text field with content")
    unreadable = next((f for f in _ALIASES if isinstance(_get(record, f), _Unreadable)), None)
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


# --- JSONL -----------------------------------------------------------------------------------


def read_jsonl(
    data: bytes,
    source_file: str,
    raw_sha256: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    gzipped: bool = False,
) -> Iterator[RawArticle | RecordReject]:
    """One article per JSON line; `record_index` is the 1-based line number.

    Args:
        max_bytes: The longest line read, in characters after decoding; longer lines are
            `too_large` rejects and are skipped without being held in memory.
        gzipped: `data` is gzip-compressed; it is decompressed as it is read.

    Raises:
        RejectError: `empty` without any line, `binary` or `encoding` from the first bytes,
            `truncated` for a gzip stream cut off before its end, `binary` for a broken one
            (in both cases the whole lines before the break count).
    """

    try:
        with _UpToTheCut(data, gzipped) as probe:
            encoding = stream_encoding(_read_head(probe))
        source = _UpToTheCut(data, gzipped)
        with io.TextIOWrapper(io.BufferedReader(source), encoding, "replace", newline="") as text:
            lines = _whole_lines(_lines(text, max_bytes), source)
            yield from _jsonl_records(lines, source_file, raw_sha256, max_bytes)
    except (OSError, zlib.error) as err:  # gzip.BadGzipFile is an OSError
        raise RejectError("binary", f"not readable gzip data ({err})") from err


class _UpToTheCut(io.RawIOBase):
    """The unpacked bytes of a file (gzip-compressed or not) up to where its stream is cut off,
    as a clean end: gzip's EOFError would lose the lines already unpacked but not yet read."""

    def __init__(self, data: bytes, gzipped: bool) -> None:
        self._stream: IO[bytes] = open_gzip(data) if gzipped else io.BytesIO(data)
        self.cut = False
        self.unpacked = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.cut:
            return 0
        try:
            chunk = self._stream.read1(len(buffer))
        except EOFError:
            self.cut = True
            return 0
        buffer[: len(chunk)] = chunk
        self.unpacked += len(chunk)
        return len(chunk)

    def close(self) -> None:
        self._stream.close()
        super().close()


def _read_head(source: _UpToTheCut) -> bytes:
    """The first bytes that decide a stream's encoding: as many as there are before a cut."""
    head = bytearray()
    while len(head) < _HEAD_BYTES and (chunk := source.read(_HEAD_BYTES - len(head))):
        head += chunk
    return bytes(head)


def _whole_lines(
    lines: Iterator[tuple[int, str | None]], source: _UpToTheCut
) -> Iterator[tuple[int, str | None]]:
    """The lines before a cut; a cut stream ends with a `truncated` reject naming where."""
    for number, line in lines:
        if source.cut and line is not None and not line.endswith(("\n", "\r")):
            raise _cut_off(source, f"inside line {number}")
        yield number, line
    if source.cut:
        raise _cut_off(source, "at the end of a line")


def _cut_off(source: _UpToTheCut, where: str) -> RejectError:
    return RejectError(
        "truncated",
        f"the gzip stream is cut off after {source.unpacked} unpacked bytes, {where}; "
        "fetch or copy the file again",
    )


def _lines(text: IO[str], max_chars: int) -> Iterator[tuple[int, str | None]]:
    """(line number, line) of every line; None for a line over `max_chars` (read past, not kept)."""
    number = 0
    while line := text.readline(max_chars + 1):
        number += 1
        if len(line) <= max_chars:
            yield number, line
            continue
        while line and not line.endswith(("\n", "\r")):
            line = text.readline(max_chars + 1)
        yield number, None


def _jsonl_records(
    lines: Iterator[tuple[int, str | None]], source_file: str, raw_sha256: str, max_bytes: int
) -> Iterator[RawArticle | RecordReject]:
    seen_any = False
    for number, line in lines:
        if line is None:
            seen_any = True
            yield RecordReject(number, "too_large", too_large(f"line {number}", "more", max_bytes))
            continue
        if not line.strip():
            continue
        seen_any = True
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as err:
            detail = err.msg if isinstance(err, json.JSONDecodeError) else "nested too deeply"
            yield RecordReject(number, "bad_record", f"line {number} is not valid JSON: {detail}")
            continue
        if not isinstance(record, dict):
            yield RecordReject(number, "bad_record", f"line {number} is not a JSON object")
            continue
        where = f"line {number}"
        item = record_to_article(record, source_file, raw_sha256, number, "records", where)
        yield _counting_replacements(item, line.count("\ufffd") if "\ufffd" in line else 0)
    if not seen_any:
        raise RejectError("empty", "the input has no content")


def _counting_replacements(
    item: RawArticle | RecordReject, replaced: int
) -> RawArticle | RecordReject:
    """The article with `replaced` more undecodable bytes counted against it."""
    if not replaced or not isinstance(item, RawArticle):
        return item
    return dataclasses.replace(item, decode_replacements=item.decode_replacements + replaced)


# --- JSON documents --------------------------------------------------------------------------


def is_json_object(line: str) -> bool:
    """True for a line holding one whole JSON object."""
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False


def starts_with_json_lines(head: str) -> bool:
    """True when `head` (a file's first characters) starts with a JSON object on a line of its
    own, as JSON Lines do; False for one document spread over lines (pretty-printed, an array)."""
    text = head.lstrip("\ufeff \t\r\n")
    if text.startswith("["):
        return False
    first, newline, _ = text.partition("\n")
    # One line, or a first line longer than the head: read line by line, it holds whole objects.
    return not newline or is_json_object(first)


def read_json(
    data: bytes,
    source_file: str,
    raw_sha256: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    gzipped: bool = False,
) -> Iterator[RawArticle | RecordReject]:
    """A `.json` file: one JSON object or an array of objects, parsed whole; `record_index` is
    the 1-based item number (1 for a lone object). A file of JSON lines is read as JSONL.

    Raises:
        RejectError: as `read_jsonl`; `bad_record` for a document that is not valid JSON (naming
            its line and column) or is neither an object nor an array; `empty` for `[]`;
            `too_large` for a compressed document unpacking beyond `max_bytes`.
    """
    if starts_with_json_lines(_head_text(data, gzipped)):
        yield from read_jsonl(data, source_file, raw_sha256, max_bytes, gzipped)
        return
    decoded = decode_bytes(_gunzipped_document(data, max_bytes) if gzipped else data)
    document = _json_document(decoded.text)
    records = document if isinstance(document, list) else [document]
    if not records:
        raise RejectError("empty", "the JSON array holds no record")
    for number, record in enumerate(records, 1):
        where = f"item {number}" if isinstance(document, list) else "the JSON object"
        if not isinstance(record, dict):
            yield RecordReject(number, "bad_record", f"{where} is not a JSON object")
            continue
        item = record_to_article(record, source_file, raw_sha256, number, "records", where)
        yield _counting_replacements(item, repr(record).count("\ufffd") if decoded.replaced else 0)


def _head_text(data: bytes, gzipped: bool) -> str:
    """The first characters of a (possibly compressed) file, decoded as the whole would be."""
    try:
        with _UpToTheCut(data, gzipped) as source:
            head = _read_head(source)
    except (OSError, zlib.error) as err:
        raise RejectError("binary", f"not readable gzip data ({err})") from err
    return codecs.getincrementaldecoder(stream_encoding(head))("replace").decode(head)


def _gunzipped_document(data: bytes, max_bytes: int) -> bytes:
    try:
        return gunzip(data, max_bytes, "the unpacked JSON")
    except RejectError as err:
        if err.reason == "truncated_html":  # a JSON document, not a page
            raise RejectError("truncated", f"{err.detail}; fetch or copy the file again") from err
        raise


def _json_document(text: str) -> list[Any] | dict[str, Any]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as err:
        detail = f"not valid JSON: {err.msg} at line {err.lineno} column {err.colno}"
        raise RejectError("bad_record", detail) from err
    except RecursionError as err:
        raise RejectError("bad_record", "not valid JSON: nested too deeply") from err
    if not isinstance(document, list | dict):
        detail = f"the JSON document is {_shown(document)}, not an object or an array of objects"
        raise RejectError("bad_record", detail)
    return document


# --- Parquet ---------------------------------------------------------------------------------


def read_parquet(
    data: bytes, source_file: str, raw_sha256: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawArticle | RecordReject]:
    """One article per row; `record_index` is the 0-based row number.

    A row group that cannot be read, or holds a page that would unpack beyond `max_bytes`, is one
    RecordReject naming its rows; the other row groups still count.

    Raises:
        RejectError: `bad_record` for a file whose footer cannot be read.
    """
    try:
        parquet = pq.ParquetFile(io.BytesIO(data))
        metadata = parquet.metadata
    except _PARQUET_ERRORS as err:
        raise RejectError("bad_record", f"not a readable Parquet file: {err}") from err
    make = _RowMaker(source_file, raw_sha256, max_bytes)
    first = 0
    for group in range(metadata.num_row_groups):
        rows = metadata.row_group(group).num_rows
        yield from _row_group(parquet, data, group, first, rows, make)
        first += rows


@dataclasses.dataclass(frozen=True)
class _RowMaker:
    """Builds the article (or reject) of one row; carries what every row shares."""

    source_file: str
    raw_sha256: str
    max_bytes: int

    def __call__(self, record: Mapping[str, Any], index: int) -> RawArticle | RecordReject:
        return record_to_article(
            record, self.source_file, self.raw_sha256, index, "records", f"row {index}"
        )


def _row_group(
    parquet: pq.ParquetFile,
    data: bytes,
    group: int,
    first: int,
    rows: int,
    make: _RowMaker,
) -> Iterator[RawArticle | RecordReject]:
    """The rows of one row group, in batches whose unpacked size stays under the limit: a row
    holds at most one value from each column's largest page."""
    max_bytes = make.max_bytes
    pages = _largest_pages(data, parquet.metadata.row_group(group))
    if max(pages, default=0) > max_bytes:
        span = f"rows {first}-{first + rows - 1} (row group {group})"
        detail = f"{span}: " + too_large("a page", max(pages), max_bytes)
        yield RecordReject(first, "too_large", detail)
        return
    batch_rows = max(1, min(_MAX_BATCH_ROWS, max_bytes // max(1, sum(pages))))
    index = first
    try:
        for batch in parquet.iter_batches(
            batch_size=batch_rows, row_groups=[group], use_threads=False
        ):
            if batch.num_rows == 1 and batch.nbytes > max_bytes:
                detail = too_large(f"row {index}", batch.nbytes, max_bytes)
                yield RecordReject(index, "too_large", detail)
            else:
                for offset, record in enumerate(_batch_rows(batch)):
                    yield make(record, index + offset)
            index += batch.num_rows
    except _PARQUET_ERRORS as err:
        detail = f"rows {index}-{first + rows - 1} (row group {group}) are unreadable: {err}"
        yield RecordReject(index, "bad_record", detail)


def _batch_rows(batch: pa.RecordBatch) -> list[dict[str, Any]]:
    """The rows of a batch as dicts. A column with a value Python cannot hold (a time stamp or
    date out of datetime's range) is read value by value, that value an `_Unreadable`: one bad
    cell must not cost the other rows of its batch."""
    try:
        return batch.to_pylist()
    except _CELL_ERRORS:
        pass
    columns = {}
    for name, column in zip(batch.schema.names, batch.columns, strict=True):
        try:
            columns[name] = column.to_pylist()
        except _CELL_ERRORS:
            columns[name] = [_cell(column, row) for row in range(len(column))]
    return [{name: values[row] for name, values in columns.items()} for row in range(len(batch))]


def _cell(column: pa.Array, row: int) -> Any:
    try:
        return column[row].as_py()
    except _CELL_ERRORS as err:
        return _Unreadable(str(err))


def _largest_pages(data: bytes, group: pq.RowGroupMetaData) -> tuple[int, ...]:
    """Each column chunk's largest unpacked page, from its page headers (from its metadata when
    the headers cannot be parsed: some writers record offsets that Arrow tolerates)."""
    pages = []
    for number in range(group.num_columns):
        chunk = group.column(number)
        start = chunk.data_page_offset
        if chunk.has_dictionary_page and 0 < (chunk.dictionary_page_offset or 0) < start:
            start = chunk.dictionary_page_offset
        try:
            pages.append(largest_page(data, start, chunk.total_compressed_size))
        except ValueError:
            pages.append(chunk.total_uncompressed_size)
    return tuple(pages)


__all__ = [
    "is_json_object",
    "read_json",
    "read_jsonl",
    "read_parquet",
    "record_to_article",
    "starts_with_json_lines",
]
