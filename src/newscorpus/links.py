"""Symbolic links in a folder the user gives: followed only while they stay inside that folder.

A folder handed to a command (a published version to hydrate and the copies it reads, the corpus
and annotations a publish reads, a BRAT folder to import) may hold a link to any file the user
can read, a private key as easily as a text: reading through it would copy that file into an
output meant to be shared. Readers check what they are about to read; a link that points out of
the folder, nowhere, or round in a loop stops the command with one line naming it. Links that
stay inside are followed as before. Never opens a file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from newscorpus.errors import UsageError

_WHAT_TO_DO = "copy what it points to into the folder, or give that folder instead"


def _resolved(path: Path) -> Path | None:
    """Where `path` leads, or None for a loop."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # a symlink loop (RuntimeError before Python 3.13)
        return None


def _first_link(root: Path, path: Path) -> Path:
    """The first symbolic link on the way from `root` to `path` (`path` itself if none)."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return path
    step = root
    for part in parts:
        step = step / part
        if step.is_symlink():
            return step
    return path


def require_inside(root: Path, path: Path) -> Path:
    """`path`, found under the folder `root`, unless a link takes it out of `root`.

    Raises:
        UsageError: one line naming the link and where it points.
    """
    root, path = Path(root), Path(path)
    top = _resolved(root)
    target = _resolved(path)
    link = _first_link(root, path)
    if target is None:
        raise UsageError(f"{link} is a symbolic link that loops: remove it or {_WHAT_TO_DO}")
    if top is not None and not target.is_relative_to(top):
        raise UsageError(
            f"{link} is a symbolic link to {os.readlink(link) if link.is_symlink() else target}, "
            f"outside {root}: nothing is read through a link out of the folder given; "
            f"{_WHAT_TO_DO}"
        )
    return path


def require_all_inside(root: Path, paths: Iterable[Path]) -> list[Path]:
    """`require_inside` for each of `paths`; the paths, as a list."""
    return [require_inside(root, path) for path in paths]


def require_tree_inside(root: Path) -> None:
    """Every link anywhere under `root` stays inside it and leads somewhere.

    For readers that copy a whole tree: a link to nowhere is refused too, as the copy would
    stop on it half-way.

    Raises:
        UsageError: one line naming the first such link.
    """
    root = Path(root)
    for folder, dirs, files in os.walk(root):
        for name in sorted(dirs) + sorted(files):
            path = Path(folder) / name
            if not path.is_symlink():
                continue
            require_inside(root, path)
            if not path.exists():
                raise UsageError(
                    f"{path} is a symbolic link to {os.readlink(path)}, which does not exist: "
                    f"remove it or {_WHAT_TO_DO}"
                )
