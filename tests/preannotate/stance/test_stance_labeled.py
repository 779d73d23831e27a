"""Training pairs from the project's labels tables: targets by id, bodies from the corpus."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newscorpus.errors import UsageError
from newscorpus.hashing import text_sha256
from newscorpus.preannotate.stance.fnc1 import Pair
from newscorpus.preannotate.stance.labeled import read_labeled

TARGETS = """\
version: targets-rules-v1
targets:
  - id: made-up-dam
    target: Quenville builds a new dam
    all: [[Quenville], [dam]]
"""
TEXT = "Synthetic article: Quenville council voted for the dam."


def _parquet(path: Path, rows: list[dict]) -> Path:
    pq.write_table(pa.Table.from_pylist(rows), path)
    return path


def _targets(tmp_path: Path) -> Path:
    path = tmp_path / "targets.yaml"
    path.write_text(TARGETS, encoding="utf-8")
    return path


def test_target_id_and_text_become_a_pair_with_the_models_label(tmp_path):
    labels = _parquet(
        tmp_path / "l.parquet",
        [{"article_id": "a1", "target_id": "made-up-dam", "text": TEXT, "stance": "favor"}],
    )
    pairs = read_labeled(labels, targets=_targets(tmp_path))
    assert pairs == [Pair("Quenville builds a new dam", "a1", TEXT, "agree")]


def test_title_opens_the_body(tmp_path):
    row = {"target": "A claim", "title": "Dam vote", "text": TEXT, "stance": "none"}
    pairs = read_labeled(_parquet(tmp_path / "l.parquet", [row]))
    assert pairs[0].body == f"Dam vote\n\n{TEXT}"
    assert pairs[0].stance == "unrelated"


def test_gold_rows_take_their_text_from_the_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "articles").mkdir(parents=True)
    article = {"id": "a1", "content_sha256": text_sha256(TEXT), "text": TEXT, "title": None}
    _parquet(corpus / "articles" / "part-0.parquet", [article])
    gold = {"article_id": "a1", "content_sha256": text_sha256(TEXT)}
    labels = _parquet(
        tmp_path / "gold.parquet", [{**gold, "target_id": "made-up-dam", "stance": "against"}]
    )
    pairs = read_labeled(labels, targets=_targets(tmp_path), corpus=corpus)
    assert pairs == [Pair("Quenville builds a new dam", "a1", TEXT, "disagree")]


def test_a_changed_article_is_refused(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "articles").mkdir(parents=True)
    article = {"id": "a1", "content_sha256": text_sha256(TEXT), "text": TEXT}
    _parquet(corpus / "articles" / "part-0.parquet", [article])
    row = {"article_id": "a1", "content_sha256": "0" * 64, "target": "A claim", "stance": "none"}
    labels = _parquet(tmp_path / "gold.parquet", [row])
    with pytest.raises(UsageError, match="row 1: article 'a1' changed since it was labeled"):
        read_labeled(labels, corpus=corpus)


def test_an_unknown_stance_is_refused_with_file_and_row(tmp_path):
    rows = [
        {"target": "A claim", "text": TEXT, "stance": "favor"},
        {"target": "A claim", "text": TEXT, "stance": "agree"},
    ]
    labels = _parquet(tmp_path / "l.parquet", rows)
    with pytest.raises(UsageError, match=r"l\.parquet: row 2: unknown stance 'agree'"):
        read_labeled(labels)


def test_an_unknown_target_id_is_refused(tmp_path):
    row = {"target_id": "no-such-target", "text": TEXT, "stance": "favor"}
    labels = _parquet(tmp_path / "l.parquet", [row])
    with pytest.raises(UsageError, match="row 1: target 'no-such-target' is not in the targets"):
        read_labeled(labels, targets=_targets(tmp_path))


def test_a_table_without_stance_says_so(tmp_path):
    labels = _parquet(tmp_path / "l.parquet", [{"target": "A claim", "text": TEXT}])
    with pytest.raises(UsageError, match="no `stance` column"):
        read_labeled(labels)
