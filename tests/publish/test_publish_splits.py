"""Stable, deterministic, cluster-respecting splits, and the leakage check (pure functions)."""

from __future__ import annotations

from collections import Counter

import pytest

from newscorpus.errors import UsageError
from newscorpus.publish.splits import (
    SplitFractions,
    assign_splits,
    cluster_ids,
    find_leaks,
    split_for,
)

IDS = [f"article-{i:04d}" for i in range(2000)]


def test_same_ids_give_the_same_splits_in_any_order():
    _, forward = assign_splits(IDS, [None] * len(IDS), SplitFractions())
    _, backward = assign_splits(IDS[::-1], [None] * len(IDS), SplitFractions())
    assert forward == backward[::-1]


def test_an_article_keeps_its_split_when_the_corpus_grows():
    _, before = assign_splits(IDS[:500], [None] * 500, SplitFractions())
    _, after = assign_splits(IDS, [None] * len(IDS), SplitFractions())
    assert after[:500] == before


def test_a_near_duplicate_cluster_lands_in_one_split():
    ids = ["head", "copy-1", "copy-2", *IDS[:50]]
    duplicate_of = [None, "head", "head", *([None] * 50)]
    clusters, splits = assign_splits(ids, duplicate_of, SplitFractions(0.34, 0.33, 0.33))
    assert clusters[:3] == ["head", "head", "head"]
    assert len(set(splits[:3])) == 1


def test_a_duplicate_chain_is_followed_to_its_head():
    assert cluster_ids(["a", "b", "c"], [None, "a", "b"]) == ["a", "a", "a"]


def test_a_duplicate_cycle_does_not_hang():
    assert len(cluster_ids(["a", "b"], ["b", "a"])) == 2


def test_a_missing_representative_still_names_the_cluster():
    clusters, splits = assign_splits(["x", "y"], ["gone", "gone"], SplitFractions())
    assert clusters == ["gone", "gone"] and splits[0] == splits[1]


def test_fractions_are_approximately_realized():
    _, splits = assign_splits(IDS, [None] * len(IDS), SplitFractions(0.8, 0.1, 0.1))
    counts = Counter(splits)
    assert 1500 < counts["train"] < 1700
    assert 130 < counts["validation"] < 270 and 130 < counts["test"] < 270


def test_a_zero_fraction_split_stays_empty():
    _, splits = assign_splits(IDS, [None] * len(IDS), SplitFractions(0.9, 0.1, 0.0))
    assert "test" not in splits


def test_fractions_must_sum_to_one():
    with pytest.raises(UsageError, match="sum to 1"):
        SplitFractions(0.8, 0.1, 0.2)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("0.8,0.1,0.1", SplitFractions(0.8, 0.1, 0.1)),
        ("train=0.9,test=0.1", SplitFractions(0.9, 0.0, 0.1)),
    ],
)
def test_fractions_parse_from_the_command_line(spec, expected):
    assert SplitFractions.parse(spec) == expected


@pytest.mark.parametrize("spec", ["0.8,0.2", "a,b,c", "train=0.5,dev=0.5"])
def test_unreadable_fractions_are_refused(spec):
    with pytest.raises(UsageError):
        SplitFractions.parse(spec)


def test_split_depends_on_the_salt():
    fractions = SplitFractions(0.5, 0.25, 0.25)
    changed = sum(split_for(i, fractions) != split_for(i, fractions, "other-salt") for i in IDS)
    assert changed > 500


def test_no_leak_in_a_clean_assignment():
    ids = ["a", "b", "c"]
    assert find_leaks(ids, ["h1", "h2", "h3"], ids, ["train", "test", "train"]) == []


def test_leak_of_a_cluster_across_splits_names_its_articles():
    leaks = find_leaks(["a", "b"], ["h1", "h2"], ["a", "a"], ["train", "test"])
    assert [(x.kind, x.value) for x in leaks] == [("cluster", "a")]
    assert leaks[0].articles_by_split == {"test": ("b",), "train": ("a",)}
    assert "cluster a is in 2 splits" in leaks[0].describe()


def test_leak_of_the_same_text_across_splits_is_found():
    leaks = find_leaks(["a", "b"], ["same", "same"], ["a", "b"], ["train", "validation"])
    assert [(x.kind, x.value) for x in leaks] == [("content_sha256", "same")]


def test_leak_of_the_same_id_across_splits_is_found():
    leaks = find_leaks(["a", "a"], ["h1", "h2"], ["a", "x"], ["train", "test"])
    assert ("id", "a") in [(x.kind, x.value) for x in leaks]
