"""Which files a run looks at: every file under the INPUT paths, streamed in a stable order.

Nothing found in a folder may stop a run: a file whose name is not UTF-8, a symbolic link that
loops or points nowhere, a FIFO, a file gone before it could be looked at all become tasks that
`process_file` turns into `unreadable` rejects, so the curator sees them in the rejects table.
A corpus's own tables are never inputs, wherever `--out` points.

Must never open a file: only names and `stat` are read here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newscorpus.errors import UsageError

_DOCUMENTATION = frozenset({".md", ".rst"})
# The folders of a corpus directory that hold its tables (normalize.run.CorpusLayout).
_CORPUS_TABLES = ("articles", "rejects", "state")


@dataclass(frozen=True)
class FileTask:
    """One raw input to read, as discovery saw it.

    `problem` says why it cannot be read at all (set by discovery); `known_sha256` is the hash
    its manifest entry records, so that a touched file whose bytes did not change is not
    extracted again; `retry` forces reading it even then (its earlier outcome depended on a
    limit that has changed).
    """

    path: str
    input: str
    source_file: str
    size: int
    mtime_ns: int
    problem: str | None = None
    known_sha256: str | None = None
    retry: bool = False


def printable(text: str) -> str:
    """`text` with the bytes of a non-UTF-8 file name shown as \\xNN escapes."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def discover(inputs: Iterable[Path], out: Path | None = None) -> Iterator[FileTask]:
    """Every file under the INPUT paths, in (INPUT, path) order, streamed; hidden files and
    folders, the output folder `out` (or, when `out` is an INPUT, its tables) and, inside
    folders, documentation (README.md and the like) are left out. A file named explicitly is
    always read. A file under two INPUTs is read once, under the first in that order, so the
    order the INPUTs are given in does not change the corpus.

    Streamed rather than listed: a list of millions of inputs would be the run's largest object.

    Raises:
        UsageError: an INPUT that does not exist, whose path is not UTF-8, or that lies inside
            the output's tables (at the call, before anything is read).
    """
    resolved_out = None if out is None else out.resolve()
    tables = () if resolved_out is None else tuple(resolved_out / t for t in _CORPUS_TABLES)
    roots: dict[str, Path] = {}
    for given in inputs:
        if not _is_utf8(str(given)):
            raise UsageError(f"input {printable(str(given))} is not a UTF-8 path: rename it")
        if not given.exists():
            raise UsageError(f"input {given} does not exist (or is a broken symbolic link)")
        root = given.resolve()
        if any(root == t or root.is_relative_to(t) for t in tables):
            raise UsageError(f"input {given} is inside the corpus written to --out {out}")
        roots.setdefault(str(given), root)
    return _walk_inputs(sorted(roots.items()), resolved_out, tables)


def _walk_inputs(
    roots: list[tuple[str, Path]], out: Path | None, tables: tuple[Path, ...]
) -> Iterator[FileTask]:
    resolved = [root for _, root in roots]
    overlap = any(a != b and b.is_relative_to(a) for a in resolved for b in resolved)
    overlap = overlap or len(set(resolved)) < len(resolved)
    # Only INPUTs inside one another can name a file twice; only then are paths remembered.
    seen: set[str] | None = set() if overlap else None
    for given, root in roots:
        skip = {*tables, *(() if out is None or out == root else (out,))}
        files = _walk(root, "", skip) if _is_folder(root) else iter([(root, root.name)])
        for path, rel in files:
            key = str(path)
            if seen is not None:
                if key in seen:
                    continue
                seen.add(key)
            yield _task(path, given, rel)


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _task(path: Path, given: str, rel: str) -> FileTask:
    key = str(path)
    if not _is_utf8(key):
        problem = "the file name is not valid UTF-8: rename it (or convert it with convmv)"
        return FileTask(printable(key), given, printable(rel), 0, 0, problem)
    try:
        stat = path.stat()
    except OSError as err:
        kind = "a symbolic link that loops or points nowhere" if path.is_symlink() else "a file"
        problem = f"{kind}: {err.strerror or err}"
        return FileTask(key, given, rel, 0, 0, problem)
    return FileTask(key, given, rel, stat.st_size, stat.st_mtime_ns)


def _walk(folder: Path, prefix: str, skip: set[Path]) -> Iterator[tuple[Path, str]]:
    """(path, relative posix path) of the files under `folder`, in the string order of the
    relative paths, as `rglob` would find them (symlinked folders are not followed).

    Sorting a folder's entries by name, with "/" after folder names, gives that order without
    holding more than one folder's listing per level.
    """
    try:
        with os.scandir(folder) as scan:
            entries = [e for e in scan if not e.name.startswith(".")]
    except OSError:  # as rglob: a folder we may not list holds no inputs
        return
    keyed = []
    for entry in entries:
        kind = _entry_kind(entry)
        if kind != "linked folder":
            is_folder = kind == "folder"
            keyed.append((entry.name + "/" if is_folder else entry.name, is_folder, entry))
    for _, is_folder, entry in sorted(keyed, key=lambda k: k[0]):
        rel = prefix + entry.name
        if is_folder:
            if Path(entry.path) not in skip:  # a corpus written inside its INPUT is not an input
                yield from _walk(Path(entry.path), rel + "/", skip)
        elif Path(entry.name).suffix.lower() not in _DOCUMENTATION:
            yield Path(entry.path), rel


def _entry_kind(entry: os.DirEntry[str]) -> str:
    """folder, linked folder (not followed), or file: anything else, including what cannot be
    looked at (a symbolic link loop), which the task for it reports."""
    try:
        if entry.is_dir():
            return "linked folder" if entry.is_symlink() else "folder"
    except OSError:
        pass
    return "file"


__all__ = ["FileTask", "discover", "printable"]
