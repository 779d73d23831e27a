"""`normalize --engine ray` on a local, loopback-only Ray instance started for the run.

Specification: the Ray engine writes the local engine's tables (same ids, texts, duplicate
clusters, rejects, manifest), listens on the loopback interface only, and a run whose worker and
then driver are killed mid-run completes when the same command is run again, without losing or
repeating a row. The inputs are the shipped sample corpus (when present) plus synthetic records
written here: a wire story with two near copies, an exact copy, unrelated stories, bad input.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newscorpus import schema
from newscorpus.normalize.run import NormalizeOptions, run_normalize

REPO = Path(__file__).resolve().parents[3]
SAMPLE = REPO / "corpus" / "raw" / "sample"
CLI = str(Path(sys.executable).parent / "newscorpus")
NORMALIZE_TASKS = 4

pytestmark = pytest.mark.slow

# Synthetic word pools for the records written below (invented; nothing copied from real text).
_PLACES = ["Port Lenna", "Varrow", "Estmere", "Dunhollow", "Kaleth", "Orrin Bay", "Tessaly"]
_BODIES = ["harbour board", "rail authority", "water council", "school trust", "grain exchange"]
_VERBS = ["approved", "delayed", "rejected", "debated", "funded", "audited", "suspended"]
_THINGS = ["a dredging plan", "the night trams", "a new reservoir", "the bridge repairs"]


def _story(seed: int, sentences: int = 14) -> str:
    """A deterministic synthetic news body of a few paragraphs."""
    out = []
    for i in range(sentences):
        k = seed * 31 + i * 7
        out.append(
            f"The {_BODIES[k % 5]} of {_PLACES[(k // 5) % 7]} {_VERBS[(k // 3) % 7]} "
            f"{_THINGS[(k // 2) % 4]} on day {seed * 100 + i}, officials said in statement {k}."
        )
    return "\n\n".join(" ".join(out[j : j + 4]) for j in range(0, len(out), 4))


def _record(path: Path, text: str, title: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {"title": title, "text": text, "url": f"https://news.example/{path.stem}"}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ray") / "raw"
    if SAMPLE.is_dir():
        shutil.copytree(SAMPLE, root / "sample")
    wire = _story(1)
    _record(root / "wire" / "a-original.jsonl", wire, "Dredging approved")
    _record(root / "wire" / "b-update.jsonl", wire + "\n\nThe vote was 7 to 2.", "Update")
    _record(root / "wire" / "c-copy.jsonl", wire, "Same text, other title")
    _record(root / "wire" / "d-second-update.jsonl", wire + "\n\nWork starts in May.", "Again")
    for i in range(2, 12):
        _record(root / "other" / f"story-{i:02d}.jsonl", _story(i), f"Story {i}")
    (root / "bad").mkdir()
    (root / "bad" / "empty.txt").write_bytes(b"")
    (root / "bad" / "broken.jsonl").write_text('{"title": "x"\nnot json\n', encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def local(raw: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("local") / "corpus"
    run_normalize(NormalizeOptions(inputs=(raw,), out=out))
    return out


def _tables(out: Path) -> dict[str, list[dict]]:
    tables = {}
    for name, folder, table_schema in (
        ("articles", "articles", schema.ARTICLES),
        ("rejects", "rejects", schema.REJECTS),
        ("minhash", "state/minhash", schema.MINHASH),
        ("manifest", "state/manifest", schema.MANIFEST),
    ):
        tables[name] = pq.read_table(out / folder, schema=table_schema).to_pylist()
    for entry in tables["manifest"]:
        entry.pop("shard")  # part names depend on how the inputs were split into tasks
    return tables


def _session_pids(sid: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getsid(int(entry.name)) == sid:
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


def _cmdline(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _listening_addresses(pids: list[int]) -> set[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """Addresses on which the given processes have listening TCP sockets."""
    inodes = set()
    for pid in pids:
        try:
            for fd in (Path("/proc") / str(pid) / "fd").iterdir():
                target = os.readlink(fd)
                if target.startswith("socket:["):
                    inodes.add(target[8:-1])
        except OSError:
            continue
    addresses = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] != "0A" or fields[9] not in inodes:  # 0A: LISTEN
                continue
            raw = bytes.fromhex(fields[1].split(":")[0])
            # /proc/net/tcp* print each 32-bit word of the address in host (little-endian) order.
            swapped = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
            addresses.add(ipaddress.ip_address(swapped))
    return addresses


def _is_loopback(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    mapped = getattr(address, "ipv4_mapped", None)
    return address.is_loopback or bool(mapped and mapped.is_loopback)


def _start(raw: Path, out: Path, *extra: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "RAY_ADDRESS"}
    args = [CLI, "normalize", str(raw), "--out", str(out), "--engine", "ray", "--workers", "2"]
    return subprocess.Popen(
        [*args, "--no-progress", *extra],
        env=env,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _end_session(sid: int) -> None:
    """Kill what is left of a run's process session (Ray agents outlive a killed driver)."""
    deadline = time.monotonic() + 10
    while _session_pids(sid) and time.monotonic() < deadline:
        time.sleep(0.5)
    for pid in _session_pids(sid):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


@pytest.fixture
def sessions() -> Iterator[list[int]]:
    started: list[int] = []
    yield started
    for sid in started:
        _end_session(sid)


def _finish(proc: subprocess.Popen, timeout: float = 300) -> str:
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, f"normalize --engine ray failed:\n{out}\n{err[-3000:]}"
    return out


def test_ray_engine_writes_the_local_engines_tables_listening_on_loopback_only(
    raw: Path, local: Path, tmp_path: Path, sessions: list[int]
) -> None:
    out = tmp_path / "corpus"
    proc = _start(raw, out)
    sessions.append(proc.pid)  # a new session's id is its leader's pid
    addresses: set = set()
    while proc.poll() is None:
        addresses |= _listening_addresses(_session_pids(proc.pid))
        time.sleep(0.3)
    _finish(proc)

    assert addresses, "no listening socket of the Ray cluster was seen during the run"
    assert all(_is_loopback(a) for a in addresses), sorted(map(str, addresses))
    ray_tables, local_tables = _tables(out), _tables(local)
    assert ray_tables == local_tables
    articles = ray_tables["articles"]
    assert any(a["duplicate_of"] for a in articles), "the inputs must hold a near-duplicate cluster"
    assert any(r["reason"] == "exact_duplicate" for r in ray_tables["rejects"])


def _normalize_completions(out: Path) -> dict[str, int]:
    """datatrove's completion markers of the normalize stage, with their modification times."""
    return {
        p.name: p.stat().st_mtime_ns for p in out.glob("state/runs/*/logs/normalize/completions/*")
    }


def _running_rank_worker(sid: int) -> int | None:
    """A Ray actor process that is running a datatrove rank (not its forked pool child)."""
    pids = _session_pids(sid)
    busy = {pid for pid in pids if _cmdline(pid).startswith("ray::RankWorker.run_for_rank")}
    for pid in busy:
        stat = (Path("/proc") / str(pid) / "stat").read_text()
        if int(stat.rsplit(")", 1)[1].split()[1]) not in busy:
            return pid
    return None


def _children(pid: int, sid: int) -> list[int]:
    found = []
    for other in _session_pids(sid):
        try:
            stat = (Path("/proc") / str(other) / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(other)
    return found


def test_run_with_killed_worker_and_driver_completes_on_rerun_without_loss_or_duplicates(
    raw: Path, local: Path, tmp_path: Path, sessions: list[int]
) -> None:
    out = tmp_path / "corpus"
    proc = _start(raw, out, "--tasks", str(NORMALIZE_TASKS))
    sessions.append(proc.pid)
    victim = None
    deadline = time.monotonic() + 240
    while victim is None and time.monotonic() < deadline and proc.poll() is None:
        if 1 <= len(_normalize_completions(out)) < NORMALIZE_TASKS:
            victim = _running_rank_worker(proc.pid)
        time.sleep(0.05)
    assert victim is not None, "no normalize task was seen running after the first completed"
    completed_at_kill = _normalize_completions(out)
    for pid in [victim, *_children(victim, proc.pid)]:
        os.kill(pid, signal.SIGKILL)
    os.kill(proc.pid, signal.SIGKILL)  # and the driver: the run stops where it is
    proc.wait()
    _end_session(proc.pid)
    [run_dir] = (out / "state" / "runs").iterdir()
    assert 1 <= len(completed_at_kill) < NORMALIZE_TASKS
    assert not (run_dir / "done").exists()

    rerun = _start(raw, out, "--tasks", str(NORMALIZE_TASKS))
    sessions.append(rerun.pid)
    _finish(rerun)

    # The same run was resumed, and the tasks completed before the kill were not run again.
    assert [p.name for p in (out / "state" / "runs").iterdir()] == [run_dir.name]
    assert (run_dir / "done").exists()
    after = _normalize_completions(out)
    assert {name: after[name] for name in completed_at_kill} == completed_at_kill
    assert len(after) == NORMALIZE_TASKS
    ray_tables, local_tables = _tables(out), _tables(local)
    ids = [a["id"] for a in ray_tables["articles"]]
    assert len(ids) == len(set(ids))
    assert ray_tables == local_tables
