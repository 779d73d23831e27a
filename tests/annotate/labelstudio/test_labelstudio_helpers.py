"""Pure helpers of the sync stage: --where, --sample, streaming an export, the salt file."""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newscorpus.annotate.labelstudio import LabelStudioError, sync

ROWS = [
    {"id": "a", "source": "Example Gazette", "title": "Tram plan", "text": "x" * 10,
     "published": datetime(2024, 3, 1, tzinfo=UTC)},
    {"id": "b", "source": "Other Post", "title": "Bridge", "text": "y" * 3000,
     "published": datetime(2023, 3, 1, tzinfo=UTC)},
    {"id": "c", "source": "Example Gazette", "title": None, "text": "z", "published": None},
]  # fmt: skip


def _ids(expr: str) -> list[str]:
    keep = sync.compile_where(expr)
    return [r["id"] for r in ROWS if keep(r)]


def test_where_compares_columns_with_literals() -> None:
    assert _ids("source == 'Example Gazette'") == ["a", "c"]
    assert _ids("source != 'Example Gazette' or id in ('c',)") == ["b", "c"]


def test_where_reads_iso_dates_against_timestamps_and_skips_nulls() -> None:
    assert _ids("published >= '2024-01-01'") == ["a"]
    assert _ids("not published >= '2024-01-01'") == ["b", "c"]


def test_where_has_len_lower_and_substring() -> None:
    assert _ids("len(text) > 100") == ["b"]
    assert _ids("'tram' in lower(title)") == ["a"]


@pytest.mark.parametrize(
    "expr", ["__import__('os').system('true')", "text.upper() == 'X'", "id if id else id", "1 +"]
)
def test_where_refuses_anything_else(expr: str) -> None:
    with pytest.raises(LabelStudioError, match="--where"):
        sync.compile_where(expr)(ROWS[0])


def test_where_names_an_unknown_column() -> None:
    with pytest.raises(LabelStudioError, match="no column 'sourse'"):
        sync.compile_where("sourse == 'x'")(ROWS[0])


def test_sample_is_deterministic_and_nested() -> None:
    rows = [{"id": f"art-{i}"} for i in range(50)]
    five, ten = sync.sample_articles(rows, 5), sync.sample_articles(list(reversed(rows)), 10)
    assert [r["id"] for r in five] == [r["id"] for r in ten[:5]]
    assert len({r["id"] for r in ten}) == 10


@pytest.mark.parametrize("chunk", [1, 7, 64, 1 << 20])
def test_iter_json_array_streams_items_across_chunk_boundaries(tmp_path: Path, chunk: int) -> None:
    items = [{"id": i, "text": 'a, [b] {c} "d" ✓ ' * i, "n": [i, None, True]} for i in range(20)]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(items, indent=1, ensure_ascii=False), encoding="utf-8")
    assert list(sync.iter_json_array(path, chunk_chars=chunk)) == items


def test_iter_json_array_of_nothing(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(" [ ] ", encoding="utf-8")
    assert list(sync.iter_json_array(path)) == []


@pytest.mark.parametrize("content", ['{"a": 1}', '[{"a": 1}, {"b": ', "[1, 2"])
def test_iter_json_array_rejects_what_is_not_a_whole_array(tmp_path: Path, content: str) -> None:
    path = tmp_path / "export.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LabelStudioError, match=r"export\.json"):
        list(sync.iter_json_array(path, chunk_chars=4))


def test_salt_file_is_created_once_and_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(sync.SALT_ENV, raising=False)
    salt = sync.annotator_salt(tmp_path)
    assert len(salt) == 32 and sync.annotator_salt(tmp_path) == salt
    assert stat.S_IMODE((tmp_path / sync.SALT_FILE).stat().st_mode) == 0o600
    monkeypatch.setenv(sync.SALT_ENV, "from-env")
    assert sync.annotator_salt(tmp_path) == "from-env"


def test_tables_are_written_with_their_declared_schema_even_when_empty(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    from newscorpus import schema
    from newscorpus.tables import write_rows

    write_rows([], schema.ANNOTATED_QUOTES, tmp_path / "quotes.parquet")
    table = pq.read_table(tmp_path / "quotes.parquet")
    assert table.num_rows == 0
    assert table.schema.equals(schema.ANNOTATED_QUOTES, check_metadata=False)
