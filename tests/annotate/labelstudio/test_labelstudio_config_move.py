"""A project made with label config v1 (one article_stance) meets v2 (a stance question per
target) on a real server: push moves it while nobody has annotated it, and reports the server's
refusal once it holds v1 annotations. Texts are the made-up ones of labeled_scenario."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES
from label_studio_sdk import LabelStudio
from labeled_scenario import build_inputs
from labelstudio_fixture import LiveServer

from newscorpus import labels
from newscorpus.annotate.labelstudio import LabelStudioError
from newscorpus.annotate.labelstudio.push import push

pytestmark = [pytest.mark.labelstudio, pytest.mark.slow]

V1 = FIXTURES / "labelstudio" / "label_config_v1.xml"


def _push_v1(live: LiveServer, tmp_path: Path, title: str):
    corpus, predictions, _rows = build_inputs(tmp_path)
    first = push(live.conn, corpus=corpus, predictions=predictions, title=title, config_path=V1)
    assert first.config_version == "v1"
    return corpus, predictions, first


def test_an_unannotated_v1_project_is_moved_to_v2(ls_server: LiveServer, tmp_path: Path) -> None:
    corpus, predictions, _ = _push_v1(ls_server, tmp_path, "config-move-empty")
    second = push(ls_server.conn, corpus=corpus, predictions=predictions,
                  title="config-move-empty")  # fmt: skip
    assert (second.config_action, second.config_version) == ("updated", "v2")


def test_a_v1_project_with_v1_answers_is_refused_by_the_server(
    ls_server: LiveServer, tmp_path: Path
) -> None:
    corpus, predictions, first = _push_v1(ls_server, tmp_path, "config-move-annotated")
    admin = LabelStudio(base_url=ls_server.url, api_key=ls_server.conn.api_key)
    task = next(iter(admin.tasks.list(project=first.project_id)))
    answer = {"from_name": labels.LS_ARTICLE_STANCE, "to_name": labels.LS_TEXT,
              "type": "choices", "value": {"choices": ["favor"]}}  # fmt: skip
    admin.annotations.create(task.id, result=[answer], lead_time=3.0)

    with pytest.raises(LabelStudioError, match="incompatible"):
        push(ls_server.conn, corpus=corpus, predictions=predictions, title="config-move-annotated")
