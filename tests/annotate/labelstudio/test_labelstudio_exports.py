"""Export files: streamed in, written whole, the latest one found (annotate.labelstudio.exports)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscorpus.annotate.labelstudio import LabelStudioError
from newscorpus.annotate.labelstudio.exports import (
    PULLS,
    iter_json_array,
    latest_export,
    latest_exports,
    record_pull,
    write_json_array,
)


@pytest.mark.parametrize("chunk", [1, 7, 64, 1 << 20])
def test_iter_json_array_streams_items_across_chunk_boundaries(tmp_path: Path, chunk: int) -> None:
    items = [{"id": i, "text": 'a, [b] {c} "d" ✓ ' * i, "n": [i, None, True]} for i in range(20)]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(items, indent=1, ensure_ascii=False), encoding="utf-8")
    assert list(iter_json_array(path, chunk_chars=chunk)) == items


def test_iter_json_array_of_nothing(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(" [ ] ", encoding="utf-8")
    assert list(iter_json_array(path)) == []


@pytest.mark.parametrize("content", ['{"a": 1}', '[{"a": 1}, {"b": ', "[1, 2"])
def test_iter_json_array_rejects_what_is_not_a_whole_array(tmp_path: Path, content: str) -> None:
    path = tmp_path / "export.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LabelStudioError, match=r"export\.json"):
        list(iter_json_array(path, chunk_chars=4))


def test_a_written_array_streams_back_item_by_item(tmp_path: Path) -> None:
    items = [{"id": i, "data": {"text": "ü " * i}} for i in range(5)]
    write_json_array(items, tmp_path / "exports" / "brat-1.json")
    assert list(iter_json_array(tmp_path / "exports" / "brat-1.json", chunk_chars=8)) == items
    assert not list((tmp_path / "exports").glob("*.part"))


def test_latest_export_skips_annotator_maps(tmp_path: Path) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    for name in ("export-1-p1.json", "export-2-p1.json", "export-2-p1.annotators.json"):
        (exports / name).write_text("[]", encoding="utf-8")
    assert latest_export(tmp_path) == exports / "export-2-p1.json"


def test_no_export_to_read_says_to_pull_first(tmp_path: Path) -> None:
    with pytest.raises(LabelStudioError, match="ls pull"):
        latest_export(tmp_path)


def _kept(folder: Path, *names: str) -> list[Path]:
    exports = folder / "exports"
    exports.mkdir(exist_ok=True)
    for name in names:
        (exports / name).write_text("[]", encoding="utf-8")
    return [exports / name for name in names]


def test_the_latest_export_is_the_one_pulled_last_not_the_last_by_name(tmp_path: Path) -> None:
    # A file downloaded from the Label Studio UI sorts after ls pull's `export-<stamp>` names.
    ui, pulled = _kept(tmp_path, "project-1-at-2024-05-07-10-00-3f2a1b.json", "export-2-p1.json")
    record_pull(ui)
    record_pull(pulled)
    assert latest_exports(tmp_path) == [pulled, ui]


def test_an_export_pulled_again_becomes_the_latest_again(tmp_path: Path) -> None:
    older, newer = _kept(tmp_path, "export-1-p1.json", "export-2-p1.json")
    for path in (older, newer, older):
        record_pull(path)
    assert latest_export(tmp_path) == older


def test_exports_with_no_recorded_pull_come_after_the_recorded_ones_by_name(
    tmp_path: Path,
) -> None:
    pulled, old_1, old_2 = _kept(
        tmp_path, "export-1-p1.json", "export-2-p1.json", "export-3-p1.json"
    )
    record_pull(pulled)
    assert latest_exports(tmp_path) == [pulled, old_2, old_1]


def test_a_damaged_pull_record_is_a_one_line_error_naming_it(tmp_path: Path) -> None:
    (pulled,) = _kept(tmp_path, "export-1-p1.json")
    record_pull(pulled)
    with open(tmp_path / "exports" / PULLS, "a", encoding="utf-8") as fh:
        fh.write("not json\n")
    with pytest.raises(LabelStudioError, match=rf"{PULLS} line 2") as err:
        latest_export(tmp_path)
    assert "\n" not in str(err.value)
