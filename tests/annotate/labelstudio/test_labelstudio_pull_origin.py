"""`ls pull` records where the labels came from: an origin on every row, described once.

Uses the synthetic one-task export of test_ls_offline (written for the tests).
"""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
from test_ls_offline import _write_export

from newscorpus.annotate.labelstudio.pull import convert_export
from newscorpus.annotate.origins import WORKED_EXAMPLES, read_origins, write_origin
from newscorpus.cli import main


def _origins(out: Path) -> set[str | None]:
    rows = pq.read_table(out / "quotes.parquet").to_pylist()
    rows += pq.read_table(out / "stance.parquet").to_pylist()
    return {r["origin"] for r in rows}


def test_every_row_records_the_origin_given(tmp_path: Path) -> None:
    convert_export(_write_export(tmp_path / "shipped"), out=tmp_path, origin="worked-examples")
    assert _origins(tmp_path) == {"worked-examples"}


def test_an_export_without_an_origin_is_named_after_its_file(tmp_path: Path) -> None:
    export = _write_export(tmp_path / "shipped")
    convert_export(export, out=tmp_path)
    assert _origins(tmp_path) == {f"labelstudio:{export.stem}"}


def test_the_origin_is_described_once_for_the_card(tmp_path: Path) -> None:
    convert_export(_write_export(tmp_path / "shipped"), out=tmp_path, origin="worked-examples")
    assert read_origins(tmp_path)["worked-examples"].process == WORKED_EXAMPLES


def test_a_description_the_curators_wrote_is_kept(tmp_path: Path) -> None:
    export = _write_export(tmp_path / "shipped")
    convert_export(export, out=tmp_path, origin="labelstudio:x")
    described = read_origins(tmp_path)["labelstudio:x"]
    edited = type(described)(**(described.to_json() | {"annotators": "three paid students"}))
    write_origin(tmp_path, edited)
    convert_export(export, out=tmp_path, origin="labelstudio:x")
    assert read_origins(tmp_path)["labelstudio:x"].annotators == "three paid students"


def test_kinds_chosen_in_label_studio_are_human(tmp_path: Path) -> None:
    convert_export(_write_export(tmp_path / "shipped"), out=tmp_path)
    kinds = {r["kind_source"] for r in pq.read_table(tmp_path / "quotes.parquet").to_pylist()}
    assert kinds == {"human"}


def test_the_cli_takes_an_origin(tmp_path: Path) -> None:
    export = _write_export(tmp_path / "shipped")
    code = main(
        ["ls", "pull", "--from-export", str(export), "--out", str(tmp_path), "--origin", "fnc1"]
    )
    assert code == 0 and _origins(tmp_path) == {"fnc1"}
