"""Already-extracted articles as JSON Lines or one JSON document (`.json`).

JSONL is read as a stream of lines, so a compressed file is never unpacked whole, and a gzip
stream cut off keeps every whole line before the cut; a `.json` file that is one document (an
object, as news-please writes, or an array of objects) is parsed whole. Every record that gives
no article is a RecordReject naming its line or item (`too_large` for a line over --max-bytes),
and the other records still count; each record becomes an article by ingest.extracted.

Must never write files, nor let one record's content stop the reading of the next.
"""

from __future__ import annotations

import codecs
import dataclasses
import io
import json
import zlib
from collections.abc import Iterator
from typing import IO, Any

from newscorpus.errors import RejectError
from newscorpus.ingest.compressed import gunzip, open_gzip
from newscorpus.ingest.decode import decode_bytes, stream_encoding
from newscorpus.ingest.extracted import record_to_article, shown
from newscorpus.ingest.limits import DEFAULT_MAX_BYTES, too_large
from newscorpus.ingest.raw import RawArticle, RecordReject

# The first bytes of a JSONL stream decide its encoding.
_HEAD_BYTES = 64 * 1024


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
    if gzipped:
        data = gunzip(data, max_bytes, "the unpacked JSON", cut_reason="truncated")
    decoded = decode_bytes(data)
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


def _json_document(text: str) -> list[Any] | dict[str, Any]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as err:
        detail = f"not valid JSON: {err.msg} at line {err.lineno} column {err.colno}"
        raise RejectError("bad_record", detail) from err
    except RecursionError as err:
        raise RejectError("bad_record", "not valid JSON: nested too deeply") from err
    if not isinstance(document, list | dict):
        detail = f"the JSON document is {shown(document)}, not an object or an array of objects"
        raise RejectError("bad_record", detail)
    return document


__all__ = ["is_json_object", "read_json", "read_jsonl", "starts_with_json_lines"]
