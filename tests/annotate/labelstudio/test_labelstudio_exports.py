"""Export files: streamed in, written whole, the latest one found (annotate.labelstudio.exports)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscorpus.annotate.labelstudio import LabelStudioError
from newscorpus.annotate.labelstudio.exports import (
    iter_json_array,
    latest_export,
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
