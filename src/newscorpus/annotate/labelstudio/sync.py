"""Push the corpus to Label Studio as tasks, pull annotations back as tables, import BRAT.

The only module besides server.py that talks to a server, always through the SDK client. What it
guarantees:
  - push is idempotent: a task is identified by (article_id, content_sha256) in its data; an
    article already there is skipped, an article whose text changed becomes a new task and the old
    one is reported, never rewritten; imports go in batches (one request per batch, not per task);
  - a label config changed by hand on the server is refused unless `force`;
  - pull uses the export API (one request, streamed to disk) and keeps every raw export,
    timestamped, under `annotations/exports/`, next to a map from `completed_by` to pseudonyms
    (never the e-mails themselves);
  - errors a user can cause (server down, token refused) are one-line `LabelStudioError`s.
It never prints.
"""

from __future__ import annotations

import ast
import functools
import gc
import hashlib
import json
import os
import secrets
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import pyarrow.parquet as pq

from newscorpus import layout, schema
from newscorpus.annotate import annotations as ann
from newscorpus.annotate.labelstudio import LabelStudioError
from newscorpus.annotate.labelstudio import tasks as lst
from newscorpus.annotate.labelstudio.config import (
    DEFAULT_CONFIG_PATH,
    DEFAULT_GUIDELINES_PATH,
    LabelConfig,
    guidelines_html,
    load_label_config,
    parse_label_config,
    recorded_fingerprint,
    same_config,
)
from newscorpus.annotate.labelstudio.server import KEY_ENV, URL_ENV, Connection
from newscorpus.tables import write_rows

DEFAULT_PROJECT = "newscorpus"
DEFAULT_BATCH = 500
SALT_ENV = "NEWSCORPUS_ANNOTATOR_SALT"
SALT_FILE = ".annotator-salt"


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _gc_paused(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run `func` with the cyclic garbage collector paused.

    Tasks, export items and table rows are trees of dicts and lists without reference cycles,
    freed by reference counting alone; but with tens of thousands of them alive, each
    generation-2 collection walks them all: building 10,000 tasks took 4.5 s with the collector
    and 1.0 s without. The collector's previous state is restored afterwards.
    """

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return wrapper


# --- client and errors ----------------------------------------------------------------------------


@contextmanager
def _errors(conn: Connection, what: str) -> Iterator[None]:
    """Turn transport and HTTP failures into one-line errors naming the server and the fix."""
    import httpx
    from label_studio_sdk.core.api_error import ApiError

    try:
        yield
    except httpx.TransportError as err:
        raise LabelStudioError(
            f"cannot reach Label Studio at {conn.url} ({type(err).__name__}) while {what}: start "
            f"it with `newscorpus ls serve`, or check {URL_ENV}"
        ) from None
    except ApiError as err:
        code = err.status_code
        if code in (401, 403):
            where = str(conn.token_file) if conn.token_file else KEY_ENV
            raise LabelStudioError(
                f"Label Studio at {conn.url} refused the API key (HTTP {code}) while {what}: "
                f"check {where}"
            ) from None
        body = err.body if isinstance(err.body, str) else json.dumps(err.body, default=str)
        raise LabelStudioError(
            f"Label Studio at {conn.url} answered HTTP {code} while {what}: {body[:300]}"
        ) from None


def client(conn: Connection, timeout: float = 300.0) -> Any:
    """An SDK client for `conn`, checked with one cheap authenticated call."""
    from label_studio_sdk import LabelStudio

    with _errors(conn, "connecting"):
        ls = LabelStudio(base_url=conn.url, api_key=conn.api_key, timeout=timeout)
        ls.users.whoami()
    return ls


def find_project(ls: Any, conn: Connection, title: str) -> Any | None:
    """The project titled exactly `title`, or None."""
    with _errors(conn, f"looking for project {title!r}"):
        for project in ls.projects.list(title=title, page_size=100):
            if project.title == title:
                return ls.projects.get(project.id)
    return None


def _require_project(ls: Any, conn: Connection, title: str) -> Any:
    project = find_project(ls, conn, title)
    if project is None:
        raise LabelStudioError(
            f"Label Studio at {conn.url} has no project {title!r}: run `newscorpus ls push` first"
        )
    return project


@dataclass
class ProjectState:
    id: int
    config_action: str  # created | unchanged | updated | forced


def ensure_project(
    ls: Any,
    conn: Connection,
    title: str,
    config: LabelConfig,
    instructions: str,
    *,
    force: bool = False,
) -> ProjectState:
    """Create the project, or check its label config against ours.

    The project's description records the fingerprint of the config push last set. When the
    server's config differs from ours: if it is still the one we recorded, our file has a new
    version and the server is updated; otherwise someone edited it on the server, which is refused
    unless `force` (their edits would silently stop matching our parser and guidelines).
    """
    description = f"newscorpus quotation attribution and stance. {config.marker}"
    project = find_project(ls, conn, title)
    if project is None:
        with _errors(conn, f"creating project {title!r}"):
            created = ls.projects.create(
                title=title,
                label_config=config.xml,
                description=description,
                expert_instruction=instructions,
                show_instruction=True,
                show_collab_predictions=True,
            )
        return ProjectState(created.id, "created")
    server_xml = project.label_config or ""
    action = "unchanged"
    if not same_config(server_xml, config.xml):
        server_fp = parse_label_config(server_xml).fingerprint if server_xml.strip() else None
        recorded = recorded_fingerprint(project.description)
        if recorded is not None and recorded == server_fp:
            action = "updated"
        elif force:
            action = "forced"
        else:
            raise LabelStudioError(
                f"the label config of project {title!r} at {conn.url} was changed on the server "
                f"(server sha256:{server_fp}, last pushed sha256:{recorded}); re-run with --force "
                f"to replace it with {DEFAULT_CONFIG_PATH} {config.version}, or copy the server's "
                "config into that file under a new version"
            )
    updates: dict[str, Any] = {}
    if action != "unchanged":
        updates.update(label_config=config.xml, description=description)
    if (project.expert_instruction or "") != instructions:
        updates.update(expert_instruction=instructions, show_instruction=True)
    if updates:
        with _errors(conn, f"updating project {title!r}"):
            ls.projects.update(project.id, **updates)
    return ProjectState(project.id, action)


# --- exports --------------------------------------------------------------------------------------


def iter_json_array(path: Path, chunk_chars: int = 1 << 20) -> Iterator[Any]:
    """Items of a JSON array file, decoded one at a time (an export can be large)."""
    decoder = json.JSONDecoder()
    with open(path, encoding="utf-8") as fh:
        buf = fh.read(chunk_chars)
        pos = len(buf) - len(buf.lstrip())
        if buf[pos : pos + 1] != "[":
            raise LabelStudioError(f"{path}: not a JSON array (a Label Studio JSON export)")
        pos += 1
        eof = False
        while True:
            while True:
                while pos < len(buf) and buf[pos] in " \t\r\n,":
                    pos += 1
                if pos < len(buf) or eof:
                    break
                buf, pos = fh.read(chunk_chars), 0
                eof = not buf
            if pos >= len(buf):
                raise LabelStudioError(f"{path}: the JSON array is cut short")
            if buf[pos] == "]":
                return
            try:
                item, end = decoder.raw_decode(buf, pos)
            except json.JSONDecodeError:
                more = fh.read(chunk_chars)
                if not more:
                    raise LabelStudioError(f"{path}: invalid JSON near character {pos}") from None
                buf, pos = buf[pos:] + more, 0
                continue
            yield item
            pos = end
            if pos > chunk_chars:
                buf, pos = buf[pos:], 0


def download_export(
    ls: Any, conn: Connection, project_id: int, dest: Path, *, all_tasks: bool
) -> int:
    """Stream the project's JSON export into `dest` (written whole or not at all); bytes written."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    size = 0
    with _errors(conn, f"exporting project {project_id}"), open(tmp, "wb") as fh:
        for chunk in ls.projects.exports.download_sync(
            project_id, export_type="JSON", download_all_tasks=all_tasks, download_resources=False
        ):
            fh.write(chunk)
            size += len(chunk)
    os.replace(tmp, dest)
    return size


def _existing_tasks(ls: Any, conn: Connection, project_id: int) -> dict[str, dict[str, int]]:
    """article_id -> {content_sha256: task id} of the tasks already in the project."""
    with tempfile.TemporaryDirectory(prefix="newscorpus-ls-") as tmp:
        path = Path(tmp) / f"existing-{project_id}.json"
        download_export(ls, conn, project_id, path, all_tasks=True)
        found: dict[str, dict[str, int]] = {}
        for task_id, (article_id, sha) in lst.iter_keys(iter_json_array(path)):
            found.setdefault(article_id, {})[sha] = task_id
        return found


def encode_batch(batch: Sequence[Any]) -> bytes:
    """The JSON body of one import request."""
    return json.dumps(batch, ensure_ascii=False, default=str).encode("utf-8")


def import_batch(
    ls: Any, conn: Connection, project_id: int, batch: Sequence[Any] | bytes, what: str
) -> int:
    """Import one batch of tasks (or its encoded body) in one request; returns how many tasks
    the server created.

    Goes through the SDK's HTTP client (its auth, token refresh and retries) but with the body
    encoded here by `json.dumps`: `projects.import_tasks` first walks every value with the SDK's
    generic encoder, about 0.8 ms per task, a third of what the server itself spends.
    """
    body = batch if isinstance(batch, bytes) else encode_batch(batch)
    with _errors(conn, f"importing tasks {what}"):
        reply = ls._client_wrapper.httpx_client.request(
            f"api/projects/{project_id}/import",
            method="POST",
            params={"return_task_ids": "false"},
            content=body,
            headers={"Content-Type": "application/json"},
        )
        if reply.status_code >= 400:
            from label_studio_sdk.core.api_error import ApiError

            raise ApiError(
                status_code=reply.status_code, body=reply.text, headers=dict(reply.headers)
            )
    imported = reply.json().get("task_count")
    if imported is None:
        raise LabelStudioError(
            f"Label Studio at {conn.url} queued the import of tasks {what} instead of doing it (an "
            "Enterprise server?): newscorpus cannot check such imports"
        )
    return int(imported)


# --- corpus selection -----------------------------------------------------------------------------

_ARTICLE_COLUMNS = ["id", "text", "title", "source", "published", "url", "content_sha256"]


def read_articles(corpus: Path) -> list[dict[str, Any]]:
    """Rows of `corpus/articles/*.parquet` (or of one Parquet file), columns push needs only."""
    path = Path(corpus)
    files = [path] if path.is_file() else sorted((path / "articles").glob("*.parquet"))
    if not files:
        raise LabelStudioError(
            f"{path}: no articles (expected {path}/articles/*.parquet): run `newscorpus normalize`"
        )
    rows: list[dict[str, Any]] = []
    for f in files:
        table = pq.read_table(f)
        cols = [c for c in _ARTICLE_COLUMNS if c in table.column_names]
        extra = [c for c in table.column_names if c not in cols]
        rows.extend(table.select(cols + extra).to_pylist())
    return rows


_OPS = {
    ast.Eq: lambda a, b: a == b,
    ast.NotEq: lambda a, b: a != b,
    ast.Lt: lambda a, b: a < b,
    ast.LtE: lambda a, b: a <= b,
    ast.Gt: lambda a, b: a > b,
    ast.GtE: lambda a, b: a >= b,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
}
_FUNCS: dict[str, Callable[[Any], Any]] = {"len": len, "lower": lambda s: s.lower() if s else s}


def compile_where(expr: str) -> Callable[[Mapping[str, Any]], bool]:
    """A row filter from a small, safe expression language over article columns.

    Comparisons (`== != < <= > >= in not in`), `and`/`or`/`not`, column names, string/number
    literals, tuples/lists, and `len(x)`/`lower(x)`. A string compared with a timestamp column
    is read as an ISO date. Examples: `source == 'Daily Bugle'`, `published >= '2024-01-01'`,
    `'minister' in lower(title) and len(text) > 2000`.

    Raises:
        LabelStudioError: anything else in the expression (names the offending part).
    """
    try:
        tree = ast.parse(expr, mode="eval")
    except SyntaxError as err:
        raise LabelStudioError(f"--where {expr!r}: {err.msg}") from None

    def coerce(a: Any, b: Any) -> tuple[Any, Any]:
        if isinstance(a, datetime) and isinstance(b, str):
            b = datetime.fromisoformat(b)
            b = b if b.tzinfo else b.replace(tzinfo=UTC)
        elif isinstance(b, datetime) and isinstance(a, str):
            b, a = coerce(b, a)
            a, b = b, a
        return a, b

    def ev(node: ast.AST, row: Mapping[str, Any]) -> Any:
        if isinstance(node, ast.Expression):
            return ev(node.body, row)
        if isinstance(node, ast.BoolOp):
            values = (ev(v, row) for v in node.values)
            return all(values) if isinstance(node.op, ast.And) else any(values)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return not ev(node.operand, row)
        if isinstance(node, ast.Compare):
            left = ev(node.left, row)
            for op, comp in zip(node.ops, node.comparators, strict=True):
                right = ev(comp, row)
                if (left is None or right is None) and not isinstance(op, ast.Eq | ast.NotEq):
                    return False
                a, b = coerce(left, right)
                if not _OPS[type(op)](a, b):
                    return False
                left = right
            return True
        if isinstance(node, ast.Name):
            if node.id not in row:
                raise LabelStudioError(f"--where {expr!r}: no column {node.id!r}")
            return row[node.id]
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Tuple | ast.List):
            return tuple(ev(e, row) for e in node.elts)
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in _FUNCS
            and len(node.args) == 1
            and not node.keywords
        ):
            return _FUNCS[node.func.id](ev(node.args[0], row))
        raise LabelStudioError(
            f"--where {expr!r}: {ast.unparse(node)!r} is not allowed (use comparisons, and/or/not, "
            "columns, literals, len(), lower())"
        )

    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            for op in node.ops:
                if type(op) not in _OPS:
                    raise LabelStudioError(
                        f"--where {expr!r}: operator {type(op).__name__} is not allowed"
                    )

    def predicate(row: Mapping[str, Any]) -> bool:
        try:
            return bool(ev(tree, row))
        except TypeError as err:
            raise LabelStudioError(f"--where {expr!r} on article {row.get('id')}: {err}") from None

    return predicate


def sample_articles(rows: Sequence[Mapping[str, Any]], n: int) -> list[Mapping[str, Any]]:
    """A deterministic sample of `n` articles: the first n by SHA-256 of their id, so a larger
    sample contains every smaller one and re-running picks the same articles."""
    return sorted(rows, key=lambda r: hashlib.sha256(str(r["id"]).encode()).hexdigest())[:n]


def _read_predictions(path: Path) -> dict[str, list[dict[str, Any]]]:
    if not path.exists():
        return {}
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in pq.read_table(path).to_pylist():
        grouped.setdefault(row["article_id"], []).append(row)
    return grouped


# --- push -----------------------------------------------------------------------------------------


@dataclass
class PushSummary:
    url: str
    project_id: int
    project: str
    config_action: str
    config_version: str | None
    selected: int = 0
    created: int = 0
    already_present: int = 0
    predictions: int = 0
    stale_predictions: int = 0
    without_predictions: int = 0
    changed: list[dict[str, Any]] = field(default_factory=list)
    batches: int = 0
    seconds: float = 0.0
    import_seconds: float = 0.0


@_gc_paused
def push(
    conn: Connection,
    *,
    corpus: Path = layout.CORPUS,
    predictions: Path = layout.PREDICTIONS,
    title: str = DEFAULT_PROJECT,
    config_path: Path = DEFAULT_CONFIG_PATH,
    guidelines_path: Path = DEFAULT_GUIDELINES_PATH,
    sample: int | None = None,
    where: str | None = None,
    force: bool = False,
    batch_size: int = DEFAULT_BATCH,
    articles: Sequence[Mapping[str, Any]] | None = None,
) -> PushSummary:
    """Create or update the project and import the articles it does not have yet.

    Args:
        conn: server and key (`server.resolve_connection`).
        corpus: corpus dir (articles/*.parquet); ignored when `articles` is given.
        predictions: dir with quotes.parquet and targets.parquet from `newscorpus preannotate`
            (optional: without them tasks carry no predictions and no target).
        sample: push only this many articles (a deterministic sample, see `sample_articles`).
        where: a row filter (see `compile_where`), applied before sampling.
        force: replace a label config edited on the server.
        batch_size: tasks per import request.
    """
    t0 = time.perf_counter()
    config = load_label_config(config_path)
    try:
        instructions = guidelines_html(Path(guidelines_path).read_text(encoding="utf-8"))
    except OSError as err:
        raise LabelStudioError(
            f"{guidelines_path}: cannot read the guidelines ({err.strerror})"
        ) from None
    rows = list(articles) if articles is not None else read_articles(corpus)
    if where:
        keep = compile_where(where)
        rows = [r for r in rows if keep(r)]
    if sample is not None:
        rows = sample_articles(rows, sample)
    quotes = _read_predictions(Path(predictions) / "quotes.parquet")
    targets = _read_predictions(Path(predictions) / "targets.parquet")

    ls = client(conn)
    state = ensure_project(ls, conn, title, config, instructions, force=force)
    summary = PushSummary(
        url=conn.url,
        project_id=state.id,
        project=title,
        config_action=state.config_action,
        config_version=config.version,
        selected=len(rows),
    )
    existing: dict[str, dict[str, int]] = {}
    if state.config_action != "created":
        with _errors(conn, "counting tasks"):
            count = ls.projects.get(state.id).task_number or 0
        if count:
            existing = _existing_tasks(ls, conn, state.id)

    todo: list[Mapping[str, Any]] = []
    for row in rows:
        versions = existing.get(row["id"], {})
        if row["content_sha256"] in versions:
            summary.already_present += 1
            continue
        if versions:
            summary.changed.append(
                {
                    "article_id": row["id"],
                    "content_sha256": row["content_sha256"],
                    "old_tasks": sorted(versions.values()),
                }
            )
        todo.append(row)

    # Tasks are built and encoded one batch at a time (memory stays bounded by the batch size),
    # in a helper thread while the server imports the previous batch: the main thread waits on
    # the socket with the GIL released, so building costs no wall time on a machine with 2 cores.
    def prepare(rows_: Sequence[Mapping[str, Any]]) -> tuple[bytes, int, int, int, set[str]]:
        batch, stale, with_predictions, versions = [], 0, 0, set()
        for row in rows_:
            article_quotes = quotes.get(row["id"], [])
            fresh = [q for q in article_quotes if q["content_sha256"] == row["content_sha256"]]
            stale += len(article_quotes) - len(fresh)
            try:
                item = lst.article_task(row, fresh, targets.get(row["id"], []))
            except ValueError as err:
                raise LabelStudioError(f"{predictions}/quotes.parquet: {err}") from None
            if "predictions" in item:
                with_predictions += 1
                versions.add(item["predictions"][0]["model_version"])
            batch.append(item)
        return encode_batch(batch), len(batch), stale, with_predictions, versions

    model_versions: set[str] = set()
    starts = list(range(0, len(todo), batch_size))
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="newscorpus-push") as pool:
        pending = pool.submit(prepare, todo[:batch_size]) if starts else None
        for n, start in enumerate(starts):
            assert pending is not None
            body, size, stale, with_predictions, versions = pending.result()
            if n + 1 < len(starts):
                nxt = starts[n + 1]
                pending = pool.submit(prepare, todo[nxt : nxt + batch_size])
            summary.stale_predictions += stale
            summary.predictions += with_predictions
            summary.without_predictions += size - with_predictions
            model_versions |= versions
            t_import = time.perf_counter()
            summary.created += import_batch(ls, conn, state.id, body, f"{start + 1}-{start + size}")
            summary.import_seconds += time.perf_counter() - t_import
            summary.batches += 1
    if len(model_versions) == 1:
        # Label Studio shows an annotator the predictions of the project's model version.
        with _errors(conn, "setting the model version"):
            ls.projects.update(state.id, model_version=next(iter(model_versions)))
    summary.seconds = time.perf_counter() - t0
    return summary


# --- pull -----------------------------------------------------------------------------------------


def annotator_salt(annotations_dir: Path) -> str:
    """The salt for annotator pseudonyms: $NEWSCORPUS_ANNOTATOR_SALT, else
    `<annotations_dir>/.annotator-salt` (git-ignored, created 0600 on first use).

    The same salt must be used for every pull of a dataset, or the same person gets two names.
    """
    env = os.environ.get(SALT_ENV, "").strip()
    if env:
        return env
    path = Path(annotations_dir) / SALT_FILE
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(secrets.token_hex(16) + "\n")
    return path.read_text(encoding="utf-8").strip()


@dataclass
class PullSummary:
    url: str | None
    project_id: int | None
    export_file: Path
    export_bytes: int
    tasks: int
    annotations: int
    cancelled: int
    quotes: int
    stance: int
    errors: int
    warnings: int
    out: Path
    export_seconds: float = 0.0
    seconds: float = 0.0
    issue_reasons: dict[str, int] = field(default_factory=dict)


def _pull_summary(
    flat: ann.Flattened,
    export_file: Path,
    export_bytes: int,
    out: Path | str,
    *,
    started: float,
    url: str | None = None,
    project_id: int | None = None,
    export_seconds: float = 0.0,
) -> PullSummary:
    """What a pull made, from a server or from an export file converted offline."""
    return PullSummary(
        url=url,
        project_id=project_id,
        export_file=export_file,
        export_bytes=export_bytes,
        tasks=flat.tasks,
        annotations=len(flat.annotations),
        cancelled=flat.cancelled,
        quotes=len(flat.quotes),
        stance=len(flat.stance),
        errors=flat.errors,
        warnings=flat.warnings,
        out=Path(out),
        export_seconds=export_seconds,
        seconds=time.perf_counter() - started,
        issue_reasons=_summary_counts(flat),
    )


def _annotator_map_path(export_file: Path) -> Path:
    return export_file.with_name(export_file.stem + ".annotators.json")


@_gc_paused
def tables_from_export(
    export_file: Path,
    out: Path,
    *,
    config: LabelConfig,
    annotators: Mapping[str, str],
    salt: str,
) -> ann.Flattened:
    """Validate and flatten an export file and write quotes/stance/validation tables to `out`."""

    def who(completed_by: Any) -> str:
        key = str(completed_by)
        return annotators.get(key) or ann.pseudonym(f"id:{key}", salt)

    flat = ann.flatten(iter_json_array(export_file), config, who)
    write_rows(flat.quotes, schema.ANNOTATED_QUOTES, out / "quotes.parquet")
    write_rows(flat.stance, schema.ANNOTATED_STANCE, out / "stance.parquet")
    write_rows(flat.issues, schema.ANNOTATION_ISSUES, out / "validation.parquet")
    return flat


def _summary_counts(flat: ann.Flattened) -> dict[str, int]:
    counts: dict[str, int] = {}
    for issue in flat.issues:
        key = f"{issue['severity']}:{issue['reason']}"
        counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))


@_gc_paused
def pull(
    conn: Connection,
    *,
    out: Path = layout.ANNOTATIONS,
    title: str = DEFAULT_PROJECT,
    config_path: Path = DEFAULT_CONFIG_PATH,
) -> PullSummary:
    """Export every annotation of the project and turn it into validated tables.

    Writes `out/exports/export-<UTC time>-p<project>.json` (the raw export, kept), its
    `.annotators.json` (completed_by -> pseudonym), and `out/quotes.parquet`,
    `out/stance.parquet`, `out/validation.parquet`.
    """
    t0 = time.perf_counter()
    config = load_label_config(config_path)
    salt = annotator_salt(out)
    ls = client(conn)
    project = _require_project(ls, conn, title)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    export_file = Path(out) / "exports" / f"export-{stamp}-p{project.id}.json"
    t_export = time.perf_counter()
    size = download_export(ls, conn, project.id, export_file, all_tasks=False)
    export_seconds = time.perf_counter() - t_export
    with _errors(conn, "listing annotators"):
        users = ls.projects.list_unique_annotators(project.id)
    annotators = {str(u.id): ann.pseudonym(u.email or f"id:{u.id}", salt) for u in users}
    _annotator_map_path(export_file).write_text(
        json.dumps(annotators, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    flat = tables_from_export(
        export_file, Path(out), config=config, annotators=annotators, salt=salt
    )
    return _pull_summary(
        flat,
        export_file,
        size,
        out,
        started=t0,
        url=conn.url,
        project_id=project.id,
        export_seconds=export_seconds,
    )


@_gc_paused
def convert_export(
    export_file: Path,
    *,
    out: Path = layout.ANNOTATIONS,
    config_path: Path = DEFAULT_CONFIG_PATH,
) -> PullSummary:
    """What `pull` does after the download, without a server: validate a kept export file and
    write `out/quotes.parquet`, `out/stance.parquet`, `out/validation.parquet`.

    Annotators are named by the export's `.annotators.json` (the pseudonyms made when it was
    pulled), so the tables of a shipped export are the same on every machine, salt or not. An
    export that is not already under `out/exports/` is copied there with its map, so that
    `agreement_from_export` (which reads the latest export of `out`) sees it.

    Raises:
        LabelStudioError: the file is missing, or `out/exports/` holds a different file of the
            same name.
    """
    t0 = time.perf_counter()
    export_file = Path(export_file)
    if not export_file.is_file():
        raise LabelStudioError(f"{export_file}: no such export file (a Label Studio JSON export)")
    config = load_label_config(config_path)
    map_path = _annotator_map_path(export_file)
    annotators = json.loads(map_path.read_text(encoding="utf-8")) if map_path.exists() else {}
    kept = Path(out) / "exports" / export_file.name
    copies = [(export_file, kept)]
    if map_path.exists():
        copies.append((map_path, _annotator_map_path(kept)))
    for src, dest in copies:
        if dest.exists() and dest.samefile(src):
            continue
        if dest.exists() and dest.read_bytes() != src.read_bytes():
            raise LabelStudioError(
                f"{dest} exists and differs from {src}: remove it, or convert {dest} itself"
            )
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(dest.name + ".part")
        tmp.write_bytes(src.read_bytes())
        os.replace(tmp, dest)
    flat = tables_from_export(
        kept, Path(out), config=config, annotators=annotators, salt=annotator_salt(out)
    )
    return _pull_summary(flat, kept, kept.stat().st_size, out, started=t0)


# --- agreement and gold ---------------------------------------------------------------------------


def latest_export(out: Path) -> Path:
    exports = sorted((Path(out) / "exports").glob("*.json"))
    exports = [p for p in exports if not p.name.endswith(".annotators.json")]
    if not exports:
        raise LabelStudioError(f"{out}/exports/ holds no export: run `newscorpus ls pull` first")
    return exports[-1]


@dataclass
class AgreementSummary:
    export_file: Path
    report: dict[str, Any]
    gold_quotes: int
    gold_stance: int
    ties: int
    out: Path


@_gc_paused
def agreement_from_export(
    export_file: Path | None = None,
    *,
    out: Path = layout.ANNOTATIONS,
    config_path: Path = DEFAULT_CONFIG_PATH,
) -> AgreementSummary:
    """Agreement and gold labels from an export (default: the latest under `out/exports/`).

    Writes `out/agreement.json` and `out/gold/{quotes,stance,adjudication}.parquet`.
    """
    export_file = Path(export_file) if export_file else latest_export(out)
    config = load_label_config(config_path)
    salt = annotator_salt(out)
    map_path = _annotator_map_path(export_file)
    annotators = json.loads(map_path.read_text(encoding="utf-8")) if map_path.exists() else {}

    def who(completed_by: Any) -> str:
        key = str(completed_by)
        return annotators.get(key) or ann.pseudonym(f"id:{key}", salt)

    flat = ann.flatten(iter_json_array(export_file), config, who)
    report = ann.agreement(flat.quotes, flat.stance, flat.annotations)
    report["export"] = export_file.name
    report["validation"] = {"errors": flat.errors, "warnings": flat.warnings}
    gold = ann.resolve_gold(flat.quotes, flat.stance, flat.annotations)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "agreement.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    write_rows(gold.quotes, schema.GOLD_QUOTES, out / "gold" / "quotes.parquet")
    write_rows(gold.stance, schema.GOLD_STANCE, out / "gold" / "stance.parquet")
    write_rows(gold.ties, schema.ADJUDICATION, out / "gold" / "adjudication.parquet")
    return AgreementSummary(
        export_file=export_file,
        report=report,
        gold_quotes=len(gold.quotes),
        gold_stance=len(gold.stance),
        ties=len(gold.ties),
        out=out,
    )


# --- BRAT -----------------------------------------------------------------------------------------


@dataclass
class BratSummary:
    articles: int
    annotation_files: int
    doubly_annotated: int
    problems: list[str]
    export_file: Path
    quotes: int = 0
    errors: int = 0
    warnings: int = 0
    pushed_project_id: int | None = None
    pushed_tasks: int = 0


def _brat_meta(directory: Path) -> dict[str, dict[str, str]]:
    meta_file = directory / "metadata.tsv"
    if not meta_file.exists():
        return {}
    lines = meta_file.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    rows = (dict(zip(header, line.split("\t"), strict=False)) for line in lines[1:] if line)
    return {r["filename"]: r for r in rows if r.get("filename")}


@_gc_paused
def import_brat(
    directory: Path,
    *,
    out: Path = layout.BRAT,
    limit: int | None = None,
    multi_only: bool = False,
    conn: Connection | None = None,
    title: str = "newscorpus BRAT import",
    config_path: Path = DEFAULT_CONFIG_PATH,
) -> BratSummary:
    """Convert a BRAT attribution corpus (`text/NAME.txt`, `attributions/NAME_ANNOTATOR.ann`,
    optional `metadata.tsv`) into an export file under `out/exports/`, its annotator map, the
    validated tables `out/{quotes,stance,validation}.parquet`, and (when `conn` is given) a
    project on the server holding each article with one annotation per annotator, for review.

    Run `agreement_from_export` on the export for agreement and gold. The texts stay where they
    are; `out` should be git-ignored when the corpus may not be redistributed.
    """
    directory = Path(directory)
    text_dir, ann_dir = directory / "text", directory / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise LabelStudioError(f"{directory}: expected text/ and attributions/ (BRAT standoff)")
    by_name: dict[str, dict[str, str]] = {}
    for path in sorted(ann_dir.glob("*.ann")):
        parts = ann.split_ann_name(path.name)
        if parts is None:
            raise LabelStudioError(f"{path}: expected a NAME_ANNOTATOR.ann file name")
        by_name.setdefault(parts[0], {})[parts[1]] = path.read_text(encoding="utf-8")
    names = sorted(n for n in by_name if not multi_only or len(by_name[n]) >= 2)
    if limit is not None:
        names = names[:limit]
    meta = _brat_meta(directory)
    salt = annotator_salt(out)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    export_file = Path(out) / "exports" / f"brat-{stamp}.json"
    export_file.parent.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    annotators: dict[str, str] = {}
    tasks_out: list[dict[str, Any]] = []
    for name in names:
        text_path = text_dir / f"{name}.txt"
        if not text_path.exists():
            problems.append(f"{text_path}: missing text for {len(by_name[name])} .ann file(s)")
            continue
        text = text_path.read_text(encoding="utf-8")
        try:
            task, found = ann.brat_task(name, text, by_name[name], meta.get(name))
        except ann.brat.BratError as err:
            problems.append(f"{name}: {err}")
            continue
        problems.extend(found)
        for a in by_name[name]:
            annotators[f"brat:{a}"] = ann.pseudonym(f"brat:{a}", salt)
        tasks_out.append(task)
    tmp = export_file.with_name(export_file.name + ".part")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write("[\n")
        for i, task in enumerate(tasks_out):
            fh.write(("," if i else "") + json.dumps(task, ensure_ascii=False) + "\n")
        fh.write("]\n")
    os.replace(tmp, export_file)
    _annotator_map_path(export_file).write_text(
        json.dumps(annotators, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    summary = BratSummary(
        articles=len(tasks_out),
        annotation_files=sum(len(t["annotations"]) for t in tasks_out),
        doubly_annotated=sum(1 for t in tasks_out if len(t["annotations"]) >= 2),
        problems=problems,
        export_file=export_file,
    )
    config = load_label_config(config_path)
    flat = tables_from_export(
        export_file, Path(out), config=config, annotators=annotators, salt=salt
    )
    summary.quotes, summary.errors, summary.warnings = len(flat.quotes), flat.errors, flat.warnings
    if conn is not None:
        summary.pushed_project_id, summary.pushed_tasks = _push_brat(conn, title, tasks_out, config)
    return summary


def _push_brat(
    conn: Connection, title: str, brat_tasks: Iterable[Mapping[str, Any]], config: LabelConfig
) -> tuple[int, int]:
    """Load BRAT tasks with their annotations into a project of their own, for review.

    Annotations are attributed to the importing user (their annotator codes stay in the task data
    under `brat_annotators`): creating accounts for people who never used the server is not ours
    to do.
    """
    ls = client(conn)
    state = ensure_project(ls, conn, title, config, "<p>Imported BRAT attributions.</p>")
    items = []
    for t in brat_tasks:
        data = dict(t["data"])
        data["byline"] = data.get("source") or ""
        data["target_line"] = lst.NO_TARGET_LINE
        data["brat_annotators"] = [a["completed_by"] for a in t["annotations"]]
        items.append(
            {
                "data": data,
                "annotations": [
                    {"result": a["result"], "ground_truth": False} for a in t["annotations"]
                ],
            }
        )
    created = 0
    for start in range(0, len(items), DEFAULT_BATCH):
        with _errors(conn, "importing BRAT tasks"):
            response = ls.projects.import_tasks(
                state.id, request=items[start : start + DEFAULT_BATCH]
            )
        created += int(getattr(response, "task_count", 0) or 0)
    return state.id, created


def status(conn: Connection, title: str = DEFAULT_PROJECT) -> dict[str, Any]:
    """url, project_id, tasks, annotations and token_file, for `ls status --json`."""
    ls = client(conn)
    project = find_project(ls, conn, title)
    return {
        "url": conn.url,
        "project": title,
        "project_id": project.id if project else None,
        "tasks": (project.task_number or 0) if project else 0,
        "annotations": (project.total_annotations_number or 0) if project else 0,
        "token_file": str(conn.token_file) if conn.token_file else None,
    }


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def to_json(obj: Any) -> str:
    """JSON for the CLI's --json outputs (datetimes and paths as strings)."""
    return json.dumps(obj, default=_json_default, indent=2, sort_keys=True)
