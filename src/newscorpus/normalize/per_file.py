"""The work on one raw input: read -> detect format -> extract -> normalize -> MinHash signature.

Runs in worker processes (or a distributed executor) with no shared state. Whatever the input
holds, `process_file` returns: every failure of the file or of one record becomes a reject row
with its reason, and the rows of the other records are kept. Limits: the file and every record
inside it under `max_bytes`; every record (a whole page for single-page formats) under `timeout`
seconds of work (normalize.deadline). A defect of ours met on one input is an `internal_error`
reject naming the exception, not a stopped run.

Must never write files, nor raise for anything an input can hold.
"""

from __future__ import annotations

import functools
import itertools
import os
import stat
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pyarrow as pa

from newscorpus import schema
from newscorpus.errors import RejectError
from newscorpus.hashing import sha256_hex
from newscorpus.ingest.formats import read_input
from newscorpus.ingest.limits import (
    DEFAULT_MAX_BYTES,
    DEFAULT_TIMEOUT_SECONDS,
    ExtractionTimeout,
    too_large,
)
from newscorpus.ingest.raw import RawArticle, RecordReject
from newscorpus.normalize.deadline import Deadline
from newscorpus.normalize.dedup import signature
from newscorpus.normalize.discovery import FileTask, printable
from newscorpus.normalize.text import PIPELINE_VERSION, normalize_article

# What a record's odd values raise in normalization or in the row check: the record's fault.
_FIELD_ERRORS = (ValueError, TypeError, OverflowError, UnicodeError, pa.ArrowException)
# Record rejects listed one by one per file; past this they are counted in one row per reason,
# so that a file of millions of empty lines costs a few rows, not gigabytes.
MAX_RECORD_REJECTS = 10_000
_INT32_MAX = 2**31 - 1
# Records read from one file at most: far above any real file under --max-bytes (a 64 MiB file of
# 100-byte articles holds 670,000), far below what a few bytes of run-length-encoded Parquet can
# claim (billions of empty rows, hours of reading).
MAX_RECORDS_PER_FILE = 10_000_000


@dataclass
class FileResult:
    """What one input gave: article rows (with `_signature`), reject rows, and warnings.

    `unchanged`: the bytes hash to the task's `known_sha256`, so nothing was extracted.
    `replaced`: articles whose text holds characters that could not be decoded (U+FFFD).
    """

    task: FileTask
    raw_sha256: str | None
    rows: list[dict[str, Any]]
    rejects: list[dict[str, Any]]
    unchanged: bool = False
    replaced: int = 0
    # Record rejects past MAX_RECORD_REJECTS, by reason, until `summarize_rejects` lists them.
    unlisted: Counter[str] = field(default_factory=Counter)

    def add_reject(self, reason: str, detail: str, index: int | None) -> None:
        if len(self.rejects) < MAX_RECORD_REJECTS:
            self.rejects.append(reject_row(self.task, reason, detail, self.raw_sha256, index))
        else:
            self.unlisted[reason] += 1

    def summarize_rejects(self) -> None:
        """One reject row per reason for the records past MAX_RECORD_REJECTS."""
        for reason, count in sorted(self.unlisted.items()):
            detail = f"{count} more records rejected for this reason, not listed one by one"
            self.rejects.append(reject_row(self.task, reason, detail, self.raw_sha256, None))
        self.unlisted.clear()


def reject_row(
    task: FileTask, reason: str, detail: str, raw_sha256: str | None, index: int | None
) -> dict[str, Any]:
    """A row of schema.REJECTS; text that came from the input is made storable first."""
    if index is not None and not 0 <= index <= _INT32_MAX:
        detail, index = f"record {index}: {detail}", None
    return {
        "source_file": printable(task.source_file),
        "input": printable(task.input),
        "record_index": index,
        "reason": reason,
        "detail": printable(detail),
        "raw_sha256": raw_sha256,
        "size_bytes": task.size,
        "pipeline_version": PIPELINE_VERSION,
    }


def _file_reject(task: FileTask, reason: str, detail: str) -> FileResult:
    return FileResult(task, None, [], [reject_row(task, reason, detail, None, None)])


def read_regular_file(path: str, max_bytes: int) -> bytes:
    """The bytes of a regular file, refusing anything else unread (a FIFO would block forever).

    Raises:
        RejectError: `unreadable` (cannot open or read, not a regular file), `too_large`.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as err:
        raise RejectError("unreadable", f"cannot open the file: {err.strerror or err}") from err
    with os.fdopen(fd, "rb", buffering=0) as file:
        status = os.fstat(file.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise RejectError("unreadable", "not a regular file (a FIFO, socket or device)")
        try:
            # A read buffer is as large as asked for: ask for the size, plus one byte that shows
            # whether the file grew since; only then read on, up to the limit.
            data = file.read(min(status.st_size, max_bytes) + 1)
            if len(data) > status.st_size:
                data += file.read(max_bytes + 1 - len(data))
        except OSError as err:
            raise RejectError("unreadable", f"reading failed: {err.strerror or err}") from err
    if len(data) > max_bytes:
        raise RejectError("too_large", too_large("the file", f"more than {max_bytes}", max_bytes))
    return data


@functools.cache
def warm_up() -> None:
    """Import the readers and load the language model and tables, once a process.

    Runs before workers are forked (so each starts warm) and before the first record's time
    limit starts (so that loading them is not counted against a record).
    """
    from newscorpus.ingest import html, pages, warc  # noqa: F401
    from newscorpus.normalize.language import declared_language
    from newscorpus.normalize.text import detect_language

    detect_language("warm up the language identifier with a sentence that is long enough")
    declared_language("en")  # loads the CLDR language tables


def process_file(
    task: FileTask, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = DEFAULT_TIMEOUT_SECONDS
) -> FileResult:
    """Read one raw input and turn it into article rows (with signatures) and reject rows."""
    if task.problem:
        return _file_reject(task, "unreadable", task.problem)
    if task.size > max_bytes:
        return _file_reject(task, "too_large", too_large("the file", task.size, max_bytes))
    try:
        data = read_regular_file(task.path, max_bytes)
    except RejectError as err:
        return _file_reject(task, err.reason, err.detail)
    raw_sha256 = sha256_hex(data)
    if task.known_sha256 == raw_sha256 and not task.retry:
        return FileResult(task, raw_sha256, [], [], unchanged=True)
    result = FileResult(task, raw_sha256, [], [])
    warm_up()
    with Deadline(timeout) as deadline:
        _read_records(result, data, raw_sha256, max_bytes, deadline)
    result.summarize_rejects()
    return result


def _read_records(
    result: FileResult, data: bytes, raw_sha256: str, max_bytes: int, deadline: Deadline
) -> None:
    """Add every item the reader gives to `result`; a failure of the reader ends the file there
    (the items before it are kept)."""
    task = result.task
    last: int | None = None
    try:
        items = read_input(data, task.source_file, raw_sha256, max_bytes)
        for count in itertools.count():
            deadline.restart()
            item = next(items, None)
            deadline.stop()
            if item is None:
                return
            if count == MAX_RECORDS_PER_FILE:
                raise RejectError("too_large", f"more than {MAX_RECORDS_PER_FILE} records")
            last = item.record_index
            _add(result, item, deadline)
    except RejectError as err:
        reason, detail = err.reason, err.detail
    except ExtractionTimeout as err:
        reason, detail = "timeout", str(err)
    except MemoryError:
        reason, detail = "too_large", "reading it ran out of memory"
    except RecursionError:
        reason, detail = "bad_record", "it nests too deeply to be read"
    except Exception as err:  # a defect of ours: one reject, not a stopped run
        reason, detail = "internal_error", f"{type(err).__name__}: {err}"
    finally:
        deadline.stop()
    if last is not None and (result.rows or result.rejects):
        detail = f"{detail} (after record {last}; the records before it are kept)"
    result.rejects.append(reject_row(task, reason, detail, raw_sha256, None))


def _add(result: FileResult, item: RawArticle | RecordReject, deadline: Deadline) -> None:
    """One reader item as a row or a reject; nothing a record holds escapes from here."""
    if isinstance(item, RecordReject):
        result.add_reject(item.reason, item.detail, item.record_index)
        return
    try:
        deadline.restart()
        row = normalize_article(item)
        row["_signature"] = signature(row["text"])
        check_row(row)
    except RejectError as err:
        reason, detail = err.reason, err.detail
    except ExtractionTimeout as err:
        reason, detail = "timeout", str(err)
    except _FIELD_ERRORS as err:
        reason, detail = "bad_field", f"the record cannot be stored: {type(err).__name__}: {err}"
    except Exception as err:  # a defect of ours met on one record
        reason, detail = "internal_error", f"{type(err).__name__}: {err}"
    else:
        result.rows.append(row)
        result.replaced += item.decode_replacements > 0
        return
    finally:
        deadline.stop()
    result.add_reject(reason, detail, item.record_index)


def check_row(row: dict[str, Any]) -> None:
    """Raise if `row` could not be written as schema.ARTICLES, here rather than in the main
    process, where one bad value in a shard of a thousand rows would stop the run.

    Checks each field against its Arrow type in Python (~10 us a row; Arrow's own conversion
    takes ten times as long): strings that UTF-8 can encode, integers in range, timestamps, lists
    of those. Lists of structs (paragraph spans) are computed from the text, not read.

    Raises:
        TypeError, ValueError, UnicodeEncodeError: naming the field.
    """
    for column in schema.ARTICLES:
        value = row.get(column.name)
        if value is not None:
            _check_value(column.type, value, column.name)


def _check_value(kind: pa.DataType, value: Any, name: str) -> None:
    if pa.types.is_string(kind):
        if not isinstance(value, str):
            raise TypeError(f"{name} is {type(value).__name__}, not a string")
        value.encode("utf-8")
    elif pa.types.is_integer(kind):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name} is {type(value).__name__}, not an integer")
        signed = pa.types.is_signed_integer(kind)
        low = -(1 << (kind.bit_width - 1)) if signed else 0
        if not low <= value < low + (1 << kind.bit_width):
            raise ValueError(f"{name} {value} does not fit in {kind}")
    elif pa.types.is_timestamp(kind):
        if not isinstance(value, datetime):
            raise TypeError(f"{name} is {type(value).__name__}, not a time")
    elif pa.types.is_list(kind):
        if not isinstance(value, list | tuple):
            raise TypeError(f"{name} is {type(value).__name__}, not a list")
        if not pa.types.is_struct(kind.value_type):
            for item in value:
                _check_value(kind.value_type, item, name)
    else:
        pa.array([value], type=kind)


__all__ = ["FileResult", "check_row", "process_file", "read_regular_file", "reject_row", "warm_up"]
