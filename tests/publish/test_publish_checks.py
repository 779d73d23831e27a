"""Each pre-write check fails on the rows that break it, names them, and stops the publish.

Inputs come from the synthetic corpus of test_publish_build.write_inputs, then one table is
broken the way real data breaks.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from test_publish_build import FRACTIONS, options_for, record_resolved, write_inputs

from newscorpus import schema
from newscorpus.publish.build import publish
from newscorpus.publish.checks import (
    CheckReport,
    PublishCheckError,
    check_label,
    check_span,
    check_text,
)
from newscorpus.publish.splits import assign_splits


def _edit(path: Path, edit, table_schema: pa.Schema | None = None) -> list[dict]:
    """Break a table, as if the rows had come so through `ls pull` and `ls agreement`."""
    rows = pq.read_table(path).to_pylist()
    edit(rows)
    table = pa.Table.from_pylist(rows, schema=table_schema or pq.read_schema(path))
    pq.write_table(table, path)
    if path.parent.name == "annotations":
        record_resolved(path.parent)
    return rows


def _publish_fails(root: Path, check: str) -> str:
    with pytest.raises(PublishCheckError) as info:
        publish(options_for(root, baseline=False))
    assert check in info.value.report.counts, info.value
    dist = root / "dist"
    assert not dist.exists() or list(dist.iterdir()) == []  # nothing written, no partial left
    return str(info.value)


@pytest.fixture
def root(tmp_path) -> Path:
    write_inputs(tmp_path, n=16, human=6)
    return tmp_path


def test_offset_outside_the_text_stops_the_publish_naming_the_row(root):
    path = root / "annotations" / "gold" / "quotes.parquet"

    def edit(rows):
        rows[0]["end"] = 10_000

    rows = _edit(path, edit)
    message = _publish_fails(root, "offsets")
    assert f"gold/quotes: article {rows[0]['article_id']}" in message
    assert "is not inside the text" in message


def test_stored_span_text_that_differs_from_the_text_stops_the_publish(root):
    path = root / "annotations" / "predictions" / "quotes.parquet"

    def edit(rows):
        rows[-1]["text"] = rows[-1]["text"].upper()  # a machine-only article: published

    rows = _edit(path, edit, schema.QUOTE_PREDICTIONS)
    message = _publish_fails(root, "span_text")
    assert rows[-1]["article_id"] in message and repr(rows[-1]["text"]) in message


def test_speaker_offsets_are_checked_too(root):
    path = root / "annotations" / "predictions" / "quotes.parquet"

    def edit(rows):
        rows[-2]["speaker_start"] = rows[-2]["speaker_start"] + 1

    _edit(path, edit, schema.QUOTE_PREDICTIONS)
    assert "speaker text" in _publish_fails(root, "span_text")


def test_label_outside_the_class_names_stops_the_publish(root):
    path = root / "annotations" / "gold" / "stance.parquet"

    def edit(rows):
        rows[2]["stance"] = "supportive"

    rows = _edit(path, edit)
    message = _publish_fails(root, "label")
    assert f"article {rows[2]['article_id']}" in message
    assert "'supportive' is not one of favor, against, neutral, none" in message


def test_quote_kind_outside_the_class_names_stops_the_publish(root):
    path = root / "annotations" / "quotes.parquet"

    def edit(rows):
        rows[0]["kind"] = "paraphrase"

    _edit(path, edit, schema.ANNOTATED_QUOTES)
    assert "kind 'paraphrase'" in _publish_fails(root, "label")


def test_empty_text_stops_the_publish(root):
    path = root / "corpus" / "articles" / "part-00000.parquet"

    def edit(rows):
        rows[4]["text"] = "   "

    rows = _edit(path, edit, schema.ARTICLES)
    assert f"articles: article {rows[4]['id']}" in _publish_fails(root, "empty_text")


def test_gold_made_on_another_text_stops_the_publish_saying_how_to_resolve_it(root):
    path = root / "annotations" / "gold" / "stance.parquet"

    def edit(rows):
        rows[0]["content_sha256"] = "0" * 64

    rows = _edit(path, edit)
    message = _publish_fails(root, "content_hash")
    assert f"gold/stance: article {rows[0]['article_id']}" in message
    assert "newscorpus ls agreement" in message


def test_a_raw_annotation_made_on_an_earlier_text_is_left_out_and_counted(root):
    # The article was corrected and its task pushed again: the earlier pass's offsets point into
    # a text the release does not hold, and gold was resolved from the current text's passes.
    annotations = root / "annotations"
    earlier = pq.read_table(annotations / "stance.parquet").to_pylist()[0]["annotation_id"]
    for name, table_schema in (
        ("quotes", schema.ANNOTATED_QUOTES),
        ("stance", schema.ANNOTATED_STANCE),
        ("passes", schema.ANNOTATION_PASSES),
    ):
        if not (annotations / f"{name}.parquet").exists():
            continue

        def edit(rows):
            for row in rows:
                if row["annotation_id"] == earlier:
                    row["content_sha256"] = "0" * 64

        _edit(annotations / f"{name}.parquet", edit, table_schema)
    summary = publish(options_for(root, baseline=False))
    raw = pq.read_table(summary.folder / "data" / "annotations_raw").to_pylist()
    assert raw and earlier not in {r["annotation_id"] for r in raw}
    card = (summary.folder / "README.md").read_text(encoding="utf-8")
    assert "1 annotation(s) made on an earlier text" in card


def test_duplicate_article_ids_stop_the_publish(root):
    path = root / "corpus" / "articles" / "part-00000.parquet"
    rows = _edit(path, lambda rows: rows.append(dict(rows[0])), schema.ARTICLES)
    assert rows[0]["id"] in _publish_fails(root, "duplicate_id")


def test_the_same_text_in_two_splits_is_leakage_and_stops_before_writing(root):
    path = root / "corpus" / "articles" / "part-00000.parquet"
    rows = pq.read_table(path).to_pylist()
    ids = [r["id"] for r in rows]
    _, splits = assign_splits(ids, [r["duplicate_of"] for r in rows], FRACTIONS)
    first = 0
    other = next(
        i for i, s in enumerate(splits) if s != splits[first] and not rows[i]["duplicate_of"]
    )

    def edit(rows):
        rows[other]["content_sha256"] = rows[first]["content_sha256"]

    _edit(path, edit, schema.ARTICLES)
    message = _publish_fails(root, "leakage")
    assert ids[first] in message and ids[other] in message


def test_every_failure_is_counted_and_the_message_stays_short(root):
    path = root / "annotations" / "gold" / "quotes.parquet"

    def edit(rows):
        for row in rows:
            row["end"] = 10_000

    rows = _edit(path, edit)
    with pytest.raises(PublishCheckError) as info:
        publish(options_for(root, baseline=False))
    report = info.value.report
    assert report.counts["offsets"] == len(rows)
    assert len(report.examples["offsets"]) == report.keep
    assert f"... and {len(rows) - report.keep} more" in str(info.value)


def test_check_span_accepts_a_matching_span():
    report = CheckReport()
    assert check_span(report, "row", "abc def", 4, 7, "def")
    assert not report.failed


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (3, 3), (5, 4), (0, 8)])
def test_check_span_refuses_offsets_outside_or_empty(start, end):
    report = CheckReport()
    assert not check_span(report, "row", "abc def", start, end)
    assert report.counts == {"offsets": 1}


def test_check_span_counts_code_points_not_bytes():
    text = "“Fine,” she said 😀 “Yes.”"
    start = text.index("Yes.")
    report = CheckReport()
    assert check_span(report, "row", text, start, start + 4, "Yes.")


def test_an_optional_span_may_be_absent_but_not_half_present():
    report = CheckReport()
    assert check_span(report, "row", "abc", None, None, required=False)
    assert not check_span(report, "row", "abc", 1, None, required=False)
    assert report.counts == {"offsets": 1}


def test_check_label_encodes_names_and_keeps_missing_labels_missing():
    report = CheckReport()
    assert check_label(report, "row", "against", ["favor", "against"]) == 1
    assert check_label(report, "row", None, ["favor", "against"]) is None
    assert not report.failed


def test_check_text_refuses_whitespace_only():
    report = CheckReport()
    assert not check_text(report, "row", " \n ")
    assert report.counts == {"empty_text": 1}
