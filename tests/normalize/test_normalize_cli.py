"""`newscorpus normalize` passes the stage's options through and prints what the run counted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscorpus.cli import main
from newscorpus.normalize import run as run_module
from newscorpus.normalize.run import NormalizeOptions, NormalizeSummary

# A synthetic article body written for these tests.
BODY = (
    "The harbour authority of Port Lenna said on Tuesday that dredging would start in May. "
    "Local traders warned the closure could cost them a season of tourists. "
) * 4


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> list[NormalizeOptions]:
    """The options each run was given; the run itself does nothing."""
    seen: list[NormalizeOptions] = []

    def fake_run(options: NormalizeOptions) -> NormalizeSummary:
        seen.append(options)
        return NormalizeSummary(out=options.out, articles_with_replacements=3)

    monkeypatch.setattr(run_module, "run_normalize", fake_run)
    return seen


def _normalize(tmp_path: Path, *flags: str) -> int:
    raw = tmp_path / "raw.jsonl"
    raw.write_text(json.dumps({"title": "A synthetic story", "text": BODY}) + "\n")
    return main(["normalize", str(raw), "--out", str(tmp_path / "out"), *flags])


def test_cli_timeout_flag_reaches_the_run(tmp_path: Path, recorded: list) -> None:
    assert _normalize(tmp_path, "--timeout", "2.5") == 0
    assert recorded[0].timeout == 2.5


def test_cli_rehash_flag_reaches_the_run(tmp_path: Path, recorded: list) -> None:
    assert _normalize(tmp_path, "--rehash") == 0
    assert recorded[0].rehash is True


def test_cli_retry_flags_reach_the_run(tmp_path: Path, recorded: list) -> None:
    assert _normalize(tmp_path, "--retry", "timeout", "--retry", "encoding") == 0
    assert recorded[0].retry_reasons == frozenset({"timeout", "encoding"})


def test_cli_unknown_retry_reason_is_one_line_and_exit_2(tmp_path: Path, capsys) -> None:
    assert _normalize(tmp_path, "--retry", "sunspots") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "sunspots" in err


def test_cli_summary_prints_articles_with_replacements(
    tmp_path: Path, recorded: list, capsys
) -> None:
    _normalize(tmp_path)
    line = next(x for x in capsys.readouterr().out.splitlines() if "U+FFFD" in x)
    assert "3" in line.replace("U+FFFD", "").split()
