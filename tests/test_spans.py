"""Spans: overlap over union and one-to-one matching, shared by agreement, baselines, benchmarks."""

from __future__ import annotations

import pytest

from newscorpus.spans import Span, iou, match_one_to_one, match_spans


def test_overlap_over_union_of_identical_and_disjoint_spans():
    assert iou(Span(0, 10), Span(0, 10)) == 1.0
    assert iou(Span(0, 10), Span(10, 20)) == 0.0
    assert iou(Span(0, 10), Span(5, 15)) == pytest.approx(5 / 15)


def test_a_span_is_a_position_tuple():
    assert Span(3, 5) == (3, 5)
    assert Span(3, 5).text_of("abcdefg") == "de"
    assert Span(0, 4).overlaps((3, 9)) and not Span(0, 3).overlaps((3, 9))


def test_matching_prefers_the_best_overlap_and_ties_by_position():
    assert match_spans([(0, 9), (0, 10)], [(0, 10)]) == [(1, 0)]
    assert match_spans([(0, 10)], [(0, 10), (1, 10)]) == [(0, 0)]


def test_matching_is_one_to_one_and_in_index_order():
    assert match_spans([(40, 50), (0, 10)], [(0, 9), (46, 56)]) == [(1, 0)]


def test_matching_takes_any_score():
    words = [{"a", "b"}, {"c"}]
    jaccard = lambda x, y: len(x & y) / len(x | y)  # noqa: E731
    assert match_one_to_one(words, [{"c"}, {"a"}], jaccard) == [(0, 1), (1, 0)]
