"""annotate/agreement_files.py: one agreement file per origin, and a legacy `agreement.json`
read as the origin it names unless that origin has a file of its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscorpus.annotate.agreement_files import (
    UNNAMED,
    agreement_path,
    read_agreement_files,
    write_agreement_file,
)
from newscorpus.errors import UsageError

FIGURES = {"articles_with_two_or_more": 2, "stance": {"alpha": 0.4}}


def _legacy(folder: Path, **report: object) -> None:
    (folder / "agreement.json").write_text(json.dumps(report), encoding="utf-8")


def test_a_written_file_names_its_origin_first_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = write_agreement_file(tmp_path, "labelstudio:a/b", FIGURES | {"origin": "stale"})
    assert path == tmp_path / "agreement" / "labelstudio-a-b.json"
    assert list(json.loads(path.read_text("utf-8"))) == [
        "origin",
        "articles_with_two_or_more",
        "stance",
    ]
    assert json.loads(path.read_text("utf-8"))["origin"] == "labelstudio:a/b"
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_every_origins_file_is_read_sorted_by_origin(tmp_path: Path) -> None:
    write_agreement_file(tmp_path, "labelstudio:team", FIGURES)
    write_agreement_file(tmp_path, "brat:polnear", FIGURES)
    assert list(read_agreement_files(tmp_path)) == ["brat:polnear", "labelstudio:team"]


def test_a_legacy_file_is_read_as_the_origin_it_names(tmp_path: Path) -> None:
    _legacy(tmp_path, origin="brat:polnear", **FIGURES)
    write_agreement_file(tmp_path, "labelstudio:team", FIGURES)
    reports = read_agreement_files(tmp_path)
    assert list(reports) == ["brat:polnear", "labelstudio:team"]
    assert reports["brat:polnear"]["stance"] == {"alpha": 0.4}


def test_a_legacy_file_gives_way_to_its_origins_own_file(tmp_path: Path) -> None:
    _legacy(tmp_path, origin="brat:polnear", articles_with_two_or_more=9)
    write_agreement_file(tmp_path, "brat:polnear", FIGURES)
    assert read_agreement_files(tmp_path)["brat:polnear"]["articles_with_two_or_more"] == 2


def test_a_legacy_file_naming_no_origin_is_read_only_alone(tmp_path: Path) -> None:
    _legacy(tmp_path, **FIGURES)
    assert list(read_agreement_files(tmp_path)) == [UNNAMED]
    write_agreement_file(tmp_path, "labelstudio:team", FIGURES)
    assert list(read_agreement_files(tmp_path)) == ["labelstudio:team"]


def test_no_figures_read_as_none(tmp_path: Path) -> None:
    assert read_agreement_files(tmp_path) == {}


def test_an_origins_file_naming_no_origin_is_refused(tmp_path: Path) -> None:
    path = agreement_path(tmp_path, "fnc1")
    path.parent.mkdir()
    path.write_text(json.dumps(FIGURES), encoding="utf-8")
    with pytest.raises(UsageError, match=r"fnc1\.json: names no origin"):
        read_agreement_files(tmp_path)


def test_a_file_that_is_not_json_is_refused_by_name(tmp_path: Path) -> None:
    (tmp_path / "agreement.json").write_text("{", encoding="utf-8")
    with pytest.raises(UsageError, match=r"agreement\.json: not valid JSON"):
        read_agreement_files(tmp_path)


def test_two_files_naming_one_origin_are_refused(tmp_path: Path) -> None:
    path = write_agreement_file(tmp_path, "fnc1", FIGURES)
    path.with_name("copy.json").write_bytes(path.read_bytes())
    with pytest.raises(UsageError, match="origin 'fnc1' has figures in two files"):
        read_agreement_files(tmp_path)
