"""WARC archives: every HTML response record becomes an article through the HTML reader.

Request, metadata and non-HTML response records are skipped, not rejected: a crawl is full of
them. A response that gives no article is yielded as a RecordReject with its record index and
target URI, so the rest of the archive still counts: one whose HTML has no article, whose payload
unpacks beyond --max-bytes (`too_large`, read no further than the limit), whose extraction runs
out of time (`timeout`) or fails. An archive that breaks off mid-way keeps the records before the
break; the break itself is a reject of the file.

Must never hold more than one record's payload, up to the limit, in memory.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from dateutil import parser as dateparser
from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataException
from warcio.exceptions import ArchiveLoadFailed

from newscorpus.errors import RejectError
from newscorpus.ingest.decode import decode_bytes
from newscorpus.ingest.html import extract_html
from newscorpus.ingest.limits import DEFAULT_MAX_BYTES, ExtractionTimeout, too_large
from newscorpus.ingest.raw import RawArticle, RecordReject

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# What a damaged archive or payload raises while it is read (not defects of ours).
_READ_ERRORS = (
    ArchiveLoadFailed,
    ChunkedDataException,
    EOFError,
    OSError,
    ValueError,
    zlib.error,
)


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

    Raises:
        RejectError: `bad_record` when the archive cannot be read (from the record where it
            breaks off), `no_article` when it holds no HTML response.
    """
    responses = 0
    index = -1
    try:
        for index, record in enumerate(ArchiveIterator(io.BytesIO(data))):
            content_type = _content_type(record)
            if content_type is None:
                continue
            responses += 1
            yield _response(record, content_type, index, source_file, raw_sha256, max_bytes)
    except _READ_ERRORS as err:
        where = "not a readable WARC archive" if index < 1 else f"unreadable after record {index}"
        raise RejectError("bad_record", f"{where}: {err}") from err
    if responses == 0:
        raise RejectError("no_article", "the WARC archive holds no HTML response record")


def _response(
    record: Any, content_type: str, index: int, source_file: str, raw_sha256: str, max_bytes: int
) -> RawArticle | RecordReject:
    """The article of one HTML response record, or the RecordReject saying why there is none."""
    uri = record.rec_headers.get_header("WARC-Target-URI")
    try:
        body = record.content_stream().read(max_bytes + 1)
    except _READ_ERRORS as err:
        return RecordReject(index, "bad_record", f"{uri}: unreadable payload ({err})")
    if len(body) > max_bytes:
        size = record.length or f"more than {max_bytes}"
        return RecordReject(index, "too_large", f"{uri}: " + too_large("a record", size, max_bytes))
    try:
        decoded = decode_bytes(body, declared=_charset(content_type))
        article = extract_html(
            decoded.text,
            source_file=source_file,
            raw_sha256=raw_sha256,
            url=uri,
            record_index=index,
            published_hint=_date(record.rec_headers.get_header("WARC-Date")),
        )
    except RejectError as err:
        return RecordReject(index, err.reason, f"{uri}: {err.detail}")
    except ExtractionTimeout as err:
        return RecordReject(index, "timeout", f"{uri}: {err}")
    except Exception as err:  # a defect met on one record must not lose the archive's others
        return RecordReject(index, "internal_error", f"{uri}: {type(err).__name__}: {err}")
    return replace(article, input_format="warc", decode_replacements=decoded.replaced)


def _date(value: str | None) -> Any:
    if not value:
        return None
    try:
        return dateparser.isoparse(value)
    except (ValueError, OverflowError):
        return None
