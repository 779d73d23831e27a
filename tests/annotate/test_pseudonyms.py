"""Annotator pseudonyms and the salt they are made with (newscorpus.annotate.pseudonyms)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from newscorpus.annotate.pseudonyms import SALT_ENV, SALT_FILE, annotator_salt, namer, pseudonym


def test_pseudonym_is_salted_stable_and_hides_the_email() -> None:
    a = pseudonym("ann1@example.org", "salt-1")
    assert a == pseudonym("ann1@example.org", "salt-1")
    assert a != pseudonym("ann1@example.org", "salt-2")
    assert a.startswith("ann-") and "example" not in a
    with pytest.raises(ValueError):
        pseudonym("ann1@example.org", "")


def test_namer_takes_the_exports_map_first_and_hashes_unknown_user_ids() -> None:
    who = namer({"2": "ann-aaaaaaaaaaaa"}, "salt-1")
    assert who(2) == "ann-aaaaaaaaaaaa"
    assert who(3) == pseudonym("id:3", "salt-1")


def test_a_completed_by_object_is_named_by_its_user_id() -> None:
    """Some exports give `completed_by` as the user object (id, e-mail, names), not the id."""
    who = namer({"2": "ann-aaaaaaaaaaaa"}, "salt-1")
    assert who({"id": 2, "email": "ann2@example.org", "first_name": "A"}) == "ann-aaaaaaaaaaaa"
    assert who({"id": 3, "email": "ann3@example.org"}) == who(3)


def test_salt_file_is_created_once_and_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(SALT_ENV, raising=False)
    salt = annotator_salt(tmp_path)
    assert len(salt) == 32 and annotator_salt(tmp_path) == salt
    assert stat.S_IMODE((tmp_path / SALT_FILE).stat().st_mode) == 0o600
    monkeypatch.setenv(SALT_ENV, "from-env")
    assert annotator_salt(tmp_path) == "from-env"
