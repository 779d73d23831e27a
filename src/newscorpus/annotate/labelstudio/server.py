"""Start, stop and locate a local Label Studio server, and resolve which server to talk to.

The open-source server runs from its own virtual env (`.venv-labelstudio`, it pins its own Django
and pyarrow) as a child process in its own session: SQLite under a data dir of its own (default
`.labelstudio/`, git-ignored), bound to 127.0.0.1 on a free port, version check, telemetry and
error reporting switched off. The first start creates the admin user and an API token; the token
lives in a file readable by its owner only and is passed to the server through the environment,
never on a command line (other users can read those) and never into a log.

The database is SQLite (embedded, the default) or PostgreSQL (`database="postgresql"`: a cluster of
our own under the data dir, see postgres.py, or a team's PostgreSQL given as a `postgres.Database`).
The data dir is 0700 and the server runs with umask 077, so the SQLite file (which holds the admin
token in plain text), uploads and exports are readable by their owner only; `start` also takes
group and other bits off what an older start left.

Teams point the same commands at their own server with LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY
(a legacy token or a personal access token, which the SDK exchanges for access tokens).

This module must never print: it returns facts and raises `LabelStudioError`.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

from newscorpus import layout
from newscorpus.annotate.labelstudio import LabelStudioError
from newscorpus.annotate.labelstudio import postgres as pg

DEFAULT_DATA_DIR = layout.LABEL_STUDIO_DATA
BIN_ENV = "NEWSCORPUS_LABEL_STUDIO_BIN"
URL_ENV = "LABEL_STUDIO_URL"
KEY_ENV = "LABEL_STUDIO_API_KEY"
ADMIN_EMAIL = "admin@newscorpus.local"
SQLITE = "sqlite"
POSTGRESQL = "postgresql"
DATABASES = (SQLITE, POSTGRESQL)
SQLITE_FILE = "label_studio.sqlite3"
# Everything the server writes is its owner's only (files 0600, folders 0700).
SERVER_UMASK = 0o077
# Inherited variables that would override our settings (Label Studio reads bare names too).
_DROPPED_ENV_PREFIXES = ("LABEL_STUDIO_", "HEARTEX_", "POSTGRE_", "DJANGO_DB", "DATABASE_NAME")
# First start applies ~300 migrations (about 45 s on a quiet machine); a busy CI box is slower.
DEFAULT_START_TIMEOUT = 300.0

# Switched off or pinned for every start. HOST is pinned because shells such as zsh export
# HOST=<machine name>, which Label Studio would take for its public URL.
_QUIET_ENV = {
    "LABEL_STUDIO_LATEST_VERSION_CHECK": "false",
    "LABEL_STUDIO_COLLECT_ANALYTICS": "false",
    "COLLECT_ANALYTICS": "false",
    "SENTRY_DSN": "",
    "FRONTEND_SENTRY_DSN": "",
    "LABEL_STUDIO_DEBUG": "false",
    "LOG_LEVEL": "WARNING",
    # Lets the admin token (a legacy token) work; read only when the organization is created,
    # which happens on the empty database of the first start.
    "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true",
}


@dataclass(frozen=True)
class ServerFiles:
    """Where one local server keeps its state, all under one data dir."""

    root: Path

    @property
    def ls_data(self) -> Path:
        """Label Studio's own BASE_DATA_DIR: SQLite database, media, secret key."""
        return self.root / "data"

    @property
    def sqlite(self) -> Path:
        return self.ls_data / SQLITE_FILE

    @property
    def token(self) -> Path:
        """The admin API token alone, mode 0600."""
        return self.root / "token"

    @property
    def admin(self) -> Path:
        """Admin email and password for the web UI (JSON), mode 0600."""
        return self.root / "admin.json"

    @property
    def state(self) -> Path:
        """pid, port and URL of the running server (JSON)."""
        return self.root / "server.json"

    @property
    def log(self) -> Path:
        return self.root / "server.log"


@dataclass(frozen=True)
class ServerInfo:
    """A running local server, as recorded in server.json."""

    pid: int
    port: int
    url: str
    data_dir: str
    token_file: str
    admin_email: str
    log_file: str
    started_at: float
    version: str | None = None
    database: str = SQLITE
    postgres_url: str | None = None  # without the password


@dataclass(frozen=True)
class Connection:
    """Where to send API calls, with which key. `token_file` is None for a key from the env."""

    url: str
    api_key: str
    token_file: Path | None
    local: bool

    def __repr__(self) -> str:  # never show the key in a traceback or a log line
        return f"Connection(url={self.url!r}, local={self.local}, token_file={self.token_file})"


def find_binary(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The `label-studio` executable: explicit path, $NEWSCORPUS_LABEL_STUDIO_BIN,
    ./.venv-labelstudio/bin/label-studio, the checkout's, then PATH.

    Raises:
        LabelStudioError: none of these exists, saying how to install it.
    """
    candidates: list[Path] = []
    if explicit:
        candidates.append(Path(explicit))
    if os.environ.get(BIN_ENV):
        candidates.append(Path(os.environ[BIN_ENV]))
    candidates.append(Path.cwd() / layout.LABEL_STUDIO_VENV / "bin" / "label-studio")
    if layout.CHECKOUT is not None:
        candidates.append(layout.CHECKOUT / layout.LABEL_STUDIO_VENV / "bin" / "label-studio")
    on_path = shutil.which("label-studio")
    if on_path:
        candidates.append(Path(on_path))
    for path in candidates:
        if path.is_file() and os.access(path, os.X_OK):
            return path
    raise LabelStudioError(
        "label-studio is not installed: run `make ls-venv` (or `scripts/labelstudio`), or set "
        f"{BIN_ENV} to the label-studio executable"
    )


def free_port(host: str = "127.0.0.1") -> int:
    """A port nobody listens on right now (the kernel picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _write_private(path: Path, content: str) -> None:
    """Write a file only its owner can read, creating it with mode 0600 from the start."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    if tmp.exists():
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(content)
    os.replace(tmp, path)
    os.chmod(path, 0o600)


def _ensure_credentials(files: ServerFiles) -> tuple[str, str]:
    """Admin password and API token, generated on first start and kept in 0600 files."""
    if files.token.exists() and files.admin.exists():
        token = files.token.read_text(encoding="utf-8").strip()
        admin = json.loads(files.admin.read_text(encoding="utf-8"))
        return admin["password"], token
    if files.sqlite.exists() or pg.ClusterFiles(files.root).data.exists():
        raise LabelStudioError(
            f"{files.root} holds a Label Studio database but no token/admin.json: restore them, "
            f"or remove {files.root} to start from an empty server"
        )
    password = secrets.token_urlsafe(18)
    token = secrets.token_hex(20)
    _write_private(files.admin, json.dumps({"email": ADMIN_EMAIL, "password": password}) + "\n")
    _write_private(files.token, token + "\n")
    return password, token


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child still answers signal 0; reap it if it is ours.
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
        return done == 0
    except ChildProcessError:
        return True


def health(url: str, timeout: float = 2.0) -> bool:
    """True when `url`/health answers {"status": "UP"}."""
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/health", timeout=timeout) as resp:
            return resp.status == 200 and json.loads(resp.read() or b"{}").get("status") == "UP"
    except (OSError, ValueError, urllib.error.URLError):
        return False


def _is_label_studio(info: ServerInfo) -> bool:
    """The recorded pid still runs label-studio (not a process that got the pid since)."""
    if not _pid_alive(info.pid):
        return False
    cmdline = Path(f"/proc/{info.pid}/cmdline")
    if cmdline.exists():
        try:
            return b"label-studio" in cmdline.read_bytes()
        except OSError:
            return False
    return health(info.url)


def read_state(data_dir: Path = DEFAULT_DATA_DIR) -> ServerInfo | None:
    """The recorded server of `data_dir`, if it is still running."""
    files = ServerFiles(Path(data_dir))
    if not files.state.exists():
        return None
    try:
        info = ServerInfo(**json.loads(files.state.read_text(encoding="utf-8")))
    except (ValueError, TypeError):
        return None
    return info if _is_label_studio(info) else None


def _log_tail(path: Path, lines: int = 8) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return ""
    return " | ".join(line.strip() for line in text[-lines:] if line.strip())


def _server_version(binary: Path) -> str | None:
    """Version of the installed server, read from its venv's metadata without starting it."""
    python = binary.parent / "python"
    if not python.exists():
        return None
    try:
        out = subprocess.run(
            [str(python), "-c", "import importlib.metadata as m; print(m.version('label-studio'))"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def lock_down(files: ServerFiles, passage: bool = False) -> None:
    """Data dir 0700, and group and other bits off everything Label Studio keeps in it (the
    SQLite file holds the admin token in plain text). `passage`: our own PostgreSQL runs as
    another user, who may pass through the data dir (postgres.open_passage) and nothing more."""
    files.root.mkdir(mode=0o700, parents=True, exist_ok=True)
    files.ls_data.mkdir(mode=0o700, exist_ok=True)
    os.chmod(files.root, 0o700)
    paths = [p for p in files.root.iterdir() if p.is_file()]
    for folder, _, names in os.walk(files.ls_data):
        paths += [Path(folder)] + [Path(folder) / name for name in names]
    for path in paths:
        mode = stat.S_IMODE(path.lstat().st_mode)
        if mode & 0o077 and not path.is_symlink():
            os.chmod(path, mode & 0o700)
    if passage:
        pg.open_passage(files.root)


def _database_env(
    files: ServerFiles, database: str, postgres: pg.Database | None
) -> tuple[dict[str, str], pg.Database | None]:
    """Label Studio's database settings, starting our own PostgreSQL when it is the one."""
    if database not in DATABASES:
        raise LabelStudioError(f"unknown database {database!r}: choose one of {DATABASES}")
    if database == SQLITE:
        return {"DJANGO_DB": SQLITE}, None
    db = postgres or pg.start(files.root)
    return db.environment(), db


def _server_env(url: str, files: ServerFiles, password: str, token: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(_DROPPED_ENV_PREFIXES)}
    env.update(_QUIET_ENV)
    env.update(
        {
            "LABEL_STUDIO_BASE_DATA_DIR": str(files.ls_data),
            "LABEL_STUDIO_HOST": url,
            "LABEL_STUDIO_USERNAME": ADMIN_EMAIL,
            "LABEL_STUDIO_PASSWORD": password,
            "LABEL_STUDIO_USER_TOKEN": token,
            "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def _launch(exe: Path, port: int, env: dict[str, str], files: ServerFiles) -> subprocess.Popen:
    cmd = [str(exe), "start", "--no-browser", "--internal-host", "127.0.0.1", "--port", str(port),
           "--log-level", "WARNING"]  # fmt: skip
    with open(files.log, "ab") as log:
        return subprocess.Popen(
            cmd,
            cwd=files.root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            umask=SERVER_UMASK,
            start_new_session=True,  # its own process group: `stop` ends it and its children
        )


def _wait_healthy(proc: subprocess.Popen, url: str, timeout: float, files: ServerFiles) -> None:
    deadline = time.monotonic() + timeout
    while not health(url):
        if proc.poll() is not None:
            raise LabelStudioError(
                f"label-studio exited with code {proc.returncode} before answering on {url}; "
                f"see {files.log}: {_log_tail(files.log)}"
            )
        if time.monotonic() > deadline:
            _terminate(proc.pid)
            raise LabelStudioError(
                f"label-studio did not answer on {url} within {timeout:.0f} s; see {files.log}"
            )
        time.sleep(0.5)


def _running(data_dir: Path, database: str) -> ServerInfo | None:
    """The server already running for `data_dir`, refusing one on another database."""
    running = read_state(data_dir)
    if running is None or not health(running.url):
        return None
    if running.database != database:
        raise LabelStudioError(
            f"the Label Studio server of {data_dir} already runs on {running.database}: stop it "
            f"with `newscorpus ls stop` before starting it on {database}"
        )
    return running


def start(
    data_dir: Path = DEFAULT_DATA_DIR,
    *,
    port: int | None = None,
    binary: str | os.PathLike[str] | None = None,
    timeout: float = DEFAULT_START_TIMEOUT,
    database: str = SQLITE,
    postgres: pg.Database | None = None,
) -> ServerInfo:
    """Start a local server for `data_dir` (or return the one already running) and wait for it.

    Args:
        data_dir: holds the database, token, admin credentials, state and log.
        port: loopback port; a free one when None.
        binary: the `label-studio` executable (see `find_binary`).
        timeout: seconds to wait for /health (the first start runs migrations).
        database: "sqlite" (embedded) or "postgresql".
        postgres: a team's PostgreSQL to use; None starts our own under `data_dir/postgres/`.

    Raises:
        LabelStudioError: not installed, the process died, or /health never came up.
    """
    data_dir = Path(data_dir).absolute()
    files = ServerFiles(data_dir)
    running = _running(data_dir, database)
    if running is not None:
        return running
    exe = find_binary(binary)
    own_cluster = database == POSTGRESQL and postgres is None
    lock_down(files, passage=own_cluster)
    password, token = _ensure_credentials(files)
    db_env, db = _database_env(files, database, postgres)
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    env = _server_env(url, files, password, token) | db_env
    proc = _launch(exe, port, env, files)
    try:
        _wait_healthy(proc, url, timeout, files)
    except LabelStudioError:
        if own_cluster:
            pg.stop(files.root)
        raise
    lock_down(files, passage=own_cluster)
    info = ServerInfo(
        pid=proc.pid,
        port=port,
        url=url,
        data_dir=str(data_dir),
        token_file=str(files.token),
        admin_email=ADMIN_EMAIL,
        log_file=str(files.log),
        started_at=time.time(),
        version=_server_version(exe),
        database=database,
        postgres_url=db.url if db is not None else None,
    )
    _write_private(files.state, json.dumps(asdict(info), indent=2) + "\n")
    return info


def _terminate(pid: int, grace: float = 15.0) -> None:
    """End the server's process group (the one `start` created for it), politely first."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            if not _pid_alive(pid):
                return
            time.sleep(0.2)


def stop(data_dir: Path = DEFAULT_DATA_DIR) -> ServerInfo | None:
    """Stop the server of `data_dir` and our own PostgreSQL under it, if any; returns the server
    that was stopped, None if none was running."""
    files = ServerFiles(Path(data_dir).absolute())
    info = read_state(data_dir)
    if info is not None:
        _terminate(info.pid)
    if files.state.exists():
        files.state.unlink()
    if pg.ClusterFiles(files.root).data.exists():
        pg.stop(files.root)  # after the server: it holds connections
    return info


def admin_password(data_dir: Path = DEFAULT_DATA_DIR) -> str:
    """The web UI password of the local admin (for the test that logs in with a browser)."""
    files = ServerFiles(Path(data_dir))
    return json.loads(files.admin.read_text(encoding="utf-8"))["password"]


def resolve_connection(data_dir: Path = DEFAULT_DATA_DIR) -> Connection:
    """Which server to talk to: $LABEL_STUDIO_URL with $LABEL_STUDIO_API_KEY when set, else the
    local server of `data_dir`.

    Raises:
        LabelStudioError: a URL without a key, or no local server running.
    """
    url = os.environ.get(URL_ENV, "").strip()
    if url:
        key = os.environ.get(KEY_ENV, "").strip()
        if not key:
            raise LabelStudioError(
                f"{URL_ENV} is set but {KEY_ENV} is not: set it to an API token or a personal "
                "access token of that server"
            )
        return Connection(url=url.rstrip("/"), api_key=key, token_file=None, local=False)
    info = read_state(data_dir)
    if info is None:
        raise LabelStudioError(
            f"no Label Studio server is running for {data_dir}: start one with "
            f"`newscorpus ls serve`, or set {URL_ENV} and {KEY_ENV} for a team server"
        )
    token_file = Path(info.token_file)
    key = token_file.read_text(encoding="utf-8").strip()
    return Connection(url=info.url, api_key=key, token_file=token_file, local=True)
