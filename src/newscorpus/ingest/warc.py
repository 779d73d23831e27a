"""WARC archives: every HTML response record becomes an article through the HTML reader.

Request, metadata and non-HTML response records are skipped, not rejected: a crawl is full of
them. A response that gives no article is yielded as a RecordReject with its record index and
target URI, so the rest of the archive still counts: one whose HTML has no article, whose payload
unpacks beyond --max-bytes (`too_large`, read no further than the limit), whose extraction runs
out of time (`timeout`) or fails. An archive that breaks off mid-way keeps the records before the
break; the break itself is a reject of the file. A record's WARC-Date is when it was fetched, not
when the article was published, so it never becomes `published` (the corpus has no fetch time).

Must never hold more than one record's payload, up to the limit, in memory.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataException
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader

from newscorpus.errors import RejectError
from newscorpus.ingest.decode import decode_bytes
from newscorpus.ingest.html import extract_html
from newscorpus.ingest.limits import DEFAULT_MAX_BYTES, ExtractionTimeout, too_large
from newscorpus.ingest.raw import RawArticle, RecordReject

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# What a damaged archive or payload raises while it is read (not defects of ours). warcio raises
# AttributeError on a record whose headers break off before WARC-Target-URI.
_READ_ERRORS = (
    ArchiveLoadFailed,
    AttributeError,
    ChunkedDataException,
    EOFError,
    OSError,
    ValueError,
    zlib.error,
)
_BLANK_TO_END = re.compile(rb"\s*\Z")
# The reject of an archive that ends inside a record: what to do about it is to fetch it again.
TRUNCATED = "truncated"


@dataclass(frozen=True)
class _Source:
    """What every record's article says of the archive it comes from."""

    file: str
    sha256: str
    max_bytes: int


def looks_like_warc(head: bytes) -> bool:
    return head.startswith(b"WARC/")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"'")
    return None


def _content_type(record: Any) -> str | None:
    """The HTTP Content-Type of an HTML response record; None for any other record."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    return content_type if content_type.lower().startswith(_HTML_TYPES) else None


def read(
    data: bytes, source_file: str, raw_sha256: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawArticle | RecordReject]:
    """Articles of every HTML response record, in archive order (record_index = record number).

    warcio reads a cut-off archive quietly (a short record, a gzip member without its end) or
    fails on it with whatever the cut headers cause, so each record is checked whole before its
    article is given, and a failure where the bytes run out is told apart as a cut.

    Raises:
        RejectError: `truncated` when the archive ends inside a record (naming the file, the
            record and its first byte), `bad_record` when it cannot be read from some record on,
            `no_article` when it holds no HTML response.
    """
    source = _Source(source_file, raw_sha256, max_bytes)
    stream = io.BytesIO(data)
    records = ArchiveIterator(stream)
    responses = 0
    index = whole = -1  # the record read last, the last one read whole
    try:
        for index, record in enumerate(records):
            content_type = _content_type(record)
            payload = _payload(record, max_bytes) if content_type else b""
            records.read_to_end()
            if not _is_whole(record, records, stream):
                raise _cut(source_file, index, records.get_record_offset(), len(data))
            whole = index
            if content_type is None:
                continue
            responses += 1
            yield _response(record, payload, content_type, index, source)
    except _READ_ERRORS as err:
        if _all_read(records, stream):
            raise _cut(source_file, whole + 1, records.offset, len(data)) from err
        where = "not a readable WARC archive" if index < 1 else f"unreadable after record {index}"
        raise RejectError("bad_record", f"{where}: {err}") from err
    if not _BLANK_TO_END.match(data, records.offset):  # a record begun that warcio let go
        raise _cut(source_file, whole + 1, records.offset, len(data))
    if responses == 0:
        raise RejectError("no_article", "the WARC archive holds no HTML response record")


def _all_read(records: ArchiveIterator, stream: io.BytesIO) -> bool:
    """True when warcio has taken every byte of the input: an error there is the input's end."""
    reader = records.reader
    return stream.tell() == len(stream.getbuffer()) and (reader is None or not reader.rem_length())


def _is_whole(record: Any, records: ArchiveIterator, stream: io.BytesIO) -> bool:
    """Whether a record, read to its end, had all its bytes: its declared length, and in a
    gzipped archive the end of its member (a member that only lacks more input is cut; one that
    goes on into the next record is warcio's to refuse)."""
    if record.format == "warc" and not _declares_length(record):
        return False
    if isinstance(record.raw_stream, LimitReader) and record.raw_stream.limit > 0:
        return False
    decompressor = records.reader.decompressor
    return decompressor is None or decompressor.eof or not _all_read(records, stream)


def _declares_length(record: Any) -> bool:
    """A WARC record must declare its length; headers cut before Content-Length do not."""
    length = record.rec_headers.get_header("Content-Length")
    return length is not None and length.strip().isdigit()


def _cut(source_file: str, index: int, start: int, size: int) -> RejectError:
    return RejectError(
        TRUNCATED,
        f"{source_file}: the archive is cut off at byte {size}, inside record {index} "
        f"(which starts at byte {start}); fetch or copy the file again",
    )


def _payload(record: Any, max_bytes: int) -> bytes | Exception:
    """The payload of a record up to one byte over the limit, or what its reading raised."""
    try:
        return record.content_stream().read(max_bytes + 1)
    except _READ_ERRORS as err:
        return err


def _response(
    record: Any, payload: bytes | Exception, content_type: str, index: int, source: _Source
) -> RawArticle | RecordReject:
    """The article of one HTML response record, or the RecordReject saying why there is none."""
    uri = record.rec_headers.get_header("WARC-Target-URI")
    if isinstance(payload, Exception):
        return RecordReject(index, "bad_record", f"{uri}: unreadable payload ({payload})")
    if len(payload) > source.max_bytes:
        size = record.length or f"more than {source.max_bytes}"
        detail = too_large("a record", size, source.max_bytes)
        return RecordReject(index, "too_large", f"{uri}: {detail}")
    try:
        decoded = decode_bytes(payload, declared=_charset(content_type))
        article = extract_html(
            decoded.text,
            source_file=source.file,
            raw_sha256=source.sha256,
            url=uri,
            record_index=index,
        )
    except RejectError as err:
        return RecordReject(index, err.reason, f"{uri}: {err.detail}")
    except ExtractionTimeout as err:
        return RecordReject(index, "timeout", f"{uri}: {err}")
    except Exception as err:  # a defect met on one record must not lose the archive's others
        return RecordReject(index, "internal_error", f"{uri}: {type(err).__name__}: {err}")
    return replace(article, input_format="warc", decode_replacements=decoded.replaced)
