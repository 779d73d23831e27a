"""Partial folders: a killed run's are removed by the next run and reported, a live run's never;
a published folder gets the permissions `mkdir` and the umask give, not 0700."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_publish_build import options_for, write_inputs

from newscorpus.publish.build import publish
from newscorpus.publish.hydrate import hydrate
from newscorpus.publish.partials import clean_stale_partials, make_partial

# A child that makes a partial folder for FOLDER, prints its path, then waits or is killed.
CHILD = """
import os, signal, sys, time
from pathlib import Path
from newscorpus.publish.partials import make_partial
print(make_partial(Path(sys.argv[1])), flush=True)
if sys.argv[2] == "kill":
    os.kill(os.getpid(), signal.SIGKILL)
time.sleep(60)
"""


def _child(folder: Path, how: str) -> tuple[subprocess.Popen, Path]:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folder), how], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    return child, Path(child.stdout.readline().strip())


def _killed_run_partial(folder: Path) -> Path:
    child, partial = _child(folder, "kill")
    child.wait(timeout=30)
    assert child.returncode == -9 and partial.is_dir()
    return partial


@pytest.fixture
def umask() -> Iterator[callable]:
    before = os.umask(0o022)
    try:
        yield os.umask
    finally:
        os.umask(before)


def _modes(folder: Path) -> set[tuple[str, int]]:
    paths = [folder, *folder.rglob("*")]
    return {("dir" if p.is_dir() else "file", stat.S_IMODE(p.stat().st_mode)) for p in paths}


def test_a_publish_removes_the_partial_folder_of_a_killed_publish_and_says_so(tmp_path):
    write_inputs(tmp_path, n=4, human=0)
    stale = _killed_run_partial(tmp_path / "dist" / "0.9.0")
    summary = publish(options_for(tmp_path, baseline=False))
    assert not stale.exists()
    assert summary.partials.removed == [stale]
    assert any(stale.name in line for line in summary.partials.lines())
    assert [p.name for p in (tmp_path / "dist").iterdir()] == ["1.0.0"]


def test_a_partial_folder_of_a_live_run_is_never_removed(tmp_path):
    child, partial = _child(tmp_path / "1.0.0", "wait")
    try:
        assert clean_stale_partials(tmp_path).removed == []
        assert partial.is_dir()
    finally:
        child.kill()
        child.wait(timeout=30)
    assert clean_stale_partials(tmp_path).removed == [partial]


def test_a_partial_folder_of_another_host_or_an_unknown_run_is_left_and_listed(tmp_path):
    other_host = tmp_path / ".1.0.0.partial-00000000-1-0badf00d"
    unowned = tmp_path / ".1.0.0.partial-k3j_x9q2"  # made before owners were recorded
    other_host.mkdir()
    unowned.mkdir()
    cleanup = clean_stale_partials(tmp_path)
    assert cleanup.removed == [] and cleanup.unknown == [unowned]
    assert other_host.is_dir() and unowned.is_dir()


def test_a_partial_folder_is_made_like_mkdir_under_the_umask(tmp_path, umask):
    umask(0o027)
    partial = make_partial(tmp_path / "1.0.0")
    assert stat.S_IMODE(partial.stat().st_mode) == 0o750


def test_published_folders_get_normal_permissions_honouring_umask(tmp_path, umask):
    write_inputs(tmp_path, n=4, human=0)
    summary = publish(options_for(tmp_path, baseline=False))
    assert _modes(summary.folder) == {("dir", 0o755), ("file", 0o644)}
    out = tmp_path / "hydrated"
    umask(0o027)
    hydrate(summary.folder, [tmp_path / "corpus"], out)
    assert _modes(out) == {("dir", 0o750), ("file", 0o640)}
