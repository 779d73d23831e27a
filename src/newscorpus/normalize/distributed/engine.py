"""The stages of a distributed normalize run, and the loop that runs them on a datatrove executor.

Engines differ only in the executor they build for a stage (`ray_engine`, `slurm_engine`); the
stages, their order, their task counts and the resumption rules are here, once. A stage starts
only when every task of the one before it is marked complete, so a stage never reads half of its
input; an interrupted run is resumed from its plan, and datatrove skips the tasks it completed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pyarrow.parquet as pq
from datatrove.utils.logging import setup_default_logger
from loguru import logger

from newscorpus.errors import NewscorpusError
from newscorpus.locks import corpus_writer
from newscorpus.normalize.distributed.minhash import (
    BANDS,
    AssignDuplicates,
    BandBuckets,
    BandSignatures,
    PriorSignatures,
    minhash_config,
)
from newscorpus.normalize.distributed.plan import RunPlan, part_numbers, resume_or_plan
from newscorpus.normalize.distributed.steps import (
    FinishRun,
    NormalizeInputs,
    WriteShards,
    read_summary,
)
from newscorpus.normalize.run import NormalizeOptions, NormalizeSummary, read_dependents_again
from newscorpus.tables import part_name

ExecutorFactory = Callable[["Stage", Path], Any]


class RunIncomplete(NewscorpusError):
    """Some tasks of a stage failed: the run stays resumable from where it stopped."""


@dataclass(frozen=True)
class Stage:
    """One datatrove pipeline and how many tasks run it."""

    name: str
    pipeline: list[Any]
    tasks: int


def stages(plan: RunPlan, bucket_tasks: int = BANDS) -> list[Stage]:
    """The five stages of a run (see the package docstring), in order.

    `bucket_tasks` below BANDS shares the MinHash bands between fewer tasks; a multiple of BANDS
    splits each band by hash range (datatrove's own scheme); other counts are capped at BANDS.
    """
    buckets = BandBuckets(
        input_folder=str(plan.signatures), output_folder=str(plan.pairs), config=minhash_config()
    )
    return [
        Stage(
            "normalize",
            [PriorSignatures(plan), NormalizeInputs(plan), BandSignatures(plan)],
            plan.shards,
        ),
        Stage("buckets", [buckets], _bucket_task_count(bucket_tasks)),
        Stage("duplicates", [AssignDuplicates(plan)], 1),
        Stage("write", [WriteShards(plan)], plan.tasks),
        Stage("finish", [FinishRun(plan)], 1),
    ]


def _bucket_task_count(wanted: int) -> int:
    if wanted >= BANDS:
        return wanted - wanted % BANDS
    return max(1, wanted)


class Engine(Protocol):
    """A place to run stages: `session()` yields an executor factory while the engine is up.

    `bucket_tasks`: how many tasks share the MinHash bands (see `stages`).
    """

    bucket_tasks: int

    def session(self) -> AbstractContextManager[ExecutorFactory]: ...


@contextmanager
def datatrove_log(path: Path) -> Iterator[None]:
    """Send datatrove's log (loguru) to `path` instead of the terminal, for the block."""
    path.parent.mkdir(parents=True, exist_ok=True)
    logger.remove()
    logger.add(path, level="INFO")
    try:
        yield
    finally:
        setup_default_logger()


def run_distributed(
    options: NormalizeOptions, tasks: int | None, engine: Engine
) -> NormalizeSummary:
    """Normalize like `run_normalize`, with the work spread over `engine`'s executors.

    Raises:
        UsageError: a wrong argument (as the local run).
        RunIncomplete: some tasks failed; re-running the same command resumes the run.
    """
    started = time.perf_counter()
    with corpus_writer(options.out):
        summary = _run_locked(options, tasks, engine)
    summary.seconds = time.perf_counter() - started
    return summary


def _run_locked(options: NormalizeOptions, tasks: int | None, engine: Engine) -> NormalizeSummary:
    plan = resume_or_plan(options, tasks)
    if plan.tasks == 0:
        summary = NormalizeSummary(
            out=options.out, inputs_seen=plan.inputs_seen, inputs_skipped=plan.inputs_seen
        )
    else:
        with datatrove_log(plan.run_dir / "driver.log"), engine.session() as make_executor:
            for stage in stages(plan, engine.bucket_tasks):
                executor = make_executor(stage, plan.logs / stage.name)
                executor.run()
                left = executor.get_incomplete_ranks()
                if left:
                    raise RunIncomplete(
                        f"stage {stage.name}: {len(left)} of {stage.tasks} tasks did not complete "
                        f"(logs: {plan.logs / stage.name}/logs); re-run the same command to resume"
                    )
        summary = read_summary(plan.summary_file)
        summary.out = options.out
    # The few unchanged inputs whose duplicates pointed at an article a changed input removed
    # (FinishRun marks the corpus for it) are read here, by the local engine's own step.
    read_dependents_again(options, summary)
    if plan.tasks == 0 or summary.inputs_reread:
        summary.articles_total = sum(
            pq.ParquetFile(plan.layout.articles / part_name(n)).metadata.num_rows
            for n in part_numbers(plan.layout.articles)
        )
    return summary
