"""Private temporary SQLite databases for what a run must look up but not hold in memory.

A run consults, for every input and article, everything the corpus already holds: the manifest,
the texts it knows, the near-duplicate index. Held as Python objects these cost 1 to 3 KB an
article, so the main process would grow with the corpus; in a private temporary database (SQLite
keeps it in a file it deletes on close) they cost a bounded page cache and a little disk.
Nothing here outlives the run: the corpus's Parquet parts stay the only state on disk.
"""

from __future__ import annotations

import sqlite3

# SQLite's page cache for one scratch database; what does not fit is read back from the file
# (through the operating system's cache, which is not the process's memory).
CACHE_KIB = 8 * 1024


def scratch_database(*statements: str) -> sqlite3.Connection:
    """A new private temporary database with `statements` run, inside one open transaction.

    The transaction is never committed: the data is thrown away with the connection, so nothing
    is synced. The journal stays in memory and stays small: it keeps only the pages that existed
    when the transaction began (a few, as the tables are new), yet lets a failed statement
    (a unique index refused over duplicates) roll back cleanly; with no journal at all, SQLite
    leaves such a statement half done. The connection may be used from the thread that feeds
    the worker pool as well as from the main thread (the module is built thread-safe); callers
    that share one serialize their use.
    """
    db = sqlite3.connect("", isolation_level=None, check_same_thread=False)
    db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    db.execute("PRAGMA journal_mode = MEMORY")
    db.execute("PRAGMA synchronous = OFF")
    for statement in statements:
        db.execute(statement)
    db.execute("BEGIN")
    return db
