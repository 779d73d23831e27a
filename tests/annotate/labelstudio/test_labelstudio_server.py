"""The local server as `newscorpus ls serve` starts it (session fixture): where it listens, what
it keeps secret, what it switched off, and which keys it accepts."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import httpx
import pytest
from labelstudio_fixture import LiveServer

from newscorpus import layout
from newscorpus.annotate.labelstudio import LabelStudioError, server
from newscorpus.annotate.labelstudio.client import client
from newscorpus.cli import main

pytestmark = [
    pytest.mark.labelstudio,
    pytest.mark.filterwarnings("ignore:The `parse_obj` method is deprecated:DeprecationWarning"),
]


def _environ(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode().split("=", 1) for item in raw if b"=" in item)


def test_token_and_admin_files_are_readable_by_their_owner_only(ls_server: LiveServer) -> None:
    files = server.ServerFiles(ls_server.data_dir)
    for path in (files.token, files.admin):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert files.token.read_text().strip() == ls_server.conn.api_key


def test_data_dir_and_sqlite_database_are_readable_by_their_owner_only(
    ls_server: LiveServer,
) -> None:
    files = server.ServerFiles(ls_server.data_dir)
    assert stat.S_IMODE(files.root.stat().st_mode) == 0o700
    assert stat.S_IMODE(files.ls_data.stat().st_mode) == 0o700
    assert stat.S_IMODE(files.sqlite.stat().st_mode) == 0o600


def test_server_runs_with_a_private_umask(ls_server: LiveServer) -> None:
    status = Path(f"/proc/{ls_server.info.pid}/status").read_text().splitlines()
    umask = next(line.split()[1] for line in status if line.startswith("Umask:"))
    assert int(umask, 8) == server.SERVER_UMASK


def test_lock_down_takes_group_and_other_bits_off_an_older_data_dir(tmp_path: Path) -> None:
    files = server.ServerFiles(tmp_path / "ls")
    (files.ls_data / "media").mkdir(parents=True, mode=0o755)
    files.sqlite.write_text("synthetic, not a database")
    files.sqlite.chmod(0o644)
    files.root.chmod(0o755)
    server.lock_down(files)
    modes = {p: stat.S_IMODE(p.stat().st_mode) for p in (files.root, files.ls_data / "media")}
    assert modes == {files.root: 0o700, files.ls_data / "media": 0o700}
    assert stat.S_IMODE(files.sqlite.stat().st_mode) == 0o600


def test_token_never_reaches_the_log_the_state_or_the_command_line(ls_server: LiveServer) -> None:
    files = server.ServerFiles(ls_server.data_dir)
    token = ls_server.conn.api_key
    assert token not in files.log.read_text(encoding="utf-8", errors="replace")
    assert token not in files.state.read_text(encoding="utf-8")
    cmdline = Path(f"/proc/{ls_server.info.pid}/cmdline").read_bytes().decode()
    assert token not in cmdline and "password" not in cmdline.lower()


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc/net/tcp")
def test_server_listens_on_loopback_only(ls_server: LiveServer) -> None:
    port = f"{ls_server.info.port:04X}"
    listening = [
        line.split()[1]
        for line in Path("/proc/net/tcp").read_text().splitlines()[1:]
        if line.split()[1].endswith(f":{port}") and line.split()[3] == "0A"
    ]
    assert listening == [f"0100007F:{port}"]


def test_version_check_telemetry_and_error_reporting_are_off(ls_server: LiveServer) -> None:
    env = _environ(ls_server.info.pid)
    assert env["LABEL_STUDIO_LATEST_VERSION_CHECK"] == "false"
    assert env["LABEL_STUDIO_COLLECT_ANALYTICS"] == "false"
    assert env["SENTRY_DSN"] == "" and env["FRONTEND_SENTRY_DSN"] == ""
    assert env["LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN"] == "true"


def test_health_answers_and_version_is_recorded(ls_server: LiveServer) -> None:
    assert server.health(ls_server.url)
    assert ls_server.info.version == "1.23.2"


def test_starting_again_returns_the_running_server(ls_server: LiveServer) -> None:
    again = server.start(ls_server.data_dir)
    assert (again.pid, again.url) == (ls_server.info.pid, ls_server.url)


def test_legacy_token_is_accepted(ls_server: LiveServer) -> None:
    reply = httpx.get(
        f"{ls_server.url}/api/current-user/whoami",
        headers={"Authorization": f"Token {ls_server.conn.api_key}"},
    )
    assert reply.status_code == 200
    assert reply.json()["email"] == server.ADMIN_EMAIL


def test_personal_access_token_works_like_a_team_servers_key(
    ls_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    reply = httpx.post(
        f"{ls_server.url}/api/token/", headers={"Authorization": f"Token {ls_server.conn.api_key}"}
    )
    assert reply.status_code == 201, reply.text
    monkeypatch.setenv(server.URL_ENV, ls_server.url)
    monkeypatch.setenv(server.KEY_ENV, reply.json()["token"])
    conn = server.resolve_connection(Path("/nonexistent-data-dir"))
    assert not conn.local and conn.token_file is None
    assert client(conn).users.whoami().email == server.ADMIN_EMAIL


def test_url_without_key_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(server.URL_ENV, "http://127.0.0.1:9")
    monkeypatch.delenv(server.KEY_ENV, raising=False)
    with pytest.raises(LabelStudioError, match="LABEL_STUDIO_API_KEY is not"):
        server.resolve_connection()


def test_no_local_server_says_how_to_start_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(server.URL_ENV, raising=False)
    with pytest.raises(LabelStudioError, match="newscorpus ls serve"):
        server.resolve_connection(tmp_path)


def test_status_json_names_the_token_file(
    ls_server: LiveServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(server.URL_ENV, raising=False)
    monkeypatch.delenv(server.KEY_ENV, raising=False)
    assert main(["ls", "status", "--json", "--data-dir", str(ls_server.data_dir)]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert set(facts) >= {"url", "project_id", "tasks", "annotations", "token_file"}
    assert facts["url"] == ls_server.url
    assert Path(facts["token_file"]).read_text().strip() == ls_server.conn.api_key
    assert ls_server.conn.api_key not in json.dumps(facts)


def test_connection_repr_hides_the_key(ls_server: LiveServer) -> None:
    assert ls_server.conn.api_key not in repr(ls_server.conn)


def test_missing_binary_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(server.BIN_ENV, str(tmp_path / "nope"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(layout, "CHECKOUT", None)
    with pytest.raises(LabelStudioError, match="make ls-venv"):
        server.find_binary()


def test_the_checkouts_label_studio_is_found_from_any_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    binary = tmp_path / "checkout" / layout.LABEL_STUDIO_VENV / "bin" / "label-studio"
    binary.parent.mkdir(parents=True)
    binary.write_text("#!/bin/sh\n")
    binary.chmod(0o755)
    monkeypatch.delenv(server.BIN_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(layout, "CHECKOUT", tmp_path / "checkout")
    assert server.find_binary() == binary


def test_serve_prints_url_and_login_but_no_secret(
    ls_server: LiveServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ls", "serve", "--data-dir", str(ls_server.data_dir)]) == 0
    out = capsys.readouterr().out
    assert ls_server.url in out and server.ADMIN_EMAIL in out
    assert ls_server.conn.api_key not in out
    assert server.admin_password(ls_server.data_dir) not in out


def test_stop_without_a_server_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ls", "stop", "--data-dir", str(tmp_path)]) == 0
    assert "no Label Studio server was running" in capsys.readouterr().out


def test_stop_leaves_alone_a_process_that_took_the_recorded_pid(tmp_path: Path) -> None:
    import subprocess

    other = subprocess.Popen(["sleep", "30"])
    try:
        files = server.ServerFiles(tmp_path)
        files.state.write_text(
            json.dumps(
                {"pid": other.pid, "port": 9, "url": "http://127.0.0.1:9",
                 "data_dir": str(tmp_path), "token_file": str(files.token),
                 "admin_email": server.ADMIN_EMAIL,
                 "log_file": str(files.log), "started_at": 0.0}
            ),
            encoding="utf-8",
        )  # fmt: skip
        assert server.read_state(tmp_path) is None
        assert server.stop(tmp_path) is None
        assert other.poll() is None  # still running
    finally:
        other.kill()
        other.wait()
