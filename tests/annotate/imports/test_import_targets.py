"""imports/targets.py: imported targets' ids and tables, and the one reader of target texts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newscorpus.annotate.imports.targets import target_id, target_texts, write_targets
from newscorpus.errors import UsageError

YAML = """version: targets-rules-v1
targets:
  - id: tram-by-may
    target: The tram will run by May
    kind: claim
    all:
      - [tram]
"""


def test_a_target_id_is_its_origin_and_a_hash_with_no_word_of_the_text() -> None:
    tid = target_id("fnc1", "Zombie Cat Claws Its Way Out of the Grave")
    assert re.fullmatch(r"fnc1-[0-9a-f]{12}", tid)


def test_the_same_claim_gets_the_same_id_whatever_its_spacing() -> None:
    assert target_id("fnc1", "Tram  runs\nby May") == target_id("fnc1", "Tram runs by May")
    assert target_id("fnc1", "Tram runs by May") != target_id("fnc1", "Tram runs by June")


def test_ids_are_lower_case_ascii_like_the_hand_written_ones() -> None:
    tid = target_id("stance:My_File", "Café ÉLAN closes")
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", tid)
    assert tid.startswith("stance-my-file-")
    assert "cafe" not in tid


def test_texts_come_from_the_yaml_file_and_the_imported_tables(tmp_path: Path) -> None:
    (tmp_path / "targets.yaml").write_text(YAML, encoding="utf-8")
    write_targets(tmp_path, "fnc1", {"fnc1-0123456789ab": "The depot closes"})
    assert target_texts(tmp_path) == {
        "tram-by-may": "The tram will run by May",
        "fnc1-0123456789ab": "The depot closes",
    }


def test_one_id_with_two_texts_is_refused(tmp_path: Path) -> None:
    (tmp_path / "targets.yaml").write_text(YAML, encoding="utf-8")
    write_targets(tmp_path, "fnc1", {"tram-by-may": "Another text"})
    with pytest.raises(UsageError, match=r"target tram-by-may is in targets\.yaml"):
        target_texts(tmp_path)
