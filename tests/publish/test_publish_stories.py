"""Stories: a wire story and its update share a split; unrelated articles stay apart.

The texts are synthetic (written for these tests); the PolNeAR test reads ../shared and skips
without it.
"""

from __future__ import annotations

import pytest
from conftest import load_benchmark, shared_path

from newscorpus.publish.splits import SplitFractions, assign_splits
from newscorpus.publish.stories import (
    MIN_SHINGLES,
    STORY_OVERLAP,
    find_story_pairs,
    measure,
    shingle_hashes,
    story_ids,
    story_sizes,
)

# A synthetic wire story and its update: the update keeps most sentences, rewrites the lead and
# adds two paragraphs (5-gram Jaccard about 0.55, most of the first inside the second).
FIRST = (
    "The harbour authority of Port Velling closed the northern quay on Tuesday after a crane "
    "collapsed onto a cargo ship during the morning shift. Two dock workers were taken to the "
    "regional hospital with minor injuries, a spokeswoman for the authority said. The cause of "
    "the collapse was not yet known and inspectors from the transport ministry were on their way "
    "to the port. Ships due to berth at the northern quay this week would be moved to the "
    "southern terminal, she added, and delays of up to two days were expected for freight."
)
UPDATE = (
    "Inspectors from the transport ministry arrived in Port Velling on Wednesday to examine the "
    "crane that collapsed onto a cargo ship. Two dock workers were taken to the "
    "regional hospital with minor injuries, a spokeswoman for the authority said. The cause of "
    "the collapse was not yet known and inspectors from the transport ministry were on their way "
    "to the port. Ships due to berth at the northern quay this week would be moved to the "
    "southern terminal, she added, and delays of up to two days were expected for freight. The "
    "dock workers union called for an independent review of all cranes in the harbour. Both "
    "injured workers were released from hospital on Wednesday evening."
)
# Unrelated synthetic stories (same register, other facts).
OTHERS = [
    f"The orchestra of {town} announced on {day} that its winter season would open with a new "
    f"symphony by a local composer, {name}, who studied at the conservatory for {n} years. "
    f"Tickets go on sale next month, and the hall will add {n + 2} extra evening performances "
    f"because of demand, the orchestra's director said in a statement published online."
    for town, day, name, n in [
        ("Alder Cross", "Monday", "Ilse Marrow", 4),
        ("Brinkwater", "Friday", "Tomas Ebbe", 7),
        ("Caul Hill", "Sunday", "Rhea Stanmore", 9),
    ]
]


def _search(texts: list[str]) -> list:
    return find_story_pairs(lambda: iter(texts))


def test_the_update_pair_overlaps_as_wire_updates_do():
    jaccard, overlap = measure(shingle_hashes(FIRST), shingle_hashes(UPDATE))
    assert 0.5 <= jaccard < 0.8 and overlap >= STORY_OVERLAP


def test_a_wire_story_and_its_update_are_one_story():
    pairs = _search([FIRST, *OTHERS, UPDATE])
    assert [(p.first, p.second) for p in pairs] == [(0, 4)]


def test_a_wire_update_lands_in_the_split_of_its_story():
    ids = ["story-a", "other-1", "other-2", "other-3", "story-a-update"]
    texts = [FIRST, *OTHERS, UPDATE]
    pairs = _search(texts)
    # a salt under which the two fall into different splits when only near copies are grouped
    salt = next(
        f"salt-{n}"
        for n in range(100)
        if len(set(assign_splits(ids, [None] * 5, SplitFractions(), f"salt-{n}")[1][::4])) == 2
    )
    _, apart = assign_splits(ids, [None] * 5, SplitFractions(), salt)
    stories, together = assign_splits(ids, [None] * 5, SplitFractions(), salt, story_pairs=pairs)
    assert apart[0] != apart[4]
    assert together[0] == together[4] and stories[0] == stories[4]


def test_unrelated_stories_of_one_template_stay_apart():
    assert _search(OTHERS) == []


def test_short_texts_are_never_linked_by_overlap():
    short = "The mayor said the tram would run by May, and the council agreed."
    assert len(shingle_hashes(short)) < MIN_SHINGLES
    assert _search([short, short + " Work starts in June."]) == []


def test_a_story_is_named_after_its_earliest_published_cluster():
    pairs = _search([UPDATE, FIRST])
    assert story_ids(["zzz-first", "aaa-update"], pairs, ["2026-01-02", "2026-01-01"]) == [
        "aaa-update",
        "aaa-update",
    ]
    assert story_ids(["zzz-first", "aaa-update"], pairs, ["2026-01-01", "2026-01-02"]) == [
        "zzz-first",
        "zzz-first",
    ]


def test_stories_do_not_depend_on_article_order():
    texts = [FIRST, *OTHERS, UPDATE]
    ids = ["a", "b", "c", "d", "e"]
    forward = story_ids(ids, _search(texts))
    backward = story_ids(ids[::-1], _search(texts[::-1]))
    assert forward == backward[::-1]


def test_story_sizes_are_listed_largest_first():
    assert story_sizes(["a", "b", "a", "c", "a", "b"]) == [3, 2, 1]


@pytest.mark.slow
def test_no_polnear_story_pair_crosses_splits():
    data = shared_path("data", "polnear-train")
    bench = load_benchmark("story_splits")
    names, bodies = bench.read_bodies(data)
    pairs = bench.exact_pairs(bodies)
    ids = [f"polnear-{name}" for name in names]
    _, splits = assign_splits(ids, [None] * len(ids), SplitFractions(), story_pairs=_search(bodies))
    assert pairs, "PolNeAR has wire updates: the test would check nothing"
    assert [(names[i], names[j]) for i, j, _, _ in pairs if splits[i] != splits[j]] == []
