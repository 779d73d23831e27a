"""dependents.py: which inputs' duplicate rows point at an article the corpus no longer holds."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newscorpus import schema
from newscorpus.normalize.dependents import EXACT_DUPLICATE_DETAIL, dangling_keys


def _table(out: Path, folder: str, rows: list[dict], table_schema: pa.Schema) -> None:
    (out / folder).mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=table_schema), out / folder / "part-0.parquet")


def _article(article_id: str, source_file: str, duplicate_of: str | None = None) -> dict:
    return {
        "id": article_id,
        "source_file": source_file,
        "text": "t",
        "raw_sha256": source_file,
        "content_sha256": article_id,
        "duplicate_of": duplicate_of,
    }


def _exact(source_file: str, detail: str, reason: str = "exact_duplicate") -> dict:
    return {
        "source_file": source_file,
        "reason": reason,
        "detail": detail,
        "raw_sha256": source_file,
    }


def test_only_rows_pointing_at_a_missing_article_are_dangling(tmp_path: Path) -> None:
    articles = [
        _article("aa", "a"),
        _article("bb", "b", duplicate_of="aa"),  # its head is there
        _article("cc", "c", duplicate_of="ff"),  # its head is gone
        _article("dd", "d", duplicate_of="dd"),  # heads itself
    ]
    rejects = [
        _exact("e", EXACT_DUPLICATE_DETAIL.format("aa")),
        _exact("g", EXACT_DUPLICATE_DETAIL.format("ff")),
        _exact("h", "a detail naming no article"),
        _exact("i", EXACT_DUPLICATE_DETAIL.format("ff"), reason="empty"),
    ]
    _table(tmp_path, "articles", articles, schema.ARTICLES)
    _table(tmp_path, "rejects", rejects, schema.REJECTS)
    assert dangling_keys(tmp_path) == {("c", "c"), ("d", "d"), ("g", "g")}


def test_a_corpus_without_tables_has_nothing_dangling(tmp_path: Path) -> None:
    assert dangling_keys(tmp_path) == set()
