"""datatrove steps of a distributed normalize run: normalize inputs, write corpus parts, finish.

Each step calls the local engine's own functions (`process_file`, `admit`, `Shard`,
`remove_stale`), so the two engines cannot drift apart; what is here is only the staging between
stages. Files are written under a per-process temporary name and renamed when whole, so a task
killed half-way leaves nothing a retry could take for its output, and a retry that runs beside a
late first attempt writes the same bytes. Records a step drops are counted as datatrove
statistics under their reject reason.
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from dataclasses import asdict
from pathlib import Path
from types import TracebackType
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep

from newscorpus import schema
from newscorpus.normalize.dependents import Recheck
from newscorpus.normalize.distributed.plan import RunPlan, part_numbers
from newscorpus.normalize.per_file import FileResult, process_file
from newscorpus.normalize.run import NormalizeSummary, Shard, admit, remove_stale
from newscorpus.normalize.todo import input_unchanged
from newscorpus.tables import part_name

_BATCH_ROWS = 256


class PlanStep(PipelineStep):
    """A step of a planned run: everything it reads and writes is named by the plan, which is
    all a Ray or Slurm task receives (pickled with the step)."""

    def __init__(self, plan: RunPlan) -> None:
        super().__init__()
        self.plan = plan


class _StagedTable:
    """A Parquet file written in batches under a temporary name, renamed only when complete."""

    def __init__(self, path: Path, table_schema: pa.Schema) -> None:
        self.path = path
        self.schema = table_schema
        self.tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        path.parent.mkdir(parents=True, exist_ok=True)
        self.writer = pq.ParquetWriter(self.tmp, table_schema, compression="zstd")
        self.rows: list[dict[str, Any]] = []

    def add(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        if len(self.rows) >= _BATCH_ROWS:
            self._flush()

    def _flush(self) -> None:
        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def commit(self) -> None:
        self._flush()
        self.writer.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        self.writer.close()
        self.tmp.unlink(missing_ok=True)


class _Staging:
    """One normalize task's staged files, articles (with signatures) and rejects."""

    def __init__(self, plan: RunPlan, task: int) -> None:
        self.tables = {
            name: _StagedTable(plan.staged(name, task), table_schema)
            for name, table_schema in (
                ("files", schema.STAGED_FILES),
                ("articles", schema.STAGED_ARTICLES),
                ("rejects", schema.STAGED_REJECTS),
            )
        }

    def add(self, file_index: int, result: FileResult) -> None:
        self.tables["files"].add({"file_index": file_index, "raw_sha256": result.raw_sha256})
        for row in result.rows:
            staged = {k: v for k, v in row.items() if k != "_signature"}
            staged["signature"] = row["_signature"]
            self.tables["articles"].add({**staged, "file_index": file_index})
        for reject in result.rejects:
            self.tables["rejects"].add({**reject, "file_index": file_index})

    def __enter__(self) -> _Staging:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for table in self.tables.values():
            if exc_type is None:
                table.commit()
            else:
                table.abort()


class NormalizeInputs(PlanStep):
    """For a shard of new inputs: `process_file` on each, staged, articles passed on as documents.

    Documents carry the article's MinHash signature for the next step; the rows themselves wait in
    the staging folder until duplicates are decided over the whole run.
    """

    type = "✂️ - FORMAT"
    name = "📰 newscorpus normalize"

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data:
            yield from data
        task = self.plan.new_task(rank)
        if task is None:
            return
        with _Staging(self.plan, task) as staging:
            for file_index, (file_task, _old) in enumerate(self.plan.inputs(task)):
                with self.track_time():
                    result = process_file(file_task, self.plan.max_bytes, self.plan.timeout)
                    staging.add(file_index, result)
                self.stat_update("inputs")
                for reject in result.rejects:
                    self.stat_update(f"rejected_{reject['reason']}")
                for row in result.rows:
                    self.stat_update("articles")
                    yield Document(
                        text=row["text"], id=row["id"], metadata={"signature": row["_signature"]}
                    )


def _grouped(path: Path, table_schema: pa.Schema) -> dict[int, list[dict[str, Any]]]:
    rows: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in pq.read_table(path, schema=table_schema).to_pylist():
        rows[row.pop("file_index")].append(row)
    return rows


class WriteShards(PlanStep):
    """For new task `r`: part `next_part + r` of every corpus table, as the local run writes it.

    Replays the run-wide duplicate decisions through the local run's `admit`, so the rows,
    rejects, signatures and manifest entries are the ones the local engine would write.
    """

    type = "💽 - WRITER"
    name = "💾 newscorpus corpus parts"

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data:
            yield from data
        plan = self.plan
        decisions = {
            d["doc"]: (d["exact_of"], d["representative"])
            for d in pq.read_table(
                plan.staged("decisions", rank), schema=schema.DUPLICATE_DECISIONS
            ).to_pylist()
        }
        files = pq.read_table(plan.staged("files", rank), schema=schema.STAGED_FILES)
        raw_sha = files["raw_sha256"].to_pylist()
        articles = _grouped(plan.staged("articles", rank), schema.STAGED_ARTICLES)
        rejects = _grouped(plan.staged("rejects", rank), schema.STAGED_REJECTS)
        shard = Shard(plan.next_part + rank)
        summary = NormalizeSummary(out=plan.out)
        first_doc = 0
        for file_index, (task, old) in enumerate(plan.inputs(rank)):
            rows = articles.get(file_index, [])
            for row in rows:
                row["_signature"] = row.pop("signature")
            docs = iter(range(first_doc, first_doc + len(rows)))
            first_doc += len(rows)
            with self.track_time():
                if input_unchanged(old, raw_sha[file_index]) and not task.retry:
                    assert old is not None
                    shard.manifest.append({**old, "mtime_ns": task.mtime_ns})
                    summary.inputs_skipped += 1
                    continue
                summary.inputs_read += 1
                result = FileResult(task, raw_sha[file_index], rows, rejects.get(file_index, []))

                def decide(
                    _row: dict[str, Any], _sig: Any, docs: Any = docs
                ) -> tuple[str | None, str | None]:
                    return decisions.get(next(docs), (None, None))

                admit(result, shard, summary, decide)
        shard.write(plan.layout)
        self.stat_update("articles_written", value=summary.articles_written)
        self.stat_update("near_duplicates", value=summary.near_duplicates)
        self.stat_update("exact_duplicates", value=summary.exact_duplicates)
        _write_json(plan.staged("summary", rank), _summary_fields(summary))


class FinishRun(PlanStep):
    """One task: drop the rows of changed inputs, write the run's summary, mark the run done."""

    type = "💽 - WRITER"
    name = "🏁 newscorpus finish"

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data:
            yield from data
        plan = self.plan
        if plan.done_marker.exists():  # a retry after the work files were dropped
            return
        stale = []
        total = NormalizeSummary(out=plan.out, inputs_seen=plan.inputs_seen)
        total.inputs_skipped = plan.inputs_unchanged
        for task in range(plan.tasks):
            files = pq.read_table(plan.staged("files", task), schema=schema.STAGED_FILES)
            for (file_task, old), raw_sha256 in zip(
                plan.inputs(task), files["raw_sha256"].to_pylist(), strict=True
            ):
                if old and (file_task.retry or not input_unchanged(old, raw_sha256)):
                    stale.append(old)
            part = json.loads(plan.staged("summary", task).read_text(encoding="utf-8"))
            for key in ("inputs_skipped", "inputs_read", "articles_written"):
                setattr(total, key, getattr(total, key) + part[key])
            total.exact_duplicates += part["exact_duplicates"]
            total.near_duplicates += part["near_duplicates"]
            total.rejects_by_reason.update(part["rejects_by_reason"])
        if stale:
            Recheck(plan.out).mark()
            remove_stale(plan.layout, stale)
        total.articles_total = sum(
            pq.ParquetFile(plan.layout.articles / part_name(n)).metadata.num_rows
            for n in part_numbers(plan.layout.articles)
        )
        _write_json(plan.summary_file, _summary_fields(total))
        plan.done_marker.write_bytes(b"")
        plan.drop_work_files()
        self.stat_update("stale_inputs", value=len(stale))


def _summary_fields(summary: NormalizeSummary) -> dict[str, Any]:
    fields = asdict(summary)
    fields["out"] = str(summary.out)
    fields["rejects_by_reason"] = dict(sorted(summary.rejects_by_reason.items()))
    return fields


def read_summary(path: Path) -> NormalizeSummary:
    """The NormalizeSummary a finished run wrote."""
    fields = json.loads(path.read_text(encoding="utf-8"))
    fields["out"] = Path(fields["out"])
    fields["rejects_by_reason"] = Counter(fields["rejects_by_reason"])
    return NormalizeSummary(**fields)


def _write_json(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(value, indent=2, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


__all__ = ["FinishRun", "NormalizeInputs", "WriteShards", "read_summary"]
