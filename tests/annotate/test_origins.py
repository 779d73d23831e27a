"""Origin descriptions: written once per origin, read back as written, malformed files refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscorpus.annotate.origins import (
    IMPORTED,
    Origin,
    OriginError,
    PublishedAgreement,
    default_description,
    origin_path,
    read_origins,
    write_origin,
)

SYNTHETIC = Origin(
    origin="brat:tiny",
    process=IMPORTED,
    title="Tiny corpus (synthetic, for tests)",
    description="Imported from a synthetic BRAT folder.",
    citation="Nobody, A Tiny Corpus, 2030.",
    published_agreement=PublishedAgreement("span F1", 0.5, "nowhere, section 1"),
    label_map={"agree": "favor"},
)


def test_an_origin_is_read_back_as_written(tmp_path: Path) -> None:
    write_origin(tmp_path, SYNTHETIC)
    assert read_origins(tmp_path) == {"brat:tiny": SYNTHETIC}


def test_the_file_name_is_the_origin_with_colons_and_slashes_as_dashes(tmp_path: Path) -> None:
    assert origin_path(tmp_path, "stance:a/b").name == "stance-a-b.json"
    assert write_origin(tmp_path, SYNTHETIC) == tmp_path / "origins" / "brat-tiny.json"


def test_no_origins_folder_reads_as_no_origins(tmp_path: Path) -> None:
    assert read_origins(tmp_path) == {}


def test_an_unknown_key_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = write_origin(tmp_path, SYNTHETIC)
    path.write_text(json.dumps(SYNTHETIC.to_json() | {"made_by": "x"}), encoding="utf-8")
    with pytest.raises(OriginError, match=r"brat-tiny\.json: unknown key\(s\) made_by"):
        read_origins(tmp_path)


def test_an_unknown_process_is_refused() -> None:
    with pytest.raises(OriginError, match="process 'guessed'"):
        Origin(origin="x", process="guessed", title="x", description="x")


def test_worked_examples_are_described_as_not_a_study() -> None:
    described = default_description("worked-examples")
    assert described is not None and "not a human annotation study" in described.description


def test_imports_get_no_invented_description() -> None:
    assert default_description("brat:polnear") is None
