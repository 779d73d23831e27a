"""Near-duplicate detection: MinHash signatures over word shingles and an LSH index (datasketch).

Syndicated wire copies and updated versions of a story keep their rows; each points through
`duplicate_of` to one representative, so that a whole cluster can later land in one split. The
representative is the earliest-indexed member, so adding articles never re-points old rows.
Signatures are pure functions of the text; the index lives in memory and is rebuilt from the
stored signatures on each run that adds articles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import xxhash
from datasketch import MinHash, MinHashLSH

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


def _minhash(values: Iterable[int]) -> MinHash:
    return MinHash(
        seed=_SEED,
        hashfunc=_hash32,
        hashvalues=np.asarray(values, dtype=np.uint64),
        permutations=_PERMUTATIONS,
        scheme="affine32",
    )


class NearDuplicateIndex:
    """Finds, for a new signature, the representative of an already indexed near duplicate."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self._threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._order: dict[str, int] = {}
        self._representative: dict[str, str] = {}
        self._signatures: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._order)

    def find(self, sig: Iterable[int]) -> str | None:
        """Representative of the earliest indexed article whose estimated Jaccard ≥ threshold."""
        minhash = _minhash(sig)
        best: str | None = None
        for candidate in self._lsh.query(minhash):
            if self._signatures[candidate].jaccard(minhash) < self._threshold:
                continue
            if best is None or self._order[candidate] < self._order[best]:
                best = candidate
        return None if best is None else self._representative[best]

    def add(self, article_id: str, sig: Iterable[int], representative: str | None = None) -> None:
        if article_id in self._order:
            return
        minhash = _minhash(sig)
        self._order[article_id] = len(self._order)
        self._representative[article_id] = representative or article_id
        self._signatures[article_id] = minhash
        self._lsh.insert(article_id, minhash)

    def remove(self, article_id: str) -> None:
        """Forget an article whose input changed; articles it represents keep pointing to it."""
        if article_id not in self._order:
            return
        self._lsh.remove(article_id)
        del self._order[article_id], self._representative[article_id]
        del self._signatures[article_id]
