"""`ls pull` records where the labels came from: an origin on every row, described once.

Uses the synthetic one-task export of test_ls_offline (written for the tests).
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from test_ls_offline import _write_export

from newscorpus.annotate.labelstudio import LabelStudioError
from newscorpus.annotate.labelstudio.agreement_report import agreement_from_export
from newscorpus.annotate.labelstudio.pull import convert_export
from newscorpus.annotate.origins import WORKED_EXAMPLES, read_origins, write_origin
from newscorpus.cli import main
from newscorpus.schema import ANNOTATED_QUOTES, ANNOTATED_STANCE


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


REDOWNLOADED = "export-20260112T100000000000Z-p1.json"  # the same annotations, a week later


def test_an_export_pulled_again_under_another_origin_is_refused_naming_both(
    tmp_path: Path,
) -> None:
    convert_export(_write_export(tmp_path / "shipped"), out=tmp_path, origin="worked-examples")
    again = _write_export(tmp_path / "later", name=REDOWNLOADED)
    with pytest.raises(LabelStudioError) as err:
        convert_export(again, out=tmp_path)  # default origin: labelstudio:<file stem>
    message = str(err.value)
    assert "under origin 'worked-examples'" in message
    assert f"pulled as 'labelstudio:{again.stem}'" in message
    assert "--origin 'worked-examples'" in message
    assert _origins(tmp_path) == {"worked-examples"}


def test_a_refused_pull_leaves_no_export_for_ls_agreement_to_read(tmp_path: Path) -> None:
    convert_export(_write_export(tmp_path / "shipped"), out=tmp_path, origin="worked-examples")
    with pytest.raises(LabelStudioError):
        convert_export(_write_export(tmp_path / "later", name=REDOWNLOADED), out=tmp_path)
    assert not (tmp_path / "exports" / REDOWNLOADED).exists()


def test_an_export_pulled_again_under_its_origin_replaces_its_rows(tmp_path: Path) -> None:
    convert_export(_write_export(tmp_path / "shipped"), out=tmp_path, origin="worked-examples")
    again = _write_export(tmp_path / "later", name=REDOWNLOADED)
    convert_export(again, out=tmp_path, origin="worked-examples")
    assert pq.read_table(tmp_path / "stance.parquet").num_rows == 2


def test_ls_agreement_refuses_an_origin_other_than_the_one_pulled(tmp_path: Path) -> None:
    convert_export(_write_export(tmp_path / "shipped"), out=tmp_path, origin="worked-examples")
    with pytest.raises(LabelStudioError, match="pulled as 'worked-examples', not 'labelstudio:x'"):
        agreement_from_export(out=tmp_path, origin="labelstudio:x")


def test_ls_agreement_names_the_origins_of_annotations_recorded_twice(tmp_path: Path) -> None:
    """Tables written before `ls pull` refused a second origin may hold the same annotations
    under two: agreement must not pick one of them silently."""
    convert_export(_write_export(tmp_path / "shipped"), out=tmp_path, origin="worked-examples")
    for name, table_schema in (("quotes", ANNOTATED_QUOTES), ("stance", ANNOTATED_STANCE)):
        path = tmp_path / f"{name}.parquet"
        rows = pq.read_table(path).to_pylist()
        rows += [r | {"origin": "labelstudio:week 2"} for r in rows]
        pq.write_table(pa.Table.from_pylist(rows, schema=table_schema), path)
    with pytest.raises(LabelStudioError, match=r"several origins \(labelstudio:week 2, worked-exa"):
        agreement_from_export(out=tmp_path)
