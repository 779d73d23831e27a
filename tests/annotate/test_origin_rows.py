"""origin_rows.py: a writer's rows replace its own origin's, never another's."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from newscorpus import schema
from newscorpus.annotate.origin_rows import recorded, replace_rows


def _tie(article: str, origin: str | None = None) -> dict:
    return {"article_id": article, "content_sha256": "h", "item": "quote", "votes": "marked=1",
            "origin": origin}  # fmt: skip


def test_rows_of_the_origin_are_replaced_and_others_kept(tmp_path: Path) -> None:
    path = tmp_path / "stance.parquet"
    row = {"article_id": "a", "content_sha256": "h", "annotation_id": "x", "annotator": "p",
           "target_id": "t", "stance": "favor"}  # fmt: skip
    replace_rows(path, schema.ANNOTATED_STANCE, [row | {"origin": "fnc1"}], origins={"fnc1"})
    replace_rows(
        path, schema.ANNOTATED_STANCE, [row | {"origin": "stance:x"}], origins={"stance:x"}
    )
    kept = replace_rows(path, schema.ANNOTATED_STANCE, [], origins={"fnc1"})
    assert kept == 1
    assert pq.read_table(path)["origin"].to_pylist() == ["stance:x"]


def test_ties_without_an_origin_are_replaced_on_the_writers_articles_only(tmp_path: Path) -> None:
    path = tmp_path / "adjudication.parquet"
    replace_rows(path, schema.ADJUDICATION, [_tie("a"), _tie("b")], article_ids={"a", "b"})
    replace_rows(path, schema.ADJUDICATION, [_tie("a", "x")], origins={"x"}, article_ids={"a"})
    ties = pq.read_table(path).to_pylist()
    assert sorted((t["article_id"], str(t["origin"])) for t in ties) == [("a", "x"), ("b", "None")]


def test_ties_of_another_origin_on_the_same_article_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "adjudication.parquet"
    replace_rows(path, schema.ADJUDICATION, [_tie("a", "x")], origins={"x"}, article_ids={"a"})
    replace_rows(path, schema.ADJUDICATION, [_tie("a", "y")], origins={"y"}, article_ids={"a"})
    replace_rows(path, schema.ADJUDICATION, [_tie("a", "x")], origins={"x"}, article_ids={"a"})
    assert sorted(pq.read_table(path)["origin"].to_pylist()) == ["x", "y"]


def _gold(origin: str | None) -> dict:
    return {"article_id": "a", "content_sha256": "h", "target_id": "t", "stance": "none",
            "resolution": "single", "support": 1, "annotations": 1, "origin": origin}  # fmt: skip


def test_rows_without_an_origin_are_replaced_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "stance.parquet"
    replace_rows(path, schema.GOLD_STANCE, [_gold(None), _gold("fnc1")], origins={"fnc1"})
    replace_rows(path, schema.GOLD_STANCE, [_gold("x")], origins={"x"})
    assert sorted(pq.read_table(path)["origin"].to_pylist(), key=str) == [None, "fnc1", "x"]
    replace_rows(path, schema.GOLD_STANCE, [_gold("x")], origins={"x"}, unrecorded=True)
    assert sorted(pq.read_table(path)["origin"].to_pylist()) == ["fnc1", "x"]


def test_recorded_values_are_those_of_the_annotations_asked(tmp_path: Path) -> None:
    path = tmp_path / "stance.parquet"
    row = {"article_id": "a", "content_sha256": "h", "annotator": "p", "target_id": "t"}
    rows = [
        row | {"annotation_id": n, "origin": o} for n, o in (("1", "x"), ("2", None), ("3", "y"))
    ]
    replace_rows(path, schema.ANNOTATED_STANCE, rows)
    found = recorded([path, tmp_path / "absent.parquet"], {("a", "1"), ("a", "2"), ("b", "3")})
    assert found == {("a", "1"): "x"}
