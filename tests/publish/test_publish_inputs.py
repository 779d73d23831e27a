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
