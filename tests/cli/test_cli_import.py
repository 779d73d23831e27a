"""`newscorpus import brat|fnc1|stance`: what the curator sees, and errors as one line, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscorpus.cli import main

# Synthetic: a title line, a blank line, one paragraph; one attribution by each of two annotators.
TEXT = "Tram by May\n\nThe mayor said the tram would run by May."
ANN = (
    "T1\tSource 13 22\tThe mayor\nT2\tCue 23 27\tsaid\n"
    "T3\tContent 28 53\tthe tram would run by May\nE1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n"
)


def _brat(root: Path) -> None:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "site_tram.txt").write_text(TEXT, encoding="utf-8")
    for code in ("aa11", "bb22"):
        (root / "attributions" / f"site_tram_{code}.ann").write_text(ANN, encoding="utf-8")


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_import_brat_prints_counts_agreement_and_where_the_report_is(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _brat(here / "brat")
    assert main(["import", "brat", "brat", "--name", "gazette"]) == 0
    out = capsys.readouterr().out
    assert "import brat -> brat:gazette" in out
    assert "6 of 6 (100.0000%)" in out
    assert "span F1 Quote: 1.000 (1 matched of 2)" in out
    assert "annotations/import-report-gazette.json" in out
    assert (here / "corpus" / "articles").is_dir()


def test_import_stance_maps_labels_given_on_the_command_line(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    row = {"text": "The depot closed on Monday.", "target": "Depot closes", "stance": "agree"}
    (here / "labels.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    assert main(["import", "stance", "labels.jsonl", "--label-map", "agree=favor"]) == 0
    out = capsys.readouterr().out
    assert "agree -> favor" in out and "stance:labels" in out


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["import", "brat", "empty"], "expected text/ and attributions/"),
        (["import", "brat", "empty", "--name", "Poln ear"], "--name 'Poln ear'"),
        (["import", "fnc1", "empty"], "expected one bodies CSV"),
        (["import", "stance", "labels.jsonl", "--label-map", "agree"], "'agree' is not FROM=TO"),
    ],
    ids=lambda v: " ".join(v)[:40] if isinstance(v, list) else v,
)
def test_a_user_error_is_one_line_and_exit_2(
    argv: list[str], says: str, here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "empty").mkdir()
    (here / "labels.jsonl").write_text("", encoding="utf-8")
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("newscorpus import: error: ")
    assert says in err
