"""One writer a Label Studio project: `ls push` and `ls pull` hold its lock while they run.

Two pushes at once each list the project's tasks, find the same articles missing and import
them twice; a pull beside a push exports a project half imported. The lock file lives under the
local server's data dir (`locks/`), keyed by server URL and project title, so every command of
this machine that talks to the project meets it; for a team server given by $LABEL_STUDIO_URL it
lives under the default data dir, and guards this machine only. Must never talk to the server.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newscorpus import layout
from newscorpus.annotate.labelstudio.server import Connection
from newscorpus.locks import exclusive

LOCKS_FOLDER = "locks"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def project_lock(conn: Connection, title: str) -> Path:
    """The lock file of project `title` on the server of `conn`."""
    root = conn.token_file.parent if conn.token_file is not None else layout.LABEL_STUDIO_DATA
    key = hashlib.sha256(f"{conn.url}\n{title}".encode()).hexdigest()[:16]
    readable = _UNSAFE.sub("-", title).strip("-")[:40] or "project"
    return Path(root) / LOCKS_FOLDER / f"{readable}-{key}.lock"


@contextmanager
def project_writer(conn: Connection, title: str) -> Iterator[None]:
    """Hold project `title` while the block runs.

    Raises:
        LockHeld: another push or pull of this project is running.
    """
    with exclusive(project_lock(conn, title), f"the Label Studio project {title!r}"):
        yield


__all__ = ["LOCKS_FOLDER", "project_lock", "project_writer"]
