"""Annotator accounts: the credentials files and pseudonyms (offline), and `ls annotators
add/list/remove` against the session's real server."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from types import SimpleNamespace

import pytest
from label_studio_sdk import LabelStudio
from labelstudio_fixture import LiveServer

from newscorpus.annotate.labelstudio import team
from newscorpus.annotate.pseudonyms import pseudonym
from newscorpus.cli import main
from newscorpus.errors import UsageError

SALT = "team-test-salt"


def test_an_argument_that_is_not_an_email_is_refused() -> None:
    with pytest.raises(UsageError, match="'ann1' is not an e-mail address"):
        team.normalized_email("ann1")


def test_emails_are_lower_case_as_label_studio_stores_them() -> None:
    assert team.normalized_email(" Ann.One@Example.ORG ") == "ann.one@example.org"


def test_the_credentials_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    creds = team.Credentials("a@example.org", "ann-1", 5, "http://x", "pw-secret", "tok-secret")
    path = tmp_path / "annotators" / "ann-1.json"
    team.write_credentials(path, creds)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert team.read_credentials(path) == creds
    assert "secret" not in repr(creds)


def test_a_deactivated_member_keeps_the_pseudonym_a_kept_export_gave_them(tmp_path: Path) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "export-20260101T000000000000Z-p1.annotators.json").write_text(
        json.dumps({"7": "ann-earlier"})
    )
    users = [SimpleNamespace(id=7, email="Deleted"), SimpleNamespace(id=8, email="b@x.org")]
    names = team.annotator_pseudonyms(users, SALT, tmp_path)
    assert names == {"7": "ann-earlier", "8": pseudonym("b@x.org", SALT)}


def test_a_deactivated_member_nobody_named_is_named_by_id(tmp_path: Path) -> None:
    names = team.annotator_pseudonyms([SimpleNamespace(id=7, email="Deleted")], SALT, tmp_path)
    assert names == {"7": pseudonym("id:7", SALT)}


# --- against the real server --------------------------------------------------------------------


@pytest.mark.labelstudio
@pytest.mark.slow
def test_cli_adds_lists_and_removes_annotators(
    ls_server: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.setenv("LABEL_STUDIO_URL", ls_server.url)
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", ls_server.conn.api_key)
    monkeypatch.setenv("NEWSCORPUS_ANNOTATOR_SALT", SALT)
    data_dir = tmp_path / ".labelstudio"
    opts = ["--data-dir", str(data_dir), "--out", str(tmp_path / "annotations")]
    emails = ["team-one@annotators.example.org", "team-two@annotators.example.org"]

    assert main(["ls", "annotators", "add", *emails, *opts]) == 0
    added = capsys.readouterr().out
    files = sorted((data_dir / "annotators").glob("*.json"))
    assert [f.stem for f in files] == sorted(pseudonym(e, SALT) for e in emails)
    secrets_ = [json.loads(f.read_text()) for f in files]
    for creds in secrets_:
        assert creds["password"] not in added and creds["token"] not in added
        whoami = LabelStudio(base_url=ls_server.url, api_key=creds["token"]).users.whoami()
        assert whoami.email == creds["email"]

    assert main(["ls", "annotators", "add", emails[0], *opts]) == 0
    assert "already a member" in capsys.readouterr().out

    assert main(["ls", "annotators", "remove", emails[1], *opts]) == 0
    capsys.readouterr()
    assert main(["ls", "annotators", "list", *opts]) == 0
    listed = capsys.readouterr().out
    assert f"{pseudonym(emails[0], SALT)}  {emails[0]}  active" in listed
    assert f"{pseudonym(emails[1], SALT)}  {emails[1]}  removed" in listed

    removed = team.read_credentials(data_dir / "annotators" / f"{pseudonym(emails[1], SALT)}.json")
    assert removed.password is None and removed.token is None and removed.removed_at
    project = LabelStudio(base_url=ls_server.url, api_key=ls_server.conn.api_key).projects.create(
        title="team-access"
    )
    token = {c["email"]: c["token"] for c in secrets_}
    assert _project_status(ls_server, token[emails[0]], project.id) == 200
    # Refused: not found among the projects of any organization they still belong to.
    assert _project_status(ls_server, token[emails[1]], project.id) in (403, 404)


def _project_status(live: LiveServer, token: str, project_id: int) -> int:
    """HTTP status of reading the project as the holder of `token`."""
    as_them = LabelStudio(base_url=live.url, api_key=token)
    reply = as_them._client_wrapper.httpx_client.request(f"api/projects/{project_id}", method="GET")
    return reply.status_code
