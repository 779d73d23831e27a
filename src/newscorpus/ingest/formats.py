"""Tells input formats apart, by content as well as by extension, and calls the right reader.

Content wins over the name where the two disagree in a way that content can settle: a `.txt` that
is HTML goes to the HTML reader, a file of PNG bytes named `.txt` is rejected as binary.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import PurePath

from newscorpus.errors import RejectError
from newscorpus.ingest import extracted
from newscorpus.ingest.raw import RawArticle, RecordReject

# A gzip bomb must not take the machine down: decompressed inputs are capped like raw ones.
MAX_DECOMPRESSED_BYTES = 256 * 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"


def _gunzip(data: bytes, limit: int) -> bytes:
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = decompressor.decompress(data, limit + 1)
    except zlib.error as err:
        raise RejectError("binary", f"corrupt gzip data: {err}") from err
    if len(out) > limit:
        raise RejectError("too_large", f"decompresses to more than {limit} bytes")
    if not decompressor.eof:
        raise RejectError("truncated_html", "the gzip stream is cut off before its end")
    return out


def detect_format(name: str, data: bytes) -> str:
    """One of: warc, parquet, jsonl, html, pages."""
    suffixes = [s.lower() for s in PurePath(name).suffixes]
    last = suffixes[-1] if suffixes else ""
    if last == ".warc" or data[:5] == b"WARC/":
        return "warc"
    if last == ".parquet" or data[:4] == b"PAR1":
        return "parquet"
    if last in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if last in (".html", ".htm", ".xhtml"):
        return "html"
    head = data[:4096].decode("utf-8", errors="replace")
    if head.lstrip().startswith("{") and head.split("\n", 1)[0].rstrip().endswith("}"):
        return "jsonl"
    from newscorpus.ingest.html import looks_like_html  # trafilatura: loaded only when needed

    if looks_like_html(head):
        return "html"
    return "pages"


def read_input(data: bytes, name: str, raw_sha256: str) -> Iterator[RawArticle | RecordReject]:
    """Every article (or bad record) of one raw input; raises RejectError for a wholly bad input."""
    if not data.strip():
        raise RejectError("empty", "the input has no content")
    if data[:2] == _GZIP_MAGIC:
        if name.lower().endswith((".warc.gz", ".arc.gz")):
            from newscorpus.ingest import warc

            yield from warc.read(data, name, raw_sha256)
            return
        inner = _gunzip(data, MAX_DECOMPRESSED_BYTES)
        inner_name = name[:-3] if name.lower().endswith(".gz") else name
        yield from _dispatch(inner, inner_name, name, raw_sha256)
        return
    yield from _dispatch(data, name, name, raw_sha256)


def _dispatch(
    data: bytes, inner_name: str, source_file: str, raw_sha256: str
) -> Iterator[RawArticle | RecordReject]:
    # Readers are imported on first use: trafilatura and warcio are slow to import.
    fmt = detect_format(inner_name, data)
    if fmt == "warc":
        from newscorpus.ingest import warc

        yield from warc.read(data, source_file, raw_sha256)
    elif fmt == "parquet":
        yield from extracted.read_parquet(data, source_file, raw_sha256)
    elif fmt == "jsonl":
        yield from extracted.read_jsonl(data, source_file, raw_sha256)
    elif fmt == "html":
        from newscorpus.ingest import html

        yield from html.read(data, source_file, raw_sha256)
    else:
        from newscorpus.ingest import pages

        yield from pages.read(data, source_file, raw_sha256)


__all__ = ["detect_format", "read_input"]
