"""benchmarks/folds.py: a document's fold follows from its name, the same in every process."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO, load_benchmark

folds = load_benchmark("folds")

NAMES = [f"synthetic-article-{i:03d}" for i in range(60)]


def test_the_same_name_falls_in_the_same_fold_in_another_process() -> None:
    code = (
        f"import sys; sys.path.insert(0, {str(REPO / 'benchmarks')!r}); import folds; "
        f"print([folds.fold_of(n, 5) for n in {NAMES!r}])"
    )
    env = {"PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == str([folds.fold_of(n, 5) for n in NAMES])


def test_a_fold_does_not_depend_on_position() -> None:
    forward = folds.split(NAMES, folds=5)
    backward = folds.split(list(reversed(NAMES)), folds=5)
    assert [sorted(f) for f in forward] == [sorted(f) for f in backward]


def test_folds_are_disjoint_and_cover_every_name() -> None:
    parts = folds.split(NAMES, folds=5)
    seen = [n for part in parts for n in part]
    assert sorted(seen) == sorted(NAMES) and len(set(seen)) == len(NAMES)


def test_every_fold_receives_names() -> None:
    assert all(folds.split(NAMES, folds=5))


def test_records_are_split_by_the_named_attribute() -> None:
    class Doc:
        def __init__(self, name: str) -> None:
            self.name = name

    docs = [Doc(n) for n in NAMES]
    by_record = folds.split(docs, key="name", folds=5)
    assert [[d.name for d in part] for part in by_record] == folds.split(NAMES, folds=5)


def test_a_fold_outside_the_range_is_refused_with_the_range() -> None:
    with pytest.raises(ValueError, match="use 0 to 4"):
        folds.check_fold(5, 5)


def test_spread_is_largest_minus_smallest() -> None:
    assert folds.spread([0.5, 0.75, 0.625]) == pytest.approx(0.25)


def test_spread_of_one_fold_is_zero() -> None:
    assert folds.spread([0.9]) == 0.0


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def test_chance_spreads_of_equal_outcomes_are_zero() -> None:
    assert folds.chance_spreads([0.9] * 10, [5, 5], _mean, draws=20) == [0.0] * 20


def test_a_failed_document_sets_the_smallest_chance_spread() -> None:
    # one document at 0 among nine at 1, folds of 5: the fold holding it is 0.8, the other 1.0
    spreads = folds.chance_spreads([0.0] + [1.0] * 9, [5, 5], _mean, draws=50)
    assert min(spreads) == pytest.approx(0.2)
    assert max(spreads) == pytest.approx(0.2)


def test_chance_spreads_are_sorted_and_reproducible_by_seed() -> None:
    items = [i / 10 for i in range(10)]
    first = folds.chance_spreads(items, [3, 3, 4], _mean, draws=30, seed=7)
    assert first == sorted(first)
    assert first == folds.chance_spreads(items, [3, 3, 4], _mean, draws=30, seed=7)
    assert first != folds.chance_spreads(items, [3, 3, 4], _mean, draws=30, seed=8)


def test_folds_larger_than_the_items_are_refused() -> None:
    with pytest.raises(ValueError, match="need 11 items, not 10"):
        folds.chance_spreads([1.0] * 10, [5, 6], _mean)
