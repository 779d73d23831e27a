"""Tells input formats apart, by content as well as by extension, and calls the right reader.

Content wins over the name where the two disagree in a way that content can settle: a `.txt` that
is HTML goes to the HTML reader, a file of PNG bytes named `.txt` is rejected as binary. A gzip
file is told apart by its first unpacked bytes; WARC and JSONL are then read as streams, anything
else (a `.json` document too) unpacked whole (every member) up to --max-bytes. A `.json` file is
one document (an object or an array of objects) unless it holds JSON lines.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import PurePath

from newscorpus.errors import RejectError
from newscorpus.ingest import json_records, parquet_records
from newscorpus.ingest.compressed import gunzip, is_gzip, open_gzip
from newscorpus.ingest.limits import DEFAULT_MAX_BYTES
from newscorpus.ingest.raw import RawArticle, RecordReject

# Enough unpacked bytes to tell a format by its content.
_SNIFF_BYTES = 4096


def _looks_like_json_lines(head: str) -> bool:
    """A file named otherwise is JSON lines only when its first two lines are objects: a page
    dump may start with one JSON line (a JSON-LD block) before its text."""
    lines = [line for line in head.splitlines() if line.strip()][:2]
    if not lines or not json_records.is_json_object(lines[0]):
        return False
    return len(lines) == 1 or lines[1].lstrip().startswith("{")


def detect_format(name: str, data: bytes) -> str:
    """One of: warc, parquet, json (a document, or JSON lines), jsonl, html, pages."""
    suffixes = [s.lower() for s in PurePath(name).suffixes]
    last = suffixes[-1] if suffixes else ""
    if last in (".warc", ".arc") or data[:5] == b"WARC/":
        return "warc"
    if last == ".parquet" or data[:4] == b"PAR1":
        return "parquet"
    if last in (".jsonl", ".ndjson"):
        return "jsonl"
    if last == ".json":
        return "json"
    if last in (".html", ".htm", ".xhtml"):
        return "html"
    head = data[:_SNIFF_BYTES].decode("utf-8", errors="replace")
    if _looks_like_json_lines(head):
        return "jsonl"
    from newscorpus.ingest.html import looks_like_html  # trafilatura: loaded only when needed

    if looks_like_html(head):
        return "html"
    return "pages"


def _gzip_head(data: bytes) -> bytes:
    """The first unpacked bytes, as many as there are: a stream cut off early still tells its
    format, and its reader keeps the records before the cut (and rejects the cut)."""
    head = b""
    try:
        with open_gzip(data) as stream:
            while len(head) < _SNIFF_BYTES and (chunk := stream.read1(_SNIFF_BYTES - len(head))):
                head += chunk
    except EOFError:
        return head
    except (OSError, zlib.error) as err:
        raise RejectError("binary", f"not readable gzip data ({err})") from err
    return head


def read_input(
    data: bytes, name: str, raw_sha256: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawArticle | RecordReject]:
    """Every article (or bad record) of one raw input; raises RejectError for a wholly bad input.

    Args:
        max_bytes: The most bytes one record may unpack to (see ingest.limits).
    """
    if not data.strip():
        raise RejectError("empty", "the input has no content")
    if not is_gzip(data):
        yield from _dispatch(data, name, name, raw_sha256, max_bytes)
        return
    inner_name = name[:-3] if name.lower().endswith(".gz") else name
    fmt = detect_format(inner_name, _gzip_head(data))
    if fmt == "warc":  # warcio reads gzip members as it goes
        from newscorpus.ingest import warc

        yield from warc.read(data, name, raw_sha256, max_bytes)
    elif fmt == "jsonl":
        yield from json_records.read_jsonl(data, name, raw_sha256, max_bytes, gzipped=True)
    elif fmt == "json":
        yield from json_records.read_json(data, name, raw_sha256, max_bytes, gzipped=True)
    else:
        inner = gunzip(data, max_bytes)
        yield from _dispatch(inner, inner_name, name, raw_sha256, max_bytes)


def _dispatch(
    data: bytes, inner_name: str, source_file: str, raw_sha256: str, max_bytes: int
) -> Iterator[RawArticle | RecordReject]:
    # Readers are imported on first use: trafilatura and warcio are slow to import.
    fmt = detect_format(inner_name, data)
    if fmt == "warc":
        from newscorpus.ingest import warc

        yield from warc.read(data, source_file, raw_sha256, max_bytes)
    elif fmt == "parquet":
        yield from parquet_records.read_parquet(data, source_file, raw_sha256, max_bytes)
    elif fmt == "jsonl":
        yield from json_records.read_jsonl(data, source_file, raw_sha256, max_bytes)
    elif fmt == "json":
        yield from json_records.read_json(data, source_file, raw_sha256, max_bytes)
    elif fmt == "html":
        from newscorpus.ingest import html

        yield from html.read(data, source_file, raw_sha256, max_bytes)
    else:
        from newscorpus.ingest import pages

        yield from pages.read(data, source_file, raw_sha256)


__all__ = ["detect_format", "read_input"]
