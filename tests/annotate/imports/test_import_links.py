"""An import folder's files are read only while they stay inside it (links.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from brat_fixture import story_corpus

from newscorpus.annotate.imports.brat_import import BratOptions, read_brat
from newscorpus.errors import UsageError


def test_brat_import_refuses_a_text_linked_out_of_the_folder(tmp_path: Path) -> None:
    folder = story_corpus(tmp_path / "brat")
    secret = tmp_path / "private.txt"
    secret.write_text("synthetic private text\n")
    secret.chmod(0o600)
    text = next((folder / "text").glob("*.txt"))
    text.unlink()
    text.symlink_to(secret)
    options = BratOptions(folder, name="gazette", annotations=tmp_path / "annotations")
    with pytest.raises(UsageError, match="outside") as err:
        read_brat(options)
    assert str(text) in str(err.value)
