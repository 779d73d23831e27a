"""What a user sees when a command cannot run: one line on stderr naming the command, exit 2.

A traceback is for bugs only. An interrupt exits 130 and says that re-running resumes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import newscorpus.cli.hydrate
from newscorpus.cli import main

# (arguments, what the one line must say); each is a mistake a user can make.
USER_ERRORS = [
    (["baseline"], "no published version under dist/: give --dataset"),
    (["baseline", "--dataset", "nope"], "nope: no such folder"),
    (["baseline", "--dataset", "empty"], "empty: not a published version"),
    (["baseline", "--dataset", "raw/file.txt"], "raw/file.txt: a file, not a published version"),
    (["normalize", "raw", "--tasks", "4"], "--tasks goes with --engine ray or slurm"),
    (["normalize", "raw", "--partition", "p"], "go with --engine slurm"),
    (["publish", "--version", "1.0.0", "--upload-only"], "--upload-only needs --push REPO_ID"),
    (["publish", "--version", "1.0.0", "--tag-only"], "--tag-only goes with --push REPO_ID"),
    (["publish", "--version", "1.0.0", "--push", "not a repo"], "is not a Hub repo id"),
    (["ls", "pull", "--from-export", "missing.json"], "no such export file"),
    (["ls", "import-brat", "empty"], "expected text/ and attributions/"),
]


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working directory, and no Label Studio server configured."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LABEL_STUDIO_URL", raising=False)
    monkeypatch.delenv("LABEL_STUDIO_API_KEY", raising=False)
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "file.txt").write_text("synthetic", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    return tmp_path


@pytest.mark.parametrize(("argv", "says"), USER_ERRORS, ids=lambda v: " ".join(v)[:40])
def test_a_user_error_is_one_line_on_stderr_and_exit_2(
    argv: list[str], says: str, elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1, captured.err
    assert captured.err.startswith(f"newscorpus {argv[0]}: error: ")
    assert says in captured.err


def test_a_user_error_writes_nothing(elsewhere: Path) -> None:
    assert main(["ls", "import-brat", "empty"]) == 2
    assert sorted(p.name for p in elsewhere.iterdir()) == ["empty", "raw"]


def test_baseline_on_a_hub_repo_it_cannot_reach_is_one_line(
    elsewhere: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import datasets

    def unreachable(path: str, *args: object, **kwargs: object) -> None:
        raise ConnectionError(f"Couldn't reach '{path}' on the Hub (LocalEntryNotFoundError)")

    monkeypatch.setattr(datasets, "load_dataset", unreachable)
    assert main(["baseline", "--dataset", "owner/name"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "owner/name: no such folder, and the Hub repo cannot be read" in err


def test_ls_status_without_a_server_is_one_line(
    elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ls", "status", "--data-dir", "no-server"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("newscorpus ls: error: ")


def test_an_interrupt_exits_130_and_says_a_rerun_resumes(
    elsewhere: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(newscorpus.cli.hydrate, "run", interrupted)
    assert main(["hydrate", "dist/1.0.0", "--from", "corpus", "--out", "hydrated"]) == 130
    assert capsys.readouterr().err == "newscorpus hydrate: interrupted; re-run to resume\n"
