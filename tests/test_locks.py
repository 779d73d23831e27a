"""The lock of a corpus or project: one writer, a held lock refused naming its holder, a dead
holder's lock free."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newscorpus.annotate.imports.corpus import write_import
from newscorpus.annotate.labelstudio.project_lock import project_lock
from newscorpus.annotate.labelstudio.pull import pull
from newscorpus.annotate.labelstudio.push import push
from newscorpus.annotate.labelstudio.server import Connection
from newscorpus.cli import main
from newscorpus.errors import UsageError
from newscorpus.locks import LockHeld, corpus_lock, exclusive
from newscorpus.normalize.run import NormalizeOptions, run_normalize

HOLD = (
    "import sys\n"
    "from pathlib import Path\n"
    "from newscorpus.locks import exclusive\n"
    "with exclusive(Path(sys.argv[1]), 'the thing'):\n"
    "    print('held', flush=True)\n"
    "    sys.stdin.read()\n"
)


@pytest.fixture
def lock(tmp_path: Path) -> Path:
    return tmp_path / "corpus" / ".newscorpus.lock"


@pytest.fixture
def other_holder(lock: Path) -> Iterator[subprocess.Popen]:
    yield from _holder(lock)


def _holder(lock: Path) -> Iterator[subprocess.Popen]:
    """Another process holding `lock` until its stdin closes."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(lock)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline() == "held\n"
    yield proc
    if proc.poll() is None:
        proc.stdin.close()  # type: ignore[union-attr]
        proc.wait(timeout=30)


def test_second_writer_is_refused_naming_the_holder_pid(
    lock: Path, other_holder: subprocess.Popen
) -> None:
    with pytest.raises(LockHeld) as refused, exclusive(lock, "the thing"):
        pass
    message = str(refused.value)
    assert f"process {other_holder.pid} on {socket.gethostname()}" in message
    assert "\n" not in message


def test_lock_of_a_killed_holder_is_free(lock: Path, other_holder: subprocess.Popen) -> None:
    other_holder.send_signal(signal.SIGKILL)
    other_holder.wait(timeout=30)
    with exclusive(lock, "the thing"):
        assert lock.read_text().split()[0] == str(os.getpid())


def test_stale_lock_file_of_a_dead_process_is_taken_over(lock: Path) -> None:
    lock.parent.mkdir(parents=True)
    lock.write_text("4194303 some-old-host\n")
    with exclusive(lock, "the thing"):
        assert lock.read_text() == f"{os.getpid()} {socket.gethostname()}\n"


def test_released_lock_can_be_taken_again(lock: Path) -> None:
    with exclusive(lock, "the thing"):
        pass
    with exclusive(lock, "the thing"):
        assert lock.exists()


def test_nested_hold_in_one_process_is_not_refused(lock: Path) -> None:
    with exclusive(lock, "the thing"), exclusive(lock, "the thing"):
        assert lock.read_text().split()[0] == str(os.getpid())


def _sleep_until(event: multiprocessing.synchronize.Event) -> None:
    event.wait(60)


def test_forked_child_does_not_keep_the_lock(lock: Path) -> None:
    context = multiprocessing.get_context("fork")
    done = context.Event()
    with exclusive(lock, "the thing"):
        child = context.Process(target=_sleep_until, args=(done,))
        child.start()
    try:
        taker = subprocess.run(
            [sys.executable, "-c", HOLD, str(lock)], input="", capture_output=True, text=True
        )
        assert taker.returncode == 0 and taker.stdout == "held\n"
    finally:
        done.set()
        child.join(30)


def test_unwritable_lock_folder_is_a_usage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with (
        pytest.raises(UsageError, match="cannot make the lock file"),
        exclusive(blocker / "x.lock", "the thing"),
    ):
        pass


# --- the writers that take it ------------------------------------------------------------------

# A synthetic article body written for these tests.
BODY = (
    "The harbour authority of Port Lenna said on Tuesday that dredging would start in May. "
    "Local traders warned the closure could cost them a season of tourists. "
) * 4


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    path = tmp_path / "raw" / "one.jsonl"
    path.parent.mkdir()
    path.write_text(json.dumps({"title": "A synthetic story", "text": BODY}) + "\n")
    return path.parent


@pytest.fixture
def corpus_holder(tmp_path: Path) -> Iterator[subprocess.Popen]:
    yield from _holder(corpus_lock(tmp_path / "corpus"))


@pytest.fixture
def project_holder(conn: Connection) -> Iterator[subprocess.Popen]:
    yield from _holder(project_lock(conn, "Quotes"))


@pytest.fixture
def conn(tmp_path: Path) -> Connection:
    """A local server's connection; nothing listens there, so any request would fail."""
    return Connection("http://127.0.0.1:9", "key", tmp_path / "ls" / "token", local=True)


def test_normalize_is_refused_while_another_writes_the_corpus(
    raw: Path, tmp_path: Path, corpus_holder: subprocess.Popen
) -> None:
    out = tmp_path / "corpus"
    with pytest.raises(LockHeld, match=f"process {corpus_holder.pid} "):
        run_normalize(NormalizeOptions(inputs=(raw,), out=out))
    assert not (out / "articles").exists()


def test_cli_normalize_refusal_is_one_line_naming_the_pid(
    raw: Path, tmp_path: Path, corpus_holder: subprocess.Popen, capsys
) -> None:
    code = main(["normalize", str(raw), "--out", str(tmp_path / "corpus")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and f"process {corpus_holder.pid} " in err


def test_normalize_after_the_other_writer_ends_writes_the_corpus(
    raw: Path, tmp_path: Path, corpus_holder: subprocess.Popen
) -> None:
    corpus_holder.send_signal(signal.SIGKILL)
    corpus_holder.wait(timeout=30)
    summary = run_normalize(NormalizeOptions(inputs=(raw,), out=tmp_path / "corpus"))
    assert summary.articles_total == 1


def test_import_is_refused_while_another_writes_the_corpus(
    tmp_path: Path, corpus_holder: subprocess.Popen
) -> None:
    with pytest.raises(LockHeld, match=f"process {corpus_holder.pid} "):
        write_import(tmp_path / "corpus", "brat:synthetic", [])


def test_ls_push_is_refused_while_another_pushes_the_project(
    conn: Connection, project_holder: subprocess.Popen
) -> None:
    with pytest.raises(LockHeld, match=f"process {project_holder.pid} "):
        push(conn, title="Quotes", articles=[], predictions=conn.token_file.parent / "none")


def test_ls_pull_is_refused_while_another_pushes_the_project(
    conn: Connection, project_holder: subprocess.Popen, tmp_path: Path
) -> None:
    with pytest.raises(LockHeld, match=f"process {project_holder.pid} "):
        pull(conn, title="Quotes", out=tmp_path / "annotations")


def test_project_locks_differ_by_project_and_server(conn: Connection) -> None:
    other_server = Connection("http://10.0.0.1:8080", "key", None, local=False)
    locks = {project_lock(conn, "Quotes"), project_lock(conn, "Stance")}
    locks.add(project_lock(other_server, "Quotes"))
    assert len(locks) == 3
    assert project_lock(conn, "Quotes").parent == conn.token_file.parent / "locks"
