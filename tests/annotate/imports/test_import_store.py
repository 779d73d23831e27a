"""imports/store.py: an import's agreement never replaces another origin's figures."""

from __future__ import annotations

import json
from pathlib import Path

from newscorpus.annotate.imports.store import write_agreement

MEASURED = {"articles_with_two_or_more": 3, "spans": {}}


def test_another_origins_agreement_is_never_replaced(tmp_path: Path) -> None:
    (tmp_path / "agreement.json").write_text(json.dumps(MEASURED), encoding="utf-8")
    assert write_agreement(tmp_path, "brat:polnear", MEASURED) is None
    assert "origin" not in json.loads((tmp_path / "agreement.json").read_text("utf-8"))


def test_an_import_that_measured_nothing_writes_no_agreement(tmp_path: Path) -> None:
    assert write_agreement(tmp_path, "fnc1", {"articles_with_two_or_more": 0}) is None
    assert not (tmp_path / "agreement.json").exists()
    path = write_agreement(tmp_path, "brat:polnear", MEASURED)
    assert json.loads(path.read_text("utf-8"))["origin"] == "brat:polnear"
