"""The tables and files a publish reads: targets.yaml goes through the preannotate parser."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_publish_build import TARGET, TARGET_ID, options_for, write_inputs

from newscorpus.errors import UsageError
from newscorpus.publish.build import publish
from newscorpus.publish.inputs import load_inputs

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
