"""One real Label Studio server per test session, and helpers to act as its users.

The server is the one `newscorpus ls serve` starts (server.start), on a fresh data dir and a free
loopback port; it is stopped when the session ends. Without the server installed the tests that
use it skip, saying how to install it, except in CI (CI=true), where that is a failure: CI must
not go green by skipping the integration tests.

`ls_server` is parametrized over the database (`pytest_generate_tests`, imported by conftest.py):
the modules in BOTH_DATABASES run against a SQLite and a PostgreSQL server, the rest against the
SQLite one only, so that the suite pays for PostgreSQL where the sync could differ (push, pull,
agreement) and not twice everywhere. Each database has one server per session.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newscorpus import schema
from newscorpus.annotate.labelstudio import LabelStudioError, postgres, server
from newscorpus.annotate.labelstudio.server import Connection, ServerInfo

REPO = Path(__file__).resolve().parents[1]


# Test modules (file stems) whose live tests run on both databases; the others run on SQLite.
BOTH_DATABASES = {
    "test_labelstudio_push",
    "test_labelstudio_pull",
    "test_labelstudio_agreement_report",
}
# Modules about PostgreSQL itself.
POSTGRESQL_ONLY = {"test_labelstudio_postgres"}


def databases_for(module_stem: str) -> tuple[str, ...]:
    if module_stem in BOTH_DATABASES:
        return (server.SQLITE, server.POSTGRESQL)
    if module_stem in POSTGRESQL_ONLY:
        return (server.POSTGRESQL,)
    return (server.SQLITE,)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test that uses `ls_server` gets its database(s) as the fixture's parameter."""
    if "ls_server" in metafunc.fixturenames:
        stem = Path(metafunc.module.__file__).stem
        metafunc.parametrize("ls_server", databases_for(stem), indirect=True, scope="session")


def label_studio_binary() -> Path | None:
    explicit = os.environ.get(server.BIN_ENV)
    path = Path(explicit) if explicit else REPO / ".venv-labelstudio" / "bin" / "label-studio"
    return path if path.is_file() and os.access(path, os.X_OK) else None


def skip_or_fail(why: str) -> None:
    """Skip saying why, except in CI (CI=true), where integration tests may not skip."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(why + " (CI=true: integration tests may not skip)")
    pytest.skip(why)


@dataclass(frozen=True)
class LiveServer:
    info: ServerInfo
    conn: Connection
    data_dir: Path
    database: str = server.SQLITE

    @property
    def url(self) -> str:
        return self.info.url


def _data_dir(database: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pytest's temp folders are 0700 for root only; PostgreSQL runs as the `postgres` user when
    we are root, so its server's folder is made where that user can reach it."""
    if database == server.POSTGRESQL:
        return Path(tempfile.mkdtemp(prefix="newscorpus-ls-postgresql-"))
    return tmp_path_factory.mktemp("labelstudio")


@pytest.fixture(scope="session")
def ls_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    database = getattr(request, "param", server.SQLITE)
    binary = label_studio_binary()
    if binary is None:
        skip_or_fail(
            f"Label Studio is not installed at {REPO / '.venv-labelstudio'} (nor "
            f"${server.BIN_ENV}): run `make ls-venv`"
        )
    if database == server.POSTGRESQL:
        try:
            postgres.find_bin_dir()
        except LabelStudioError as err:
            skip_or_fail(str(err))
    data_dir = _data_dir(database, tmp_path_factory)
    try:
        info = server.start(data_dir, binary=binary, database=database)
        conn = Connection(
            url=info.url,
            api_key=Path(info.token_file).read_text(encoding="utf-8").strip(),
            token_file=Path(info.token_file),
            local=True,
        )
        yield LiveServer(info=info, conn=conn, data_dir=data_dir, database=database)
    finally:
        server.stop(data_dir)
        if database == server.POSTGRESQL:
            shutil.rmtree(data_dir, ignore_errors=True)


def signup_annotator(live: LiveServer, email: str, password: str) -> str:
    """Sign a new user up through the organization's invite link, as a person would, and
    return a personal access token (JWT refresh token) created in their session."""
    admin = {"Authorization": f"Token {live.conn.api_key}"}
    invite = httpx.get(f"{live.url}/api/invite", headers=admin, timeout=30).json()
    with httpx.Client(base_url=live.url, timeout=60) as web:
        web.get("/user/signup/", params={"token": invite["token"]})
        form = {
            "email": email,
            "password": password,
            "csrfmiddlewaretoken": web.cookies.get("csrftoken", ""),
        }
        reply = web.post(
            "/user/signup/",
            params={"token": invite["token"]},
            data=form,
            headers={"Referer": f"{live.url}/user/signup/"},
        )
        assert reply.status_code == 302, f"signup of {email} failed: HTTP {reply.status_code}"
        reply = web.post(
            "/api/token/",
            headers={"X-CSRFToken": web.cookies.get("csrftoken", ""), "Referer": live.url},
        )
        assert reply.status_code == 201, f"no access token for {email}: {reply.text[:200]}"
        return str(reply.json()["token"])


# --- synthetic articles (written for these tests; no real news text) ---------------------------


def paragraphs(text: str) -> list[dict[str, int]]:
    spans, start = [], 0
    for para in text.split("\n\n"):
        spans.append({"start": start, "end": start + len(para)})
        start += len(para) + 2
    return spans


def article_row(article_id: str, text: str, **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": article_id,
        "source_file": f"synthetic/{article_id}.txt",
        "input_format": "records",
        "record_index": 0,
        "url": f"https://news.example.org/{article_id}",
        "source": "Example Gazette",
        "title": f"Synthetic story {article_id}",
        "authors": ["Test Writer"],
        "agency": None,
        "published": datetime(2024, 5, 6, 9, 30, tzinfo=UTC),
        "language": "en",
        "text": text,
        "paragraphs": paragraphs(text),
        "captions": [],
        "license": "synthetic",
        "raw_sha256": hashlib.sha256(text.encode()).hexdigest(),
        "content_sha256": hashlib.sha256(text.encode()).hexdigest(),
        "duplicate_of": None,
        "pipeline_version": "test",
    }
    row.update(extra)
    return row


def span_of(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """(start, end) code points of the nth occurrence of `needle` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def write_corpus(directory: Path, rows: list[dict[str, Any]]) -> Path:
    (directory / "articles").mkdir(parents=True, exist_ok=True)
    pq.write_table(
        pa.Table.from_pylist(rows, schema=schema.ARTICLES),
        directory / "articles" / "part-00000.parquet",
    )
    return directory


def write_predictions(
    directory: Path, quotes: list[dict[str, Any]], targets: list[dict[str, Any]]
) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    pq.write_table(
        pa.Table.from_pylist(quotes, schema=schema.QUOTE_PREDICTIONS), directory / "quotes.parquet"
    )
    pq.write_table(
        pa.Table.from_pylist(targets, schema=schema.TARGET_PREDICTIONS),
        directory / "targets.parquet",
    )
    return directory


def quote_prediction(
    article: dict[str, Any],
    index: int,
    quote: str,
    speaker: str | None,
    cue: str | None,
    kind: str,
    speaker_name: str | None = None,
) -> dict[str, Any]:
    text = article["text"]
    start, end = span_of(text, quote)
    row: dict[str, Any] = {
        "article_id": article["id"],
        "content_sha256": article["content_sha256"],
        "quote_index": index,
        "start": start,
        "end": end,
        "text": quote,
        "kind": kind,
        "speaker_start": None,
        "speaker_end": None,
        "speaker_text": None,
        "cue_start": None,
        "cue_end": None,
        "cue_text": None,
        "speaker_name": speaker_name,
        "score": 0.8,
        "model_version": "quotes-rules-v1",
    }
    if speaker:
        s, e = span_of(text, speaker)
        row.update(speaker_start=s, speaker_end=e, speaker_text=speaker)
    if cue:
        s, e = span_of(text, cue)
        row.update(cue_start=s, cue_end=e, cue_text=cue)
    return row
