"""`--engine slurm`: the run's stages as Slurm job arrays, through datatrove's Slurm executor.

Submission plans the run here (on the login node), then hands every stage to datatrove, which
pickles it beside the run, writes its sbatch script and submits it with an `afterok` dependency
on the stage before. Nothing waits for the jobs: re-running the same command once they ended
resumes an interrupted run (datatrove submits only the tasks not marked complete) or, when the
run is done, plans the inputs that changed since. The run folder (under DIR) and the inputs must
be on a filesystem that the compute nodes share.

`--dry-run` goes through datatrove's own submission path with `sbatch` replaced by a recorder:
the scripts and the exact sbatch arguments are written and listed, and nothing is submitted.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newscorpus.errors import UsageError
from newscorpus.locks import corpus_writer
from newscorpus.normalize.distributed.engine import datatrove_log, stages
from newscorpus.normalize.distributed.plan import RunPlan, resume_or_plan
from newscorpus.normalize.run import NormalizeOptions


@dataclass(frozen=True)
class SlurmOptions:
    """Where and how the jobs run.

    Args:
        partition: Slurm partition of every job.
        time: time limit of one task (sbatch --time), e.g. "02:00:00".
        logs_dir: folder for Slurm's own output files; default DIR/state/runs/RUN/slurm_logs.
        dry_run: write and list the job scripts, submit nothing.
        cpus_per_task: CPUs of one task.
        mem_per_cpu_gb: memory per CPU, in GB.
        env_command: shell line that sets up Python on the nodes; default activates this venv.
        qos: Slurm QOS, or None to leave it to the cluster's default.
    """

    partition: str
    time: str = "02:00:00"
    logs_dir: Path | None = None
    dry_run: bool = False
    cpus_per_task: int = 1
    mem_per_cpu_gb: int = 2
    env_command: str | None = None
    qos: str | None = None


@dataclass
class SlurmJob:
    """One sbatch call: a stage's job array or datatrove's stats-merging job."""

    name: str
    job_id: str
    script: Path | None
    command: list[str]


@dataclass
class SlurmSubmission:
    plan: RunPlan
    jobs: list[SlurmJob] = field(default_factory=list)
    dry_run: bool = False


def _default_env_command() -> str:
    activate = Path(sys.prefix) / "bin" / "activate"
    return f"source {activate}" if activate.exists() else ""


@contextmanager
def _recorded_sbatch(submission: SlurmSubmission, scripts: Path) -> Iterator[None]:
    """Replace datatrove's call to sbatch with one that writes the script and records the call."""
    import datatrove.executor.slurm as slurm

    real = slurm.launch_slurm_job

    def record(launch_file_contents: str, job_id_retriever: Any, *args: str) -> str:
        number = len(submission.jobs) + 1
        name = _job_name(launch_file_contents)
        script = scripts / f"{number:02d}-{name}.sbatch"
        script.parent.mkdir(parents=True, exist_ok=True)
        script.write_text(launch_file_contents, encoding="utf-8")
        job_id = f"dry-run-{number}"
        submission.jobs.append(SlurmJob(name, job_id, script, ["sbatch", *args, str(script)]))
        return job_id

    slurm.launch_slurm_job = record
    try:
        yield
    finally:
        slurm.launch_slurm_job = real


@contextmanager
def _submitted_sbatch(submission: SlurmSubmission) -> Iterator[None]:
    """Let datatrove call sbatch, and note each job it submits."""
    import datatrove.executor.slurm as slurm

    real = slurm.launch_slurm_job

    def submit(launch_file_contents: str, job_id_retriever: Any, *args: str) -> str:
        job_id = real(launch_file_contents, job_id_retriever, *args)
        name = _job_name(launch_file_contents)
        submission.jobs.append(SlurmJob(name, str(job_id), None, ["sbatch", *args]))
        return job_id

    slurm.launch_slurm_job = submit
    try:
        yield
    finally:
        slurm.launch_slurm_job = real


def _job_name(script: str) -> str:
    for line in script.splitlines():
        if line.startswith("#SBATCH --job-name="):
            name = line.split("=", 1)[1]
            return f"{name}-merge-stats" if "merge_stats " in script else name
    return "job"


def submit_to_slurm(
    options: NormalizeOptions, tasks: int | None, slurm_options: SlurmOptions
) -> SlurmSubmission:
    """Plan (or resume) a run and submit its stages as dependent Slurm job arrays.

    Raises:
        UsageError: a wrong argument, or no `sbatch` on this machine (without --dry-run).
    """
    if not slurm_options.dry_run and shutil.which("sbatch") is None:
        raise UsageError("sbatch is not on PATH: submit from a Slurm login node, or use --dry-run")
    if not slurm_options.partition:
        raise UsageError("--engine slurm needs --partition")
    # The lock covers planning and submission; the jobs run later, elsewhere, and a local run
    # refuses the corpus until the planned run is done.
    with corpus_writer(options.out):
        return _plan_and_submit(options, tasks, slurm_options)


def _plan_and_submit(
    options: NormalizeOptions, tasks: int | None, slurm_options: SlurmOptions
) -> SlurmSubmission:
    from datatrove.executor.slurm import SlurmPipelineExecutor

    plan = resume_or_plan(options, tasks)
    submission = SlurmSubmission(plan, dry_run=slurm_options.dry_run)
    if plan.tasks == 0:
        return submission
    env_command = slurm_options.env_command
    if env_command is None:
        env_command = _default_env_command()
    logs_root = slurm_options.logs_dir or plan.run_dir / "slurm_logs"
    with datatrove_log(plan.run_dir / "driver.log"):
        executor = None
        for stage in stages(plan):
            executor = SlurmPipelineExecutor(
                stage.pipeline,
                tasks=stage.tasks,
                time=slurm_options.time,
                partition=slurm_options.partition,
                cpus_per_task=slurm_options.cpus_per_task,
                mem_per_cpu_gb=slurm_options.mem_per_cpu_gb,
                job_name=f"newscorpus-{stage.name}",
                qos=slurm_options.qos or "",
                env_command=env_command or None,
                logging_dir=str(plan.logs / stage.name),
                slurm_logs_folder=str(Path(logs_root).resolve() / stage.name),
                depends=executor,
            )
        recorder = (
            _recorded_sbatch(submission, plan.run_dir / "sbatch")
            if slurm_options.dry_run
            else _submitted_sbatch(submission)
        )
        with recorder:
            assert executor is not None
            executor.run()
    return submission
