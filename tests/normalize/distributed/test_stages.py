"""The distributed stages (normalize.distributed) on datatrove's in-process local executor.

Specification: whatever the engine, a run writes what the local engine writes, byte for byte when
the inputs are split as the local engine shards them, across first runs, no-op runs and runs over
new, changed and touched inputs; near duplicates point to the earliest member even across tasks;
a run stopped between stages resumes from datatrove's completion markers.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from datatrove.executor.local import LocalPipelineExecutor

from newscorpus import schema
from newscorpus.normalize.discovery import FileTask
from newscorpus.normalize.distributed.engine import (
    ExecutorFactory,
    RunIncomplete,
    Stage,
    run_distributed,
)
from newscorpus.normalize.distributed.plan import chunk_inputs
from newscorpus.normalize.run import NormalizeOptions, run_normalize

# Synthetic bodies written for these tests.
_WORDS = ["harbour", "board", "tram", "council", "levy", "budget", "bridge", "quay"]


def _body(seed: int, n: int = 120) -> str:
    """A deterministic body of made-up words; different seeds share almost no 5-word shingle."""
    codes = [int.from_bytes(hashlib.sha256(f"{seed}/{i}".encode()).digest()[:4]) for i in range(n)]
    words = [f"{_WORDS[c % len(_WORDS)]}{c % 997}" for c in codes]
    return "\n\n".join(" ".join(words[i : i + 40]) + "." for i in range(0, n, 40))


def _write(root: Path, name: str, text: str, title: str = "A synthetic story") -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"title": title, "text": text}) + "\n", encoding="utf-8")


@dataclass
class InProcessEngine:
    """datatrove's LocalPipelineExecutor, one task at a time; `only` limits a stage's ranks."""

    bucket_tasks: int = 2
    only: dict[str, int] | None = None

    @contextmanager
    def session(self) -> Iterator[ExecutorFactory]:
        def make(stage: Stage, logs: Path) -> LocalPipelineExecutor:
            local_tasks = (self.only or {}).get(stage.name, -1)
            return LocalPipelineExecutor(
                stage.pipeline,
                tasks=stage.tasks,
                workers=1,
                logging_dir=str(logs),
                local_tasks=local_tasks,
            )

        yield make


def _parts(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*.parquet"))
        if "runs" not in p.parts
    }


def _both(
    raw: Path,
    tmp: Path,
    engine: InProcessEngine | None = None,
    tasks: int | None = None,
    **options: object,
):
    local = run_normalize(
        NormalizeOptions(inputs=(raw,), out=tmp / "local", shard_files=4, **options)
    )
    dist = run_distributed(
        NormalizeOptions(inputs=(raw,), out=tmp / "dist", shard_files=4, **options),
        tasks,
        engine or InProcessEngine(),
    )
    return local, dist


def _counts(summary) -> dict:
    return {k: v for k, v in vars(summary).items() if k not in ("out", "seconds")}


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    root = tmp_path / "raw"
    for i in range(9):
        _write(root, f"s{i}.jsonl", _body(i), f"Story {i}")
    _write(root, "t0-copy.jsonl", _body(0), "Exact copy of story 0")
    _write(root, "t1-update.jsonl", _body(1) + "\n\nAn added sentence.", "Update of story 1")
    _write(root, "t2-update.jsonl", _body(1) + "\n\nAnother added line.", "Second update")
    (root / "u-empty.txt").write_bytes(b"")
    return root


@pytest.mark.parametrize("bucket_tasks", [2, 9, 18])
def test_a_first_run_writes_the_local_engines_parts_byte_for_byte(
    raw: Path, tmp_path: Path, bucket_tasks: int
) -> None:
    local, dist = _both(raw, tmp_path, InProcessEngine(bucket_tasks=bucket_tasks))
    assert _parts(tmp_path / "dist") == _parts(tmp_path / "local")
    assert _counts(dist) == _counts(local)
    assert local.near_duplicates == 2 and local.exact_duplicates == 1


def test_reruns_over_new_changed_and_touched_inputs_match_the_local_engine(
    raw: Path, tmp_path: Path
) -> None:
    _both(raw, tmp_path)
    local, dist = _both(raw, tmp_path)
    assert (dist.inputs_read, dist.inputs_skipped) == (0, 13)
    assert _counts(dist) == _counts(local)
    _write(raw, "v-new.jsonl", _body(5) + "\n\nA late correction.", "New near copy of 5")
    _write(raw, "s3.jsonl", _body(3) + "\n\nRewritten ending.", "Changed story 3")
    _write(raw, "s4.jsonl", _body(40), "Story 4 replaced")
    os.utime(raw / "s6.jsonl", ns=(7, 7))  # touched, bytes unchanged
    local, dist = _both(raw, tmp_path)
    assert _parts(tmp_path / "dist") == _parts(tmp_path / "local")
    assert _counts(dist) == _counts(local)
    assert dist.inputs_read == 3


def test_a_raised_limit_and_retried_reasons_read_inputs_again_as_the_local_engine_does(
    raw: Path, tmp_path: Path
) -> None:
    _write(raw, "w-long.jsonl", _body(70, n=400), "A long story")
    local, dist = _both(raw, tmp_path, max_bytes=2500)
    assert dist.rejects_by_reason["too_large"] == local.rejects_by_reason["too_large"] == 1
    local, dist = _both(raw, tmp_path)  # the default limit lets the long story in
    assert (dist.inputs_read, local.inputs_read) == (1, 1)
    assert _parts(tmp_path / "dist") == _parts(tmp_path / "local")
    local, dist = _both(raw, tmp_path, retry_reasons=frozenset({"empty"}))
    assert (dist.inputs_read, local.inputs_read) == (1, 1)  # u-empty.txt, read again
    assert _counts(dist) == _counts(local)
    assert _parts(tmp_path / "dist") == _parts(tmp_path / "local")


def test_rehash_reads_touched_inputs_and_extracts_none_whose_bytes_are_the_same(
    raw: Path, tmp_path: Path
) -> None:
    _both(raw, tmp_path)
    local, dist = _both(raw, tmp_path, rehash=True)
    assert _counts(dist) == _counts(local)
    assert (dist.inputs_read, dist.inputs_skipped) == (0, 13)


def test_near_duplicates_in_other_tasks_point_to_the_earliest_article(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    for i, name in enumerate(["a", "b", "c", "d", "e", "f"]):
        extra = f"\n\nUpdate number {i}." if i else ""
        _write(raw, f"{name}.jsonl", _body(11) + extra if i % 2 == 0 else _body(20 + i) + extra)
    run_distributed(
        NormalizeOptions(inputs=(raw,), out=tmp_path / "dist", workers=2), 3, InProcessEngine()
    )
    rows = pq.read_table(tmp_path / "dist" / "articles", schema=schema.ARTICLES).to_pylist()
    by_file = {r["source_file"]: r for r in rows}
    assert by_file["a.jsonl"]["duplicate_of"] is None
    assert by_file["c.jsonl"]["duplicate_of"] == by_file["a.jsonl"]["id"]
    assert by_file["e.jsonl"]["duplicate_of"] == by_file["a.jsonl"]["id"]
    assert len(list((tmp_path / "dist" / "articles").glob("*.parquet"))) == 3


def test_a_run_stopped_between_stages_resumes_and_finishes(raw: Path, tmp_path: Path) -> None:
    options = NormalizeOptions(inputs=(raw,), out=tmp_path / "dist", shard_files=4, workers=2)
    with pytest.raises(RunIncomplete, match="stage write: 3 of 4 tasks"):
        run_distributed(options, None, InProcessEngine(only={"write": 1}))
    [run_dir] = (tmp_path / "dist" / "state" / "runs").iterdir()
    normalize_marker = run_dir / "logs" / "normalize" / "completions" / "00000"
    before = normalize_marker.stat().st_mtime_ns
    summary = run_distributed(options, None, InProcessEngine())
    assert normalize_marker.stat().st_mtime_ns == before  # completed tasks are not run again
    assert (run_dir / "done").exists()
    run_normalize(NormalizeOptions(inputs=(raw,), out=tmp_path / "local", shard_files=4))
    assert _parts(tmp_path / "dist") == _parts(tmp_path / "local")
    assert summary.articles_total == 11


def test_inputs_are_split_into_contiguous_slices_in_order() -> None:
    todo = [FileTask(str(i), "in", str(i), 1, 1) for i in range(10)]
    assert [len(c) for c in chunk_inputs(todo, None, 2, 4)] == [4, 4, 2]
    assert [len(c) for c in chunk_inputs(todo, 3, 2, 4)] == [4, 4, 2]
    assert [t for c in chunk_inputs(todo, None, 4, 1000) for t in c] == todo
    assert len(chunk_inputs(todo, None, 4, 1000)) == 4


def test_a_change_removing_articles_others_depend_on_matches_the_local_engine(
    raw: Path, tmp_path: Path
) -> None:
    _both(raw, tmp_path)
    _write(raw, "s0.jsonl", _body(50), "Story 0 replaced: its exact copy holds it now")
    _write(raw, "s1.jsonl", _body(51), "Story 1 replaced: its updates head their cluster")
    local, dist = _both(raw, tmp_path)
    assert _parts(tmp_path / "dist") == _parts(tmp_path / "local")
    assert _counts(dist) == _counts(local)
    assert (dist.inputs_read, dist.inputs_reread) == (2, 3)
