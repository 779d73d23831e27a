"""Deterministic, stable train/validation/test splits, and the leakage check that guards them.

An article's split is a function of its story's id alone, hashed with a fixed salt. A story is a
near-duplicate cluster (the `duplicate_of` head, or the article's own id) joined with the clusters
it shares a story with (stories.py: wire updates, rewrites), so a whole story of syndicated copies
and updated versions lands in one split, and nobody can move an article by reordering inputs. A
story is named after its earliest-published cluster, so an update added later leaves the story's
split alone; a story moves only when an article published before it joins it, or when a new
article links two stories. Pure: no I/O; must never depend on row order."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newscorpus.errors import UsageError
from newscorpus.publish.features import SPLITS
from newscorpus.publish.stories import StoryPair, story_ids

# Versioned: changing the salt moves articles between splits, which is a new dataset, not a fix.
SPLIT_SALT = "newscorpus-splits-v1"


@dataclass(frozen=True)
class SplitFractions:
    """Target share of clusters per split; realized shares vary with cluster sizes."""

    train: float = 0.8
    validation: float = 0.1
    test: float = 0.1

    def __post_init__(self) -> None:
        values = (self.train, self.validation, self.test)
        if any(v < 0 for v in values) or abs(sum(values) - 1.0) > 1e-6:
            raise UsageError(
                f"split fractions must be non-negative and sum to 1, got train={self.train} "
                f"validation={self.validation} test={self.test}"
            )

    @classmethod
    def parse(cls, spec: str) -> SplitFractions:
        """'0.8,0.1,0.1' or 'train=0.8,validation=0.1,test=0.1'."""
        parts = [p.strip() for p in spec.split(",") if p.strip()]
        try:
            if all("=" in p for p in parts):
                named = {k.strip(): float(v) for k, v in (p.split("=", 1) for p in parts)}
                unknown = set(named) - set(SPLITS)
                if unknown:
                    raise UsageError(f"unknown split(s) {sorted(unknown)} in {spec!r}")
                return cls(**{s: named.get(s, 0.0) for s in SPLITS})
            if len(parts) == 3:
                return cls(*(float(p) for p in parts))
        except ValueError as err:
            raise UsageError(f"cannot read split fractions {spec!r}: {err}") from None
        raise UsageError(
            f"cannot read split fractions {spec!r}: give three numbers 'train,validation,test' "
            "such as 0.8,0.1,0.1"
        )

    def as_dict(self) -> dict[str, float]:
        return {"train": self.train, "validation": self.validation, "test": self.test}


def split_point(cluster_id: str, salt: str = SPLIT_SALT) -> float:
    """Uniform point in [0, 1) fixed by the cluster id."""
    digest = hashlib.sha256(f"{salt}\x00{cluster_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2.0**64


def split_for(cluster_id: str, fractions: SplitFractions, salt: str = SPLIT_SALT) -> str:
    point = split_point(cluster_id, salt)
    if point < fractions.train:
        return "train"
    if point < fractions.train + fractions.validation:
        return "validation"
    # A test fraction of 0 must never receive the rounding leftovers.
    return "test" if fractions.test > 0 else ("validation" if fractions.validation else "train")


def cluster_ids(ids: Sequence[str], duplicate_of: Sequence[str | None]) -> list[str]:
    """Representative of each article's cluster, following `duplicate_of` chains to their head.

    Normalize points every near duplicate at the cluster head, so chains are length one; a chain
    (a head that later became a duplicate) is still followed so that it cannot split a cluster.
    A representative missing from the corpus (removed since) still names the cluster.
    """
    parent = {i: d for i, d in zip(ids, duplicate_of, strict=True) if d and d != i}
    heads: list[str] = []
    for article_id in ids:
        seen = {article_id}
        current = article_id
        while current in parent and parent[current] not in seen:
            current = parent[current]
            seen.add(current)
        heads.append(current)
    return heads


def assign_splits(
    ids: Sequence[str],
    duplicate_of: Sequence[str | None],
    fractions: SplitFractions,
    salt: str = SPLIT_SALT,
    story_pairs: Iterable[StoryPair] = (),
    published: Sequence[object | None] | None = None,
) -> tuple[list[str], list[str]]:
    """(story id, split) for each article, in input order; `story_pairs` are positions in `ids`,
    `published` the articles' dates (a story is named after its earliest-published cluster)."""
    clusters = story_ids(cluster_ids(ids, duplicate_of), story_pairs, published)
    memo: dict[str, str] = {}
    splits = []
    for cluster in clusters:
        if cluster not in memo:
            memo[cluster] = split_for(cluster, fractions, salt)
        splits.append(memo[cluster])
    return clusters, splits


@dataclass(frozen=True)
class Leak:
    """One value (an id, a content hash, a cluster) found in more than one split."""

    kind: str  # "id", "content_sha256" or "cluster"
    value: str
    articles_by_split: dict[str, tuple[str, ...]]

    def describe(self) -> str:
        where = "; ".join(
            f"{split}: {', '.join(ids[:5])}{' ...' if len(ids) > 5 else ''}"
            for split, ids in sorted(self.articles_by_split.items())
        )
        return f"{self.kind} {self.value} is in {len(self.articles_by_split)} splits ({where})"


def find_leaks(
    ids: Sequence[str],
    content_sha256: Sequence[str],
    clusters: Sequence[str],
    splits: Sequence[str],
) -> list[Leak]:
    """Every id, content hash or cluster that appears in two splits.

    Takes the assignment as data rather than recomputing it, so it checks what will actually be
    written (and so a test can hand it a leaky assignment).
    """
    leaks: list[Leak] = []
    for kind, keys in (("id", ids), ("content_sha256", content_sha256), ("cluster", clusters)):
        by_key: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for key, article_id, split in zip(keys, ids, splits, strict=True):
            by_key[key][split].append(article_id)
        for key, per_split in sorted(by_key.items()):
            if len(per_split) > 1:
                leaks.append(
                    Leak(kind, key, {s: tuple(sorted(a)) for s, a in sorted(per_split.items())})
                )
    return leaks
