"""Errors a user can cause, each naming the file or record and what to do about it.

`cli.py` turns a `UsageError` into one line and exit code 2; a `RejectError` never escapes a stage:
it becomes a row of the rejects table with its `reason` code.
"""

from __future__ import annotations


class NewscorpusError(Exception):
    """Base of every error the project raises on purpose."""


class UsageError(NewscorpusError):
    """A wrong argument or environment: the run cannot start (missing path, unwritable output)."""


class RejectError(NewscorpusError):
    """One input or record gives no article; `reason` is a short machine-readable code.

    Reason codes are a closed vocabulary so that summaries can count them:
    empty, binary, encoding, too_large (over --max-bytes, whole or one record), truncated_html,
    truncated (a stream of records, compressed or a WARC archive, cut off before its end: the
    records before it count),
    no_article, bad_record (a record or part of a container that cannot be parsed), bad_field (a
    record whose field has the wrong type or an impossible value), unreadable (the file cannot be
    opened or read: not a regular file, a symlink loop, a name that is not UTF-8), timeout (over
    the per-record time limit), internal_error (a defect of newscorpus met on this input: report
    it), unsupported, exact_duplicate (the same normalized text is already in the corpus under the
    id in `detail`).
    """

    REASONS = frozenset(
        {
            "empty",
            "binary",
            "encoding",
            "too_large",
            "truncated_html",
            "truncated",
            "no_article",
            "bad_record",
            "bad_field",
            "unreadable",
            "timeout",
            "internal_error",
            "unsupported",
            "exact_duplicate",
        }
    )

    def __init__(self, reason: str, detail: str) -> None:
        if reason not in self.REASONS:
            raise ValueError(f"unknown reject reason {reason!r}")
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
