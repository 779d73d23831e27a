"""Which articles push sends: `--where` and `--sample` (annotate.labelstudio.select): pure."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from newscorpus.annotate.labelstudio import LabelStudioError
from newscorpus.annotate.labelstudio.select import (
    compile_where,
    sample_articles,
    select_articles,
    where_columns,
)

ROWS = [
    {"id": "a", "source": "Example Gazette", "title": "Tram plan", "text": "x" * 10,
     "published": datetime(2024, 3, 1, tzinfo=UTC)},
    {"id": "b", "source": "Other Post", "title": "Bridge", "text": "y" * 3000,
     "published": datetime(2023, 3, 1, tzinfo=UTC)},
    {"id": "c", "source": "Example Gazette", "title": None, "text": "z", "published": None},
]  # fmt: skip


def _ids(expr: str) -> list[str]:
    keep = compile_where(expr)
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
        compile_where(expr)(ROWS[0])


def test_where_names_an_unknown_column() -> None:
    with pytest.raises(LabelStudioError, match="no column 'sourse'"):
        compile_where("sourse == 'x'")(ROWS[0])


def test_sample_is_deterministic_and_nested() -> None:
    rows = [{"id": f"art-{i}"} for i in range(50)]
    five, ten = sample_articles(rows, 5), sample_articles(list(reversed(rows)), 10)
    assert [r["id"] for r in five] == [r["id"] for r in ten[:5]]
    assert len({r["id"] for r in ten}) == 10


def test_sample_of_a_stream_equals_the_sample_of_the_list() -> None:
    rows = [{"id": f"art-{i}"} for i in range(50)]
    by_hash = sample_articles(rows, 50)
    assert [r["id"] for r in sample_articles(iter(rows), 7)] == [r["id"] for r in by_hash[:7]]


def _counting(rows: list[dict[str, Any]], seen: list[str]) -> Iterator[dict[str, Any]]:
    for row in rows:
        seen.append(row["id"])
        yield row


def test_selection_without_a_sample_streams_the_rows_in_their_order() -> None:
    seen: list[str] = []
    selected = iter(select_articles(_counting(ROWS, seen), "source == 'Example Gazette'"))
    assert next(selected)["id"] == "a" and seen == ["a"]
    assert [r["id"] for r in selected] == ["c"]


def test_selection_with_a_sample_filters_before_sampling() -> None:
    rows = [{"id": f"art-{i}", "n": i} for i in range(50)]
    picked = select_articles(iter(rows), "n >= 10", 5)
    assert picked == sample_articles([r for r in rows if r["n"] >= 10], 5)


def test_a_bad_expression_fails_before_any_row_is_read() -> None:
    seen: list[str] = []
    with pytest.raises(LabelStudioError, match="--where"):
        select_articles(_counting(ROWS, seen), "text.upper() == 'X'")
    assert seen == []


def test_where_columns_are_the_names_read_not_the_functions() -> None:
    assert where_columns("'tram' in lower(title) and len(text) > 2000 or id == 'x'") == {
        "title",
        "text",
        "id",
    }
