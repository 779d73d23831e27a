"""An update stopped at any write (a kill, a full disk, a torn write) resumes to exactly the
tables of an update that was never stopped: old rows of changed inputs never outlive the commit
of their new ones. All inputs are synthetic."""

from __future__ import annotations

import errno
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newscorpus import schema
from newscorpus.normalize import run as run_module
from newscorpus.normalize.run import NormalizeOptions, run_normalize

# Synthetic article bodies written for these tests, one topic per input so no two are duplicates.
TOPICS = (
    "the harbour authority of Port Lenna and its dredging plan",
    "the parliament of Veldavia and its delayed carbon levy",
    "the rail union of Ostmark and its strike over night shifts",
    "the city council of Brava and its new tram line",
    "the fishing cooperative of Kessel and its quota dispute",
    "the university of Lorn and its tuition increase",
)
HOUR_AGO_NS = 1_700_000_000 * 10**9


class Crash(BaseException):
    """A stop nothing in the run catches, as a kill is."""


def _body(topic: str, version: int) -> str:
    sentences = (
        f"Officials discussed {topic} on Tuesday, version {version} of the report said.",
        f"Critics of {topic} warned that costs would rise for years (draft {version}).",
        f"A spokesperson said the matter of {topic} would be settled by spring.",
    )
    return "\n\n".join(sentences * 3)


def _write_inputs(raw: Path, versions: dict[int, int]) -> None:
    for number, version in versions.items():
        path = raw / f"story-{number}.jsonl"
        record = {"title": f"Story {number}", "text": _body(TOPICS[number], version)}
        path.write_text(json.dumps(record) + "\n", encoding="utf-8")
        os.utime(path, ns=(HOUR_AGO_NS + version, HOUR_AGO_NS + version))


def _update(raw: Path, out: Path) -> None:
    run_normalize(NormalizeOptions(inputs=(raw,), out=out, shard_files=2))


def _tables(out: Path) -> dict[str, bytes]:
    """Every committed table part, by name; a stopped run's leftovers (*.tmp) are not tables."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.parquet"))}


@pytest.fixture
def update(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """(inputs, corpus before the update, tables after an update never stopped).

    The update reads four edited inputs and one new one, in three shards, and removes old rows
    from all three parts of the first build.
    """
    raw, before = tmp_path / "raw", tmp_path / "before"
    raw.mkdir()
    _write_inputs(raw, dict.fromkeys(range(5), 1))
    _update(raw, before)
    _write_inputs(raw, {0: 2, 1: 2, 3: 2, 4: 2, 5: 1})
    expected = tmp_path / "expected"
    shutil.copytree(before, expected)
    _update(raw, expected)
    return raw, before, _tables(expected)


def _crashing_writes(when: int, how: str) -> Callable[..., None]:
    """write_atomic that stops the run at its `when`-th call, as `how` says."""
    real = run_module.write_atomic
    calls = [0]

    def write(table, path: Path, *args, **kwargs) -> None:
        calls[0] += 1
        if calls[0] < when:
            return real(table, path, *args, **kwargs)
        if how == "torn":  # killed while writing: the temporary file is there, not renamed
            pq.write_table(table, path.with_name(f"{path.name}.{os.getpid()}.tmp"))
            raise Crash
        if how == "full_disk":
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        raise Crash

    write.calls = calls  # type: ignore[attr-defined]
    return write


def _write_steps(raw: Path, before: Path, tmp_path: Path, monkeypatch) -> int:
    """How many atomic writes an update makes."""
    corpus = tmp_path / "count"
    shutil.copytree(before, corpus)
    write = _crashing_writes(10**9, "kill")
    monkeypatch.setattr(run_module, "write_atomic", write)
    _update(raw, corpus)
    monkeypatch.undo()
    return write.calls[0]  # type: ignore[attr-defined]


@pytest.mark.parametrize("how", ["kill", "torn", "full_disk"])
def test_update_stopped_at_any_write_resumes_to_the_tables_of_an_unstopped_one(
    update, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    raw, before, expected = update
    steps = _write_steps(raw, before, tmp_path, monkeypatch)
    assert steps >= 10  # three shards of three or four parts, and old rows removed from three
    for when in range(1, steps + 1):
        corpus = tmp_path / f"{how}-{when}"
        shutil.copytree(before, corpus)
        monkeypatch.setattr(run_module, "write_atomic", _crashing_writes(when, how))
        with pytest.raises((Crash, OSError)):
            _update(raw, corpus)
        monkeypatch.undo()
        _update(raw, corpus)
        assert _tables(corpus) == expected, f"stopped at write {when} of {steps} ({how})"


def _resumed_after_first_shard(
    raw: Path, before: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A copy of the corpus whose update was killed after its first shard, then run again."""
    corpus = tmp_path / "stopped"
    shutil.copytree(before, corpus)
    # The first shard's four writes go through (articles, rejects-less, minhash, manifest).
    monkeypatch.setattr(run_module, "write_atomic", _crashing_writes(4, "kill"))
    with pytest.raises(Crash):
        _update(raw, corpus)
    monkeypatch.undo()
    _update(raw, corpus)
    return corpus


def test_update_stopped_after_a_commit_has_one_row_per_input(
    update, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, before, _ = update
    corpus = _resumed_after_first_shard(raw, before, tmp_path, monkeypatch)
    rows = pq.read_table(corpus / "articles", schema=schema.ARTICLES).to_pylist()
    assert sorted(r["source_file"] for r in rows) == [f"story-{n}.jsonl" for n in range(6)]
    assert len({r["id"] for r in rows}) == 6


def test_rerun_after_a_resumed_update_reads_nothing(
    update, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, before, _ = update
    corpus = _resumed_after_first_shard(raw, before, tmp_path, monkeypatch)
    again = run_normalize(NormalizeOptions(inputs=(raw,), out=corpus, shard_files=2))
    assert again.inputs_read == 0


def _write_duplicates(raw: Path, version: int) -> None:
    """Story 0 first in input 0, its exact copy in inputs 1 and 3, a near copy in input 2;
    version 2 of input 0 no longer holds it, so the other three are read again."""
    story = _body(TOPICS[0], 1)
    texts = {
        0: story if version == 1 else _body(TOPICS[1], 1),
        1: story,
        2: story + "\n\nA late paragraph added to the copy.",
        3: story,
        4: _body(TOPICS[2], 1),
    }
    for number, text in texts.items():
        path = raw / f"story-{number}.jsonl"
        path.write_text(json.dumps({"title": f"Story {number}", "text": text}) + "\n", "utf-8")
        os.utime(path, ns=(HOUR_AGO_NS + version, HOUR_AGO_NS + version))


def test_update_reading_dependents_again_stopped_at_any_write_resumes_exactly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, before, expected = tmp_path / "raw", tmp_path / "before", tmp_path / "expected"
    raw.mkdir()
    _write_duplicates(raw, 1)
    _update(raw, before)
    _write_duplicates(raw, 2)
    shutil.copytree(before, expected)
    _update(raw, expected)
    steps = _write_steps(raw, before, tmp_path, monkeypatch)
    for when in range(1, steps + 1):
        corpus = tmp_path / f"stopped-{when}"
        shutil.copytree(before, corpus)
        monkeypatch.setattr(run_module, "write_atomic", _crashing_writes(when, "kill"))
        with pytest.raises(Crash):
            _update(raw, corpus)
        monkeypatch.undo()
        _update(raw, corpus)
        assert _tables(corpus) == _tables(expected), f"stopped at write {when} of {steps}"
