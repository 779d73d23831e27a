"""The tables and files a publish reads: targets.yaml goes through the preannotate parser; the
articles an origin annotated (gold/articles.parquet) have quote labels even with no quote."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from test_publish_build import TARGET, TARGET_ID, options_for, write_inputs
from test_publish_rows import task_with_an_empty_annotation

from newscorpus.annotate.labelstudio.agreement_report import agreement_from_export
from newscorpus.annotate.labelstudio.pull import convert_export
from newscorpus.errors import UsageError
from newscorpus.labels import HUMAN, LABEL_SOURCES, MACHINE
from newscorpus.publish.build import publish
from newscorpus.publish.inputs import ArticleIndex, PublishInputs, load_inputs

VALID_TARGETS = f"""\
version: targets-rules-v1
targets:
  - id: {TARGET_ID}
    target: "  The council plan, as the curators word it.  "
    all:
      - [council]
"""
# `claim:` instead of `target:`: a key the preannotate parser does not know.
REJECTED_TARGETS = f"""\
targets:
  - id: {TARGET_ID}
    claim: The council plan.
    all:
      - [council]
"""


def _inputs_with_targets(root: Path, targets_yaml: str) -> None:
    write_inputs(root, n=4, human=0)
    (root / "annotations" / "targets.yaml").write_text(targets_yaml, encoding="utf-8")


def test_target_texts_come_from_targets_yaml_before_the_suggestions(tmp_path):
    _inputs_with_targets(tmp_path, VALID_TARGETS)
    inputs = load_inputs(tmp_path / "corpus", tmp_path / "annotations")
    assert inputs.target_texts == {TARGET_ID: "The council plan, as the curators word it."}


def test_without_targets_yaml_the_suggestions_name_the_targets(tmp_path):
    write_inputs(tmp_path, n=4, human=0)
    inputs = load_inputs(tmp_path / "corpus", tmp_path / "annotations")
    assert inputs.target_texts == {TARGET_ID: TARGET}


def test_a_targets_file_preannotate_rejects_stops_the_publish_naming_file_and_field(tmp_path):
    _inputs_with_targets(tmp_path, REJECTED_TARGETS)
    with pytest.raises(UsageError, match=r"targets\.yaml: target 'council-plan': `target` must"):
        publish(options_for(tmp_path, baseline=False))
    assert not (tmp_path / "dist").exists()


def _secret(tmp_path: Path) -> Path:
    secret = tmp_path / "private" / "statement.md"
    secret.parent.mkdir()
    secret.write_text("synthetic private note\n")
    secret.chmod(0o600)
    return secret


def test_publish_refuses_an_annotations_file_linked_out_of_its_folder(tmp_path):
    write_inputs(tmp_path, n=4, human=0)
    link = tmp_path / "annotations" / "annotators.md"  # the card quotes it
    link.symlink_to(_secret(tmp_path))
    with pytest.raises(UsageError, match="outside") as err:
        publish(options_for(tmp_path, baseline=False))
    assert str(link) in str(err.value)
    assert not (tmp_path / "dist").exists()


def test_publish_refuses_a_corpus_part_linked_out_of_the_corpus(tmp_path):
    write_inputs(tmp_path, n=4, human=0)
    parts = tmp_path / "corpus" / "articles"
    elsewhere = tmp_path / "elsewhere.parquet"
    (parts / "part-00000.parquet").rename(elsewhere)
    (parts / "part-00000.parquet").symlink_to(elsewhere)
    with pytest.raises(UsageError, match=r"part-00000.parquet is a symbolic link"):
        load_inputs(tmp_path / "corpus", tmp_path / "annotations")


def test_publish_reads_a_table_linked_inside_its_folder(tmp_path):
    write_inputs(tmp_path, n=4, human=0)
    predictions = tmp_path / "annotations" / "predictions"
    (predictions / "targets.parquet").rename(predictions / "targets-v1.parquet")
    (predictions / "targets.parquet").symlink_to("targets-v1.parquet")
    assert load_inputs(tmp_path / "corpus", tmp_path / "annotations").predicted_targets


NEGATIVE_ORIGIN = "labelstudio:second project"


def _export_with_an_empty_annotation(folder: Path, article: dict) -> Path:
    """A one-task Label Studio export (its JSON format) of `article`: the annotator read it,
    marked no quote, and the task asked about no target."""
    export = folder / "export-20260201T090500000000Z-p2.json"
    export.parent.mkdir(parents=True, exist_ok=True)
    export.write_text(json.dumps([task_with_an_empty_annotation(article)]))
    return export


def test_an_article_annotated_in_label_studio_with_no_quote_is_published_with_none(tmp_path):
    written = write_inputs(tmp_path, n=4, human=0)
    article = written["articles"][0]
    export = _export_with_an_empty_annotation(tmp_path / "annotations" / "exports", article)
    kept = convert_export(export, out=tmp_path / "annotations", origin=NEGATIVE_ORIGIN).export_file
    agreement_from_export(kept, out=tmp_path / "annotations", origin=NEGATIVE_ORIGIN)
    publish(options_for(tmp_path))
    rows = {
        r["article_id"]: r
        for r in pq.read_table(tmp_path / "dist" / "1.0.0" / "data" / "quotes").to_pylist()
    }
    row = rows[article["id"]]
    assert (LABEL_SOURCES[row["label_source"]], row["origin"], row["annotators"]) == (
        HUMAN,
        NEGATIVE_ORIGIN,
        1,
    )
    assert row["quotes"] == []
    others = {LABEL_SOURCES[r["label_source"]] for i, r in rows.items() if i != article["id"]}
    assert others == {MACHINE}


def _gold_articles(origins: list[str | None]) -> ArticleIndex:
    rows = {
        "article_id": [f"a{i}" for i in range(len(origins))],
        "content_sha256": ["s"] * len(origins),
        "annotators": [["p"]] * len(origins),
        "origin": origins,
    }
    return ArticleIndex(pa.table(rows))


def test_articles_annotated_for_quotes_have_quote_labels_a_stance_import_does_not():
    inputs = PublishInputs(
        article_files=[],
        article_keys=pa.table({"id": pa.array([], pa.string())}),
        gold_articles=_gold_articles(["brat:gazette", "fnc1", "stance:pairs", None]),
    )
    # An unrecorded origin is a Label Studio campaign's (annotate.origins.labels_quotes).
    assert inputs.quote_articles == {"a0", "a3"}


def test_an_article_whose_only_quote_is_tied_is_no_negative_example():
    inputs = PublishInputs(
        article_files=[],
        article_keys=pa.table({"id": pa.array([], pa.string())}),
        gold_articles=_gold_articles(["brat:gazette", "brat:gazette"]),
        quote_ties=frozenset({"a1"}),
    )
    assert inputs.quote_articles == {"a0"}


def test_an_article_with_a_gold_quote_beside_a_tie_keeps_its_quote_labels():
    gold = pa.table({"article_id": ["a1"], "start": [0], "end": [4]})
    inputs = PublishInputs(
        article_files=[],
        article_keys=pa.table({"id": pa.array([], pa.string())}),
        gold_quotes=ArticleIndex(gold, ("start", "end")),
        gold_articles=_gold_articles(["brat:gazette", "brat:gazette"]),
        quote_ties=frozenset({"a1"}),
    )
    assert inputs.quote_articles == {"a0", "a1"}
