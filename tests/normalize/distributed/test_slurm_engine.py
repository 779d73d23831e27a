"""`normalize --engine slurm --dry-run`: the job scripts and sbatch arguments datatrove writes.

There is no Slurm here, so the check stops at submission: one job array per stage (plus
datatrove's stats-merging jobs), each chained to the stage before with `afterok`, with the
partition, time limit and array size asked for, and a pickled stage that loads with its plan.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import dill
import pytest

from newscorpus.normalize.distributed.minhash import BANDS, BandBuckets
from newscorpus.normalize.distributed.steps import FinishRun, NormalizeInputs, WriteShards

CLI = str(Path(sys.executable).parent / "newscorpus")
TASKS = 3
STAGES = ["normalize", "buckets", "duplicates", "write", "finish"]
ARRAY_SIZES = {"normalize": TASKS, "buckets": BANDS, "duplicates": 1, "write": TASKS, "finish": 1}


@pytest.fixture(scope="module")
def raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("slurm") / "raw"
    root.mkdir()
    for i in range(7):  # synthetic records
        text = f"Story {i}: the harbour board of Varrow approved plan {i} on Tuesday. " * 20
        (root / f"story-{i}.jsonl").write_text(json.dumps({"title": f"T{i}", "text": text}) + "\n")
    return root


def _dry_run(raw: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CLI, "normalize", str(raw), "--out", str(out), "--engine", "slurm", "--partition",
         "cpu-long", "--time", "01:30:00", "--tasks", str(TASKS), "--dry-run", *extra],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip


@pytest.fixture(scope="module")
def dry_run(
    raw: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[subprocess.CompletedProcess, Path]:
    out = tmp_path_factory.mktemp("slurm-out") / "corpus"
    result = _dry_run(raw, out)
    assert result.returncode == 0, result.stderr
    [run_dir] = (out / "state" / "runs").iterdir()
    return result, run_dir


def _jobs(stdout: str) -> list[tuple[str, str, list[str]]]:
    """(job id, job name, sbatch argv) of each line the dry run listed."""
    jobs = []
    for line in stdout.splitlines():
        match = re.match(r"\s+(dry-run-\d+)\s+(\S+)\s+(sbatch .*)$", line)
        if match:
            jobs.append((match[1], match[2], match[3].split()))
    return jobs


def _directives(script: str) -> dict[str, str]:
    found = {}
    for line in script.splitlines():
        if line.startswith("#SBATCH --"):
            key, _, value = line.removeprefix("#SBATCH --").partition("=")
            found[key] = value
    return found


def test_dry_run_lists_one_job_array_per_stage_in_order(dry_run) -> None:
    result, _ = dry_run
    names = [name for _, name, _ in _jobs(result.stdout)]
    assert [n for n in names if not n.endswith("-merge-stats")] == [
        f"newscorpus-{stage}" for stage in STAGES
    ]
    assert len(names) == 2 * len(STAGES)  # each stage also gets datatrove's stats-merging job


def test_each_stage_waits_for_the_one_before_with_afterok(dry_run) -> None:
    result, _ = dry_run
    arrays = [(jid, argv) for jid, name, argv in _jobs(result.stdout) if "merge" not in name]
    assert not any(arg.startswith("--dependency") for arg in arrays[0][1])
    for (previous, _), (_, argv) in itertools.pairwise(arrays):
        assert f"--dependency=afterok:{previous}" in argv


def test_job_scripts_carry_partition_time_array_and_the_pickled_stage(dry_run) -> None:
    _, run_dir = dry_run
    for stage in STAGES:
        [script] = (run_dir / "sbatch").glob(f"*-newscorpus-{stage}.sbatch")
        text = script.read_text()
        directives = _directives(text)
        assert directives["partition"] == "cpu-long"
        assert directives["time"] == "01:30:00"
        assert directives["job-name"] == f"newscorpus-{stage}"
        assert directives["array"] == f"0-{ARRAY_SIZES[stage] - 1}"
        assert directives["output"].startswith(str(run_dir / "slurm_logs" / stage))
        pickled = run_dir / "logs" / stage / "executor.pik"
        assert f"launch_pickled_pipeline {pickled}" in text
        assert f"source {Path(sys.prefix) / 'bin' / 'activate'}" in text


def test_pickled_stages_load_with_their_steps_tasks_and_plan(dry_run) -> None:
    _, run_dir = dry_run
    expected = {
        "normalize": NormalizeInputs,
        "buckets": BandBuckets,
        "write": WriteShards,
        "finish": FinishRun,
    }
    for stage, step_type in expected.items():
        with (run_dir / "logs" / stage / "executor.pik").open("rb") as file:
            executor = dill.load(file)
        assert executor.world_size == ARRAY_SIZES[stage]
        assert any(isinstance(step, step_type) for step in executor.pipeline)
        ranks = json.loads((run_dir / "logs" / stage / "ranks_to_run.json").read_text())
        assert ranks == list(range(ARRAY_SIZES[stage]))
    with (run_dir / "logs" / "normalize" / "executor.pik").open("rb") as file:
        plan = dill.load(file).pipeline[1].plan
    assert plan.run_dir == run_dir and plan.tasks == TASKS


def test_dry_run_writes_no_corpus_rows(dry_run) -> None:
    _, run_dir = dry_run
    corpus = run_dir.parents[2]
    assert not list(corpus.glob("articles/*.parquet"))
    assert not list(corpus.glob("state/manifest/*.parquet"))


def test_second_dry_run_resumes_the_planned_run(raw: Path, dry_run) -> None:
    _, run_dir = dry_run
    again = _dry_run(raw, run_dir.parents[2])
    assert again.returncode == 0, again.stderr
    assert [p.name for p in run_dir.parent.iterdir()] == [run_dir.name]
    assert f"run {run_dir.name}," in again.stdout


def test_local_engine_refuses_a_corpus_with_a_planned_distributed_run(raw: Path, dry_run) -> None:
    _, run_dir = dry_run
    result = subprocess.run(
        [CLI, "normalize", str(raw), "--out", str(run_dir.parents[2])],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "unfinished distributed run" in result.stderr


def test_slurm_without_partition_is_a_one_line_usage_error(raw: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [CLI, "normalize", str(raw), "--out", str(tmp_path / "c"), "--engine", "slurm",
         "--dry-run"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "--partition" in result.stderr


@pytest.mark.skipif(shutil.which("sbatch") is not None, reason="Slurm is installed here")
def test_submitting_without_sbatch_is_a_one_line_usage_error(raw: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [CLI, "normalize", str(raw), "--out", str(tmp_path / "c"), "--engine", "slurm",
         "--partition", "cpu"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "sbatch is not on PATH" in result.stderr
