"""Story groups: articles telling the same story (wire updates, rewrites) share one split.

Near duplicates (normalize's `duplicate_of`, Jaccard >= 0.8) are not the only leak. An updated
wire story keeps most sentences of the earlier version and adds or rewrites some, so the word
5-gram Jaccard of the two falls to 0.5-0.65 while most of the shorter text is still inside the
longer one. Two articles are one story when the overlap coefficient of their word 5-gram sets,
|A & B| / min(|A|, |B|), is at least STORY_OVERLAP and the shorter has at least MIN_SHINGLES
5-grams; stories are the connected components of these links and of the near-duplicate clusters.
Overlap >= 0.6 covers every pair with Jaccard >= 0.5 (there, overlap >= 2J / (1 + J) >= 0.67).

Finding the pairs: each article's MinHash signature (normalize.dedup, the same 5-grams) is cut
into bands of BAND_ROWS values; articles sharing a band are candidates, a test that depends on the
two signatures alone, never on the rest of the corpus. Candidates whose overlap, estimated from
the signatures' Jaccard and the exact set sizes, reaches CANDIDATE_OVERLAP are then measured
exactly on their 5-gram sets, so a link means exactly what the rule says. Pure: no I/O; the
result never depends on the order of the articles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import xxhash

from newscorpus.normalize.dedup import NUM_PERM, shingles, signature

STORY_VERSION = "stories-w5-overlap0.6-min25"
STORY_OVERLAP = 0.6
MIN_SHINGLES = 25
# Candidate search: 64 bands of 2 values find a pair of Jaccard 0.25 (overlap 0.6 between texts of
# sizes 1 and 2) with probability 0.98; the estimate has a standard error near 0.05, so
# candidates are kept from a lower estimated overlap and then measured exactly.
BAND_ROWS = 2
CANDIDATE_OVERLAP = 0.45
# A band value shared by more articles than this is boilerplate (a footer, a standard line), not a
# story: its bucket is skipped. True story pairs share many bands, so they are still found.
MAX_BUCKET = 200


@dataclass(frozen=True)
class StoryPair:
    """Two articles (positions) measured on their 5-gram sets."""

    first: int
    second: int
    jaccard: float
    overlap: float


def fingerprint(text: str) -> tuple[np.ndarray, int]:
    """The article's MinHash signature and how many distinct 5-grams it has."""
    return signature(text), len(shingles(text))


def shingle_hashes(text: str) -> frozenset[int]:
    """The 5-grams of a text as 64-bit hashes: exact overlap at a fraction of the memory."""
    return frozenset(xxhash.xxh64_intdigest(s) for s in shingles(text))


def measure(a: frozenset[int], b: frozenset[int]) -> tuple[float, float]:
    """(Jaccard, overlap coefficient) of two 5-gram sets."""
    if not a or not b:
        return 0.0, 0.0
    common = len(a & b)
    return common / len(a | b), common / min(len(a), len(b))


def _band_pairs(signatures: np.ndarray) -> set[tuple[int, int]]:
    """Positions of articles sharing at least one band of their signatures."""
    pairs: set[tuple[int, int]] = set()
    count = len(signatures)
    if count < 2:
        return pairs
    for band in range(NUM_PERM // BAND_ROWS):
        values = signatures[:, band * BAND_ROWS : (band + 1) * BAND_ROWS]
        _, keys = np.unique(values, axis=0, return_inverse=True)
        order = np.argsort(keys.ravel(), kind="stable")
        ordered = keys.ravel()[order]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        ends = np.r_[starts[1:], count]
        for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
            if 1 < end - start <= MAX_BUCKET:
                members = sorted(order[start:end].tolist())
                pairs.update(
                    (members[i], members[j])
                    for i in range(len(members))
                    for j in range(i + 1, len(members))
                )
    return pairs


def candidate_pairs(signatures: np.ndarray, sizes: Sequence[int]) -> list[tuple[int, int]]:
    """Pairs (i < j) that may be one story: sharing a band, estimated overlap high enough."""
    pairs = sorted(_band_pairs(signatures))
    if not pairs:
        return []
    first = np.array([p[0] for p in pairs])
    second = np.array([p[1] for p in pairs])
    jaccard = (signatures[first] == signatures[second]).mean(axis=1)
    size = np.asarray(sizes, dtype=np.float64)
    common = jaccard * (size[first] + size[second]) / (1.0 + jaccard)
    overlap = common / np.maximum(np.minimum(size[first], size[second]), 1.0)
    small = np.minimum(size[first], size[second])
    keep = (overlap >= CANDIDATE_OVERLAP) & (small >= MIN_SHINGLES)
    return [pairs[k] for k in np.flatnonzero(keep).tolist()]


def story_pairs(
    pairs: Iterable[tuple[int, int]], sets: Mapping[int, frozenset[int]]
) -> list[StoryPair]:
    """The candidate pairs that are one story, measured exactly on their 5-gram sets."""
    linked = []
    for first, second in pairs:
        a, b = sets[first], sets[second]
        if min(len(a), len(b)) < MIN_SHINGLES:
            continue
        jaccard, overlap = measure(a, b)
        if overlap >= STORY_OVERLAP:
            linked.append(StoryPair(first, second, jaccard, overlap))
    return linked


def find_story_pairs(texts: Callable[[], Iterable[str]]) -> list[StoryPair]:
    """Story pairs among the articles `texts()` yields (positions in that order).

    `texts` is called twice (signatures, then the 5-gram sets of the candidates only), so a
    corpus too large for memory is streamed and only candidate articles' sets are held.
    """
    signatures, sizes = [], []
    for text in texts():
        sig, size = fingerprint(text)
        signatures.append(sig)
        sizes.append(size)
    if len(signatures) < 2:
        return []
    candidates = candidate_pairs(np.stack(signatures), sizes)
    wanted = {position for pair in candidates for position in pair}
    sets = {
        position: shingle_hashes(text)
        for position, text in enumerate(texts())
        if position in wanted
    }
    return story_pairs(candidates, sets)


def story_ids(
    heads: Sequence[str],
    pairs: Iterable[StoryPair],
    published: Sequence[object | None] | None = None,
) -> list[str]:
    """Each article's story, named by one of its near-duplicate cluster heads (union-find over
    the pairs). The name is the head of the earliest-published cluster (unknown dates last, then
    the smaller id): a later update joining a story leaves its name, and so its split, alone.
    Unlinked articles keep their head."""
    rank: dict[str, tuple[bool, str, str]] = {}
    for position, head in enumerate(heads):
        when = published[position] if published is not None else None
        key = (when is None, "" if when is None else str(when), head)
        rank[head] = min(rank.get(head, key), key)
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    for pair in pairs:
        a, b = find(heads[pair.first]), find(heads[pair.second])
        if a != b:
            first, second = sorted((a, b), key=rank.__getitem__)
            parent[second] = first
    return [find(head) for head in heads]


def story_sizes(stories: Sequence[str]) -> list[int]:
    """Articles per story, largest first."""
    counts: dict[str, int] = {}
    for story in stories:
        counts[story] = counts.get(story, 0) + 1
    return sorted(counts.values(), reverse=True)
