"""The project's label config against a real Label Studio server (session fixture): a hand edit on
the server is refused unless forced; a new local version updates it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from label_studio_sdk import LabelStudio
from labeled_scenario import build_inputs
from labelstudio_fixture import LiveServer

from newscorpus.annotate.labelstudio import LabelStudioError
from newscorpus.annotate.labelstudio.push import push

pytestmark = [
    pytest.mark.labelstudio,
    pytest.mark.slow,
    # The SDK's own token refresh (personal access tokens) still calls a pydantic v1 method.
    pytest.mark.filterwarnings("ignore:The `parse_obj` method is deprecated:DeprecationWarning"),
]


def test_config_edited_on_the_server_is_refused_unless_forced(
    ls_server: LiveServer, tmp_path: Path
) -> None:
    corpus, predictions, _ = build_inputs(tmp_path)
    s = push(ls_server.conn, corpus=corpus, predictions=predictions, title="sync-drift")
    admin = LabelStudio(base_url=ls_server.url, api_key=ls_server.conn.api_key)
    xml = admin.projects.get(s.project_id).label_config
    admin.projects.update(s.project_id, label_config=xml.replace(
        '<Choice value="mixed"/>', '<Choice value="mixed"/><Choice value="unclear"/>'))  # fmt: skip
    with pytest.raises(LabelStudioError, match=r"changed on the server.*--force"):
        push(ls_server.conn, corpus=corpus, predictions=predictions, title="sync-drift")
    forced = push(
        ls_server.conn, corpus=corpus, predictions=predictions, title="sync-drift", force=True
    )
    assert forced.config_action == "forced"
    assert "unclear" not in admin.projects.get(s.project_id).label_config


def test_a_new_local_config_version_updates_the_server(
    ls_server: LiveServer, tmp_path: Path
) -> None:
    corpus, predictions, _ = build_inputs(tmp_path)
    repo_config = Path(__file__).resolve().parents[3] / "annotations" / "label_config.xml"
    s = push(ls_server.conn, corpus=corpus, predictions=predictions, title="sync-next")
    v3 = tmp_path / "label_config.xml"
    v3.write_text(
        repo_config.read_text(encoding="utf-8")
        .replace("newscorpus-label-config v2", "newscorpus-label-config v3")
        .replace('<Choice value="mixed"/>', '<Choice value="mixed"/><Choice value="unclear"/>'),
        encoding="utf-8",
    )
    again = push(ls_server.conn, corpus=corpus, predictions=predictions, title="sync-next",
                      config_path=v3)  # fmt: skip
    assert (again.config_action, again.config_version) == ("updated", "v3")
    admin = LabelStudio(base_url=ls_server.url, api_key=ls_server.conn.api_key)
    assert '"unclear"' in admin.projects.get(s.project_id).label_config
