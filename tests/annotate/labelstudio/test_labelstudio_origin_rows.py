"""`ls pull` and `ls agreement` beside an import: each replaces its own origin's rows only, and
gold is resolved per origin (a campaign's annotations are never pooled with an import's).

Runs offline on the one-task synthetic export of test_ls_offline (two annotators who disagree on
the article's stance); the imported label is written by the imports' own writer.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from test_ls_offline import SHA, _write_export

from newscorpus import schema
from newscorpus.annotate.gold_sources import origin_digests, read_gold_sources
from newscorpus.annotate.imports.store import write_labels
from newscorpus.annotate.labelstudio.agreement_report import agreement_from_export
from newscorpus.annotate.labelstudio.pull import convert_export
from newscorpus.annotate.validate import AnnotationRef

IMPORT = "stance:mine"
CAMPAIGN = "labelstudio:ferry campaign"
ARTICLE, TARGET = "ferry-1", "ferry-timetable"  # the export's article and target


def _import_stance(out: Path) -> None:
    """One imported label, favor, on the article and target the campaign labels too."""
    ref = AnnotationRef(ARTICLE, SHA, None, f"{IMPORT}/{ARTICLE}/ann-x", "ann-x", False, None)
    row = {
        "article_id": ARTICLE,
        "content_sha256": SHA,
        "annotation_id": ref.annotation_id,
        "annotator": "ann-x",
        "ground_truth": False,
        "target_id": TARGET,
        "stance": "favor",
        "origin": IMPORT,
    }
    write_labels(out, IMPORT, [ref], stance=[row])


def _origins(path: Path) -> list[str | None]:
    return sorted(pq.read_table(path)["origin"].to_pylist(), key=str)


def test_ls_pull_keeps_the_rows_of_an_import(tmp_path: Path) -> None:
    out = tmp_path / "annotations"
    _import_stance(out)
    export = _write_export(tmp_path / "shipped")
    convert_export(export, out=out, origin=CAMPAIGN)
    convert_export(export, out=out, origin=CAMPAIGN)  # again: the same tables
    assert _origins(out / "stance.parquet") == [CAMPAIGN, CAMPAIGN, IMPORT]
    assert _origins(out / "quotes.parquet") == [CAMPAIGN, CAMPAIGN]


def test_ls_agreement_keeps_the_gold_of_an_import(tmp_path: Path) -> None:
    out = tmp_path / "annotations"
    _import_stance(out)
    convert_export(_write_export(tmp_path / "shipped"), out=out, origin=CAMPAIGN)
    agreement_from_export(out=out)
    agreement_from_export(out=out)  # again: the same tables
    gold = pq.read_table(out / "gold" / "stance.parquet").to_pylist()
    # The campaign's two annotators tie (neutral, favor): no gold of its own. Pooled with the
    # import's favor it would have been a majority; the import's own gold row stays as it was.
    assert [(r["origin"], r["stance"], r["resolution"]) for r in gold] == [
        (IMPORT, "favor", "single")
    ]
    ties = pq.read_table(out / "gold" / "adjudication.parquet").to_pylist()
    assert [(t["article_id"], t["item"], t["votes"]) for t in ties] == [
        (ARTICLE, "stance", "favor=1; neutral=1")
    ]


def test_ls_agreement_gold_records_the_origin_ls_pull_recorded(tmp_path: Path) -> None:
    out = tmp_path / "annotations"
    convert_export(_write_export(tmp_path / "shipped"), out=out, origin=CAMPAIGN)
    s = agreement_from_export(out=out)
    quotes = pq.read_table(out / "gold" / "quotes.parquet").to_pylist()
    assert [(q["origin"], q["kind_source"]) for q in quotes] == [(CAMPAIGN, "human")]
    assert s.report["origin"] == CAMPAIGN


def test_ls_agreement_replaces_gold_written_before_origins_were_recorded(tmp_path: Path) -> None:
    out = tmp_path / "annotations"
    convert_export(_write_export(tmp_path / "shipped"), out=out, origin=CAMPAIGN)
    agreement_from_export(out=out)
    path = out / "gold" / "quotes.parquet"
    old = [r | {"origin": None, "kind_source": None} for r in pq.read_table(path).to_pylist()]
    pq.write_table(pa.Table.from_pylist(old, schema=schema.GOLD_QUOTES), path)
    agreement_from_export(out=out)
    assert _origins(path) == [CAMPAIGN]


def _import_tie(out: Path) -> None:
    """Two imported labels on the campaign's article and target that tie (favor, against)."""
    refs, rows = [], []
    for name, stance in (("ann-x", "favor"), ("ann-y", "against")):
        ref = AnnotationRef(ARTICLE, SHA, None, f"{IMPORT}/{ARTICLE}/{name}", name, False, None)
        refs.append(ref)
        rows.append({"article_id": ARTICLE, "content_sha256": SHA, "annotator": name,
                     "annotation_id": ref.annotation_id, "ground_truth": False,
                     "target_id": TARGET, "stance": stance, "origin": IMPORT})  # fmt: skip
    write_labels(out, IMPORT, refs, stance=rows)


def test_ties_of_two_origins_on_one_article_are_both_kept(tmp_path: Path) -> None:
    out = tmp_path / "annotations"
    _import_tie(out)
    convert_export(_write_export(tmp_path / "shipped"), out=out, origin=CAMPAIGN)
    agreement_from_export(out=out)
    _import_tie(out)  # again: the campaign's tie stays
    ties = pq.read_table(out / "gold" / "adjudication.parquet").to_pylist()
    assert sorted((t["origin"], t["article_id"], t["votes"]) for t in ties) == [
        (CAMPAIGN, ARTICLE, "favor=1; neutral=1"),
        (IMPORT, ARTICLE, "against=1; favor=1"),
    ]


def _table_digests(out: Path) -> dict:
    names = ("quotes.parquet", "stance.parquet", "passes.parquet")
    return origin_digests({n: pq.read_table(out / n) for n in names if (out / n).exists()})


def test_ls_agreement_records_the_annotations_ls_pull_wrote(tmp_path: Path) -> None:
    out = tmp_path / "annotations"
    convert_export(_write_export(tmp_path / "shipped"), out=out, origin=CAMPAIGN)
    agreement_from_export(out=out)
    assert read_gold_sources(out / "gold") == _table_digests(out)


def test_an_import_records_the_annotations_its_gold_was_resolved_from(tmp_path: Path) -> None:
    out = tmp_path / "annotations"
    _import_stance(out)
    assert read_gold_sources(out / "gold") == _table_digests(out)


def test_a_pull_after_ls_agreement_leaves_the_record_behind(tmp_path: Path) -> None:
    out = tmp_path / "annotations"
    convert_export(_write_export(tmp_path / "shipped"), out=out, origin=CAMPAIGN)
    agreement_from_export(out=out)
    changed = _write_export(tmp_path / "later", name="export-20260106T100000000000Z-p1.json")
    changed.write_text(changed.read_text().replace('"neutral"]', '"against"]'), encoding="utf-8")
    convert_export(changed, out=out, origin=CAMPAIGN)
    assert read_gold_sources(out / "gold")[CAMPAIGN] != _table_digests(out)[CAMPAIGN]
