"""Which discovered inputs a run must read, and which it may skip as already in the corpus.

An input is read when it is new; when its size or modification time differ from its manifest
entry (a touched file whose bytes hash as before keeps its rows, see `input_unchanged`); when
its manifest entry was recorded less than RACY_SECONDS after the file was last modified, so
that an edit within the file system's time resolution could keep size and mtime (its bytes are
hashed, and it is read only when they changed); when the run asks to re-hash everything
(`rehash`); and when it is to be retried: it was rejected as too large unread and now fits under
--max-bytes, or it has rejects for a reason the run retries (`retry_reasons`).

A file replaced by another of the same size with its old mtime carried over (`cp -p`, `rsync -t`,
`tar x`) is not noticed without `rehash`: hashing every input on every run would read the whole
collection again.

Must never write: the manifest and the rejects table are only read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyarrow.compute as pc
import pyarrow.dataset as ds

from newscorpus import schema
from newscorpus.normalize.discovery import FileTask
from newscorpus.normalize.manifest import Manifest
from newscorpus.tables import PART_GLOB

# Modification times this close to (or after) the moment the entry was recorded cannot tell an
# edit made in the same tick apart: FAT keeps mtimes to 2 s, most others to 1 ns.
RACY_SECONDS = 2


def input_unchanged(old: dict[str, Any] | None, raw_sha256: str | None) -> bool:
    """A touched input whose bytes did not change keeps its rows where they are."""
    return bool(old and raw_sha256 and old["raw_sha256"] == raw_sha256)


def pending(
    tasks: Iterable[FileTask],
    manifest: Manifest,
    retry: Collection[tuple[str, str]] = (),
    rehash: bool = False,
) -> Iterator[FileTask]:
    """The inputs to read (see module docstring), each carrying its known hash.

    Args:
        retry: (input, source_file) of inputs to read again whatever their bytes.
        rehash: hash every input that looks unchanged, not only those whose mtime is racy.
    """
    for task in tasks:
        entry = manifest.get(task.path)
        if entry is None:
            yield task
        elif (task.input, task.source_file) in retry:
            yield replace(task, retry=True)
        elif entry["size_bytes"] != task.size or entry["mtime_ns"] != task.mtime_ns:
            yield replace(task, known_sha256=entry["raw_sha256"] or None)
        elif (rehash or _racy(task, entry, manifest)) and _bytes_changed(task, entry):
            yield task


def _racy(task: FileTask, entry: dict[str, Any], manifest: Manifest) -> bool:
    recorded = manifest.recorded_ns(task.path)
    return recorded is None or entry["mtime_ns"] >= recorded - RACY_SECONDS * 1_000_000_000


def _bytes_changed(task: FileTask, entry: dict[str, Any]) -> bool:
    """Whether the file's bytes hash differently from its entry (an entry of a file that was
    not read has no hash to compare: the size and mtime stand)."""
    if not entry["raw_sha256"] or task.problem:
        return False
    try:
        with open(task.path, "rb") as file:
            digest = hashlib.file_digest(file, "sha256").hexdigest()
    except OSError:
        return True  # reading it again reports why it cannot be read
    return digest != entry["raw_sha256"]


def inputs_to_retry(
    rejects_dir: Path, max_bytes: int, reasons: Collection[str] = ()
) -> set[tuple[str, str]]:
    """(input, source_file) of inputs whose rejects call for reading them again: a whole file
    rejected as too large, unread, that fits under `max_bytes` now; any input with a reject
    whose reason is in `reasons`."""
    if not rejects_dir.is_dir() or not any(rejects_dir.glob(PART_GLOB)):
        return set()
    dataset = ds.dataset(sorted(rejects_dir.glob(PART_GLOB)), schema=schema.REJECTS)
    reason = ds.field("reason")
    unread_too_large = (
        (reason == "too_large")
        & ds.field("raw_sha256").is_null()
        & (ds.field("size_bytes") <= max_bytes)
    )
    wanted = unread_too_large | reason.isin(sorted(reasons)) if reasons else unread_too_large
    table = dataset.to_table(columns=["input", "source_file"], filter=wanted, use_threads=False)
    table = table.filter(pc.is_valid(table["input"]))
    return set(zip(table["input"].to_pylist(), table["source_file"].to_pylist(), strict=True))


__all__ = ["RACY_SECONDS", "input_unchanged", "inputs_to_retry", "pending"]
