"""Row builders of the published configs (newscorpus.publish.rows): pure, on synthetic inputs."""

from __future__ import annotations

from conftest import REPO

from newscorpus.annotate.labelstudio.config import load_label_config
from newscorpus.annotate.labelstudio.quote_regions import quotes_to_result
from newscorpus.annotate.passes import pass_rows
from newscorpus.annotate.validate import flatten
from newscorpus.hashing import text_sha256
from newscorpus.publish.checks import CheckReport
from newscorpus.publish.configs import ANNOTATIONS_RAW
from newscorpus.publish.rows import ArticleAnnotations, build_rows

TEXT = "The ferry left at noon. The rest is quiet. (synthetic)"
ORIGIN = "labelstudio:harbour"


def _article() -> dict:
    return {"id": "a1", "text": TEXT, "content_sha256": text_sha256(TEXT)}


def task_with_an_empty_annotation(article: dict) -> dict:
    """One task of a Label Studio JSON export: the annotator read `article`, marked no quote,
    and the task asked about no target."""
    annotation = {
        "id": 901,
        "completed_by": 5,
        "result": [],
        "was_cancelled": False,
        "ground_truth": False,
        "created_at": "2026-02-01T09:00:00Z",
        "updated_at": "2026-02-01T09:02:00Z",
        "lead_time": 120.0,
    }
    data = {"article_id": article["id"], "text": article["text"]}
    data["content_sha256"] = article["content_sha256"]
    return {"id": 900, "data": data, "annotations": [annotation]}


def _raw_rows(annotations: ArticleAnnotations) -> list[dict]:
    report = CheckReport()
    built = build_rows(
        _article(),
        annotations,
        cluster_id="a1",
        withheld=False,
        target_texts={},
        report=report,
        configs=[ANNOTATIONS_RAW],
    )
    assert not report.failed
    return built.get(ANNOTATIONS_RAW.name, [])


def test_a_label_studio_annotation_that_marked_nothing_has_an_empty_raw_row() -> None:
    config = load_label_config(REPO / "annotations" / "label_config.xml")
    tasks = [task_with_an_empty_annotation(_article())]
    flat = flatten(tasks, config, lambda _: "ann-5")
    passes = pass_rows(flat.annotations, ORIGIN)
    (row,) = _raw_rows(
        ArticleAnnotations(human_quotes=flat.quotes, human_stance=flat.stance, human_passes=passes)
    )
    assert (row["annotation_id"], row["annotator"], row["origin"], row["task_id"]) == (
        "901",
        "ann-5",
        ORIGIN,
        900,
    )
    assert (row["quotes"], row["stances"], row["lead_time"]) == ([], [], 120.0)
    assert row["updated_at"].isoformat() == "2026-02-01T09:02:00+00:00"


def test_an_annotation_with_a_quote_and_its_pass_row_is_one_raw_row() -> None:
    config = load_label_config(REPO / "annotations" / "label_config.xml")
    task = task_with_an_empty_annotation(_article())
    quoted = {"start": 0, "end": len("The ferry left at noon."), "kind": "direct"}
    task["annotations"][0]["result"] = quotes_to_result(TEXT, [quoted])
    flat = flatten([task], config, lambda _: "ann-5")
    passes = pass_rows(flat.annotations, ORIGIN)
    (row,) = _raw_rows(ArticleAnnotations(human_quotes=flat.quotes, human_passes=passes))
    assert [(q["start"], q["end"]) for q in row["quotes"]] == [(0, 23)]
