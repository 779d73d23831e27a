"""benchmarks/stance.py: the gate fails on any figure past its floor, and only then."""

from __future__ import annotations

from conftest import load_benchmark

bench = load_benchmark("stance")


def _report(**changes: object) -> dict:
    report = {
        "cv_body": {"pooled": {"fnc": 0.9, "macro_f1": 0.77}},
        "train_seconds": 60.0,
        "pairs_per_second": {"wall": 5000.0, "cpu": 5000.0},
        "pairs_per_second_new_bodies": {"wall": 1000.0, "cpu": 1000.0},
        "peak": {"vmhwm_mib": 400.0},
    }
    report.update(changes)
    return report


def test_figures_within_the_floors_pass():
    assert bench._failures(_report()) == []


def test_a_held_out_score_under_the_floor_fails():
    failures = bench._failures(_report(cv_body={"pooled": {"fnc": 0.81, "macro_f1": 0.77}}))
    assert failures == ["held-out FNC 0.81 < 0.82"]


def test_slow_prediction_on_new_bodies_fails():
    slow = {"wall": 800.0, "cpu": 499.0}
    failures = bench._failures(_report(pairs_per_second_new_bodies=slow))
    assert failures == ["prediction on new bodies below the floor"]


def test_a_run_without_cross_validation_checks_the_other_figures():
    report = _report(train_seconds=601.0)
    del report["cv_body"]
    assert bench._failures(report) == ["training took longer than the floor"]


def test_memory_over_the_ceiling_fails():
    assert bench._failures(_report(peak={"vmhwm_mib": 2048.0})) == ["peak memory over the ceiling"]
