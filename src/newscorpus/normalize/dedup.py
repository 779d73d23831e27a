"""Near-duplicate detection: MinHash signatures over word shingles and an LSH index (datasketch).

Syndicated wire copies and updated versions of a story keep their rows; each points through
`duplicate_of` to one representative, so that a whole cluster can later land in one split. The
representative is the earliest-indexed member, so adding articles never re-points old rows.
Signatures are pure functions of the text; the index lives in a scratch database (see
normalize.scratch) and is rebuilt from the stored signatures on each run that adds articles.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, MutableMapping

import numpy as np
import xxhash
from datasketch import MinHash, MinHashLSH

from newscorpus.normalize.scratch import scratch_database

DEDUP_VERSION = "minhash-w5-p128-t0.8"
SHINGLE_WORDS = 5
NUM_PERM = 128
THRESHOLD = 0.8
_SEED = 1
_WORD = re.compile(r"\w+")


def _hash32(data: bytes) -> int:
    return xxhash.xxh32_intdigest(data)


def shingles(text: str, width: int = SHINGLE_WORDS) -> set[bytes]:
    """Lower-cased word n-grams; texts shorter than `width` words give one shingle of all words."""
    words = _WORD.findall(text.lower())
    if len(words) <= width:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + width]).encode("utf-8") for i in range(len(words) - width + 1)}


# datasketch draws the permutations from the seed on every MinHash it builds (~0.4 ms each);
# they are the same every time, so they are drawn once and shared.
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme="affine32").permutations


def signature(text: str) -> np.ndarray:
    """The MinHash signature of a text (uint32 values, NUM_PERM of them)."""
    minhash = MinHash(
        num_perm=NUM_PERM,
        seed=_SEED,
        hashfunc=_hash32,
        permutations=_PERMUTATIONS,
        scheme="affine32",
    )
    minhash.update_batch(list(shingles(text)))
    return minhash.hashvalues.astype(np.uint32)


# The banding (how many bands of how many rows) is datasketch's choice for THRESHOLD and NUM_PERM.
_BANDING = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
BANDS: int = _BANDING.b
ROWS: int = _BANDING.r


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per LSH band (SQLite's integer): articles sharing a key are candidates.

    The band's number seeds the hash, so equal rows in different bands do not collide.
    """
    values = np.ascontiguousarray(sig, dtype=np.uint32)
    return [
        xxhash.xxh64_intdigest(values[band * ROWS : (band + 1) * ROWS].tobytes(), seed=band)
        - _SIGNED
        for band in range(BANDS)
    ]


_SIGNED = 1 << 63
# What makes lookups by id and by band key fast; `load` builds them after a bulk insert.
_LOOKUPS = {
    "article_id": "CREATE UNIQUE INDEX article_id ON article (id)",
    "band_key": "CREATE INDEX band_key ON band (key, number)",
}


class NearDuplicateIndex:
    """Finds, for a new signature, the representative of an already indexed near duplicate.

    The same banded LSH as datasketch's MinHashLSH, kept in a scratch database rather than in
    memory, because the index holds every article of the corpus for a whole run: as Python
    objects it cost ~1.5 KB an article (4 KB as MinHashLSH and MinHash objects), so memory grew
    with the corpus. Articles are numbered in the order they are added; candidates are checked
    earliest first against their stored signatures.
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self._threshold = threshold
        self._db = scratch_database(
            "CREATE TABLE article (number INTEGER PRIMARY KEY AUTOINCREMENT,"
            " id TEXT NOT NULL, representative TEXT NOT NULL, signature BLOB NOT NULL)",
            "CREATE TABLE band (key INTEGER NOT NULL, number INTEGER NOT NULL)",
            *_LOOKUPS.values(),
        )
        self._find = (
            "SELECT representative, signature FROM article WHERE number IN"
            f" (SELECT number FROM band WHERE key IN ({', '.join('?' * BANDS)})) ORDER BY number"
        )

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM article").fetchone()[0]

    def find(self, sig: Iterable[int]) -> str | None:
        """Representative of the earliest indexed article whose estimated Jaccard ≥ threshold."""
        values = np.asarray(sig, dtype=np.uint32)
        for representative, stored in self._db.execute(self._find, band_keys(values)):
            similarity = np.count_nonzero(np.frombuffer(stored, np.uint32) == values) / NUM_PERM
            if similarity >= self._threshold:
                return representative
        return None

    def load(self, articles: Iterable[tuple[str, str, np.ndarray]]) -> None:
        """`add` each (id, representative, signature) in order, as a run does with the corpus's
        stored articles before it reads new files.

        The lookup indexes are dropped while rows go in and built again at the end: SQLite
        sorts once instead of making millions of random B-tree inserts, which slowed a 1M-article
        load past its page cache. An id seen twice keeps its first row, as with `add`.
        """
        for name in _LOOKUPS:
            self._db.execute(f"DROP INDEX {name}")
        last = self._db.execute("SELECT max(seq) FROM sqlite_sequence").fetchone()[0] or 0
        rows: list[tuple[int, str, str, bytes]] = []
        bands: list[tuple[int, int]] = []
        for number, (article_id, representative, sig) in enumerate(articles, start=last + 1):
            values = np.asarray(sig, dtype=np.uint32)
            rows.append((number, article_id, representative, values.tobytes()))
            bands.extend((key, number) for key in band_keys(values))
            if len(rows) == 1000:
                self._insert(rows, bands)
                rows, bands = [], []
        self._insert(rows, bands)
        try:
            self._db.execute(_LOOKUPS["article_id"])
        except sqlite3.IntegrityError:
            self._db.execute(
                "DELETE FROM article WHERE number NOT IN"
                " (SELECT min(number) FROM article GROUP BY id)"
            )
            self._db.execute("DELETE FROM band WHERE number NOT IN (SELECT number FROM article)")
            self._db.execute(_LOOKUPS["article_id"])
        self._db.execute(_LOOKUPS["band_key"])

    def _insert(
        self, rows: list[tuple[int, str, str, bytes]], bands: list[tuple[int, int]]
    ) -> None:
        self._db.executemany("INSERT INTO article VALUES (?, ?, ?, ?)", rows)
        self._db.executemany("INSERT INTO band VALUES (?, ?)", bands)

    def add(self, article_id: str, sig: Iterable[int], representative: str | None = None) -> None:
        values = np.asarray(sig, dtype=np.uint32)
        added = self._db.execute(
            "INSERT OR IGNORE INTO article (id, representative, signature) VALUES (?, ?, ?)",
            (article_id, representative or article_id, values.tobytes()),
        )
        if added.rowcount:
            number = added.lastrowid
            self._db.executemany(
                "INSERT INTO band VALUES (?, ?)", [(key, number) for key in band_keys(values)]
            )

    def remove(self, article_id: str) -> None:
        """Forget an article whose input changed; articles it represents keep pointing to it."""
        found = self._db.execute(
            "SELECT number, signature FROM article WHERE id = ?", (article_id,)
        ).fetchone()
        if found is None:
            return
        number, stored = found
        keys = band_keys(np.frombuffer(stored, np.uint32))
        self._db.executemany(
            "DELETE FROM band WHERE key = ? AND number = ?", [(k, number) for k in keys]
        )
        self._db.execute("DELETE FROM article WHERE number = ?", (number,))


_KNOWN_LOOKUP = "CREATE UNIQUE INDEX known_sha ON known (content_sha256)"


class KnownTexts(MutableMapping[str, str]):
    """content_sha256 -> id of every article of the corpus, in a scratch database.

    A dict of them cost ~0.3 KB an article for the whole run; exact duplicates are found here.
    """

    def __init__(self) -> None:
        self._db = scratch_database(
            "CREATE TABLE known (content_sha256 TEXT NOT NULL, id TEXT NOT NULL)", _KNOWN_LOOKUP
        )

    def load(self, pairs: Iterable[tuple[str, str]]) -> None:
        """`update` with (content_sha256, id) pairs, the lookup index built once at the end
        (see `NearDuplicateIndex.load`); as with a dict, the last id given for a text wins."""
        self._db.execute("DROP INDEX known_sha")
        self._db.executemany("INSERT INTO known VALUES (?, ?)", pairs)
        try:
            self._db.execute(_KNOWN_LOOKUP)
        except sqlite3.IntegrityError:
            self._db.execute(
                "DELETE FROM known WHERE rowid NOT IN"
                " (SELECT max(rowid) FROM known GROUP BY content_sha256)"
            )
            self._db.execute(_KNOWN_LOOKUP)

    def __getitem__(self, content_sha256: str) -> str:
        found = self._db.execute(
            "SELECT id FROM known WHERE content_sha256 = ?", (content_sha256,)
        ).fetchone()
        if found is None:
            raise KeyError(content_sha256)
        return found[0]

    def __setitem__(self, content_sha256: str, article_id: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO known VALUES (?, ?)", (content_sha256, article_id))

    def __delitem__(self, content_sha256: str) -> None:
        if not self._db.execute(
            "DELETE FROM known WHERE content_sha256 = ?", (content_sha256,)
        ).rowcount:
            raise KeyError(content_sha256)

    def __iter__(self) -> Iterator[str]:
        for (content_sha256,) in self._db.execute("SELECT content_sha256 FROM known"):
            yield content_sha256

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM known").fetchone()[0]
