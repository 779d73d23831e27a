"""WARC archives: every HTML response record becomes an article through the HTML reader.

Request, metadata and non-HTML response records are skipped, not rejected: a crawl is full of
them. A response whose HTML gives no article is yielded as a RecordReject with its record index
and target URI, so the rest of the archive still counts.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace

from dateutil import parser as dateparser
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newscorpus.errors import RejectError
from newscorpus.ingest.decode import decode_text
from newscorpus.ingest.html import extract_html
from newscorpus.ingest.raw import RawArticle, RecordReject

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def looks_like_warc(head: bytes) -> bool:
    return head.startswith(b"WARC/")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"'")
    return None


def read(data: bytes, source_file: str, raw_sha256: str) -> Iterator[RawArticle | RecordReject]:
    """Articles of every HTML response record, in archive order (record_index = response number)."""
    responses = 0
    try:
        for index, record in enumerate(ArchiveIterator(io.BytesIO(data))):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            if not content_type.lower().startswith(_HTML_TYPES):
                continue
            responses += 1
            uri = record.rec_headers.get_header("WARC-Target-URI")
            date = record.rec_headers.get_header("WARC-Date")
            body = record.content_stream().read()
            try:
                published_hint = dateparser.isoparse(date) if date else None
            except ValueError:
                published_hint = None
            try:
                html = decode_text(body, declared=_charset(content_type))
                article = extract_html(
                    html,
                    source_file=source_file,
                    raw_sha256=raw_sha256,
                    url=uri,
                    record_index=index,
                    published_hint=published_hint,
                )
                yield replace(article, input_format="warc")
            except RejectError as err:
                yield RecordReject(index, err.reason, f"{uri}: {err.detail}")
    except ArchiveLoadFailed as err:
        raise RejectError("bad_record", f"not a readable WARC archive: {err}") from err
    if responses == 0:
        raise RejectError("no_article", "the WARC archive holds no HTML response record")
