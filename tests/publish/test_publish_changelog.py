"""Semver rules and schema comparison between published versions (no data needed)."""

from __future__ import annotations

import json

import pytest
from datasets import ClassLabel, Features, List, Value

from newscorpus.errors import UsageError
from newscorpus.publish.changelog import (
    check_semver,
    folder_version,
    parse_version,
    previous_version,
    schema_changes,
)
from newscorpus.publish.configs import features_for

V1 = Features({"id": Value("string"), "label": ClassLabel(names=["favor", "against"])})


def test_versions_compare_as_numbers_not_strings():
    assert parse_version("1.10.0") > parse_version("1.9.3")


@pytest.mark.parametrize(
    "version",
    [
        "1.2.3\n",
        "1.2.3\n\n",
        " 1.2.3",
        "1.2.3 ",
        "1.2.3\t",
        "1.2\n.3",
        "\u0661.2.3",
        "1" * 5000 + ".0.0",
    ],
)
def test_a_version_with_a_trailing_newline_or_whitespace_is_refused(version):
    """A trailing newline, whitespace, another script's digits or a part too long for `int`."""
    with pytest.raises(UsageError, match="is not semver") as err:
        parse_version(version)
    assert len(str(err.value)) < 200


def test_a_folder_named_with_a_trailing_newline_is_no_previous_version(tmp_path):
    for name in ("1.0.0", "1.1.0\n"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "README.md").write_text("---\n---\n")
    assert previous_version(tmp_path, "1.2.0") == tmp_path / "1.0.0"


def test_previous_version_is_the_newest_older_published_folder(tmp_path):
    for name in ("0.9.0", "1.2.0", "1.10.0", "2.0.0", "notes"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "README.md").write_text("---\n---\n")
    (tmp_path / "1.11.0").mkdir()  # unfinished: no card
    assert previous_version(tmp_path, "1.12.0") == tmp_path / "1.10.0"
    assert previous_version(tmp_path, "0.9.0") is None


def test_previous_version_finds_a_folder_by_the_version_it_holds_not_its_name(tmp_path):
    for name, holds in (("0.2.0", "0.2.0"), ("rel", "0.3.0"), (".rel-partial", "0.3.5")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "README.md").write_text("---\n---\n")
        (tmp_path / name / "croissant.json").write_text(json.dumps({"version": holds}))
    assert previous_version(tmp_path, "0.4.0") == tmp_path / "rel"
    assert folder_version(tmp_path / "rel") == "0.3.0"


def test_identical_features_have_no_changes():
    features = {c: features_for(c) for c in ("articles", "quotes")}
    assert schema_changes(features, {c: features_for(c) for c in features}) == []


def test_an_added_field_is_not_breaking():
    after = Features({**V1, "note": Value("string")})
    (change,) = schema_changes({"stance": V1}, {"stance": after})
    assert (change.field, change.change, change.breaking) == ("note", "added", False)


def test_renamed_class_names_are_a_breaking_change():
    after = Features({"id": Value("string"), "label": ClassLabel(names=["pro", "con"])})
    (change,) = schema_changes({"stance": V1}, {"stance": after})
    assert change.change == "changed" and change.breaking


def test_a_field_inside_a_list_of_structs_is_compared():
    before = Features({"quotes": List({"start": Value("int32")})})
    after = Features({"quotes": List({"start": Value("int64")})})
    (change,) = schema_changes({"quotes": before}, {"quotes": after})
    assert change.field == "quotes[].start" and change.before == "int32"


def test_a_removed_config_is_breaking():
    (change,) = schema_changes({"stance": V1}, {})
    assert change.config == "stance" and change.field is None and change.breaking


def test_a_schema_break_needs_a_major_bump():
    changes = schema_changes({"stance": V1}, {"stance": Features({"id": Value("string")})})
    with pytest.raises(UsageError, match=r"e\.g\. 2\.0\.0"):
        check_semver("1.1.0", "1.0.0", changes)
    check_semver("2.0.0", "1.0.0", changes)


def test_before_1_0_a_minor_bump_may_break_the_schema():
    changes = schema_changes({"stance": V1}, {})
    check_semver("0.3.0", "0.2.5", changes)
    with pytest.raises(UsageError, match=r"e\.g\. 0\.3\.0"):
        check_semver("0.2.6", "0.2.5", changes)


def test_additions_pass_with_a_minor_bump():
    after = Features({**V1, "note": Value("string")})
    check_semver("1.1.0", "1.0.0", schema_changes({"s": V1}, {"s": after}))
