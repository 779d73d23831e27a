"""`newscorpus ls pull --from-export FILE`: a kept export becomes tables without any server.

The demo converts the shipped export of the sample's human labels this way, so these tests also
check that the shipped export still fits the sample corpus it labels.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from labelstudio_fixture import span_of

from newscorpus import labels, schema
from newscorpus.annotate.labelstudio import LabelStudioError
from newscorpus.annotate.labelstudio.agreement_report import agreement_from_export
from newscorpus.annotate.labelstudio.config import load_label_config
from newscorpus.annotate.labelstudio.exports import iter_json_array
from newscorpus.annotate.labelstudio.pull import convert_export, tables_from_export
from newscorpus.annotate.labelstudio.quote_regions import quotes_to_result
from newscorpus.cli import main

REPO = Path(__file__).resolve().parents[3]
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
GOLDEN_SAMPLE = REPO / "tests" / "golden" / "sample_corpus.json"

TEXT = (
    '"The ferry will sail on Monday," Harbour Master Ines Valk said.\n\n'
    "Fishers said the new timetable was too early."
)
SHA = hashlib.sha256(TEXT.encode()).hexdigest()


def _annotation(annotation_id: int, completed_by: int, stance: str) -> dict[str, Any]:
    q = span_of(TEXT, "The ferry will sail on Monday")
    s = span_of(TEXT, "Harbour Master Ines Valk")
    c = span_of(TEXT, "said")
    rows = [
        {
            "start": q[0],
            "end": q[1],
            "kind": "direct",
            "stance": "neutral",
            "speaker_start": s[0],
            "speaker_end": s[1],
            "cue_start": c[0],
            "cue_end": c[1],
            "speaker_name": "Ines Valk",
        }
    ]
    result = quotes_to_result(TEXT, rows)
    result.append(
        {
            "from_name": labels.LS_ARTICLE_STANCE,
            "to_name": labels.LS_TEXT,
            "type": "choices",
            "value": {"choices": [stance]},
        }
    )
    return {
        "id": annotation_id,
        "completed_by": completed_by,
        "result": result,
        "was_cancelled": False,
        "ground_truth": False,
        "created_at": "2026-01-05T10:00:00Z",
        "updated_at": "2026-01-05T10:00:00Z",
        "lead_time": None,
    }


def _write_export(directory: Path, name: str = "export-20260105T100000000000Z-p1.json") -> Path:
    """A one-task export as Label Studio writes it, with its pseudonym map beside it."""
    task = {
        "id": 7,
        "data": {
            "text": TEXT,
            "article_id": "ferry-1",
            "content_sha256": SHA,
            "target_id": "ferry-timetable",
            "target": "The ferry should sail on Mondays",
        },
        "annotations": [_annotation(31, 2, "neutral"), _annotation(32, 3, "favor")],
    }
    directory.mkdir(parents=True, exist_ok=True)
    export = directory / name
    export.write_text(json.dumps([task]), encoding="utf-8")
    export.with_name(export.stem + ".annotators.json").write_text(
        json.dumps({"2": "ann-aaaaaaaaaaaa", "3": "ann-bbbbbbbbbbbb"}), encoding="utf-8"
    )
    return export


def test_convert_export_writes_the_tables_of_its_annotations(tmp_path: Path) -> None:
    export = _write_export(tmp_path / "shipped")
    summary = convert_export(export, out=tmp_path / "out")
    quotes = pq.read_table(tmp_path / "out" / "quotes.parquet").to_pylist()
    stance = pq.read_table(tmp_path / "out" / "stance.parquet").to_pylist()
    assert [(q["annotation_id"], q["text"], q["speaker_text"], q["cue_text"]) for q in quotes] == [
        ("31", "The ferry will sail on Monday", "Harbour Master Ines Valk", "said"),
        ("32", "The ferry will sail on Monday", "Harbour Master Ines Valk", "said"),
    ]
    assert [(s["annotation_id"], s["stance"]) for s in stance] == [
        ("31", "neutral"),
        ("32", "favor"),
    ]
    assert (summary.annotations, summary.errors, summary.url) == (2, 0, None)


def _write_empty_export(directory: Path) -> Path:
    """A one-task export whose one annotation marked nothing, on a task asking no stance."""
    export = _write_export(directory)
    (task,) = json.loads(export.read_text(encoding="utf-8"))
    del task["data"]["target_id"], task["data"]["target"]
    task["annotations"] = [_annotation(33, 2, "neutral") | {"result": []}]
    export.write_text(json.dumps([task]), encoding="utf-8")
    return export


def test_convert_export_lists_an_annotation_that_marked_nothing(tmp_path: Path) -> None:
    convert_export(_write_empty_export(tmp_path / "shipped"), out=tmp_path / "out", origin="x:y")
    assert pq.read_table(tmp_path / "out" / "quotes.parquet").num_rows == 0
    assert pq.read_table(tmp_path / "out" / "stance.parquet").num_rows == 0
    (row,) = pq.read_table(tmp_path / "out" / "passes.parquet").to_pylist()
    assert (row["article_id"], row["annotation_id"], row["annotator"], row["origin"]) == (
        "ferry-1",
        "33",
        "ann-aaaaaaaaaaaa",
        "x:y",
    )


def test_an_export_of_empty_annotations_converted_under_another_origin_is_refused(
    tmp_path: Path,
) -> None:
    export = _write_empty_export(tmp_path / "shipped")
    convert_export(export, out=tmp_path / "out", origin="x:first")
    with pytest.raises(LabelStudioError, match="x:first"):
        convert_export(export, out=tmp_path / "out", origin="x:second")


def test_convert_export_names_annotators_by_the_exports_map_not_the_local_salt(
    tmp_path: Path,
) -> None:
    export = _write_export(tmp_path / "shipped")
    convert_export(export, out=tmp_path / "out")
    quotes = pq.read_table(tmp_path / "out" / "quotes.parquet").to_pylist()
    assert sorted({q["annotator"] for q in quotes}) == ["ann-aaaaaaaaaaaa", "ann-bbbbbbbbbbbb"]


def test_convert_export_keeps_a_copy_under_out_exports_for_agreement(tmp_path: Path) -> None:
    export = _write_export(tmp_path / "shipped")
    out = tmp_path / "out"
    summary = convert_export(export, out=out)
    assert summary.export_file == out / "exports" / export.name
    assert summary.export_file.read_bytes() == export.read_bytes()
    assert (out / "exports" / (export.stem + ".annotators.json")).exists()
    report = agreement_from_export(out=out).report
    assert report["articles_with_two_or_more"] == 1
    assert report["spans"]["Quote"]["f1"] == 1.0


def test_convert_export_refuses_a_different_file_of_the_same_name_in_out(tmp_path: Path) -> None:
    export = _write_export(tmp_path / "shipped")
    clash = tmp_path / "out" / "exports" / export.name
    clash.parent.mkdir(parents=True)
    clash.write_text("[]", encoding="utf-8")
    with pytest.raises(LabelStudioError, match="exists and differs"):
        convert_export(export, out=tmp_path / "out")
    assert clash.read_text(encoding="utf-8") == "[]"


def test_ls_agreement_reads_the_export_converted_last_whatever_its_name(tmp_path: Path) -> None:
    out = tmp_path / "out"
    ui = _write_export(tmp_path / "ui", "project-1-at-2024-05-07-10-00-3f2a1b.json")
    later = _write_export(tmp_path / "later", "export-20260105T100000000000Z-p1.json")
    # The same annotations exported twice: pulled under one origin, as a team re-downloading does.
    convert_export(ui, out=out, origin="labelstudio:harbour")
    convert_export(later, out=out, origin="labelstudio:harbour")
    report = agreement_from_export(out=out, origin="labelstudio:harbour")
    assert report.export_file == out / "exports" / later.name


def test_convert_export_of_a_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(LabelStudioError, match="no such export file"):
        convert_export(tmp_path / "nope.json", out=tmp_path / "out")


def test_ls_pull_from_export_needs_no_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("LABEL_STUDIO_URL", raising=False)
    export = _write_export(tmp_path / "shipped")
    code = main(
        [
            "ls",
            "pull",
            "--data-dir",
            str(tmp_path / "no-server"),
            "--from-export",
            str(export),
            "--out",
            str(tmp_path / "out"),
        ]
    )
    assert code == 0
    assert "offline" in capsys.readouterr().out
    assert pq.read_table(tmp_path / "out" / "quotes.parquet").num_rows == 2


def _shipped_exports() -> list[Path]:
    exports = sorted((REPO / "annotations" / "exports").glob("*.json"))
    return [p for p in exports if not p.name.endswith(".annotators.json")]


def test_the_shipped_export_labels_every_sample_article_on_its_current_text(
    tmp_path: Path,
) -> None:
    exports = _shipped_exports()
    assert exports, "annotations/exports/ ships no export of the sample's human labels"
    golden = json.loads(GOLDEN_SAMPLE.read_text(encoding="utf-8"))
    sample = {a["id"]: a["content_sha256"] for a in golden["articles"]}
    summary = convert_export(exports[-1], out=tmp_path / "out")
    assert (summary.errors, summary.warnings, summary.cancelled) == (0, 0, 0)
    stance = pq.read_table(tmp_path / "out" / "stance.parquet").to_pylist()
    keys = {
        (t["data"]["article_id"], t["data"]["content_sha256"])
        for t in iter_json_array(exports[-1])
        if t["annotations"]
    }
    assert keys == set(sample.items()), "re-make the labels: scripts/annotate_sample.py"
    assert {s["article_id"] for s in stance} <= set(sample)


def test_the_shipped_export_holds_no_email_address() -> None:
    for path in (REPO / "annotations" / "exports").glob("*.json"):
        found = EMAIL.findall(path.read_text(encoding="utf-8"))
        assert not found, f"{path} holds e-mail addresses {found[:3]}: they must never be shipped"


def test_tables_of_an_empty_export_are_written_with_their_declared_schema(tmp_path: Path) -> None:
    export = tmp_path / "export.json"
    export.write_text("[]", encoding="utf-8")
    config = load_label_config(REPO / "annotations" / "label_config.xml")
    tables_from_export(export, tmp_path, config=config, annotators={}, salt="s")
    for name, declared in (
        ("quotes.parquet", schema.ANNOTATED_QUOTES),
        ("stance.parquet", schema.ANNOTATED_STANCE),
        ("passes.parquet", schema.ANNOTATION_PASSES),
        ("validation.parquet", schema.ANNOTATION_ISSUES),
    ):
        table = pq.read_table(tmp_path / name)
        assert table.num_rows == 0
        assert table.schema.equals(declared, check_metadata=False), name
