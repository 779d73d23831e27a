"""Label Studio on PostgreSQL (`newscorpus ls serve --database postgresql`): our own cluster under
the data dir, loopback only, its password private; or a team's PostgreSQL, left alone by `stop`.

The session server of this module runs on PostgreSQL (labelstudio_fixture.POSTGRESQL_ONLY).
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from labelstudio_fixture import LiveServer, label_studio_binary, skip_or_fail

from newscorpus.annotate.labelstudio import LabelStudioError, postgres, server
from newscorpus.cli import main

pytestmark = [pytest.mark.labelstudio]


def _environ(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode().split("=", 1) for item in raw if b"=" in item)


def _psql(live: LiveServer, sql: str) -> str:
    """One query through psql with the cluster's password (in the environment, not argv)."""
    db = postgres.read_state(live.data_dir)
    assert db is not None
    psql = postgres.find_bin_dir() / "psql"
    env = {"PGPASSWORD": postgres.read_password(Path(db.password_file)), "PATH": os.defpath}
    done = subprocess.run(
        [str(psql), "-h", db.host, "-p", str(db.port), "-U", db.user, "-d", db.name, "-tAc", sql],
        env=env, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return done.stdout.strip()


def _ends_within(pid: int, seconds: float) -> bool:
    """The process exits (or is a zombie) within `seconds`: `pg_ctl stop -w` returns when the
    postmaster removed its pid file, a moment before the process is gone."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return True
        if "\nState:\tZ" in status:
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def reachable_dir() -> Iterator[Path]:
    """A data dir the `postgres` user can reach when we are root (pytest's are root's only)."""
    try:
        postgres.find_bin_dir()
    except LabelStudioError as err:
        skip_or_fail(str(err))
    path = Path(tempfile.mkdtemp(prefix="newscorpus-pg-test-"))
    try:
        yield path
    finally:
        server.stop(path)
        shutil.rmtree(path, ignore_errors=True)


def test_label_studio_keeps_its_projects_in_the_postgresql_cluster(ls_server: LiveServer) -> None:
    admin = {"Authorization": f"Token {ls_server.conn.api_key}"}
    reply = httpx.post(
        f"{ls_server.url}/api/projects", headers=admin, json={"title": "pg-where"}, timeout=60
    )
    assert reply.status_code == 201, reply.text
    assert _psql(ls_server, "SELECT title FROM project WHERE title = 'pg-where'") == "pg-where"
    assert not server.ServerFiles(ls_server.data_dir).sqlite.exists()


def test_label_studio_is_pointed_at_the_cluster_through_its_environment(
    ls_server: LiveServer,
) -> None:
    db = postgres.read_state(ls_server.data_dir)
    env = _environ(ls_server.info.pid)
    assert db is not None and db.local
    assert env["DJANGO_DB"] == "default"
    assert (env["POSTGRE_HOST"], env["POSTGRE_PORT"]) == ("127.0.0.1", str(db.port))
    assert (env["POSTGRE_NAME"], env["POSTGRE_USER"]) == (postgres.DB_NAME, postgres.DB_USER)
    assert ls_server.info.database == "postgresql" and ls_server.info.postgres_url == db.url


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc/net/tcp")
def test_cluster_listens_on_loopback_tcp_only(ls_server: LiveServer) -> None:
    db = postgres.read_state(ls_server.data_dir)
    assert db is not None
    port = f"{db.port:04X}"
    listening = [
        line.split()[1]
        for name in ("tcp", "tcp6")
        for line in Path(f"/proc/net/{name}").read_text().splitlines()[1:]
        if line.split()[1].endswith(f":{port}") and line.split()[3] == "0A"
    ]
    assert listening == [f"0100007F:{port}"]
    assert _psql(ls_server, "SHOW unix_socket_directories") == ""


def test_cluster_folder_and_password_file_are_private(ls_server: LiveServer) -> None:
    files = postgres.ClusterFiles(ls_server.data_dir)
    who = postgres.cluster_user()
    for folder in (files.home, files.data):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
        assert folder.stat().st_uid == who.uid, folder
    assert stat.S_IMODE(files.password.stat().st_mode) == 0o600
    assert files.password.stat().st_uid == os.geteuid()


def test_data_dir_lets_the_cluster_user_pass_and_nobody_else(ls_server: LiveServer) -> None:
    root = ls_server.data_dir.stat()
    who = postgres.cluster_user()
    if who.is_us:
        assert stat.S_IMODE(root.st_mode) == 0o700
    else:  # root runs the server, `postgres` the cluster: group may enter, not list
        assert (stat.S_IMODE(root.st_mode), root.st_gid) == (0o710, who.gid)


def test_password_never_reaches_a_log_the_state_or_a_command_line(ls_server: LiveServer) -> None:
    files = server.ServerFiles(ls_server.data_dir)
    cluster = postgres.ClusterFiles(ls_server.data_dir)
    password = postgres.read_password(cluster.password)
    for path in (files.log, files.state, cluster.state, cluster.log):
        assert password not in path.read_text(encoding="utf-8", errors="replace"), path
    for pid in (ls_server.info.pid, postgres.postmaster_pid(ls_server.data_dir)):
        assert password not in Path(f"/proc/{pid}/cmdline").read_bytes().decode(), pid


def test_serve_prints_the_database_url_but_not_its_password(
    ls_server: LiveServer, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["ls", "serve", "--data-dir", str(ls_server.data_dir), "--database", "postgresql"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    cluster = postgres.ClusterFiles(ls_server.data_dir)
    assert str(ls_server.info.postgres_url) in out
    assert postgres.read_password(cluster.password) not in out


def test_starting_the_same_data_dir_on_sqlite_is_refused(ls_server: LiveServer) -> None:
    with pytest.raises(LabelStudioError, match="already runs on postgresql"):
        server.start(ls_server.data_dir, database="sqlite")


def test_a_teams_postgresql_is_used_and_left_running_by_stop(
    ls_server: LiveServer, reachable_dir: Path
) -> None:
    db = postgres.read_state(ls_server.data_dir)
    assert db is not None
    team = postgres.external(db.host, Path(db.password_file), port=db.port)
    info = server.start(
        reachable_dir, binary=label_studio_binary(), database="postgresql", postgres=team
    )
    assert _environ(info.pid)["POSTGRE_PORT"] == str(db.port)
    assert not postgres.ClusterFiles(reachable_dir).home.exists()
    server.stop(reachable_dir)
    assert postgres.is_running(ls_server.data_dir)


def test_ls_stop_stops_the_cluster_too(
    reachable_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    postgres.start(reachable_dir)
    pid = postgres.postmaster_pid(reachable_dir)
    assert main(["ls", "stop", "--data-dir", str(reachable_dir)]) == 0
    assert not postgres.is_running(reachable_dir)
    assert pid is not None and _ends_within(pid, seconds=10)


def test_cluster_keeps_its_port_across_restarts(reachable_dir: Path) -> None:
    first = postgres.start(reachable_dir)
    postgres.stop(reachable_dir)
    assert postgres.start(reachable_dir).port == first.port


def test_a_password_file_others_can_read_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "pg-password"
    secret.write_text("not-a-real-password\n")
    secret.chmod(0o644)
    with pytest.raises(LabelStudioError, match="chmod 600"):
        postgres.external("127.0.0.1", secret)


def test_pg_options_without_postgresql_are_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["ls", "serve", "--data-dir", str(tmp_path), "--pg-host", "db.example.org"]
    assert main(argv) == 2
    assert "--pg-host: only with --database postgresql" in capsys.readouterr().err


def test_pg_host_without_a_password_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["ls", "serve", "--data-dir", str(tmp_path), "--database", "postgresql",
            "--pg-host", "db.example.org"]  # fmt: skip
    assert main(argv) == 2
    assert "--pg-password-file" in capsys.readouterr().err


def test_unreachable_data_dir_names_the_folder(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o600)  # its owner may not enter it either
    owner = postgres.RunAs("owner", os.geteuid(), os.getegid(), (os.getegid(),))
    try:
        with pytest.raises(LabelStudioError, match=f"cannot enter {locked} "):
            postgres.check_reachable(locked / "inner" / "postgres", owner)
    finally:
        locked.chmod(0o700)
