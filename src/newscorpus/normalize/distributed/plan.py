"""The plan of a distributed normalize run: which inputs, in which order, split into which tasks.

The process that starts a run makes the plan once, with the local engine's own discovery and
manifest check, and writes it under DIR/state/runs/RUN/ beside the run's work files, so that every
task on every node reads the same inputs in the same order and an interrupted run is resumed
(datatrove skips the tasks it marked complete) instead of planned again. Shard numbers are global:
the corpus's existing parts keep theirs, new task `r` writes part `next_part + r`, and MinHash
signature files are named after the part they describe, so sorting by (part, row) is input order.
This module never reads raw inputs.
"""

from __future__ import annotations

import json
import math
import os
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newscorpus import schema
from newscorpus.errors import UsageError
from newscorpus.ingest.limits import DEFAULT_TIMEOUT_SECONDS
from newscorpus.normalize.discovery import FileTask, discover
from newscorpus.normalize.manifest import Manifest
from newscorpus.normalize.run import CorpusLayout, CorpusState, NormalizeOptions, check_output
from newscorpus.normalize.text import PIPELINE_VERSION
from newscorpus.normalize.todo import inputs_to_retry, pending
from newscorpus.tables import PART_GLOB, part_number

RUNS_DIR = Path("state") / "runs"
# Work that is only needed until the run is done; the plan, logs and summary stay.
_WORK_DIRS = ("staging", "signatures", "pairs")


def part_numbers(folder: Path) -> list[int]:
    """Numbers of the `part-NNNNN.parquet` files in a corpus folder, sorted."""
    if not folder.is_dir():
        return []
    return sorted(part_number(p.name) for p in folder.glob(PART_GLOB))


def _file_task(row: dict[str, Any]) -> FileTask:
    """A planned input as `todo.pending` gave it (its known hash, whether to read it again)."""
    return FileTask(
        row["path"],
        row["input"],
        row["source_file"],
        row["size_bytes"],
        row["mtime_ns"],
        known_sha256=row.get("known_sha256"),
        retry=bool(row.get("retry")),
    )


@dataclass(frozen=True)
class RunPlan:
    """Everything a stage needs to know about its run; written once as plan.json."""

    out: Path
    run_id: str
    tasks: int
    next_part: int
    prior_parts: tuple[int, ...]
    committed: tuple[int, ...]
    max_bytes: int
    inputs_seen: int
    inputs_unchanged: int
    timeout: float = DEFAULT_TIMEOUT_SECONDS
    pipeline_version: str = PIPELINE_VERSION

    @property
    def run_dir(self) -> Path:
        return self.out / RUNS_DIR / self.run_id

    @property
    def layout(self) -> CorpusLayout:
        return CorpusLayout(self.out)

    @property
    def signatures(self) -> Path:
        return self.run_dir / "signatures"

    @property
    def pairs(self) -> Path:
        return self.run_dir / "pairs"

    @property
    def logs(self) -> Path:
        return self.run_dir / "logs"

    @property
    def summary_file(self) -> Path:
        return self.run_dir / "summary.json"

    @property
    def done_marker(self) -> Path:
        return self.run_dir / "done"

    @property
    def shards(self) -> int:
        """Signature shards: the corpus's existing MinHash parts, then one per new task."""
        return len(self.prior_parts) + self.tasks

    def shard_part(self, shard: int) -> int:
        """Part number described by signature shard `shard`."""
        prior = len(self.prior_parts)
        return self.prior_parts[shard] if shard < prior else self.next_part + shard - prior

    def new_task(self, shard: int) -> int | None:
        """The normalize task of signature shard `shard`, None for an existing part."""
        task = shard - len(self.prior_parts)
        return task if task >= 0 else None

    def staged(self, table: str, task: int) -> Path:
        """A task's work file: files, articles, rejects, decisions (parquet) or summary (json)."""
        suffix = "json" if table == "summary" else "parquet"
        return self.run_dir / "staging" / table / f"{task:05d}.{suffix}"

    def inputs(self, task: int) -> list[tuple[FileTask, dict[str, Any] | None]]:
        """The inputs of one normalize task, in order, each with its earlier manifest entry."""
        table = pq.read_table(
            self.run_dir / "inputs.parquet", schema=schema.RUN_INPUTS, filters=[("rank", "=", task)]
        )
        return [(_file_task(r), r["old"]) for r in table.to_pylist()]

    def save(self, chunks: list[list[FileTask]], manifest: Manifest) -> None:
        """Write inputs.parquet (a row group per task, which reads only its own) and plan.json."""
        if len(chunks) != self.tasks:
            raise ValueError(f"{len(chunks)} input chunks for {self.tasks} tasks")
        self.run_dir.mkdir(parents=True, exist_ok=True)
        path = self.run_dir / "inputs.parquet"
        with pq.ParquetWriter(path, schema.RUN_INPUTS, compression="zstd") as writer:
            for task, chunk in enumerate(chunks):
                rows = [
                    {
                        "path": t.path,
                        "input": t.input,
                        "source_file": t.source_file,
                        "size_bytes": t.size,
                        "mtime_ns": t.mtime_ns,
                        "rank": task,
                        "old": manifest.get(t.path),
                        "retry": t.retry,
                        "known_sha256": t.known_sha256,
                    }
                    for t in chunk
                ]
                writer.write_table(pa.Table.from_pylist(rows, schema=schema.RUN_INPUTS))
        fields = {**asdict(self), "out": str(self.out)}
        tmp = self.run_dir / f"plan.json.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(fields, indent=2, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.run_dir / "plan.json")

    @classmethod
    def load(cls, run_dir: Path) -> RunPlan:
        fields = json.loads((run_dir / "plan.json").read_text(encoding="utf-8"))
        fields["out"] = Path(fields["out"])
        fields["prior_parts"] = tuple(fields["prior_parts"])
        fields["committed"] = tuple(fields["committed"])
        return cls(**fields)

    def still_applies(self) -> bool:
        """True while the corpus holds what it held at planning, plus this run's own parts."""
        now = set(part_numbers(self.layout.manifest_dir))
        mine = set(range(self.next_part, self.next_part + self.tasks))
        return set(self.committed) <= now <= set(self.committed) | mine

    def drop_work_files(self) -> None:
        for name in _WORK_DIRS:
            shutil.rmtree(self.run_dir / name, ignore_errors=True)


def chunk_inputs(
    todo: list[FileTask], tasks: int | None, workers: int, files_per_task: int
) -> list[list[FileTask]]:
    """Contiguous slices of the inputs, one per task, in input order.

    Without a task count, slices hold `files_per_task` inputs (the local engine's shard size, so
    both engines write the same parts), fewer when that would leave workers idle.
    """
    if not todo:
        return []
    if tasks is not None:
        size = math.ceil(len(todo) / tasks)
    else:
        size = min(files_per_task, math.ceil(len(todo) / workers))
    return [todo[i : i + size] for i in range(0, len(todo), size)]


def unfinished_runs(out: Path) -> list[Path]:
    """Run folders with a plan and no done marker."""
    runs = out / RUNS_DIR
    if not runs.is_dir():
        return []
    return sorted(p.parent for p in runs.glob("*/plan.json") if not (p.parent / "done").exists())


def resume_or_plan(options: NormalizeOptions, tasks: int | None) -> RunPlan:
    """The unfinished run to resume, or a new plan for the inputs that changed since the manifest,
    the inputs whose rejects call for reading them again (as the local run: a whole file too large
    for an earlier --max-bytes, --retry reasons) and, with --rehash, touched inputs.

    A plan with zero tasks means every input is unchanged; it is not written. An unfinished run
    whose corpus changed under it (another run committed parts it did not plan for) is void: its
    folder is removed and the inputs are planned again.

    Raises:
        UsageError: a missing INPUT, an unwritable output, a task count below 1.
    """
    if tasks is not None and tasks < 1:
        raise UsageError("--tasks must be at least 1")
    out = options.out.resolve()
    check_output(out)
    for run_dir in unfinished_runs(out):
        plan = RunPlan.load(run_dir)
        if plan.still_applies():
            CorpusState(out)  # discards the parts that a killed write task left uncommitted
            return plan
        shutil.rmtree(run_dir)
    for run_dir in (out / RUNS_DIR).glob("*/done"):
        RunPlan.load(run_dir.parent).drop_work_files()
    found = list(discover(options.inputs, out))
    state = CorpusState(out)
    retry = inputs_to_retry(state.rejects, options.max_bytes, options.retry_reasons)
    todo = list(pending(found, state.manifest, retry, options.rehash))
    chunks = chunk_inputs(todo, tasks, max(options.workers, 1), options.shard_files)
    committed = tuple(part_numbers(state.manifest_dir))
    plan = RunPlan(
        out=out,
        run_id=f"run-{state.next_part:05d}-{len(todo)}-{os.getpid()}",
        tasks=len(chunks),
        next_part=state.next_part,
        prior_parts=tuple(part_numbers(state.minhash)),
        committed=committed,
        max_bytes=options.max_bytes,
        timeout=options.timeout,
        inputs_seen=len(found),
        inputs_unchanged=len(found) - len(todo),
    )
    if chunks:
        plan.save(chunks, state.manifest)
    return plan
