"""Push the corpus to Label Studio as tasks, with the pre-annotations as predictions.

What it guarantees:
  - push is idempotent: a task is identified by (article_id, content_sha256) in its data; an
    article already there is skipped, an article whose text changed becomes a new task and the old
    one is reported, never rewritten; tasks go in corpus order (or sample order), in batches (one
    request per batch, not per task);
  - the corpus streams through `tables.iter_corpus`: memory holds a batch of articles (or the
    sample), never the corpus;
  - a label config changed by hand on the server is refused unless `force` (project.py);
  - a bad `--where` or a missing corpus fails before the server is touched; a `--where` that
    fails on some row's value (comparing a date with a number) stops the push at that row, and
    a re-run skips what was imported;
  - every task of one push carries the push's batch name in its `meta` (`ls status` counts
    progress per batch); the overlap settings, when given, are sent only when they differ;
  - stance: a task is one article and asks its stance toward every matched target, one question
    per target (the primary one first, `tasks.ordered_targets`), so each quote is labeled once
    and names the target of its stance. When `newscorpus preannotate --stance-model` wrote
    `stance.parquet`, the model's stance toward each target is the prediction's
    `article_stance_<i>` choice, with the model's score; every prediction of a push carries one
    model version, naming every rule set and model the push read.
It never prints.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from newscorpus import layout, schema
from newscorpus.annotate.labelstudio import LabelStudioError
from newscorpus.annotate.labelstudio import tasks as lst
from newscorpus.annotate.labelstudio.client import client, server_errors
from newscorpus.annotate.labelstudio.config import (
    DEFAULT_CONFIG_PATH,
    DEFAULT_GUIDELINES_PATH,
    guidelines_html,
    load_label_config,
)
from newscorpus.annotate.labelstudio.exports import download_export, iter_json_array
from newscorpus.annotate.labelstudio.gcpause import gc_paused
from newscorpus.annotate.labelstudio.project import (
    DEFAULT_PROJECT,
    Overlap,
    ensure_overlap,
    ensure_project,
)
from newscorpus.annotate.labelstudio.project_lock import project_writer
from newscorpus.annotate.labelstudio.select import compile_where, select_articles, where_columns
from newscorpus.annotate.labelstudio.server import Connection
from newscorpus.tables import corpus_files, iter_corpus

DEFAULT_BATCH = 500
ARTICLE_COLUMNS = ("id", "text", "title", "source", "published", "url", "content_sha256")
STANCE_FILE = "stance.parquet"  # written by `newscorpus preannotate --stance-model`
# Where a task records the push that imported it: task["meta"][BATCH_KEY].
BATCH_KEY = "batch"

Row = Mapping[str, Any]


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
    batch: str = ""
    overlap: dict[str, Any] | None = None  # the project's settings after the push, when given
    overlap_action: str | None = None  # unchanged | updated, when given


def default_batch_name() -> str:
    """The batch of a push not given one: `push-` and the UTC time it started."""
    return f"push-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"


@gc_paused
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
    articles: Iterable[Row] | None = None,
    overlap: Overlap | None = None,
    batch: str | None = None,
    order_by_uncertainty: bool = False,
) -> PushSummary:
    """Create or update the project and import the articles it does not have yet.

    Args:
        conn: server and key (`server.resolve_connection`).
        corpus: corpus dir (articles/*.parquet) or one Parquet file, read as a stream.
        predictions: dir with quotes.parquet, targets.parquet and (given a stance model)
            stance.parquet from `newscorpus preannotate` (optional: without them tasks carry
            no predictions and no target).
        sample: push only this many articles (a deterministic sample, see `sample_articles`).
        where: a row filter (see `compile_where`), applied before sampling.
        force: replace a label config edited on the server.
        batch_size: tasks per import request.
        articles: rows to push instead of the corpus's (then `corpus` is not read).
        overlap: annotators per task and on which share of the tasks (`Overlap.of`); None
            leaves the project's settings as they are.
        batch: name recorded in the meta of every task this push imports (default: `push-`
            and the time).
        order_by_uncertainty: import the articles whose suggested stance the model is least
            sure of first (Label Studio serves tasks in import order), those without a
            suggestion last; holds the selected rows in memory instead of streaming them.
    """
    t0 = time.perf_counter()
    config = load_label_config(config_path)
    instructions = _instructions(Path(guidelines_path))
    source = articles if articles is not None else read_articles(corpus, where)
    rows = select_articles(source, where, sample)
    builder = TaskBuilder.read(Path(predictions), batch or default_batch_name())
    if order_by_uncertainty:
        rows = sorted(rows, key=builder.uncertainty)
    # One push or pull a project at a time: two pushes would import the same tasks twice.
    with project_writer(conn, title):
        ls = client(conn)
        state = ensure_project(ls, conn, title, config, instructions, force=force)
        summary = PushSummary(conn.url, state.id, title, state.config_action, config.version)
        summary.batch = builder.batch_name
        existing = {} if state.config_action == "created" else _existing_tasks(ls, conn, state.id)
        todo = _not_yet_there(rows, existing, summary)
        model_versions = _import_batches(ls, conn, state.id, todo, builder, batch_size, summary)
        if len(model_versions) == 1:
            # Label Studio shows an annotator the predictions of the project's model version.
            with server_errors(conn, "setting the model version"):
                ls.projects.update(state.id, model_version=next(iter(model_versions)))
        if overlap is not None:
            summary.overlap_action = ensure_overlap(ls, conn, state.id, overlap)
            summary.overlap = overlap.as_dict()
        summary.seconds = time.perf_counter() - t0
        return summary


def read_articles(corpus: Path, where: str | None = None) -> Iterator[dict[str, Any]]:
    """Rows of `corpus/articles/*.parquet` (or of one Parquet file), streamed batch by batch,
    with the columns push needs and those `where` reads.

    Raises:
        UsageError: no corpus there (`tables.corpus_files`), before any row is read.
        LabelStudioError: `where` is not an accepted expression or reads no article column.
    """
    columns = list(ARTICLE_COLUMNS)
    if where:
        compile_where(where)
        for name in sorted(where_columns(where)):
            if name not in schema.ARTICLES.names:
                raise LabelStudioError(f"--where {where!r}: no column {name!r}")
            if name not in columns:
                columns.append(name)
    files = corpus_files(Path(corpus))
    return (row for batch in iter_corpus(files, columns) for row in batch)


def _instructions(guidelines_path: Path) -> str:
    try:
        return guidelines_html(guidelines_path.read_text(encoding="utf-8"))
    except OSError as err:
        raise LabelStudioError(
            f"{guidelines_path}: cannot read the guidelines ({err.strerror})"
        ) from None


def _existing_tasks(ls: Any, conn: Connection, project_id: int) -> dict[str, dict[str, int]]:
    """article_id -> {content_sha256: task id} of the tasks already in the project."""
    with server_errors(conn, "counting tasks"):
        count = ls.projects.get(project_id).task_number or 0
    if not count:
        return {}
    with tempfile.TemporaryDirectory(prefix="newscorpus-ls-") as tmp:
        path = Path(tmp) / f"existing-{project_id}.json"
        download_export(ls, conn, project_id, path, all_tasks=True)
        found: dict[str, dict[str, int]] = {}
        for task_id, (article_id, sha) in lst.iter_keys(iter_json_array(path)):
            found.setdefault(article_id, {})[sha] = task_id
        return found


def _not_yet_there(
    rows: Iterable[Row], existing: Mapping[str, Mapping[str, int]], summary: PushSummary
) -> Iterator[Row]:
    """The selected rows the project lacks, counting the others; a changed text is reported."""
    for row in rows:
        summary.selected += 1
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
        yield row


# --- building and importing batches -------------------------------------------------------------


@dataclass
class _Batch:
    """One import request's body and what went into it."""

    body: bytes
    size: int
    stale: int
    with_predictions: int
    versions: set[str]


def _push_model_version(*tables: Mapping[str, list[dict[str, Any]]]) -> str | None:
    """One model version for every prediction of a push: the versions of all rows it read."""
    versions = {
        str(r["model_version"])
        for table in tables
        for rows in table.values()
        for r in rows
        if r.get("model_version")
    }
    return "+".join(sorted(versions)) or None


def _read_predictions(path: Path) -> dict[str, list[dict[str, Any]]]:
    if not path.exists():
        return {}
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in pq.read_table(path).to_pylist():
        grouped.setdefault(row["article_id"], []).append(row)
    return grouped


@dataclass
class TaskBuilder:
    """Articles -> tasks with the predictions made on their current text."""

    predictions: Path
    quotes: dict[str, list[dict[str, Any]]]
    targets: dict[str, list[dict[str, Any]]]
    batch_name: str
    stances: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    model_version: str | None = None

    @classmethod
    def read(cls, predictions: Path, batch_name: str) -> TaskBuilder:
        quotes = _read_predictions(predictions / "quotes.parquet")
        stances = _read_predictions(predictions / STANCE_FILE)
        return cls(
            predictions,
            quotes,
            _read_predictions(predictions / "targets.parquet"),
            batch_name,
            stances,
            _push_model_version(quotes, stances),
        )

    def uncertainty(self, row: Row) -> tuple[bool, float]:
        """Sort key: the lowest model score among the stances a task would suggest (its most
        uncertain target), lowest first; articles without a scored suggestion after every
        other."""
        asked = [str(t["target_id"]) for t in self.targets.get(row["id"], [])]
        stances = lst.asked_stances(self.stances.get(row["id"], []), asked, row["content_sha256"])
        scores = [
            float(s["score"]) for s in stances if s is not None and s.get("score") is not None
        ]
        if not scores:
            return (True, 0.0)
        return (False, min(scores))

    def article_task(
        self, row: Row, targets: Sequence[Row] | None = None
    ) -> tuple[dict[str, Any], int]:
        """The import item of one article and how many of its predictions were stale;
        `targets` replaces the article's matched targets (refresh asks a task's own)."""
        sha = row["content_sha256"]
        article_quotes = self.quotes.get(row["id"], [])
        fresh = [q for q in article_quotes if q["content_sha256"] == sha]
        stances = self.stances.get(row["id"], [])
        fresh_stances = [s for s in stances if s["content_sha256"] == sha]
        stale = len(article_quotes) - len(fresh) + len(stances) - len(fresh_stances)
        try:
            if targets is None:
                targets = self.targets.get(row["id"], [])
            item = lst.article_task(row, fresh, targets, fresh_stances, self.model_version)
        except ValueError as err:
            raise LabelStudioError(f"{self.predictions}/quotes.parquet: {err}") from None
        item["meta"] = {BATCH_KEY: self.batch_name}
        return item, stale

    def batch(self, rows: Sequence[Row]) -> _Batch:
        """The encoded import body of `rows`; quote predictions made on another text of an
        article are left out and counted as stale."""
        items, stale, with_predictions, versions = [], 0, 0, set()
        for row in rows:
            item, stale_here = self.article_task(row)
            stale += stale_here
            if "predictions" in item:
                with_predictions += 1
                versions.add(item["predictions"][0]["model_version"])
            items.append(item)
        return _Batch(encode_batch(items), len(items), stale, with_predictions, versions)


def _import_batches(
    ls: Any,
    conn: Connection,
    project_id: int,
    todo: Iterator[Row],
    builder: TaskBuilder,
    batch_size: int,
    summary: PushSummary,
) -> set[str]:
    """Import `todo` in batches of `batch_size`, in order; the model versions of the predictions.

    Each batch is read, built and encoded in a helper thread while the server imports the
    previous one: the main thread waits on the socket with the GIL released, so building costs
    no wall time on a machine with 2 cores, and memory stays bounded by the batch size.
    """
    next_batch = _batches(todo, batch_size, builder.batch)
    model_versions: set[str] = set()
    start = 0
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="newscorpus-push") as pool:
        pending = pool.submit(next_batch)
        while (batch := pending.result()) is not None:
            pending = pool.submit(next_batch)
            summary.stale_predictions += batch.stale
            summary.predictions += batch.with_predictions
            summary.without_predictions += batch.size - batch.with_predictions
            model_versions |= batch.versions
            t_import = time.perf_counter()
            what = f"{start + 1}-{start + batch.size}"
            summary.created += import_batch(ls, conn, project_id, batch.body, what)
            summary.import_seconds += time.perf_counter() - t_import
            summary.batches += 1
            start += batch.size
    return model_versions


def _batches(
    rows: Iterator[Row], size: int, build: Callable[[Sequence[Row]], _Batch]
) -> Callable[[], _Batch | None]:
    """A function returning the next built batch of `rows`, None once they are used up."""

    def next_batch() -> _Batch | None:
        chunk = list(islice(rows, size))
        return build(chunk) if chunk else None

    return next_batch


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
    with server_errors(conn, f"importing tasks {what}"):
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
