"""Pull from a real Label Studio server (session fixture): the pulled tables must equal what the
annotators labeled, the raw export is kept, and no e-mail reaches a table.
"""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest
from labeled_scenario import LABELS, TEXTS, Labeled, labeled_once, who
from labelstudio_fixture import LiveServer

pytestmark = [
    pytest.mark.labelstudio,
    pytest.mark.slow,
    # The SDK's own token refresh (personal access tokens) still calls a pydantic v1 method.
    pytest.mark.filterwarnings("ignore:The `parse_obj` method is deprecated:DeprecationWarning"),
]


@pytest.fixture
def labeled(ls_server: LiveServer, tmp_path_factory: pytest.TempPathFactory) -> Labeled:
    return labeled_once(ls_server, tmp_path_factory)


def test_pull_keeps_the_raw_export_and_counts_skips(labeled: Labeled) -> None:
    p = labeled.pull
    assert p.export_file.parent == labeled.out / "exports"
    assert p.export_file.name.startswith("export-") and p.export_file.exists()
    exported = json.loads(p.export_file.read_text(encoding="utf-8"))
    assert len(exported) == 3
    assert (p.tasks, p.annotations, p.cancelled) == (3, 5, 1)
    mapping = json.loads(
        p.export_file.with_name(p.export_file.stem + ".annotators.json").read_text()
    )
    assert sorted(mapping.values()) == sorted([who(labeled, "ann1"), who(labeled, "ann2")])
    assert "@" not in json.dumps(mapping)


def _expected_quotes(labeled: Labeled) -> set[tuple]:
    rows = set()
    for name, per_article in LABELS.items():
        for article_id, (quotes, _) in per_article.items():
            text = TEXTS[article_id]
            for q in quotes:
                s, e = q.get("speaker_start"), q.get("speaker_end")
                c, d = q.get("cue_start"), q.get("cue_end")
                rows.add((
                    article_id, labeled.task_ids[article_id],
                    str(labeled.annotation_ids[(name, article_id)]), who(labeled, name),
                    q["start"], q["end"], text[q["start"]:q["end"]], q["kind"], q["stance"],
                    s, e, text[s:e] if s is not None else None,
                    c, d, text[c:d] if c is not None else None, q.get("speaker_name"),
                ))  # fmt: skip
    return rows


def test_quotes_table_equals_what_was_labeled(labeled: Labeled) -> None:
    table = pq.read_table(labeled.out / "quotes.parquet")
    cols = ["article_id", "task_id", "annotation_id", "annotator", "start", "end", "text", "kind",
            "stance", "speaker_start", "speaker_end", "speaker_text", "cue_start", "cue_end",
            "cue_text", "speaker_name"]  # fmt: skip
    got = {tuple(r[c] for c in cols) for r in table.to_pylist()}
    assert got == _expected_quotes(labeled)
    assert table.num_rows == 7
    assert all(r["lead_time"] == 30.0 and r["created_at"] is not None for r in table.to_pylist())


def test_stance_table_has_one_row_per_article_target_and_annotation(labeled: Labeled) -> None:
    rows = pq.read_table(labeled.out / "stance.parquet").to_pylist()
    got = {(r["article_id"], r["target_id"], r["annotator"], r["stance"]) for r in rows}
    assert got == {
        ("tram-1", "tram-line", who(labeled, "ann1"), "favor"),
        ("tram-1", "tram-line", who(labeled, "ann2"), "neutral"),
        ("timetable-2", "tram-line", who(labeled, "ann1"), "none"),
        ("timetable-2", "tram-line", who(labeled, "ann2"), "none"),
    }


def test_bad_region_and_speakerless_quote_are_in_the_validation_report(labeled: Labeled) -> None:
    issues = pq.read_table(labeled.out / "validation.parquet").to_pylist()
    got = {
        (i["task_id"], i["annotation_id"], i["region_id"], i["severity"], i["reason"])
        for i in issues
    }
    assert got == {
        (labeled.task_ids["bridge-3"], str(labeled.annotation_ids[("ann1", "bridge-3")]), "bad1",
         "error", "offset_mismatch"),
        (labeled.task_ids["tram-1"], str(labeled.annotation_ids[("ann2", "tram-1")]), "q1",
         "warning", "quote_without_speaker"),
    }  # fmt: skip
    assert (labeled.pull.errors, labeled.pull.warnings) == (1, 1)


def test_published_tables_hold_no_email(labeled: Labeled) -> None:
    for name in ("quotes.parquet", "stance.parquet", "validation.parquet"):
        dump = json.dumps(pq.read_table(labeled.out / name).to_pylist(), default=str)
        assert "@" not in dump, name
