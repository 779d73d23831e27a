"""Inputs whose duplicate rows point at an article the corpus no longer holds: to read again.

An exact duplicate is a reject naming the article that holds its text; a near duplicate keeps its
row and points to its cluster's representative through `duplicate_of`. Both depend on another
input's article. When a changed input takes that article out of the corpus, the inputs that
depend on it are unchanged, so nothing else would read them again: the text they hold would be
lost (exact) or their rows would point at an id that is gone (near). Reading them again gives
what a fresh run over the same inputs gives: one of them now holds the text, or heads the
cluster. Imported inputs (annotate.imports) are left alone: their parts belong to their import.

Must never write a table: the corpus tables and the manifest are only read; the one file written
is the marker (`Recheck`) that makes a stopped run read the same inputs again when resumed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from newscorpus import schema
from newscorpus.normalize.discovery import FileTask
from newscorpus.normalize.manifest import Manifest
from newscorpus.tables import PART_GLOB, part_name

# The detail of an exact_duplicate reject; the id it names is read back from it.
EXACT_DUPLICATE_DETAIL = "same normalized text as article {}"
_NAMED_ID = "^" + re.escape(EXACT_DUPLICATE_DETAIL).replace(r"\{\}", "(?P<id>[0-9a-f]+)") + "$"
RECHECK_MARKER = Path("state") / "recheck-duplicates.json"
# Where annotate.imports records the parts each import owns (its IMPORTS_STATE).
_IMPORT_RECORDS = Path("state") / "imports"


def _parts(folder: Path) -> list[Path]:
    return sorted(folder.glob(PART_GLOB)) if folder.is_dir() else []


def _read(folder: Path, table_schema: pa.Schema, columns: list[str], where: Any = None) -> Any:
    parts = _parts(folder)
    if not parts:
        return pa.table({c: pa.array([], table_schema.field(c).type) for c in columns})
    dataset = ds.dataset(parts, schema=table_schema)
    return dataset.to_table(columns=columns, filter=where, use_threads=False)


def dangling_keys(out: Path) -> set[tuple[str, str]]:
    """(source_file, raw_sha256) of the inputs with an exact_duplicate reject naming an id no
    article has, or a row whose `duplicate_of` is no article's id (or its own)."""
    ids = _read(out / "articles", schema.ARTICLES, ["id"])["id"].combine_chunks()
    rows = _read(
        out / "articles",
        schema.ARTICLES,
        ["id", "duplicate_of", "source_file", "raw_sha256"],
        ds.field("duplicate_of").is_valid(),
    )
    missing = pc.invert(pc.is_in(rows["duplicate_of"], ids))
    itself = pc.equal(rows["duplicate_of"], rows["id"])
    near = rows.filter(pc.or_(missing, itself))
    rejects = _read(
        out / "rejects",
        schema.REJECTS,
        ["detail", "source_file", "raw_sha256"],
        ds.field("reason") == "exact_duplicate",
    )
    named = pc.struct_field(pc.extract_regex(rejects["detail"], _NAMED_ID), "id")
    exact = rejects.filter(pc.and_(pc.is_valid(named), pc.invert(pc.is_in(named, ids))))
    return {*_keys(near), *_keys(exact)}


def _keys(table: pa.Table) -> Iterator[tuple[str, str]]:
    sources, hashes = table["source_file"].to_pylist(), table["raw_sha256"].to_pylist()
    yield from ((source, sha or "") for source, sha in zip(sources, hashes, strict=True))


def _imported_parts(out: Path) -> set[str]:
    names = set()
    for record in sorted((out / _IMPORT_RECORDS).glob("*.json")):
        parts = json.loads(record.read_text(encoding="utf-8")).get("parts", [])
        names.update(part_name(number) for number in parts)
    return names


class Recheck:
    """The marker of a run that replaced rows and has not yet read their dependents again.

    Written (empty) before a run first replaces an input's rows; holding the paths to read again
    and the first part number they are written to once they are known; removed when no duplicate
    row points at a missing article. A run stopped anywhere in between reads, when run again, the
    same inputs into the same parts as a run never stopped (an input whose entry is in a part
    below `first_part` is still to do), not whichever of them still point at a missing article.
    """

    def __init__(self, out: Path) -> None:
        self.path = out / RECHECK_MARKER

    def pending(self) -> bool:
        return self.path.exists()

    def mark(self) -> None:
        if not self.path.exists():
            self._write({})

    def planned(self) -> tuple[list[str], int] | None:
        """(paths, first_part) of the round in progress, None when none is planned."""
        plan = json.loads(self.path.read_text(encoding="utf-8") or "{}")
        return (plan["paths"], plan["first_part"]) if plan else None

    def plan(self, paths: list[str], first_part: int) -> None:
        self._write({"paths": paths, "first_part": first_part})

    def round_done(self) -> None:
        self._write({})

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)

    def _write(self, plan: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(plan) + "\n", encoding="utf-8")
        tmp.replace(self.path)


def dependent_tasks(out: Path, manifest: Manifest, keys: set[tuple[str, str]]) -> list[FileTask]:
    """The inputs to read again (see module docstring) among those `dangling_keys` found, in
    the order discovery gives them; inputs gone from the disk keep their rows, as any input no
    longer there does."""
    imported = _imported_parts(out)
    return tasks_for([e for e in manifest.holding(keys) if e["shard"] not in imported])


def tasks_for(entries: list[dict[str, Any]]) -> list[FileTask]:
    """Tasks reading the inputs of these manifest entries again, in discovery order."""
    tasks = []
    for entry in entries:
        try:
            stat = Path(entry["path"]).stat()
        except OSError:
            continue
        path, given, source_file = entry["path"], entry["input"], entry["source_file"]
        tasks.append(FileTask(path, given, source_file, stat.st_size, stat.st_mtime_ns, retry=True))
    return sorted(tasks, key=lambda t: (t.input, t.source_file))


__all__ = [
    "EXACT_DUPLICATE_DETAIL",
    "RECHECK_MARKER",
    "Recheck",
    "dangling_keys",
    "dependent_tasks",
    "tasks_for",
]
