"""The limits every reader honours, so that no single input can exhaust memory or time.

`--max-bytes` bounds a raw file and, after decompression, each record inside it: a WARC record's
payload, a JSONL line, a Parquet page and row, a gzip-compressed page. The time limit is kept by
the caller (normalize.deadline), which raises `ExtractionTimeout` in the middle of a reader; a
reader that loops over records catches it for the one record and goes on with the next.

Must never hold state: the values are plain constants and one exception type.
"""

from __future__ import annotations

# A news page is well under a megabyte; 64 MiB leaves room for archives and record files.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
# A page extracts in well under a second; a minute means the extractor is stuck.
DEFAULT_TIMEOUT_SECONDS = 60.0


class ExtractionTimeout(BaseException):
    """A record took longer than the time limit.

    A BaseException, like KeyboardInterrupt, so that library code catching `Exception` (the HTML
    extractor does, around its fallbacks) cannot swallow it.
    """

    def __init__(self, seconds: float) -> None:
        super().__init__(f"extraction took longer than {seconds:g} s (the per-record time limit)")
        self.seconds = seconds


def too_large(what: str, size: int | str, max_bytes: int) -> str:
    """The detail of a `too_large` reject: what, how big, and the option that raises the limit."""
    return f"{what} of {size} bytes is over the {max_bytes}-byte limit (--max-bytes)"


__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_TIMEOUT_SECONDS", "ExtractionTimeout", "too_large"]
