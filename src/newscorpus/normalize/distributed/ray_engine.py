"""`--engine ray`: the run's stages on a Ray cluster, through datatrove's RayPipelineExecutor.

With `--ray-address` the run joins an existing cluster; otherwise it starts a one-machine cluster
for the run and stops it at the end. That cluster listens on the loopback interface only (Ray's
single-machine mode, checked after start), has no dashboard and sends no usage statistics, and its
object store is bounded: the stages pass only paths through it. Every path a task reads or writes
must be visible to every node (a shared filesystem), as for any datatrove run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newscorpus.errors import UsageError
from newscorpus.normalize.distributed.engine import ExecutorFactory, Stage, run_distributed
from newscorpus.normalize.run import NormalizeOptions, NormalizeSummary

LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class RayOptions:
    """How to reach Ray and how much of it a run takes.

    Args:
        address: an existing cluster (`ray start --head` printed it); None starts a local one.
        workers: tasks running at once (and CPUs of a local cluster).
        object_store_mb: object store of a local cluster, in MiB.
        memory_per_task_gb: memory Ray reserves for each task.
    """

    address: str | None = None
    workers: int = 2
    object_store_mb: int = 256
    memory_per_task_gb: float = 1.0


@contextmanager
def ray_cluster(options: RayOptions) -> Iterator[Any]:
    """Ray, initialized for the block: the given cluster, or a loopback-only local one.

    Raises:
        UsageError: Ray is missing, or a local cluster would listen beyond the loopback interface.
    """
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    single_machine = options.address is None or _is_loopback(options.address)
    if single_machine:
        # Ray's single-machine mode: every Ray server binds the loopback address, and a driver
        # joining a loopback cluster does not swap 127.0.0.1 for the machine's outside address.
        # Read at import time by Ray's processes (they inherit it), at call time by the driver.
        os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] = "0"
    try:
        import ray
        from ray._private import ray_constants
    except ImportError as err:
        raise UsageError("--engine ray needs Ray: pip install 'newscorpus[ray]'") from err
    if ray.is_initialized():
        raise UsageError("Ray is already initialized in this process; run normalize on its own")
    if single_machine:
        ray_constants.ENABLE_RAY_CLUSTER = False
    if options.address is None:
        ray.init(
            address="local",  # a new cluster, even if RAY_ADDRESS names another
            _node_ip_address=LOOPBACK,
            num_cpus=options.workers,
            object_store_memory=options.object_store_mb * 2**20,
            include_dashboard=False,
            log_to_driver=False,
            configure_logging=False,
        )
        if ray.util.get_node_ip_address() != LOOPBACK:
            ray.shutdown()
            raise UsageError("the local Ray cluster did not bind to the loopback address only")
    else:
        ray.init(address=options.address, log_to_driver=False, configure_logging=False)
    try:
        yield ray
    finally:
        ray.shutdown()


def _is_loopback(address: str) -> bool:
    host = address.removeprefix("ray://").rsplit(":", 1)[0].strip("[]")
    return host == "localhost" or host == "::1" or host.startswith("127.")


@dataclass(frozen=True)
class RayEngine:
    options: RayOptions

    @property
    def bucket_tasks(self) -> int:
        return self.options.workers

    @contextmanager
    def session(self) -> Iterator[ExecutorFactory]:
        from datatrove.executor.ray import RayPipelineExecutor

        def make_executor(stage: Stage, logs: Path) -> RayPipelineExecutor:
            return RayPipelineExecutor(
                stage.pipeline,
                tasks=stage.tasks,
                workers=self.options.workers,
                logging_dir=str(logs),
                cpus_per_task=1,
                mem_per_cpu_gb=self.options.memory_per_task_gb,
            )

        with ray_cluster(self.options):
            yield make_executor


def run_on_ray(
    options: NormalizeOptions, tasks: int | None, ray_options: RayOptions
) -> NormalizeSummary:
    """`run_normalize` on Ray; see newscorpus.normalize.distributed.engine.run_distributed."""
    return run_distributed(options, tasks, RayEngine(ray_options))
