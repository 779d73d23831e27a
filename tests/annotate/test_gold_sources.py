"""gold/sources.json: what each origin's gold was resolved from, compared by publish with the
annotation tables it reads. Synthetic rows."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from newscorpus import schema
from newscorpus.annotate.gold_sources import (
    origin_digests,
    read_gold_sources,
    record_gold_sources,
    rows_digest,
)
from newscorpus.errors import UsageError

ROW = {
    "article_id": "a1",
    "content_sha256": "s1",
    "annotation_id": "7",
    "annotator": "ann-1",
    "target_id": "t1",
    "stance": "favor",
}


def _stance_table(*rows: dict) -> dict[str, pa.Table]:
    return {"stance.parquet": pa.Table.from_pylist(list(rows), schema=schema.ANNOTATED_STANCE)}


def test_rows_digest_equals_the_digest_of_the_same_rows_written():
    written = origin_digests(_stance_table(ROW | {"origin": "o"}))
    assert written == {"o": rows_digest("o", [], [ROW], [])}


def test_a_changed_label_changes_the_digest():
    assert rows_digest("o", [], [ROW], []) != rows_digest(
        "o", [], [ROW | {"stance": "against"}], []
    )


def test_row_order_does_not_change_the_digest():
    other = ROW | {"annotation_id": "8"}
    assert rows_digest("o", [], [ROW, other], []) == rows_digest("o", [], [other, ROW], [])


def test_each_origin_has_its_own_digest():
    digests = origin_digests(_stance_table(ROW | {"origin": "o"}, ROW | {"origin": "p"}))
    assert sorted(digests) == ["o", "p"] and digests["o"].annotation_rows == 1


def test_recording_one_origin_keeps_the_others(tmp_path: Path):
    record_gold_sources(tmp_path, {"o": rows_digest("o", [], [ROW], [])})
    record_gold_sources(tmp_path, {"p": rows_digest("p", [], [ROW, ROW], [])})
    assert {o: d.annotation_rows for o, d in read_gold_sources(tmp_path).items()} == {
        "o": 1,
        "p": 2,
    }


def test_a_gold_folder_without_the_record_reads_as_none(tmp_path: Path):
    assert read_gold_sources(tmp_path) is None


def test_an_unreadable_record_is_a_one_line_error_naming_it(tmp_path: Path):
    (tmp_path / "sources.json").write_text("{", encoding="utf-8")
    with pytest.raises(UsageError, match=r"sources\.json: not a record"):
        read_gold_sources(tmp_path)


def test_an_annotation_that_marked_nothing_changes_the_digest():
    # It has no quote or stance row, yet it votes in gold: a pull adding it makes gold stale.
    empty = {"article_id": "a1", "content_sha256": "s1", "annotation_id": "8", "annotator": "b"}
    assert rows_digest("o", [], [ROW], [empty]) != rows_digest("o", [], [ROW], [])
    table = pa.Table.from_pylist([empty | {"origin": "o"}], schema=schema.ANNOTATION_PASSES)
    written = origin_digests(_stance_table(ROW | {"origin": "o"}) | {"passes.parquet": table})
    assert written == {"o": rows_digest("o", [], [ROW], [empty])}
