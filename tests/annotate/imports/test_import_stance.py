"""imports/stance.py: a generic table of (article, target, stance) rows -> articles, targets,
stance rows and gold of origin stance:<file stem>."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newscorpus.annotate.imports.stance import StanceOptions, import_stance
from newscorpus.annotate.imports.stance_labels import map_label
from newscorpus.annotate.imports.targets import target_texts
from newscorpus.errors import UsageError
from newscorpus.normalize.text import article_id, normalize_text
from newscorpus.tables import corpus_files, iter_corpus

# Synthetic.
DEPOT = "The council closed the depot on Monday.\n\nWorkers said they were not told."
TRAM = "The tram opened in May.\n\nRiders said it was late."


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _options(tmp_path: Path, file: Path, **kw) -> StanceOptions:
    return StanceOptions(file, corpus=tmp_path / "corpus", annotations=tmp_path / "ann", **kw)


def _stance(tmp_path: Path) -> list[dict]:
    return pq.read_table(tmp_path / "ann" / "stance.parquet").to_pylist()


def test_texts_become_articles_and_targets_get_ids(tmp_path: Path) -> None:
    rows = [
        {"text": DEPOT, "target": "The depot should stay open", "stance": "against"},
        {"text": DEPOT, "target": "Workers were warned", "stance": "against"},
        {"text": TRAM, "target": "The tram was late", "stance": "favor", "source": "gazette"},
    ]
    s = import_stance(_options(tmp_path, _jsonl(tmp_path / "labels.jsonl", rows)))
    ids = {r["id"] for b in iter_corpus(corpus_files(tmp_path / "corpus"), ["id"]) for r in b}
    assert ids == {article_id(normalize_text(DEPOT)), article_id(normalize_text(TRAM))}
    assert s.origin.origin == "stance:labels"
    assert sorted(target_texts(tmp_path / "ann").values()) == [
        "The depot should stay open",
        "The tram was late",
        "Workers were warned",
    ]
    assert {r["origin"] for r in _stance(tmp_path)} == {"stance:labels"}
    assert s.labels.gold_stance == 3


def test_rows_may_name_an_article_already_in_the_corpus(tmp_path: Path) -> None:
    first = _jsonl(tmp_path / "first.jsonl", [{"text": DEPOT, "target": "T", "stance": "none"}])
    import_stance(_options(tmp_path, first))
    depot = article_id(normalize_text(DEPOT))
    csv_file = tmp_path / "more.csv"
    csv_file.write_text(f"article_id,target,stance\n{depot},U,neutral\n", encoding="utf-8")
    import_stance(_options(tmp_path, csv_file))
    assert sorted((r["origin"], r["stance"]) for r in _stance(tmp_path)) == [
        ("stance:first", "none"),
        ("stance:more", "neutral"),
    ]


def test_an_article_id_not_in_the_corpus_names_the_row(tmp_path: Path) -> None:
    csv_file = tmp_path / "more.csv"
    csv_file.write_text("article_id,target,stance\nnope,U,neutral\n", encoding="utf-8")
    with pytest.raises(UsageError, match="line 2: article nope is not in"):
        import_stance(_options(tmp_path, csv_file))


def test_labels_are_mapped_and_an_unknown_one_names_the_row(tmp_path: Path) -> None:
    assert map_label(" Agree ", {"agree": "favor"}, "x") == "favor"
    with pytest.raises(UsageError, match=r"labels\.jsonl line 1: stance 'maybe' is not a known"):
        import_stance(
            _options(
                tmp_path,
                _jsonl(
                    tmp_path / "labels.jsonl", [{"text": DEPOT, "target": "T", "stance": "maybe"}]
                ),
            )
        )


def test_a_repeated_row_is_merged_and_a_contradicting_one_left_out(tmp_path: Path) -> None:
    rows = [
        {"text": DEPOT, "target": "T", "stance": "favor"},
        {"text": DEPOT, "target": "T", "stance": "favor"},
        {"text": DEPOT, "target": "T", "stance": "against"},
    ]
    s = import_stance(_options(tmp_path, _jsonl(tmp_path / "labels.jsonl", rows)))
    assert (len(s.built.rows), s.built.repeats, len(s.built.conflicts)) == (1, 1, 1)
    assert "labels.jsonl line 3: against" in s.problems[0]
    assert [r["stance"] for r in _stance(tmp_path)] == ["favor"]


def test_annotators_disagreeing_leave_a_tie_for_adjudication(tmp_path: Path) -> None:
    rows = [
        {"text": DEPOT, "target": "T", "stance": "favor", "annotator": "ana"},
        {"text": DEPOT, "target": "T", "stance": "against", "annotator": "ben"},
    ]
    s = import_stance(_options(tmp_path, _jsonl(tmp_path / "labels.jsonl", rows)))
    assert (s.labels.gold_stance, s.labels.ties) == (0, 1)
    assert len({r["annotator"] for r in _stance(tmp_path)}) == 2
    assert s.labels.agreement["stance"]["units"] == 1


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_a_file_with_a_utf8_bom_is_read(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"labels{suffix}"
    if suffix == ".csv":
        path.write_text('\ufefftext,target,stance\n"Synthetic text.",T,against\n', "utf-8")
    else:
        _jsonl(path, [{"text": "Synthetic text.", "target": "T", "stance": "against"}])
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert import_stance(_options(tmp_path, path)).labels.gold_stance == 1
