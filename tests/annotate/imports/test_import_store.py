"""imports/store.py: an import's rows replace its own origin's, never another's."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

from newscorpus import schema
from newscorpus.annotate.imports.store import replace_rows, write_agreement

MEASURED = {"articles_with_two_or_more": 3, "spans": {}}


def _tie(article: str) -> dict:
    return {"article_id": article, "content_sha256": "h", "item": "quote", "votes": "marked=1"}


def test_rows_of_the_origin_are_replaced_and_others_kept(tmp_path: Path) -> None:
    path = tmp_path / "stance.parquet"
    row = {"article_id": "a", "content_sha256": "h", "annotation_id": "x", "annotator": "p",
           "target_id": "t", "stance": "favor"}  # fmt: skip
    replace_rows(path, schema.ANNOTATED_STANCE, [row | {"origin": "fnc1"}], origin="fnc1")
    replace_rows(path, schema.ANNOTATED_STANCE, [row | {"origin": "stance:x"}], origin="stance:x")
    kept = replace_rows(path, schema.ANNOTATED_STANCE, [], origin="fnc1")
    assert kept == 1
    assert pq.read_table(path)["origin"].to_pylist() == ["stance:x"]


def test_a_table_without_origin_is_replaced_by_article(tmp_path: Path) -> None:
    path = tmp_path / "adjudication.parquet"
    replace_rows(path, schema.ADJUDICATION, [_tie("a"), _tie("b")], article_ids={"a", "b"})
    replace_rows(path, schema.ADJUDICATION, [_tie("a")], article_ids={"a"})
    assert sorted(pq.read_table(path)["article_id"].to_pylist()) == ["a", "b"]


def test_another_origins_agreement_is_never_replaced(tmp_path: Path) -> None:
    (tmp_path / "agreement.json").write_text(json.dumps(MEASURED), encoding="utf-8")
    assert write_agreement(tmp_path, "brat:polnear", MEASURED) is None
    assert "origin" not in json.loads((tmp_path / "agreement.json").read_text("utf-8"))


def test_an_import_that_measured_nothing_writes_no_agreement(tmp_path: Path) -> None:
    assert write_agreement(tmp_path, "fnc1", {"articles_with_two_or_more": 0}) is None
    assert not (tmp_path / "agreement.json").exists()
    path = write_agreement(tmp_path, "brat:polnear", MEASURED)
    assert json.loads(path.read_text("utf-8"))["origin"] == "brat:polnear"
