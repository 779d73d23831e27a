"""The local engine's worker pool: input order kept, every job done once, a dead worker named."""

from __future__ import annotations

import os
import signal

import pytest

from newscorpus.normalize.pool import WorkerDied, ordered_map


def _square(n: int) -> int:
    return n * n


def _die_on_seven(n: int) -> int:
    if n == 7:
        os.kill(os.getpid(), signal.SIGKILL)
    return n


def test_results_come_in_input_order_across_chunks_and_workers() -> None:
    out = list(ordered_map(_square, range(50), workers=2, chunk=3, chunks_in_flight=2))
    assert out == [n * n for n in range(50)]


def test_started_runs_once_before_the_first_result() -> None:
    calls: list[str] = []
    results = ordered_map(
        _square, range(4), workers=2, chunk=2, chunks_in_flight=2, started=lambda: calls.append("s")
    )
    assert calls == []
    first = next(results)
    assert (calls, first) == (["s"], 0)
    assert list(results) == [1, 4, 9]
    assert calls == ["s"]


def test_a_killed_worker_raises_worker_died_after_the_results_before_it() -> None:
    # One chunk in flight: chunk 0 is collected before chunk 1 (whose worker dies) is sent.
    got: list[int] = []
    with pytest.raises(WorkerDied, match="killed, or out of memory"):
        for n in ordered_map(_die_on_seven, range(20), workers=2, chunk=4, chunks_in_flight=1):
            got.append(n)
    assert got == [0, 1, 2, 3]


@pytest.mark.parametrize("in_flight", [1, 2, 4])
def test_a_killed_worker_is_always_reported_as_worker_died(in_flight: int) -> None:
    # Whether the broken pool is met by a result or by the next submission.
    for _ in range(5):
        with pytest.raises(WorkerDied):
            list(
                ordered_map(
                    _die_on_seven, range(40), workers=2, chunk=2, chunks_in_flight=in_flight
                )
            )


def test_no_input_gives_no_result() -> None:
    assert list(ordered_map(_square, [], workers=2, chunk=4, chunks_in_flight=2)) == []
