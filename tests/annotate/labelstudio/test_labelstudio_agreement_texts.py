"""`ls agreement` on an export holding tasks of an article's earlier text and of its current one
(the article corrected and pushed again): only the current text's annotations make gold and
agreement; the others are counted and named (synthetic texts, no server)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from labelstudio_fixture import span_of

from newscorpus import labels
from newscorpus.annotate.labelstudio.agreement_report import agreement_from_export
from newscorpus.annotate.labelstudio.quote_regions import quotes_to_result
from newscorpus.cli import main

NEW = '"The pier reopens in May," the engineer said.'
OLD = "Earlier version. " + NEW


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _annotation(ann_id: int, who: int, text: str, stance: str) -> dict[str, Any]:
    q, s, c = (span_of(text, t) for t in ("The pier reopens in May,", "the engineer", "said"))
    row = {"start": q[0], "end": q[1], "kind": "direct", "stance": None, "speaker_start": s[0],
           "speaker_end": s[1], "cue_start": c[0], "cue_end": c[1]}  # fmt: skip
    choice = {"from_name": labels.LS_ARTICLE_STANCE, "to_name": labels.LS_TEXT,
              "type": "choices", "value": {"choices": [stance]}}  # fmt: skip
    return {"id": ann_id, "completed_by": who, "result": [*quotes_to_result(text, [row]), choice],
            "was_cancelled": False, "ground_truth": False, "lead_time": None,
            "created_at": "2026-01-05T10:00:00Z", "updated_at": "2026-01-05T10:00:00Z"}  # fmt: skip


def _task(task_id: int, text: str, annotations: list[dict[str, Any]]) -> dict[str, Any]:
    data = {"text": text, "article_id": "pier-1", "content_sha256": _sha(text), "target_id": "t"}
    return {"id": task_id, "data": data, "annotations": annotations}


def _campaign(tmp_path: Path) -> tuple[Path, Path]:
    """Two annotations on the old text, one on the new; the corpus has the new text. The old
    text's task has the higher id (tasks can come from another project): only the corpus tells
    which text is current. Returns the export and the corpus folder."""
    export = tmp_path / "annotations" / "exports" / "export-20260105T100000000000Z-p1.json"
    export.parent.mkdir(parents=True)
    tasks = [
        _task(9, OLD, [_annotation(11, 1, OLD, "favor"), _annotation(12, 2, OLD, "favor")]),
        _task(2, NEW, [_annotation(31, 3, NEW, "against")]),
    ]
    export.write_text(json.dumps(tasks), encoding="utf-8")
    corpus = tmp_path / "corpus"
    (corpus / "articles").mkdir(parents=True)
    table = pa.table({"id": ["pier-1"], "content_sha256": [_sha(NEW)], "text": [NEW]})
    pq.write_table(table, corpus / "articles" / "part-0.parquet")
    return export, corpus


def test_gold_is_made_on_the_articles_current_text_only(tmp_path: Path) -> None:
    export, corpus = _campaign(tmp_path)
    out = tmp_path / "annotations"
    agreement_from_export(export, out=out, corpus=corpus, annotations=out)
    for name in ("quotes", "stance", "articles"):
        rows = pq.read_table(out / "gold" / f"{name}.parquet").to_pylist()
        assert {r["content_sha256"] for r in rows} == {_sha(NEW)}, name
    stance = pq.read_table(out / "gold" / "stance.parquet").to_pylist()
    assert [(r["stance"], r["resolution"]) for r in stance] == [("against", "single")]


def test_annotations_on_an_earlier_text_are_counted_and_named(tmp_path: Path) -> None:
    export, corpus = _campaign(tmp_path)
    out = tmp_path / "annotations"
    report = agreement_from_export(export, out=out, corpus=corpus, annotations=out).report
    assert report["annotation_pairs"] == 0
    assert report["left_out"] == {
        "superseded_annotations": 0,
        "other_text_annotations": 2,
        "other_text_articles": ["pier-1"],
    }


def test_ls_agreement_reads_the_current_texts_from_the_corpus_it_is_given(tmp_path: Path) -> None:
    export, corpus = _campaign(tmp_path)
    elsewhere = tmp_path / "team" / "corpus"
    corpus.parent.joinpath("team").mkdir()
    corpus.rename(elsewhere)
    out = tmp_path / "annotations"
    args = ["ls", "agreement", "--export", str(export), "--out", str(out), "--json"]
    assert main([*args, "--corpus", str(elsewhere)]) == 0
    stance = pq.read_table(out / "gold" / "stance.parquet").to_pylist()
    assert [r["stance"] for r in stance] == ["against"]
