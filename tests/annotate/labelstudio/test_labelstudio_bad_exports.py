"""`ls pull --from-export` and `ls agreement` on broken exports: malformed results become issue
rows, a file that is not an export is refused before it is kept, and a bad kept file is passed over.

Uses the synthetic one-task export of test_ls_offline (written for the tests).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from test_ls_offline import _write_export

from newscorpus.annotate.labelstudio import LabelStudioError
from newscorpus.annotate.labelstudio.agreement_report import agreement_from_export
from newscorpus.annotate.labelstudio.exports import record_pull
from newscorpus.annotate.labelstudio.pull import convert_export
from newscorpus.cli import main

NEWER = "export-20260106T100000000000Z-p1.json"


def _with_second_result(export: Path, result: object) -> Path:
    tasks = json.loads(export.read_text(encoding="utf-8"))
    tasks[0]["annotations"][1]["result"] = result
    export.write_text(json.dumps(tasks), encoding="utf-8")
    return export


@pytest.mark.parametrize("result", [{"value": {}}, ["a string"], "a string"], ids=repr)
def test_ls_pull_turns_a_result_that_is_a_dict_or_holds_a_string_into_an_issue(
    tmp_path: Path, result: object, capsys: pytest.CaptureFixture[str]
) -> None:
    export = _with_second_result(_write_export(tmp_path / "shipped"), result)
    out = tmp_path / "out"
    code = main(["ls", "pull", "--from-export", str(export), "--out", str(out)])
    assert code == 0
    issues = pq.read_table(out / "validation.parquet").to_pylist()
    assert [(i["annotation_id"], i["severity"]) for i in issues] == [("32", "error")]
    assert {q["annotation_id"] for q in pq.read_table(out / "quotes.parquet").to_pylist()} == {"31"}
    capsys.readouterr()
    assert main(["ls", "agreement", "--out", str(out)]) == 0  # the kept copy reads too


@pytest.mark.parametrize(
    "content",
    [b'{"tasks": []}', b'["a task as a string"]', b"[{}, ", b"[\xff\xfe]", b"[" * 100_000],
    ids=["object", "array-of-strings", "cut-short", "not-utf8", "nested-too-deep"],
)
def test_a_file_that_is_not_an_export_is_refused_before_it_is_kept(
    tmp_path: Path, content: bytes
) -> None:
    export = tmp_path / "shipped" / "export-broken.json"
    export.parent.mkdir()
    export.write_bytes(content)
    with pytest.raises(LabelStudioError) as err:
        convert_export(export, out=tmp_path / "out")
    assert str(export) in str(err.value) and "\n" not in str(err.value)
    assert not (tmp_path / "out" / "exports").exists()


def test_ls_agreement_passes_over_a_bad_kept_file_and_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    convert_export(_write_export(tmp_path / "shipped"), out=out)
    bad = out / "exports" / NEWER
    bad.write_text('{"not": "an export"}', encoding="utf-8")
    record_pull(bad)  # pulled last, so it would be the latest
    summary = agreement_from_export(out=out)
    assert summary.export_file.name != NEWER
    assert len(summary.skipped) == 1 and NEWER in summary.skipped[0]
    assert summary.report["articles_with_two_or_more"] == 1
    assert main(["ls", "agreement", "--out", str(out)]) == 0
    assert f"passed over, not an export: {bad}" in capsys.readouterr().out


def test_ls_agreement_on_a_bad_export_given_by_name_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "export.json"
    bad.write_text('["not a task"]', encoding="utf-8")
    with pytest.raises(LabelStudioError, match="item 1 is str, not a task object"):
        agreement_from_export(bad, out=tmp_path / "out")


def test_ls_agreement_with_no_readable_kept_export_says_so(tmp_path: Path) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / NEWER).write_text("nonsense", encoding="utf-8")
    with pytest.raises(LabelStudioError, match="no file under exports/ is a Label Studio export"):
        agreement_from_export(out=tmp_path)


def test_a_malformed_annotator_map_is_refused_before_the_export_is_kept(tmp_path: Path) -> None:
    export = _write_export(tmp_path / "shipped")
    export.with_name(export.stem + ".annotators.json").write_text('["x"]', encoding="utf-8")
    with pytest.raises(LabelStudioError, match="annotator map"):
        convert_export(export, out=tmp_path / "out")
    assert not (tmp_path / "out" / "exports").exists()
    assert os.listdir(tmp_path / "shipped")  # the given files are left as they were


def test_a_review_export_with_malformed_results_gives_no_decision_and_no_crash(
    tmp_path: Path,
) -> None:
    from newscorpus.annotate.labelstudio.adjudicate import decisions_from_export

    export = tmp_path / "review.json"
    export.write_text(
        json.dumps(
            [
                "not a task",
                {"id": 1, "data": {"text": "x"}, "annotations": [{"id": 5, "result": {"a": 1}}]},
                {"id": 2, "data": {"text": "y"}, "annotations": [{"id": 6, "result": ["s"]}]},
            ]
        ),
        encoding="utf-8",
    )
    adjudicated, tasks = decisions_from_export(export, "labelstudio:p-review", out=tmp_path)
    assert tasks == 3
    assert adjudicated.decisions == [] and adjudicated.quotes == []


def test_ls_agreement_on_a_missing_export_is_a_one_line_error_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.json"
    code = main(["ls", "agreement", "--export", str(missing), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code != 0 and f"{missing}: no such export file" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_ls_agreement_on_a_folder_is_a_one_line_error_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["ls", "agreement", "--export", str(tmp_path), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code != 0 and f"{tmp_path}: a folder, not an export file" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_json_min_export_is_refused_by_name_before_it_is_kept(tmp_path: Path) -> None:
    # Label Studio's JSON-MIN rows: the task's data and each result flattened, no `annotations`.
    row = {"id": 1, "text": "synthetic", "annotator": 1, "annotation_id": 1, "label": []}
    export = tmp_path / "shipped" / "project-1-at-2026-01-05-10-00-abcd1234.json"
    export.parent.mkdir()
    export.write_text(json.dumps([row]), encoding="utf-8")
    with pytest.raises(
        LabelStudioError, match="JSON-MIN export: export the project as JSON"
    ) as err:
        convert_export(export, out=tmp_path / "out")
    assert str(export) in str(err.value)
    assert not (tmp_path / "out" / "exports").exists()
