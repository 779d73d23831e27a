"""How push reads the corpus (annotate.labelstudio.push.read_articles): streamed through the one
corpus reader, part by part in order, with only the columns it needs. No server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from labelstudio_fixture import article_row

from newscorpus import schema
from newscorpus.annotate.labelstudio import LabelStudioError
from newscorpus.annotate.labelstudio.push import ARTICLE_COLUMNS, read_articles
from newscorpus.errors import UsageError


def _corpus(root: Path, parts: list[list[str]]) -> Path:
    (root / "articles").mkdir(parents=True)
    for n, ids in enumerate(parts):
        rows = [article_row(i, f"Synthetic text of {i}.") for i in ids]
        table = pa.Table.from_pylist(rows, schema=schema.ARTICLES)
        pq.write_table(table, root / "articles" / f"part-{n:05d}.parquet")
    return root


def test_articles_stream_part_by_part_in_corpus_order(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", [["c", "a", "b"], ["e", "d"]])
    rows = read_articles(corpus)
    assert isinstance(rows, Iterator)
    assert [r["id"] for r in rows] == ["c", "a", "b", "e", "d"]


def test_one_parquet_file_is_a_corpus(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", [["c", "a"], ["e"]])
    rows = read_articles(corpus / "articles" / "part-00001.parquet")
    assert [r["id"] for r in rows] == ["e"]


def test_rows_hold_the_columns_push_needs_and_those_where_reads(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", [["a"]])
    (plain,) = read_articles(corpus)
    assert tuple(plain) == ARTICLE_COLUMNS
    (filtered,) = read_articles(corpus, "language == 'en' and len(text) > 3")
    assert tuple(filtered) == (*ARTICLE_COLUMNS, "language")


def test_where_naming_no_article_column_fails_before_the_corpus_is_read(tmp_path: Path) -> None:
    with pytest.raises(LabelStudioError, match="no column 'sourse'"):
        read_articles(tmp_path / "not-read", "sourse == 'x'")


def test_a_folder_without_articles_is_a_usage_error_saying_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="newscorpus normalize"):
        read_articles(tmp_path)
