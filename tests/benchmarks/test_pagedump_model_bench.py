"""benchmarks/pagedump_model.py: how a dump line is labelled from the true body. Text is made up."""

from __future__ import annotations

from conftest import load_benchmark

bench = load_benchmark("pagedump_model")

TRUTH = "The river council met on a grey morning and voted to rebuild the old bridge by spring."


def _label(line: str) -> float:
    words = bench._WORD.findall(TRUTH)
    grams = {tuple(words[i : i + bench.SHINGLE]) for i in range(len(words) - bench.SHINGLE + 1)}
    return bench.line_label(line, grams, f" {' '.join(words)} ")


def test_a_line_of_the_body_is_labelled_body_entirely() -> None:
    assert _label("voted to rebuild the old bridge") == 1.0


def test_a_line_half_from_the_body_gets_the_share_of_its_shingles_found() -> None:
    # 6 shingles: "met on a grey" .. "a grey morning and" are found (3), the rest are not (3).
    assert _label("met on a grey morning and sunny blue skies") == 0.5


def test_a_short_line_is_body_only_when_its_words_appear_in_a_row() -> None:
    assert _label("old bridge") == 1.0
    assert _label("bridge old") == 0.0


def test_a_line_without_words_is_not_body() -> None:
    assert _label("--- | ---") == 0.0
