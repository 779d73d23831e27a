"""Push against a real Label Studio server (session fixture): one task per article, idempotent,
changed texts as new tasks, stale predictions left out, selection, task order.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest
from label_studio_sdk import LabelStudio
from labeled_scenario import A3, TEXTS, Labeled, build_inputs, labeled_once
from labelstudio_fixture import LiveServer, write_corpus, write_predictions

from newscorpus.annotate.labelstudio.push import push
from newscorpus.annotate.labelstudio.select import sample_articles
from newscorpus.hashing import text_sha256

pytestmark = [
    pytest.mark.labelstudio,
    pytest.mark.slow,
    # The SDK's own token refresh (personal access tokens) still calls a pydantic v1 method.
    pytest.mark.filterwarnings("ignore:The `parse_obj` method is deprecated:DeprecationWarning"),
]


@pytest.fixture
def labeled(ls_server: LiveServer, tmp_path_factory: pytest.TempPathFactory) -> Labeled:
    return labeled_once(ls_server, tmp_path_factory)


def test_push_creates_one_task_per_article_with_predictions(labeled: Labeled) -> None:
    s = labeled.first_push
    assert (s.config_action, s.selected, s.created, s.already_present) == ("created", 3, 3, 0)
    assert (s.predictions, s.without_predictions) == (2, 1)
    admin = LabelStudio(base_url=labeled.live.url, api_key=labeled.live.conn.api_key)
    project = admin.projects.get(labeled.project_id)
    assert project.task_number == 3
    assert project.model_version == "quotes-rules-v1"
    assert "<h1>Annotation guidelines" in (project.expert_instruction or "")


def test_second_push_creates_nothing(labeled: Labeled) -> None:
    s = labeled.second_push
    assert (s.config_action, s.created, s.already_present, s.batches) == ("unchanged", 0, 3, 0)


def test_tasks_are_created_in_corpus_order(labeled: Labeled) -> None:
    admin = LabelStudio(base_url=labeled.live.url, api_key=labeled.live.conn.api_key)
    tasks = sorted(admin.tasks.list(project=labeled.project_id, fields="all"), key=lambda t: t.id)
    assert [t.data["article_id"] for t in tasks] == list(TEXTS)


def test_batches_keep_corpus_order_and_one_parquet_file_is_a_corpus(
    ls_server: LiveServer, tmp_path: Path
) -> None:
    corpus, predictions, _ = build_inputs(tmp_path)
    part = corpus / "articles" / "part-00000.parquet"
    s = push(ls_server.conn, corpus=part, predictions=predictions, title="push-batches",
             batch_size=2)  # fmt: skip
    assert (s.selected, s.created, s.batches) == (3, 3, 2)
    admin = LabelStudio(base_url=ls_server.url, api_key=ls_server.conn.api_key)
    tasks = sorted(admin.tasks.list(project=s.project_id, fields="all"), key=lambda t: t.id)
    assert [t.data["article_id"] for t in tasks] == list(TEXTS)
    again = push(ls_server.conn, corpus=corpus, predictions=predictions, title="push-batches",
                 batch_size=2)  # fmt: skip
    assert (again.created, again.already_present, again.batches) == (0, 3, 0)


def test_changed_text_becomes_a_new_task_and_the_old_one_is_reported(
    ls_server: LiveServer, tmp_path: Path
) -> None:
    corpus, predictions, rows = build_inputs(tmp_path)
    first = push(ls_server.conn, corpus=corpus, predictions=predictions, title="sync-renorm")
    changed = dict(rows[2], text=A3.replace("nearby", "close by"))
    changed["content_sha256"] = text_sha256(changed["text"])
    write_corpus(corpus, [rows[0], rows[1], changed])
    second = push(ls_server.conn, corpus=corpus, predictions=predictions, title="sync-renorm")
    assert (second.created, second.already_present) == (1, 2)
    (report,) = second.changed
    assert report["article_id"] == "bridge-3"
    admin = LabelStudio(base_url=ls_server.url, api_key=ls_server.conn.api_key)
    tasks = list(admin.tasks.list(project=first.project_id, fields="all"))
    assert report["old_tasks"] == [
        t.id for t in tasks if t.data["content_sha256"] == rows[2]["content_sha256"]
    ]
    old = next(t for t in tasks if t.id == report["old_tasks"][0])
    assert old.data["text"] == A3  # the old task was left exactly as it was


def test_stale_predictions_are_left_out_and_counted(ls_server: LiveServer, tmp_path: Path) -> None:
    corpus, predictions, _ = build_inputs(tmp_path)
    table = pq.read_table(predictions / "quotes.parquet").to_pylist()
    table[2]["content_sha256"] = "f" * 64  # made on an older text of timetable-2
    write_predictions(
        predictions, table, pq.read_table(predictions / "targets.parquet").to_pylist()
    )
    s = push(ls_server.conn, corpus=corpus, predictions=predictions, title="sync-stale")
    assert (s.stale_predictions, s.predictions, s.without_predictions) == (1, 1, 2)


def test_sample_and_where_select_articles(ls_server: LiveServer, tmp_path: Path) -> None:
    corpus, predictions, rows = build_inputs(tmp_path)
    s = push(ls_server.conn, corpus=corpus, predictions=predictions, title="sync-where",
                  where="'tram' in lower(text) or id == 'bridge-3'", sample=1)  # fmt: skip
    assert (s.selected, s.created) == (1, 1)
    expected = sample_articles([r for r in rows if r["id"] in ("tram-1", "bridge-3")], 1)
    admin = LabelStudio(base_url=ls_server.url, api_key=ls_server.conn.api_key)
    (task,) = list(admin.tasks.list(project=s.project_id, fields="all"))
    assert task.data["article_id"] == expected[0]["id"]
