"""imports/fnc1.py: FNC-1 bodies and stances -> articles, a target per headline, mapped stances."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newscorpus.annotate.imports.fnc1 import Fnc1Options, import_fnc1
from newscorpus.annotate.imports.presets import FNC1_LABEL_MAP
from newscorpus.annotate.origins import read_origins
from newscorpus.tables import corpus_files, iter_corpus

# Synthetic bodies and headlines in FNC-1's layout.
BODIES = [("7", "The depot closed on Monday.\n\nWorkers were surprised."),
          ("9", "A cat was seen on the tram roof.")]  # fmt: skip
STANCES = [
    ("Depot closes for good", "7", "agree"),
    ("Depot closes for good", "7", "agree"),  # FNC-1 repeats some pairs
    ("Depot to stay open", "7", "disagree"),
    ("Cat rides tram", "9", "discuss"),
    ("Depot closes for good", "9", "unrelated"),
]


def _write(folder: Path) -> Path:
    folder.mkdir()
    with (folder / "bodies.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([("Body ID", "articleBody"), *BODIES])
    with (folder / "stances.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([("Headline", "Body ID", "Stance"), *STANCES])
    return folder


@pytest.fixture
def options(tmp_path: Path) -> Fnc1Options:
    return Fnc1Options(_write(tmp_path / "fnc1"), tmp_path / "corpus", tmp_path / "ann")


def test_the_label_map_is_the_stance_models(options: Fnc1Options) -> None:
    from newscorpus.preannotate.stance.model import LABEL_MAP

    assert FNC1_LABEL_MAP == LABEL_MAP


def test_pairs_become_mapped_stance_rows_one_per_article_and_headline(options: Fnc1Options) -> None:
    s = import_fnc1(options)
    rows = pq.read_table(options.annotations / "stance.parquet").to_pylist()
    assert (s.labels_read, len(rows), s.built.repeats) == (5, 4, 1)
    assert sorted(r["stance"] for r in rows) == ["against", "favor", "neutral", "none"]
    assert {r["origin"] for r in rows} == {"fnc1"}
    assert s.labels.gold_stance == 4


def test_each_headline_is_a_target_of_its_own(options: Fnc1Options) -> None:
    s = import_fnc1(options)
    assert sorted(s.built.targets.values()) == [
        "Cat rides tram",
        "Depot closes for good",
        "Depot to stay open",
    ]
    table = pq.read_table(options.annotations / "targets" / "fnc1.parquet")
    assert table.num_rows == 3


def test_bodies_are_articles_with_no_license(options: Fnc1Options) -> None:
    import_fnc1(options)
    columns = ["id", "license", "input_format", "record_index"]
    rows = [r for b in iter_corpus(corpus_files(options.corpus), columns) for r in b]
    assert [(r["license"], r["input_format"], r["record_index"]) for r in rows] == [
        (None, "fnc1", 0),
        (None, "fnc1", 1),
    ]


def test_the_origin_records_the_label_map_for_the_card(options: Fnc1Options) -> None:
    s = import_fnc1(options)
    origin = read_origins(options.annotations)["fnc1"]
    assert origin.label_map == FNC1_LABEL_MAP and origin.license is None
    report = json.loads(s.report_file.read_text(encoding="utf-8"))
    assert report["source_labels"] == {"agree": 2, "disagree": 1, "discuss": 1, "unrelated": 1}


def test_running_it_again_gives_the_same_tables(options: Fnc1Options) -> None:
    def digests() -> dict[str, bytes]:
        folders = (options.corpus, options.annotations)
        return {str(p): p.read_bytes() for f in folders for p in sorted(f.rglob("*.parquet"))}

    import_fnc1(options)
    first = digests()
    import_fnc1(options)
    assert digests() == first


def test_another_imports_articles_and_labels_stay(options: Fnc1Options, tmp_path: Path) -> None:
    from newscorpus.annotate.imports.stance import StanceOptions, import_stance

    labels = tmp_path / "mine.jsonl"
    row = {"text": "The ferry stopped running in June.", "target": "Ferry", "stance": "none"}
    labels.write_text(json.dumps(row) + "\n", encoding="utf-8")
    import_stance(StanceOptions(labels, options.corpus, options.annotations))
    import_fnc1(options)
    import_fnc1(options)
    origins = pq.read_table(options.annotations / "gold" / "stance.parquet")["origin"]
    assert sorted(set(origins.to_pylist())) == ["fnc1", "stance:mine"]
    ids = [r["id"] for b in iter_corpus(corpus_files(options.corpus), ["id"]) for r in b]
    assert len(ids) == len(set(ids)) == 3
