"""Hidden partial folders: where publish and hydrate build a folder before renaming it into place.

A partial folder's name carries its maker (`.<folder>.partial-<host>-<pid>-<token>`: a digest of
the host name and the process id), so a later run can tell the leftovers of a run that was killed
(removed, and said so) from the work of a run still going (never touched, even by another user or
from another machine sharing the disk). Partial folders whose owner cannot be told (names made
before owners were recorded) are listed, never removed. A partial folder is created the way
`mkdir` creates one (0777 less the umask), not 0700 like a temporary folder: it is renamed into the
folder readers see. Touches nothing but partial folders.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import shutil
import socket
from dataclasses import dataclass, field
from pathlib import Path

_MARK = ".partial-"
# .<folder>.partial-<host digest>-<pid>-<token>
_OWNED = re.compile(r"\A\..+\.partial-([0-9a-f]{8})-([0-9]{1,10})-[0-9a-f]{8}\Z")
# .<folder>.partial-<8 characters>: the names made before owners were recorded (tempfile.mkdtemp)
_UNOWNED = re.compile(r"\A\..+\.partial-[a-z0-9_]{8}\Z")
_ATTEMPTS = 100


def _host() -> str:
    return hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]


def make_partial(folder: Path) -> Path:
    """A new, empty partial folder beside `folder`, named for this process.

    Made with mode 0777 less the umask, as `mkdir` would: the finished folder keeps it.
    """
    folder.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(_ATTEMPTS):
        name = f".{folder.name}{_MARK}{_host()}-{os.getpid()}-{secrets.token_hex(4)}"
        path = folder.parent / name
        try:
            path.mkdir(mode=0o777)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"{folder.parent}: could not make a partial folder for {folder.name}")


def _alive(pid: int) -> bool:
    """Whether a process `pid` runs on this machine (another user's process counts)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # someone else's process, or a pid we cannot ask about: keep its folder
    return True


@dataclass
class PartialCleanup:
    """What a run found of earlier runs' partial folders."""

    removed: list[Path] = field(default_factory=list)  # their run is gone
    unknown: list[Path] = field(default_factory=list)  # owner not recorded: left alone

    def lines(self) -> list[str]:
        """What the command says about them (nothing when there were none)."""
        out = []
        if self.removed:
            names = ", ".join(p.name for p in self.removed)
            out.append(f"removed {len(self.removed)} partial folder(s) of killed runs: {names}")
        if self.unknown:
            names = ", ".join(p.name for p in self.unknown)
            out.append(
                f"left {len(self.unknown)} partial folder(s) whose run is not recorded: {names} "
                "(remove them once no publish or hydrate is running)"
            )
        return out


def clean_stale_partials(parent: Path) -> PartialCleanup:
    """Remove the partial folders under `parent` whose run was killed on this machine.

    A folder is removed only when its name records this host and a process id that no process
    holds; folders of live runs, of other hosts and of unknown owners are left.
    """
    cleanup = PartialCleanup()
    if not parent.is_dir():
        return cleanup
    host = _host()
    for path in sorted(parent.iterdir()):
        if _MARK not in path.name or path.is_symlink() or not path.is_dir():
            continue
        owned = _OWNED.match(path.name)
        if owned is None:
            if _UNOWNED.match(path.name):
                cleanup.unknown.append(path)
        elif owned[1] == host and not _alive(int(owned[2])):
            shutil.rmtree(path, ignore_errors=True)
            if not path.exists():
                cleanup.removed.append(path)
    return cleanup
