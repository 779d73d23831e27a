"""`newscorpus ls import-brat`: BRAT attribution files in, export, tables and agreement out.

Runs without a server (the --push path uses the project code the push tests cover). The
synthetic corpus is written here; the PolNeAR check reads ../shared and skips where it is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import shared_path
from labelstudio_fixture import LiveServer, span_of

from newscorpus.annotate.labelstudio import LabelStudioError
from newscorpus.annotate.labelstudio.agreement_report import agreement_from_export
from newscorpus.annotate.labelstudio.import_brat import import_brat
from newscorpus.annotate.pseudonyms import SALT_ENV
from newscorpus.cli import main

REPO = Path(__file__).resolve().parents[3]
CONFIG = REPO / "annotations" / "label_config.xml"

STORY = (
    "The mayor said the tram would run by May.\n\n"
    'Critics called the plan "a fantasy" on Friday, and the union warned of delays.'
)


def _tb(tid: str, kind: str, text: str, needle: str) -> str:
    s, e = span_of(text, needle)
    return f"{tid}\t{kind} {s} {e}\t{needle}"


def _attribution(text: str, n: int, source: str, cue: str, content: str) -> list[str]:
    t = 4 * n
    return [
        _tb(f"T{t + 1}", "Source", text, source),
        _tb(f"T{t + 2}", "Cue", text, cue),
        _tb(f"T{t + 3}", "Content", text, content),
        _tb(f"T{t + 4}", "Attribution", text, cue),
        f"E{n + 1}\tAttribution:T{t + 4} Source:T{t + 1} Cue:T{t + 2} Content:T{t + 3}",
    ]


@pytest.fixture(autouse=True)
def _annotations_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The default annotations folder (where the annotator salt is made) is a temporary one."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(SALT_ENV, raising=False)


@pytest.fixture
def brat_dir(tmp_path: Path) -> Path:
    root = tmp_path / "brat"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "gazette_2024_tram.txt").write_text(STORY, encoding="utf-8")
    (root / "text" / "gazette_2024_other.txt").write_text("Nothing was said.", encoding="utf-8")
    tram = _attribution(STORY, 0, "The mayor", "said", "the tram would run by May")
    critics = _attribution(STORY, 1, "Critics", "called", '"a fantasy"')
    union = _attribution(STORY, 2, "the union", "warned", "of delays")
    files = {
        "gazette_2024_tram_aa11.ann": tram + critics,
        "gazette_2024_tram_bb22.ann": tram + union,
        "gazette_2024_other_aa11.ann": [],
    }
    for name, lines in files.items():
        (root / "attributions" / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "metadata.tsv").write_text(
        "filename\ttitle\tpublisher\tpublication_date\n"
        "gazette_2024_tram\tTram by May\tgazette\t2024-03-01\n",
        encoding="utf-8",
    )
    return root


def test_import_writes_export_tables_and_counts(brat_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    s = import_brat(brat_dir, out=out, config_path=CONFIG)
    assert (s.articles, s.annotation_files, s.doubly_annotated) == (2, 3, 1)
    assert s.problems == [] and (s.errors, s.warnings) == (0, 0)
    exported = json.loads(s.export_file.read_text(encoding="utf-8"))
    assert {t["data"]["title"] for t in exported} == {"Tram by May", "gazette_2024_other"}
    rows = pq.read_table(out / "quotes.parquet").to_pylist()
    assert s.quotes == len(rows) == 4
    assert {(r["text"], r["speaker_text"], r["cue_text"]) for r in rows} == {
        ("the tram would run by May", "The mayor", "said"),
        ('"a fantasy"', "Critics", "called"),
        ("of delays", "the union", "warned"),
    }


def test_agreement_on_the_doubly_annotated_article(brat_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    s = import_brat(brat_dir, out=out, config_path=CONFIG)
    report = agreement_from_export(s.export_file, out=out, config_path=CONFIG).report
    # aa11 {tram, fantasy} vs bb22 {tram, delays}: 1 match of 4 spans for each label
    for label in ("Quote", "Speaker", "Cue"):
        assert report["spans"][label] == {"f1": 0.5, "matched": 1, "spans": 4}
    assert report["speaker"]["overall"] == {"agreement": 1.0, "agree": 1, "pairs": 1}


def test_cli_import_brat_prints_agreement(
    brat_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.chdir(REPO)  # the label config is read from annotations/
    out, annotations = str(tmp_path / "out"), str(tmp_path / "annotations")
    assert (
        main(["ls", "import-brat", str(brat_dir), "--out", out, "--annotations", annotations]) == 0
    )
    printed = capsys.readouterr().out
    assert "read 2 articles, 3 annotation files (1 articles with 2+ annotators)" in printed
    assert "span F1 Quote: 0.500 (1 matched of 4 spans)" in printed


def test_missing_layout_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(LabelStudioError, match="expected text/ and attributions/"):
        import_brat(tmp_path, out=tmp_path / "out", config_path=CONFIG)


@pytest.mark.shared
def test_polnear_train_imports_without_problems(tmp_path: Path) -> None:
    polnear = shared_path("data", "polnear-train")
    s = import_brat(polnear, out=tmp_path / "out", config_path=CONFIG)
    assert (s.articles, s.annotation_files, s.doubly_annotated) == (840, 919, 16)
    assert s.problems == []
    assert s.errors == 0


def test_tasks_carry_the_ids_newscorpus_import_brat_gives_the_articles(
    brat_dir: Path, tmp_path: Path
) -> None:
    from newscorpus.annotate.imports.brat_import import BratOptions
    from newscorpus.annotate.imports.brat_import import import_brat as import_to_corpus
    from newscorpus.tables import corpus_files, iter_corpus

    corpus = tmp_path / "corpus"
    import_to_corpus(BratOptions(brat_dir, corpus=corpus, annotations=tmp_path / "annotations"))
    s = import_brat(brat_dir, out=tmp_path / "out", config_path=CONFIG)
    tasks = json.loads(s.export_file.read_text(encoding="utf-8"))
    rows = [r for b in iter_corpus(corpus_files(corpus), ["id", "text"]) for r in b]
    assert {(t["data"]["article_id"], t["data"]["text"]) for t in tasks} == {
        (r["id"], r["text"]) for r in rows
    }


@pytest.mark.labelstudio
@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:The `parse_obj` method is deprecated:DeprecationWarning")
def test_push_loads_each_article_with_its_annotations_for_review(
    brat_dir: Path, tmp_path: Path, ls_server: LiveServer
) -> None:
    from label_studio_sdk import LabelStudio

    s = import_brat(brat_dir, out=tmp_path / "out", config_path=CONFIG, conn=ls_server.conn,
                    title="brat-review")  # fmt: skip
    assert s.pushed_tasks == 2
    admin = LabelStudio(base_url=ls_server.url, api_key=ls_server.conn.api_key)
    tasks = list(admin.tasks.list(project=s.pushed_project_id, fields="all"))
    exported = json.loads(s.export_file.read_text(encoding="utf-8"))
    assert {t.data["article_id"] for t in tasks} == {t["data"]["article_id"] for t in exported}
    assert sorted(t.total_annotations for t in tasks) == [1, 2]


def test_rows_record_the_brat_origin_and_machine_kinds(brat_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    import_brat(brat_dir, out=out, config_path=CONFIG, name="gazette")
    rows = pq.read_table(out / "quotes.parquet").to_pylist()
    assert {(r["origin"], r["kind_source"]) for r in rows} == {("brat:gazette", "machine")}
    assert (out / "origins" / "brat-gazette.json").is_file()


def test_ls_import_brat_and_import_brat_give_an_annotator_one_pseudonym(
    brat_dir: Path, tmp_path: Path
) -> None:
    """No NEWSCORPUS_ANNOTATOR_SALT: both commands take the salt of the annotations folder,
    not of their own output folder."""
    from newscorpus.annotate.imports.brat_import import BratOptions
    from newscorpus.annotate.imports.brat_import import import_brat as import_to_corpus

    annotations = tmp_path / "annotations"
    options = BratOptions(brat_dir, corpus=tmp_path / "corpus", annotations=annotations)
    import_to_corpus(options)
    import_brat(brat_dir, out=annotations / "brat", config_path=CONFIG, annotations=annotations)

    def annotators(path: Path) -> set[str]:
        return set(pq.read_table(path, columns=["annotator"])["annotator"].to_pylist())

    imported = annotators(annotations / "quotes.parquet")
    assert len(imported) == 2
    assert annotators(annotations / "brat" / "quotes.parquet") == imported
    assert not (annotations / "brat" / ".annotator-salt").exists()


def test_gold_of_the_export_records_the_brat_origin_and_machine_kinds(
    brat_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    s = import_brat(brat_dir, out=out, config_path=CONFIG, name="gazette")
    report = agreement_from_export(s.export_file, out=out, config_path=CONFIG).report
    gold = pq.read_table(out / "gold" / "quotes.parquet").to_pylist()
    assert gold and {(g["origin"], g["kind_source"]) for g in gold} == {("brat:gazette", "machine")}
    assert report["origin"] == "brat:gazette"
