"""Worker processes of the local engine: results in input order, a bounded number in flight, and
a clear stop when a worker dies.

A worker can die on its own (the out-of-memory killer picks the biggest process, often a worker
on a huge page). `multiprocessing.Pool` then waits forever for the lost chunk; a
`ProcessPoolExecutor` notices the dead process and fails every pending future, which this module
turns into one `WorkerDied` error: the run stops, what it committed stays, and the same command
resumes. Must never reorder results: the caller admits them in task order.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import TypeVar

from newscorpus.errors import UsageError

Job = TypeVar("Job")
Result = TypeVar("Result")


_DIED = (
    "a worker process ended without its result (killed, or out of memory: see `dmesg`); what "
    "the run committed is kept: run the same command again to resume, with fewer --workers or "
    "a lower --max-bytes if memory ran out"
)


class WorkerDied(UsageError):
    """A worker process ended without returning its chunk (killed, or out of memory)."""


def _run_chunk(fn: Callable[[Job], Result], chunk: list[Job]) -> list[Result]:
    return [fn(job) for job in chunk]


def ordered_map(
    fn: Callable[[Job], Result],
    jobs: Iterable[Job],
    workers: int,
    chunk: int,
    chunks_in_flight: int,
    started: Callable[[], None] = lambda: None,
) -> Iterator[Result]:
    """`map(fn, jobs)` over forked workers, `chunk` jobs a submission, at most
    `chunks_in_flight` submissions ahead of the consumer (so a slow consumer never holds the
    whole input's results). `started` runs once the workers are forked.

    Raises:
        WorkerDied: a worker process ended without a result; nothing after it is yielded.
    """
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(workers, mp_context=context)
    pending: deque[Future[list[Result]]] = deque()
    try:
        # Fork every worker before `started` loads what only the main process needs.
        for warm in [pool.submit(_run_chunk, fn, []) for _ in range(workers)]:
            warm.result()
        started()
        for batch in _batches(jobs, chunk):
            pending.append(pool.submit(_run_chunk, fn, batch))
            if len(pending) >= chunks_in_flight:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    except BrokenProcessPool:
        # Raised by whichever call first meets the broken pool: a result, or a submission.
        raise WorkerDied(_DIED) from None
    finally:
        # An early stop (error, Ctrl-C, a consumer that breaks) drops the queued chunks and
        # waits only for the ones already running.
        pool.shutdown(wait=True, cancel_futures=True)


def _batches(jobs: Iterable[Job], size: int) -> Iterator[list[Job]]:
    it = iter(jobs)
    while batch := list(islice(it, size)):
        yield batch
