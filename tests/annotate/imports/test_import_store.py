"""imports/store.py: an import's agreement and annotated articles replace its own origin's,
never another's."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

from newscorpus.annotate.agreement_files import agreement_path, write_agreement_file
from newscorpus.annotate.imports.store import write_agreement, write_labels
from newscorpus.annotate.validate import AnnotationRef

MEASURED = {"articles_with_two_or_more": 3, "spans": {}}


def test_another_origins_agreement_is_never_replaced(tmp_path: Path) -> None:
    other = write_agreement_file(tmp_path, "labelstudio:team", MEASURED)
    before = other.read_bytes()
    path = write_agreement(tmp_path, "brat:polnear", MEASURED)
    assert (
        path
        == agreement_path(tmp_path, "brat:polnear")
        == tmp_path / "agreement" / ("brat-polnear.json")
    )
    assert json.loads(path.read_text("utf-8"))["origin"] == "brat:polnear"
    assert other.read_bytes() == before


def test_an_import_that_measured_nothing_writes_no_agreement(tmp_path: Path) -> None:
    assert write_agreement(tmp_path, "fnc1", {"articles_with_two_or_more": 0}) is None
    assert not (tmp_path / "agreement").exists()
    path = write_agreement(tmp_path, "brat:polnear", MEASURED)
    assert json.loads(path.read_text("utf-8"))["origin"] == "brat:polnear"


def test_a_rerun_that_measured_nothing_drops_only_its_own_stale_figures(tmp_path: Path) -> None:
    write_agreement(tmp_path, "brat:polnear", MEASURED)
    other = write_agreement_file(tmp_path, "labelstudio:team", MEASURED)
    assert write_agreement(tmp_path, "brat:polnear", {"articles_with_two_or_more": 0}) is None
    assert not agreement_path(tmp_path, "brat:polnear").exists()
    assert other.exists()


def test_an_import_never_writes_the_legacy_file(tmp_path: Path) -> None:
    legacy = tmp_path / "agreement.json"
    legacy.write_text(json.dumps({"origin": "brat:polnear", **MEASURED}), encoding="utf-8")
    before = legacy.read_bytes()
    write_agreement(tmp_path, "brat:polnear", MEASURED | {"articles_with_two_or_more": 5})
    assert legacy.read_bytes() == before
    assert not (tmp_path / "agreement.json.tmp").exists()


def _ref(article: str, annotation: str) -> AnnotationRef:
    return AnnotationRef(article, "sha-" + article, None, annotation, "ann-x", False, None)


def test_an_import_replaces_only_its_own_origins_annotated_articles(tmp_path: Path) -> None:
    write_labels(tmp_path, "brat:one", [_ref("a1", "1"), _ref("a2", "2")])
    write_labels(tmp_path, "brat:two", [_ref("a1", "3")])
    write_labels(tmp_path, "brat:one", [_ref("a2", "2")])
    rows = pq.read_table(tmp_path / "gold" / "articles.parquet").to_pylist()
    assert sorted((r["origin"], r["article_id"], r["annotations"]) for r in rows) == [
        ("brat:one", "a2", 1),
        ("brat:two", "a1", 1),
    ]
