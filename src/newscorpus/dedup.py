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


# The banding (how many bands of how many rows) is datasketch's choice for THRESHOLD and NUM_PERM.
_BANDING = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
BANDS: int = _BANDING.b
ROWS: int = _BANDING.r


def band_keys(sig: np.ndarray) -> list[int]:
    """One 64-bit key per LSH band: articles sharing any key are candidates for each other."""
    values = np.ascontiguousarray(sig, dtype=np.uint32)
    return [
        xxhash.xxh64_intdigest(values[band * ROWS : (band + 1) * ROWS].tobytes())
        for band in range(BANDS)
    ]


class NearDuplicateIndex:
    """Finds, for a new signature, the representative of an already indexed near duplicate.

    The same banded LSH as datasketch's MinHashLSH, kept compact because the index lives in memory
    for a whole run: band keys are 64-bit ints pointing to article numbers, and signatures sit in
    one uint32 matrix (about 1.3 KB an article against 4 KB for MinHashLSH and MinHash objects).
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self._threshold = threshold
        self._bands: list[dict[int, int | list[int]]] = [{} for _ in range(BANDS)]
        self._signatures = np.zeros((1024, NUM_PERM), dtype=np.uint32)
        self._ids: list[str | None] = []
        self._representative: list[str] = []
        self._number: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._number)

    def _candidates(self, keys: list[int]) -> set[int]:
        found: set[int] = set()
        for band, key in zip(self._bands, keys, strict=True):
            hit = band.get(key)
            if hit is None:
                continue
            if isinstance(hit, int):
                found.add(hit)
            else:
                found.update(hit)
        return found

    def find(self, sig: Iterable[int]) -> str | None:
        """Representative of the earliest indexed article whose estimated Jaccard ≥ threshold."""
        values = np.asarray(sig, dtype=np.uint32)
        for number in sorted(self._candidates(band_keys(values))):
            if self._ids[number] is None:
                continue
            similarity = np.count_nonzero(self._signatures[number] == values) / NUM_PERM
            if similarity >= self._threshold:
                return self._representative[number]
        return None

    def add(self, article_id: str, sig: Iterable[int], representative: str | None = None) -> None:
        if article_id in self._number:
            return
        values = np.asarray(sig, dtype=np.uint32)
        number = len(self._ids)
        if number == len(self._signatures):
            self._signatures = np.concatenate([self._signatures, np.zeros_like(self._signatures)])
        self._signatures[number] = values
        self._ids.append(article_id)
        self._representative.append(representative or article_id)
        self._number[article_id] = number
        for band, key in zip(self._bands, band_keys(values), strict=True):
            hit = band.get(key)
            if hit is None:
                band[key] = number
            elif isinstance(hit, int):
                band[key] = [hit, number]
            else:
                hit.append(number)

    def remove(self, article_id: str) -> None:
        """Forget an article whose input changed; articles it represents keep pointing to it."""
        number = self._number.pop(article_id, None)
        if number is not None:
            self._ids[number] = None
