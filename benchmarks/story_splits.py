"""Story pairs that cross splits on PolNeAR, with near-duplicate clusters only and with stories.

A story pair (a wire update, a rewrite) is two articles whose word 5-gram sets (normalize.dedup's
shingles) have Jaccard in [0.5, 0.8) or overlap coefficient |A & B| / min(|A|, |B|) >= 0.6, and
that are not near duplicates (Jaccard < 0.8, which `duplicate_of` already groups). Every pair of
the corpus is measured exactly (an inverted index of 5-grams finds the pairs sharing any), then
the split assignment of `newscorpus publish` is applied twice: grouping near-duplicate clusters
only (as before stories), and grouping stories (publish.stories). Prints counts and cluster sizes.

Usage: .venv/bin/python benchmarks/story_splits.py [--data ../shared/data/polnear-train]
"""

from __future__ import annotations

import argparse
import itertools
from collections import defaultdict
from pathlib import Path

from newscorpus.normalize.dedup import NearDuplicateIndex, signature
from newscorpus.normalize.text import article_id, normalize_text
from newscorpus.publish.splits import SplitFractions, assign_splits
from newscorpus.publish.stories import find_story_pairs, measure, shingle_hashes, story_sizes

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear-train"
NEAR_DUPLICATE = 0.8
# A 5-gram in more articles than this is boilerplate; pairs sharing only such 5-grams are not
# measured (their overlap is far below 0.6 anyway).
COMMON = 200


def read_bodies(data: Path) -> tuple[list[str], list[str]]:
    """(names, normalized bodies): the title line and the blank line after it are dropped."""
    names, bodies = [], []
    for path in sorted((data / "text").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        body = text.split("\n\n", 1)[1] if "\n\n" in text else text
        names.append(path.stem)
        bodies.append(normalize_text(body))
    return names, bodies


def exact_pairs(bodies: list[str]) -> list[tuple[int, int, float, float]]:
    """(i, j, Jaccard, overlap) of every pair sharing a 5-gram that is a story pair."""
    sets = [shingle_hashes(b) for b in bodies]
    index: dict[int, list[int]] = defaultdict(list)
    for position, shingle_set in enumerate(sets):
        for shingle in shingle_set:
            index[shingle].append(position)
    sharing = {
        pair
        for members in index.values()
        if 1 < len(members) <= COMMON
        for pair in itertools.combinations(members, 2)
    }
    pairs = []
    for i, j in sorted(sharing):
        jaccard, overlap = measure(sets[i], sets[j])
        if jaccard < NEAR_DUPLICATE and (jaccard >= 0.5 or overlap >= 0.6):
            pairs.append((i, j, jaccard, overlap))
    return pairs


def duplicate_heads(ids: list[str], bodies: list[str]) -> list[str | None]:
    """`duplicate_of` as normalize decides it: the earliest indexed near duplicate."""
    index = NearDuplicateIndex()
    heads: list[str | None] = []
    for article, body in zip(ids, bodies, strict=True):
        sig = signature(body)
        found = index.find(sig)
        heads.append(found)
        index.add(article, sig, representative=found or article)
    return heads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    names, bodies = read_bodies(args.data)
    ids = [article_id(b) for b in bodies]
    duplicate_of = duplicate_heads(ids, bodies)
    pairs = exact_pairs(bodies)
    fractions = SplitFractions()
    _, before = assign_splits(ids, duplicate_of, fractions)
    story_pairs = find_story_pairs(lambda: iter(bodies))
    stories, after = assign_splits(ids, duplicate_of, fractions, story_pairs=story_pairs)
    print(f"{len(ids)} articles, {sum(d is not None for d in duplicate_of)} near duplicates")
    print(f"story pairs (Jaccard 0.5-0.8 or overlap >= 0.6): {len(pairs)}")
    for i, j, jaccard, overlap in pairs:
        print(f"  J {jaccard:.3f} overlap {overlap:.3f}  {names[i]}  {names[j]}")
    for label, splits in (("near duplicates only", before), ("stories", after)):
        crossing = sum(splits[i] != splits[j] for i, j, _, _ in pairs)
        print(f"crossing splits, {label}: {crossing} of {len(pairs)}")
    sizes = story_sizes(stories)
    print(
        f"stories: {len(sizes)}; of more than one article: {sum(s > 1 for s in sizes)}; "
        f"largest: {sizes[0]}; linked pairs found by publish: {len(story_pairs)}"
    )


if __name__ == "__main__":
    main()
