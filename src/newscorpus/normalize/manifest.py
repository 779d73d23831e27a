"""The manifest: which inputs a corpus has read, looked up by path without holding it in memory.

Its committed parts (state/manifest/part-NNNNN.parquet, schema.MANIFEST) are the only record; a
run loads them into a scratch database (normalize.scratch) because entries held as dicts cost
~1 KB an input, and a re-run over millions of inputs looks each one up once.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from newscorpus import schema
from newscorpus.normalize.scratch import scratch_database

_FIELDS = schema.MANIFEST.names


class Manifest:
    """Entries of schema.MANIFEST by `path`; the last loaded part wins for a path read twice."""

    def __init__(self, parts: Iterable[Path] = ()) -> None:
        columns = ", ".join(_FIELDS)
        # `part`: which loaded part recorded the entry, for when it was recorded (recorded_ns).
        # `superseded`: entries a later part replaced with rows of its own (a changed input);
        # an entry only touched (same shard, same bytes) keeps its rows and is not superseded.
        self._db = scratch_database(
            f"CREATE TABLE entry ({columns}, part, PRIMARY KEY (path)) WITHOUT ROWID",
            f"CREATE TABLE superseded ({columns})",
            "CREATE TRIGGER replaced BEFORE UPDATE ON entry "
            "WHEN OLD.shard IS NOT NEW.shard OR OLD.raw_sha256 IS NOT NEW.raw_sha256 BEGIN "
            f"INSERT INTO superseded VALUES ({', '.join('OLD.' + f for f in _FIELDS)}); END",
        )
        self._get = f"SELECT {columns} FROM entry WHERE path = ?"
        # The pool's feeding thread checks inputs while the main thread writes; one at a time.
        self._lock = threading.Lock()
        self._parts: list[Path] = []
        self._part_ns: dict[int, int | None] = {}
        updates = ", ".join(f"{name} = excluded.{name}" for name in (*_FIELDS, "part"))
        insert = (
            f"INSERT INTO entry VALUES ({', '.join('?' * (len(_FIELDS) + 1))}) "
            f"ON CONFLICT (path) DO UPDATE SET {updates}"
        )
        for number, path in enumerate(parts):
            self._parts.append(path)
            table = pq.read_table(path, schema=schema.MANIFEST, use_threads=False)
            rows = zip(
                *(table[name].to_pylist() for name in _FIELDS),
                itertools.repeat(number),
                strict=False,
            )
            self._db.executemany(insert, rows)

    def get(self, path: str) -> dict[str, Any] | None:
        with self._lock:
            found = self._db.execute(self._get, (path,)).fetchone()
        return None if found is None else dict(zip(_FIELDS, found, strict=True))

    def recorded_ns(self, path: str) -> int | None:
        """When the entry of `path` was committed: the modification time of its manifest part."""
        with self._lock:
            found = self._db.execute("SELECT part FROM entry WHERE path = ?", (path,)).fetchone()
        if found is None:
            return None
        number = found[0]
        if number not in self._part_ns:
            try:
                self._part_ns[number] = self._parts[number].stat().st_mtime_ns
            except OSError:
                self._part_ns[number] = None
        return self._part_ns[number]

    def superseded(self) -> list[dict[str, Any]]:
        """Entries of inputs a later committed part read again: their rows in the entry's shard
        are stale. After a finished run they are gone already; after an interrupted one some
        may remain (see normalize.run: `CorpusState`)."""
        with self._lock:
            found = self._db.execute(f"SELECT {', '.join(_FIELDS)} FROM superseded").fetchall()
        return [dict(zip(_FIELDS, row, strict=True)) for row in found]

    def holding(self, keys: Iterable[tuple[str, str]]) -> list[dict[str, Any]]:
        """Entries whose (source_file, raw_sha256) is one of `keys`, in path order."""
        columns = ", ".join(f"entry.{name}" for name in _FIELDS)
        with self._lock:
            self._db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (source_file, raw_sha256)")
            self._db.execute("DELETE FROM wanted")
            self._db.executemany("INSERT INTO wanted VALUES (?, ?)", sorted(set(keys)))
            found = self._db.execute(
                f"SELECT DISTINCT {columns} FROM entry JOIN wanted"
                " USING (source_file, raw_sha256) ORDER BY entry.path"
            ).fetchall()
        return [dict(zip(_FIELDS, row, strict=True)) for row in found]

    def __len__(self) -> int:
        with self._lock:
            return self._db.execute("SELECT count(*) FROM entry").fetchone()[0]
