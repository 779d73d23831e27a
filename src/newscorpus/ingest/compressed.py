"""Gzip-compressed inputs: every member read, the decompressed size bounded, errors as rejects.

A gzip file may hold several members one after the other (`cat a.gz b.gz`, some crawlers write
pages that way); each is part of the content, so all are read, not just the first.

Must never decompress more than the limit it is given: a gzip bomb costs at most that much memory.
"""

from __future__ import annotations

import gzip
import io
import zlib

from newscorpus.errors import RejectError
from newscorpus.ingest.limits import too_large

GZIP_MAGIC = b"\x1f\x8b"


def is_gzip(data: bytes) -> bool:
    return data[:2] == GZIP_MAGIC


def open_gzip(data: bytes) -> gzip.GzipFile:
    """A stream of the decompressed bytes of every member (errors surface while reading)."""
    return gzip.GzipFile(fileobj=io.BytesIO(data), mode="rb")


def gunzip(
    data: bytes,
    max_bytes: int,
    what: str = "the decompressed input",
    cut_reason: str = "truncated_html",
) -> bytes:
    """All members of a gzip file, decompressed; bytes after the last member are ignored, as
    `gzip -d` does.

    Raises:
        RejectError: `too_large` beyond `max_bytes`, `cut_reason` (a page's `truncated_html`, a
            stream of records' `truncated`) for a stream cut off before its end, `binary` for
            data that is not gzip.
    """
    out = bytearray()
    rest = data
    while rest[:2] == GZIP_MAGIC:
        member = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out += member.decompress(rest, max_bytes + 1 - len(out))
        except zlib.error as err:
            raise RejectError("binary", f"not readable gzip data ({err})") from err
        if len(out) > max_bytes or member.unconsumed_tail:
            raise RejectError("too_large", too_large(what, f"more than {max_bytes}", max_bytes))
        if not member.eof:
            raise RejectError(
                cut_reason, "the gzip stream is cut off before its end; fetch or copy it again"
            )
        rest = member.unused_data
    return bytes(out)


__all__ = ["GZIP_MAGIC", "gunzip", "is_gzip", "open_gzip"]
