"""imports/brat_import.py: a BRAT folder -> corpus parts, annotation tables, origin and report."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from brat_fixture import OTHER, STORY, story_corpus, write_brat

from newscorpus import schema
from newscorpus.annotate.imports.brat_import import BratOptions, import_brat, read_brat
from newscorpus.annotate.origins import read_origins
from newscorpus.errors import UsageError
from newscorpus.labels import HUMAN, LABEL_SOURCES
from newscorpus.normalize.run import NormalizeOptions, run_normalize
from newscorpus.normalize.text import article_id
from newscorpus.publish.build import PublishOptions, publish
from newscorpus.tables import corpus_files, iter_corpus


@pytest.fixture
def options(tmp_path: Path) -> BratOptions:
    return BratOptions(
        story_corpus(tmp_path / "brat"),
        name="gazette",
        corpus=tmp_path / "corpus",
        annotations=tmp_path / "annotations",
    )


def _articles(corpus: Path) -> list[dict]:
    columns = ("id", "text", "title", "source", "published", "input_format", "citation")
    return [r for batch in iter_corpus(corpus_files(corpus), columns) for r in batch]


def _digests(*folders: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in folders
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix in (".parquet", ".json")
    }


def test_articles_get_the_corpus_ids_and_the_metadata(options: BratOptions) -> None:
    import_brat(options)
    by_id = {a["id"]: a for a in _articles(options.corpus)}
    assert set(by_id) == {article_id(STORY), article_id(OTHER)}
    tram = by_id[article_id(STORY)]
    assert (tram["text"], tram["title"], tram["source"]) == (STORY, "Tram by May", "gazette")
    assert tram["published"].isoformat() == "2024-03-01T00:00:00+00:00"
    assert tram["input_format"] == "brat"


def test_rows_of_every_annotator_carry_the_origin(options: BratOptions) -> None:
    s = import_brat(options)
    rows = pq.read_table(options.annotations / "quotes.parquet").to_pylist()
    assert s.labels.quotes == len(rows) == 5
    assert {r["origin"] for r in rows} == {"brat:gazette"}
    assert len({r["annotator"] for r in rows}) == 2
    assert all(r["article_id"] == article_id(STORY) for r in rows)


def test_gold_keeps_what_both_annotators_marked(options: BratOptions) -> None:
    import_brat(options)
    gold = pq.read_table(options.annotations / "gold" / "quotes.parquet").to_pylist()
    assert [(g["text"], g["resolution"], g["origin"]) for g in gold] == [
        ("the tram would run by May", "majority", "brat:gazette")
    ]


def test_agreement_origin_and_report_are_written(options: BratOptions) -> None:
    s = import_brat(options)
    path = options.annotations / "agreement" / "brat-gazette.json"
    agreement = json.loads(path.read_text("utf-8"))
    assert agreement["origin"] == "brat:gazette"
    assert agreement["spans"]["Speaker"] == {"f1": 0.5, "matched": 1, "spans": 4}
    assert set(read_origins(options.annotations)) == {"brat:gazette"}
    report = json.loads(s.report_file.read_text("utf-8"))
    assert report["spans"] == {"read": 13, "exact": 13, "exact_share": 1.0, "not_anchored": []}
    assert report["normalization"]["texts_changed"] == 0


def test_running_it_again_gives_the_same_tables(options: BratOptions) -> None:
    import_brat(options)
    first = _digests(options.corpus, options.annotations)
    import_brat(options)
    assert _digests(options.corpus, options.annotations) == first
    assert len(_articles(options.corpus)) == 2


def test_rows_of_other_origins_are_kept(options: BratOptions) -> None:
    other = {
        "article_id": "x",
        "content_sha256": "y",
        "annotation_id": "a",
        "annotator": "p",
        "region_id": "r",
        "start": 0,
        "end": 1,
        "text": "T",
        "origin": "labelstudio:team",
    }
    options.annotations.mkdir(parents=True)
    columns = {n: [other.get(n)] for n in schema.ANNOTATED_QUOTES.names}
    pq.write_table(
        pa.table(columns, schema=schema.ANNOTATED_QUOTES), options.annotations / "quotes.parquet"
    )
    import_brat(options)
    origins = pq.read_table(options.annotations / "quotes.parquet")["origin"].to_pylist()
    assert origins.count("labelstudio:team") == 1 and origins.count("brat:gazette") == 5


def test_normalize_of_the_same_files_does_not_page_clean_them(options: BratOptions) -> None:
    import_brat(options)
    before = _articles(options.corpus)
    summary = run_normalize(NormalizeOptions((options.directory / "text",), out=options.corpus))
    assert summary.inputs_read == 0
    assert _articles(options.corpus) == before


def test_articles_normalize_made_of_the_files_are_replaced(options: BratOptions) -> None:
    run_normalize(NormalizeOptions((options.directory / "text",), out=options.corpus))
    s = import_brat(options)
    assert s.corpus.replaced_inputs == 2
    assert {a["input_format"] for a in _articles(options.corpus)} == {"brat"}


def test_a_folder_without_the_brat_layout_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="expected text/ and attributions/"):
        import_brat(BratOptions(tmp_path, corpus=tmp_path / "c", annotations=tmp_path / "a"))


def test_normalize_of_other_inputs_keeps_the_imported_articles(
    options: BratOptions, tmp_path: Path
) -> None:
    import_brat(options)
    pages = tmp_path / "pages"
    pages.mkdir()
    # Synthetic: one extracted record (JSON Lines), which normalize reads without page cleaning.
    record = {"title": "Harbour fees rise", "text": "The port authority raised its fees."}
    (pages / "records.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    run_normalize(NormalizeOptions((pages,), out=options.corpus))
    formats = sorted(a["input_format"] for a in _articles(options.corpus))
    assert formats.count("brat") == 2 and len(formats) == 3
    import_brat(options)
    assert len(_articles(options.corpus)) == 3


def test_an_article_annotated_with_no_attribution_is_recorded_as_annotated(
    options: BratOptions,
) -> None:
    # story_corpus's depot article has one .ann file, empty: read, and nothing found in it.
    import_brat(options)
    gold = options.annotations / "gold"
    annotated = {r["article_id"]: r for r in pq.read_table(gold / "articles.parquet").to_pylist()}
    assert set(annotated) == {article_id(STORY), article_id(OTHER)}
    depot = annotated[article_id(OTHER)]
    assert (depot["origin"], depot["annotations"], len(depot["annotators"])) == (
        "brat:gazette",
        1,
        1,
    )
    quoted = {r["article_id"] for r in pq.read_table(gold / "quotes.parquet").to_pylist()}
    assert article_id(OTHER) not in quoted


def _published(corpus: Path, annotations: Path, out: Path) -> Path:
    """Publish version 1.0.0 of an import to `out` (no baseline); returns `out`."""
    publish(
        PublishOptions("1.0.0", corpus=corpus, annotations=annotations, out=out, baseline=False)
    )
    return out


def test_an_article_annotated_with_no_attribution_is_published_with_no_quote(
    options: BratOptions, tmp_path: Path
) -> None:
    import_brat(options)
    out = _published(options.corpus, options.annotations, tmp_path / "dist")
    rows = {r["article_id"]: r for r in pq.read_table(out / "data" / "quotes").to_pylist()}
    depot = rows[article_id(OTHER)]
    assert (LABEL_SOURCES[depot["label_source"]], depot["origin"], depot["quotes"]) == (
        HUMAN,
        "brat:gazette",
        [],
    )
    assert depot["annotators"] == 1
    bio = pq.read_table(out / "data" / "quotes_bio").to_pylist()
    assert {
        LABEL_SOURCES[r["label_source"]] for r in bio if r["article_id"] == article_id(OTHER)
    } == {HUMAN}


def test_an_annotation_with_no_attribution_has_its_row_in_annotations_raw(
    options: BratOptions, tmp_path: Path
) -> None:
    import_brat(options)
    out = _published(options.corpus, options.annotations, tmp_path / "dist")
    raw = pq.read_table(out / "data" / "annotations_raw").to_pylist()
    (depot,) = [r for r in raw if r["article_id"] == article_id(OTHER)]
    assert (depot["origin"], depot["quotes"], depot["stances"]) == ("brat:gazette", [], [])
    assert len(raw) == 3  # the story's two annotations, and the depot's empty one


def test_a_folder_whose_annotators_marked_nothing_publishes_its_negative_examples(
    tmp_path: Path,
) -> None:
    folder = write_brat(tmp_path / "brat", {"depot": OTHER}, {"depot_aa11": []})
    annotations = tmp_path / "annotations"
    import_brat(
        BratOptions(folder, name="gazette", corpus=tmp_path / "corpus", annotations=annotations)
    )
    out = _published(tmp_path / "corpus", annotations, tmp_path / "dist")
    rows = pq.read_table(out / "data" / "quotes").to_pylist()
    assert [(r["article_id"], LABEL_SOURCES[r["label_source"]], r["quotes"]) for r in rows] == [
        (article_id(OTHER), HUMAN, [])
    ]


def test_an_annotation_file_with_a_utf8_bom_is_read(tmp_path: Path) -> None:
    folder = story_corpus(tmp_path / "brat")
    ann = folder / "attributions" / "gazette_2024_tram_aa11.ann"
    ann.write_bytes(b"\xef\xbb\xbf" + ann.read_bytes())
    read = read_brat(BratOptions(folder, name="gazette", annotations=tmp_path / "annotations"))
    assert read.problems == []
    tram = next(a for a in read.articles if a.row["id"] == article_id(STORY))
    assert len(tram.annotations) == 2
