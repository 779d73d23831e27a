"""The manifest: which inputs a corpus has read, looked up by path without holding it in memory.

Its committed parts (state/manifest/part-NNNNN.parquet, schema.MANIFEST) are the only record; a
run loads them into a scratch database (normalize.scratch) because entries held as dicts cost
~1 KB an input, and a re-run over millions of inputs looks each one up once.
"""

from __future__ import annotations

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
        self._db = scratch_database(
            f"CREATE TABLE entry ({columns}, PRIMARY KEY (path)) WITHOUT ROWID"
        )
        self._get = f"SELECT {columns} FROM entry WHERE path = ?"
        # The pool's feeding thread checks inputs while the main thread writes; one at a time.
        self._lock = threading.Lock()
        insert = f"INSERT OR REPLACE INTO entry VALUES ({', '.join('?' * len(_FIELDS))})"
        for path in parts:
            table = pq.read_table(path, schema=schema.MANIFEST, use_threads=False)
            rows = zip(*(table[name].to_pylist() for name in _FIELDS), strict=True)
            self._db.executemany(insert, rows)

    def get(self, path: str) -> dict[str, Any] | None:
        with self._lock:
            found = self._db.execute(self._get, (path,)).fetchone()
        return None if found is None else dict(zip(_FIELDS, found, strict=True))

    def __len__(self) -> int:
        with self._lock:
            return self._db.execute("SELECT count(*) FROM entry").fetchone()[0]
