"""One writer at a time: an exclusive lock file naming the process and host that hold it.

Two `normalize` runs on one corpus, or two `ls push` runs on one project, each read what is
there and write what they think is missing: both finish, and rows are lost or doubled. A writer
takes the lock of what it writes for as long as it writes; a second one is refused at once with
one line naming the holder.

The lock is `fcntl.flock` on the file, not the file's existence: the kernel releases it when the
holder's process ends however it ends (a crash, kill -9, a power cut), so a lock file left by a
dead process is simply taken over and rewritten, never in the way. The file stays in place
after release: removing it would let a third process lock a new file while a second still holds
the old one. flock is not shared between hosts on some network file systems (older NFS): there
two hosts may both take it, and the file names the last holder only.

Holding a lock is re-entrant within a process (a command that calls another writer of the same
corpus takes it once). A forked child (normalize's workers) closes its copies of the held lock
files, so the lock is the parent's alone: workers orphaned by a killed parent do not keep it.
Must never block: a held lock is refused, not waited for.
"""

from __future__ import annotations

import fcntl
import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from newscorpus.errors import UsageError

# The lock file of a corpus folder (normalize, imports): beside its tables, never read as one.
CORPUS_LOCK = ".newscorpus.lock"

# Paths this process holds, with how many times: a nested `exclusive` must not lock a second
# open file of its own (flock locks of two open files conflict even within one process).
_held: dict[Path, int] = {}
_fds: dict[Path, int] = {}
_held_guard = threading.Lock()


def _drop_in_child() -> None:
    """In a forked child: close the inherited lock files (the parent's lock stays held)."""
    for fd in _fds.values():
        with suppress(OSError):
            os.close(fd)
    _fds.clear()
    _held.clear()


os.register_at_fork(after_in_child=_drop_in_child)


class LockHeld(UsageError):
    """Another live process writes the same corpus or project."""


def holder(path: Path) -> str:
    """Who the lock file says holds it: "process PID on HOST", or what it lacks."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace").split()
    except OSError:
        return "an unknown process"
    if len(text) >= 2 and text[0].isdigit():
        return f"process {text[0]} on {text[1]}"
    return "an unknown process"


def _refusal(path: Path, what: str) -> LockHeld:
    return LockHeld(
        f"{what} is being written by {holder(path)} (lock {path}): wait for it to end, or stop "
        "it; a lock of a process that ended is taken over on its own"
    )


@contextmanager
def exclusive(path: Path, what: str) -> Iterator[None]:
    """Hold the lock file `path` while the block runs; `what` names the guarded thing.

    Raises:
        LockHeld: another live process holds it.
        UsageError: the lock file cannot be made (an unwritable folder).
    """
    key = Path(os.path.abspath(path))
    with _held_guard:
        if key in _held:
            _held[key] += 1
            nested = True
        else:
            nested = False
    if nested:
        try:
            yield
        finally:
            with _held_guard:
                _held[key] -= 1
        return
    fd = _open(key)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise _refusal(key, what) from None
        _record_holder(fd)
        with _held_guard:
            _held[key] = 1
            _fds[key] = fd
        try:
            yield
        finally:
            with _held_guard:
                del _held[key]
                del _fds[key]
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # closing the last descriptor releases the flock


def _open(path: Path) -> int:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as err:
        raise UsageError(f"cannot make the lock file {path}: {err.strerror}") from err


def _record_holder(fd: int) -> None:
    """Replace what a previous holder wrote with this process's id and host."""
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()} {socket.gethostname()}\n".encode(), 0)


def corpus_lock(out: Path) -> Path:
    """The lock file of the corpus folder `out`."""
    return Path(out) / CORPUS_LOCK


@contextmanager
def corpus_writer(out: Path) -> Iterator[None]:
    """Hold the corpus folder `out` for writing (normalize, imports)."""
    with exclusive(corpus_lock(out), f"the corpus {out}"):
        yield


__all__ = ["CORPUS_LOCK", "LockHeld", "corpus_lock", "corpus_writer", "exclusive", "holder"]
