"""benchmarks/extraction.py: shingle scores per fold of page keys. Page keys here are made up."""

from __future__ import annotations

import pytest
from conftest import load_benchmark

bench = load_benchmark("extraction")

KEYS = [f"{i:016x}" for i in range(40)]


def _per_page() -> dict[str, object]:
    # Every page right except every fourth, which predicts nothing of its truth.
    return {
        k: bench.PageScore(0.0, 0.5, 0.5) if i % 4 == 0 else bench.PageScore(1.0, 0.0, 0.0)
        for i, k in enumerate(KEYS)
    }


def test_every_page_is_scored_in_exactly_one_fold() -> None:
    folds = bench.fold_scores(_per_page(), 5)
    assert sum(s.pages for s in folds.values()) == len(KEYS)


def test_a_fold_holds_the_pages_whose_key_hashes_to_it() -> None:
    folds = bench.fold_scores(_per_page(), 5)
    for index, scores in folds.items():
        assert scores.pages == sum(bench.fold_of(k, 5) == index for k in KEYS)


def test_a_fold_is_scored_as_the_benchmark_scores_its_pages() -> None:
    per_page = _per_page()
    folds = bench.fold_scores(per_page, 5)
    index = next(iter(folds))
    mine = [s for k, s in per_page.items() if bench.fold_of(k, 5) == index]
    assert folds[index] == bench.aggregate(mine)


def test_scoring_one_fold_keeps_only_its_pages() -> None:
    truth = {k: "synthetic body text of four words" for k in KEYS}
    kept = bench.in_fold(truth, 2, 5)
    assert kept and all(bench.fold_of(k, 5) == 2 for k in kept)
    assert len(kept) == sum(bench.fold_of(k, 5) == 2 for k in KEYS)


def _result(per_page: dict[str, object]) -> object:
    method = bench.Method("synthetic", "syn", lambda key: "", None)
    return bench.MethodResult(
        method, bench.aggregate(per_page.values()), per_page, bench.fold_scores(per_page, 5), 0.0
    )


def test_the_json_of_a_method_carries_its_folds_and_spread() -> None:
    d = bench.result_dict(_result(_per_page()))
    f1s = [f["f1"] for f in d["folds"].values()]
    assert d["spread"]["f1"] == pytest.approx(max(f1s) - min(f1s))


def test_chance_spread_is_zero_when_every_page_scores_the_same() -> None:
    same = {k: bench.PageScore(0.8, 0.1, 0.1) for k in KEYS}
    c = bench.chance_spread(_result(same), draws=50)
    assert list(c) == ["p10", "median", "p90"]
    assert max(c.values()) == pytest.approx(0.0, abs=1e-12)


def test_chance_spread_quantiles_rise_and_failed_pages_make_them_positive() -> None:
    c = bench.chance_spread(_result(_per_page()), draws=200)
    assert 0.0 < c["p10"] <= c["median"] <= c["p90"]
