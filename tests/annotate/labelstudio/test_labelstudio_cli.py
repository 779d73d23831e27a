"""`newscorpus ls status/push/pull/agreement` against a real Label Studio server (session fixture),
and the one-line errors of a wrong key or a server that is down.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from labeled_scenario import SALT, Labeled, annotator_tokens, build_inputs, labeled_once
from labelstudio_fixture import LiveServer

from newscorpus.annotate.pseudonyms import SALT_ENV
from newscorpus.cli import main

pytestmark = [
    pytest.mark.labelstudio,
    pytest.mark.slow,
    # The SDK's own token refresh (personal access tokens) still calls a pydantic v1 method.
    pytest.mark.filterwarnings("ignore:The `parse_obj` method is deprecated:DeprecationWarning"),
]


@pytest.fixture
def labeled(ls_server: LiveServer, tmp_path_factory: pytest.TempPathFactory) -> Labeled:
    return labeled_once(ls_server, tmp_path_factory)


def test_cli_status_json_with_a_personal_access_token(
    labeled: Labeled, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _email, token = annotator_tokens(labeled.live)["ann1"]
    monkeypatch.setenv("LABEL_STUDIO_URL", labeled.live.url)
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", token)
    assert main(["ls", "status", "--json", "--project", labeled.title]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert facts["project_id"] == labeled.project_id
    assert (facts["tasks"], facts["annotations"]) == (3, 5)
    assert facts["url"] == labeled.live.url and facts["token_file"] is None


def test_cli_push_pull_agreement_round_trip(
    ls_server: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    corpus, predictions, _ = build_inputs(tmp_path)
    out = tmp_path / "annotations"
    monkeypatch.setenv("LABEL_STUDIO_URL", ls_server.url)
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", ls_server.conn.api_key)
    monkeypatch.setenv(SALT_ENV, SALT)
    args = ["--project", "sync-cli"]
    assert (
        main(["ls", "push", "--corpus", str(corpus), "--predictions", str(predictions), *args]) == 0
    )
    assert "new tasks 3" in capsys.readouterr().out
    assert (
        main(["ls", "push", "--corpus", str(corpus), "--predictions", str(predictions), *args]) == 0
    )
    assert "new tasks 0, already there 3" in capsys.readouterr().out
    assert main(["ls", "pull", "--out", str(out), *args]) == 0
    assert "quotes.parquet: 0 rows" in capsys.readouterr().out
    assert main(["ls", "agreement", "--out", str(out)]) == 0
    assert "articles with 2+ annotations: 0" in capsys.readouterr().out


def test_cli_wrong_token_is_one_line(
    ls_server: LiveServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LABEL_STUDIO_URL", ls_server.url)
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", "not-a-valid-token-0123456789")
    assert main(["ls", "status"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "refused the API key (HTTP 401)" in err and "LABEL_STUDIO_API_KEY" in err


def test_cli_server_down_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from newscorpus.annotate.labelstudio.server import free_port

    monkeypatch.setenv("LABEL_STUDIO_URL", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", "whatever-token")
    assert main(["ls", "pull", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "cannot reach Label Studio" in err
