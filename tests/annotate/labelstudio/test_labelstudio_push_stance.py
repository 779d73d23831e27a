"""Stance suggestions on a real Label Studio server: push sends them as the article_stance_0
prediction (the stance toward the task's one target) with score and model version;
--refresh-predictions replaces them on untouched tasks and never touches an annotated one. Texts
are the made-up ones of labeled_scenario."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from label_studio_sdk import LabelStudio
from labeled_scenario import build_inputs
from labelstudio_fixture import LiveServer

from newscorpus import labels, schema
from newscorpus.annotate.labelstudio import tasks as lst
from newscorpus.annotate.labelstudio.push import push
from newscorpus.annotate.labelstudio.refresh import refresh_predictions

FIRST_TARGET = lst.article_stance_control(0)

pytestmark = [
    pytest.mark.labelstudio,
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore:The `parse_obj` method is deprecated:DeprecationWarning"),
]


def _write_stances(predictions: Path, rows: list[dict], stances: dict, version: str) -> None:
    by_id = {r["id"]: r for r in rows}
    table = [
        {"article_id": aid, "content_sha256": by_id[aid]["content_sha256"],
         "target_id": "tram-line", "target": "The city should build the new tram line",
         "stance": stance, "model_label": "agree", "score": score, "model_version": version}
        for aid, (stance, score) in stances.items()
    ]  # fmt: skip
    pq.write_table(
        pa.Table.from_pylist(table, schema=schema.STANCE_PREDICTIONS),
        predictions / "stance.parquet",
    )


def _stance_of(prediction) -> tuple[str, float]:
    (item,) = [r for r in prediction.result if r.get("from_name") == FIRST_TARGET]
    return item["value"]["choices"][0], item["score"]


def _tasks(admin: LabelStudio, project_id: int) -> dict:
    return {t.data["article_id"]: t for t in admin.tasks.list(project=project_id, fields="all")}


@pytest.fixture
def pushed(ls_server: LiveServer, tmp_path: Path, request: pytest.FixtureRequest):
    """A project of its own per test, pushed with stance suggestions for two of three tasks."""
    corpus, predictions, rows = build_inputs(tmp_path)
    stances = {"tram-1": ("favor", 0.81), "timetable-2": ("none", 0.66)}
    _write_stances(predictions, rows, stances, "stance-test-v1")
    title = f"stance-{request.node.name}"[:50]
    s = push(ls_server.conn, corpus=corpus, predictions=predictions, title=title)
    admin = LabelStudio(base_url=ls_server.url, api_key=ls_server.conn.api_key)
    return s, admin, predictions, rows


def test_push_sends_the_stance_with_score_and_model_version(pushed) -> None:
    s, admin, _, _ = pushed
    version = "quotes-rules-v1+stance-test-v1"
    assert admin.projects.get(s.project_id).model_version == version
    tasks = _tasks(admin, s.project_id)
    (tram,) = admin.predictions.list(task=tasks["tram-1"].id)
    assert tram.model_version == version
    assert _stance_of(tram) == ("favor", 0.81)
    (timetable,) = admin.predictions.list(task=tasks["timetable-2"].id)
    assert _stance_of(timetable) == ("none", 0.66)


def test_refresh_replaces_untouched_predictions_and_leaves_annotated_tasks(
    pushed, ls_server: LiveServer
) -> None:
    s, admin, predictions, rows = pushed
    tasks = _tasks(admin, s.project_id)
    tram_id = tasks["tram-1"].id
    stance = {"from_name": FIRST_TARGET, "to_name": labels.LS_TEXT,
              "type": "choices", "value": {"choices": ["against"]}}  # fmt: skip
    annotation = admin.annotations.create(tram_id, result=[stance], lead_time=5.0)
    before = [(p.id, p.model_version, p.result) for p in admin.predictions.list(task=tram_id)]
    stances = {"tram-1": ("neutral", 0.55), "timetable-2": ("against", 0.9)}
    _write_stances(predictions, rows, stances, "stance-test-v2")

    r = refresh_predictions(ls_server.conn, predictions=predictions, title=s.project)

    assert (r.annotated, r.replaced) == (1, 1)
    after = [(p.id, p.model_version, p.result) for p in admin.predictions.list(task=tram_id)]
    assert after == before
    (kept,) = admin.annotations.list(tram_id)
    assert (kept.id, kept.result) == (annotation.id, annotation.result)
    (timetable,) = admin.predictions.list(task=tasks["timetable-2"].id)
    assert timetable.model_version == "quotes-rules-v1+stance-test-v2"
    assert _stance_of(timetable) == ("against", 0.9)
    assert admin.projects.get(s.project_id).model_version == "quotes-rules-v1+stance-test-v2"


def test_a_second_refresh_changes_nothing(pushed, ls_server: LiveServer) -> None:
    s, _admin, predictions, _ = pushed
    r = refresh_predictions(ls_server.conn, predictions=predictions, title=s.project)
    assert (r.replaced, r.removed, r.unchanged) == (0, 0, 3)


def test_order_by_uncertainty_imports_the_least_sure_suggestion_first(
    ls_server: LiveServer, tmp_path: Path
) -> None:
    corpus, predictions, rows = build_inputs(tmp_path)
    stances = {"tram-1": ("favor", 0.81), "timetable-2": ("none", 0.66)}
    _write_stances(predictions, rows, stances, "stance-test-v1")
    s = push(ls_server.conn, corpus=corpus, predictions=predictions, title="stance-ordered",
             order_by_uncertainty=True)  # fmt: skip
    admin = LabelStudio(base_url=ls_server.url, api_key=ls_server.conn.api_key)
    tasks = sorted(_tasks(admin, s.project_id).values(), key=lambda t: t.id)
    assert [t.data["article_id"] for t in tasks] == ["timetable-2", "tram-1", "bridge-3"]
