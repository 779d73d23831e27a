"""PostgreSQL for Label Studio: a cluster of our own under the server's data dir, or a team's.

`newscorpus ls serve --database postgresql` runs Label Studio on PostgreSQL instead of SQLite, as
a team's server should (many annotators writing at once). Without `--pg-host` the project keeps a
cluster of its own in `<data dir>/postgres/` (the Debian package `postgresql`, `make postgres`):
bound to 127.0.0.1 on a free port with no Unix socket, password authentication only, a password
generated on first start and kept in `<data dir>/postgres.password` (mode 0600). PostgreSQL
refuses to run as root; when we are root its commands run as the `postgres` system user that the
package creates, which owns the cluster's folder and nothing else.

With `--pg-host` Label Studio uses an existing server instead and this module starts nothing.

This module must never print, never put a password on a command line (other users can read
those) and never make the cluster listen beyond the loopback address.
"""

from __future__ import annotations

import json
import os
import pwd
import re
import secrets
import shutil
import socket
import stat
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

from newscorpus.annotate.labelstudio import LabelStudioError

BIN_ENV = "NEWSCORPUS_PG_BIN"
# The system user that runs the cluster when we are root (Debian's package creates it).
CLUSTER_USER = "postgres"
LOOPBACK = "127.0.0.1"
DB_NAME = "labelstudio"
DB_USER = "labelstudio"
DEFAULT_PORT = 5432
START_TIMEOUT = 120
# Appended to postgresql.conf by `init`: TCP on loopback only, no Unix socket, no password on a log
# line. The port is given at each start (a free one, the last one when still free).
CLUSTER_SETTINGS = {
    "listen_addresses": f"'{LOOPBACK}'",
    "unix_socket_directories": "''",
    "password_encryption": "'scram-sha-256'",
    "log_statement": "'none'",
}
# Where Debian's packages put each major version; the highest wins.
_DEBIAN_BIN_GLOB = "/usr/lib/postgresql/*/bin"
_INSTALL_HINT = (
    "run `make postgres` (as root: it installs the Debian package postgresql), or set "
    f"{BIN_ENV} to the folder holding initdb and pg_ctl"
)


@dataclass(frozen=True)
class Database:
    """Where Label Studio finds its PostgreSQL database. `local` is our own cluster, started and
    stopped with the server; otherwise a team's server that we only connect to."""

    host: str
    port: int
    name: str
    user: str
    password_file: str
    local: bool

    @property
    def url(self) -> str:
        """A connection URL without the password, for messages and status."""
        return f"postgresql://{self.user}@{self.host}:{self.port}/{self.name}"

    def environment(self) -> dict[str, str]:
        """Label Studio's settings (core/settings/base.py) read these; DJANGO_DB=default selects
        the PostgreSQL entry. The password goes through the environment only."""
        return {
            "DJANGO_DB": "default",
            "POSTGRE_HOST": self.host,
            "POSTGRE_PORT": str(self.port),
            "POSTGRE_NAME": self.name,
            "POSTGRE_USER": self.user,
            "POSTGRE_PASSWORD": read_password(Path(self.password_file)),
        }


def external(
    host: str,
    password_file: Path,
    *,
    port: int = DEFAULT_PORT,
    name: str = DB_NAME,
    user: str = DB_USER,
) -> Database:
    """A team's existing PostgreSQL server (nothing is started or stopped for it).

    Raises:
        LabelStudioError: the password file is missing, empty or readable by others.
    """
    read_password(Path(password_file))
    return Database(host, port, name, user, str(Path(password_file).absolute()), local=False)


@dataclass(frozen=True)
class ClusterFiles:
    """Our own cluster's files under the server's data dir."""

    root: Path

    @property
    def home(self) -> Path:
        """Owned by the cluster's user, mode 0700: the data folder and the log."""
        return self.root / "postgres"

    @property
    def data(self) -> Path:
        return self.home / "data"

    @property
    def log(self) -> Path:
        return self.home / "postgres.log"

    @property
    def password(self) -> Path:
        """The database password alone, mode 0600, owned by whoever runs the server."""
        return self.root / "postgres.password"

    @property
    def state(self) -> Path:
        """The Database record of the cluster (JSON, no password)."""
        return self.root / "postgres.json"


@dataclass(frozen=True)
class RunAs:
    """The system user the cluster's commands run as: ourselves, or `postgres` when root."""

    name: str
    uid: int
    gid: int
    groups: tuple[int, ...]

    @property
    def is_us(self) -> bool:
        return self.uid == os.geteuid()


def cluster_user() -> RunAs:
    """Ourselves unless we are root, then the package's `postgres` user.

    Raises:
        LabelStudioError: root, and no `postgres` user exists.
    """
    if os.geteuid() != 0:
        entry = pwd.getpwuid(os.geteuid())
    else:
        try:
            entry = pwd.getpwnam(CLUSTER_USER)
        except KeyError:
            raise LabelStudioError(
                f"PostgreSQL refuses to run as root and there is no {CLUSTER_USER!r} user to run "
                f"it as: {_INSTALL_HINT}"
            ) from None
    groups = tuple(os.getgrouplist(entry.pw_name, entry.pw_gid))
    return RunAs(entry.pw_name, entry.pw_uid, entry.pw_gid, groups)


def _version_key(path: Path) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", path.parent.name)) or (0,)


def find_bin_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The folder holding initdb, pg_ctl and postgres: explicit, $NEWSCORPUS_PG_BIN, Debian's
    /usr/lib/postgresql/<highest version>/bin, then initdb's folder on PATH.

    Raises:
        LabelStudioError: none of these holds initdb and pg_ctl, saying how to install them.
    """
    candidates: list[Path] = []
    for given in (explicit, os.environ.get(BIN_ENV)):
        if given:
            candidates.append(Path(given))
    debian = sorted(Path("/").glob(_DEBIAN_BIN_GLOB.lstrip("/")), key=_version_key, reverse=True)
    candidates.extend(debian)
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    for folder in candidates:
        if all(os.access(folder / name, os.X_OK) for name in ("initdb", "pg_ctl", "postgres")):
            return folder
    raise LabelStudioError(f"PostgreSQL (initdb, pg_ctl) is not installed: {_INSTALL_HINT}")


def read_password(path: Path) -> str:
    """The password in `path` (first line), refusing a file that others can read.

    Raises:
        LabelStudioError: missing, empty, or readable by group or others.
    """
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise LabelStudioError(
            f"cannot read the PostgreSQL password file {path}: {err.strerror}"
        ) from None
    if mode & 0o077:
        raise LabelStudioError(
            f"the PostgreSQL password file {path} is readable by others (mode {mode:04o}): "
            f"run `chmod 600 {path}`"
        )
    password = text.strip().splitlines()[0] if text.strip() else ""
    if not password:
        raise LabelStudioError(f"the PostgreSQL password file {path} is empty")
    return password


def _run(
    cmd: list[str], who: RunAs, *, stdin: str | None = None, timeout: float = START_TIMEOUT
) -> subprocess.CompletedProcess[str]:
    """Run a cluster command as `who`, with a private umask and a plain C locale."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C", "LANG": "C"}
    switch: dict[str, object] = {}
    if not who.is_us:
        switch = {"user": who.uid, "group": who.gid, "extra_groups": list(who.groups)}
    return subprocess.run(
        cmd,
        input=stdin,
        capture_output=True,
        text=True,
        cwd="/",
        env=env,
        umask=0o077,
        timeout=timeout,
        check=False,
        **switch,  # type: ignore[arg-type]
    )


def _failed(what: str, done: subprocess.CompletedProcess[str], log: Path | None = None) -> str:
    said = " | ".join((done.stderr or done.stdout or "").strip().splitlines()[-4:])
    where = f"; see {log}" if log is not None else ""
    return f"PostgreSQL {what} failed (exit {done.returncode}): {said}{where}"


def _can_enter(path: Path, who: RunAs) -> bool:
    st = path.stat()
    if who.uid == 0 or st.st_uid == who.uid:
        return bool(st.st_mode & stat.S_IXUSR)
    if st.st_gid in who.groups:
        return bool(st.st_mode & stat.S_IXGRP)
    return bool(st.st_mode & stat.S_IXOTH)


def open_passage(root: Path) -> None:
    """Let the cluster's user pass through the server's private data dir `root` when the cluster
    runs as another user (we are root): group = that user's group, mode 0710 (enter, not list).
    Every file in `root` stays 0600 and `root/data/` 0700, so passing reveals nothing."""
    who = cluster_user()
    if who.is_us:
        return
    os.chown(root, -1, who.gid)
    os.chmod(root, 0o710)


def check_reachable(folder: Path, who: RunAs) -> None:
    """Every folder above `folder` lets `who` pass, or PostgreSQL could not reach its data.

    Raises:
        LabelStudioError: naming the first folder that `who` may not enter.
    """
    for parent in reversed(Path(folder).absolute().parents):
        if not _can_enter(parent, who):
            mode = stat.S_IMODE(parent.stat().st_mode)
            raise LabelStudioError(
                f"PostgreSQL runs as user {who.name!r} (it refuses root), which cannot enter "
                f"{parent} (mode {mode:04o}): choose a --data-dir that user can reach, e.g. "
                "under /srv or /tmp"
            )


def free_port(host: str = LOOPBACK) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the postmaster binds
        try:
            sock.bind((LOOPBACK, port))
        except OSError:
            return False
    return True


def _write_private(path: Path, content: str, owner: RunAs | None = None) -> None:
    """Create `path` with mode 0600 from the start (and give it to `owner` when not us)."""
    if path.exists():
        path.unlink()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(content)
    if owner is not None and not owner.is_us:
        os.chown(path, owner.uid, owner.gid)


def _ensure_password(files: ClusterFiles) -> str:
    if files.password.exists():
        return read_password(files.password)
    password = secrets.token_urlsafe(24)
    _write_private(files.password, password + "\n")
    return password


def _make_home(files: ClusterFiles, who: RunAs) -> None:
    files.home.mkdir(mode=0o700, exist_ok=True)
    os.chmod(files.home, 0o700)
    if not who.is_us:
        os.chown(files.home, who.uid, who.gid)


def _initdb(files: ClusterFiles, bin_dir: Path, who: RunAs, password: str) -> None:
    """A new cluster whose superuser is DB_USER with `password`, then the DB_NAME database
    (single-user mode: no server, no socket, nothing listens)."""
    pwfile = files.home / ".initdb-password"
    _write_private(pwfile, password + "\n", owner=who)
    try:
        done = _run(
            [str(bin_dir / "initdb"), "-D", str(files.data), "-U", DB_USER, f"--pwfile={pwfile}",
             "--auth=scram-sha-256", "--encoding=UTF8", "--no-locale"],
            who,
        )  # fmt: skip
    finally:
        pwfile.unlink(missing_ok=True)
    if done.returncode != 0:
        raise LabelStudioError(_failed(f"initdb in {files.data}", done))
    settings = "".join(f"{key} = {value}\n" for key, value in CLUSTER_SETTINGS.items())
    with open(files.data / "postgresql.conf", "a", encoding="utf-8") as conf:
        conf.write("\n# newscorpus: loopback only, no Unix socket\n" + settings)
    done = _run(
        [str(bin_dir / "postgres"), "--single", "-D", str(files.data), "-j", "postgres"],
        who,
        stdin=f"CREATE DATABASE {DB_NAME};\n",
    )
    if done.returncode != 0:
        raise LabelStudioError(_failed(f"creating the {DB_NAME} database", done))


def read_state(root: Path) -> Database | None:
    """The recorded cluster of the data dir `root`, running or not."""
    files = ClusterFiles(Path(root))
    try:
        return Database(**json.loads(files.state.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def is_running(root: Path) -> bool:
    """The cluster of `root` answers `pg_ctl status` (its postmaster runs)."""
    files = ClusterFiles(Path(root).absolute())
    if not (files.data / "PG_VERSION").exists():
        return False
    done = _run([str(find_bin_dir() / "pg_ctl"), "status", "-D", str(files.data)], cluster_user())
    return done.returncode == 0


def _pick_port(files: ClusterFiles, port: int | None) -> int:
    if port:
        return port
    last = read_state(files.root)
    if last is not None and _port_is_free(last.port):
        return last.port
    return free_port()


def start(root: Path, *, port: int | None = None, bin_dir: Path | None = None) -> Database:
    """Start (creating on first use) the cluster under `root`, or return the running one.

    Args:
        root: the Label Studio server's data dir; the cluster lives in `root/postgres/`.
        port: loopback port; the last one when still free, else a free one, when None.
        bin_dir: PostgreSQL's programs (see `find_bin_dir`).

    Raises:
        LabelStudioError: not installed, unreachable data dir, or the cluster did not start.
    """
    files = ClusterFiles(Path(root).absolute())
    bins = bin_dir or find_bin_dir()
    who = cluster_user()
    files.root.mkdir(mode=0o700, parents=True, exist_ok=True)
    open_passage(files.root)
    check_reachable(files.home, who)
    password = _ensure_password(files)
    if is_running(files.root) and (running := read_state(files.root)) is not None:
        return running
    _make_home(files, who)
    if not (files.data / "PG_VERSION").exists():
        _initdb(files, bins, who, password)
    chosen = _pick_port(files, port)
    done = _run(
        [str(bins / "pg_ctl"), "start", "-D", str(files.data), "-l", str(files.log), "-w",
         "-t", str(START_TIMEOUT), "-o", f"-p {chosen}"],
        who,
        timeout=START_TIMEOUT + 30,
    )  # fmt: skip
    if done.returncode != 0:
        raise LabelStudioError(_failed(f"start on port {chosen}", done, files.log))
    db = Database(LOOPBACK, chosen, DB_NAME, DB_USER, str(files.password), local=True)
    _write_private(files.state, json.dumps(asdict(db), indent=2) + "\n")
    return db


def stop(root: Path) -> bool:
    """Stop the cluster under `root` (fast shutdown: open sessions are ended); True if it ran."""
    files = ClusterFiles(Path(root).absolute())
    if not is_running(files.root):
        return False
    done = _run(
        [str(find_bin_dir() / "pg_ctl"), "stop", "-D", str(files.data), "-m", "fast", "-w"],
        cluster_user(),
    )
    if done.returncode != 0:
        raise LabelStudioError(_failed(f"stop of {files.data}", done, files.log))
    return True


def postmaster_pid(root: Path) -> int | None:
    """The pid of the running cluster's postmaster (first line of postmaster.pid)."""
    pidfile = ClusterFiles(Path(root).absolute()).data / "postmaster.pid"
    try:
        return int(pidfile.read_text(encoding="utf-8").splitlines()[0])
    except (OSError, ValueError, IndexError):
        return None
