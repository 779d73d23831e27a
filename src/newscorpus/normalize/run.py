"""Runs `normalize` over many files: discovery, worker processes, shards, manifest, progress.

The only module that starts processes (normalize.distributed hands the same functions to Ray or
Slurm through datatrove). Per-file work (`per_file.process_file`) is read -> detect format ->
extract -> normalize -> MinHash signature, with no shared state, so it runs in any worker; the
main process alone decides duplicates (`decide_duplicate`) and writes (`admit`, `Shard`), in input
order, which keeps runs deterministic whatever the number of workers. Nothing an input holds
stops a run: it becomes a reject row (see per_file and discovery); a run that is stopped (a
crash, a kill, a full disk) resumes when the same command is run again.

Layout under the output DIR (see README):
  articles/part-NNNNN.parquet   schema.ARTICLES, one row per article
  rejects/part-NNNNN.parquet    schema.REJECTS, one row per input or record that gave no article
  state/minhash/part-NNNNN.parquet   schema.MINHASH, signatures for later near-duplicate lookups
  state/manifest/part-NNNNN.parquet  schema.MANIFEST, written last: a part without it is discarded
Raw inputs are only ever read.
"""

from __future__ import annotations

import itertools
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newscorpus import layout, schema
from newscorpus.errors import RejectError, UsageError
from newscorpus.ingest.limits import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_SECONDS
from newscorpus.locks import corpus_writer
from newscorpus.normalize.dedup import NUM_PERM, KnownTexts, NearDuplicateIndex
from newscorpus.normalize.dependents import (
    EXACT_DUPLICATE_DETAIL,
    Recheck,
    dangling_keys,
    dependent_tasks,
    tasks_for,
)
from newscorpus.normalize.discovery import FileTask, discover
from newscorpus.normalize.manifest import Manifest
from newscorpus.normalize.per_file import FileResult, process_file, reject_row, warm_up
from newscorpus.normalize.pool import ordered_map
from newscorpus.normalize.text import PIPELINE_VERSION
from newscorpus.normalize.todo import input_unchanged, inputs_to_retry, pending
from newscorpus.tables import PART_GLOB, part_name, part_number, write_atomic

DEFAULT_SHARD_FILES = 1000
_CHUNK = 8
_CHUNKS_IN_FLIGHT_PER_WORKER = 8


@dataclass(frozen=True)
class NormalizeOptions:
    """What a run reads and how; checked when made, so a wrong value stops nothing half-way.

    Attributes:
        max_bytes: The largest raw file, and the most one record inside it may unpack to.
        timeout: Seconds of work one record (a whole page for one-page formats) may take.
        rehash: Hash every input whose size and mtime match its manifest entry, to notice
            files replaced with their old mtime (see normalize.todo).
        retry_reasons: Read again every input that has a reject with one of these reasons
            (e.g. "timeout" after raising `timeout`).

    Raises:
        UsageError: a count or limit that is not positive, an unknown reject reason.
    """

    inputs: tuple[Path, ...]
    out: Path = layout.CORPUS
    workers: int = 1
    progress: bool = False
    shard_files: int = DEFAULT_SHARD_FILES
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = DEFAULT_TIMEOUT_SECONDS
    rehash: bool = False
    retry_reasons: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        for option, value in (
            ("--workers", self.workers),
            ("--shard-files", self.shard_files),
            ("--max-bytes", self.max_bytes),
            ("--timeout", self.timeout),
        ):
            if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
                raise UsageError(f"{option} must be a positive number, not {value!r}")
        unknown = set(self.retry_reasons) - RejectError.REASONS
        if unknown:
            known = ", ".join(sorted(RejectError.REASONS))
            raise UsageError(f"cannot retry unknown reject reasons {sorted(unknown)}: use {known}")


@dataclass
class NormalizeSummary:
    out: Path
    inputs_seen: int = 0
    inputs_skipped: int = 0
    inputs_read: int = 0
    # Unchanged inputs read again because an article their duplicates pointed at left the corpus.
    inputs_reread: int = 0
    articles_written: int = 0
    articles_total: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    rejects_by_reason: Counter[str] = field(default_factory=Counter)
    # Articles whose text holds U+FFFD for bytes that could not be decoded: kept, but flagged.
    articles_with_replacements: int = 0
    seconds: float = 0.0


def _process(args: tuple[FileTask, int, float]) -> FileResult:
    return process_file(*args)


# --- state on disk ---------------------------------------------------------------------------


def _parts(folder: Path) -> dict[int, Path]:
    if not folder.is_dir():
        return {}
    return {part_number(p.name): p for p in folder.glob(PART_GLOB)}


@dataclass(frozen=True)
class CorpusLayout:
    """Where a corpus directory keeps its tables (see module docstring); reads nothing."""

    out: Path

    @property
    def articles(self) -> Path:
        return self.out / "articles"

    @property
    def rejects(self) -> Path:
        return self.out / "rejects"

    @property
    def minhash(self) -> Path:
        return self.out / "state" / "minhash"

    @property
    def manifest_dir(self) -> Path:
        return self.out / "state" / "manifest"


class CorpusState:
    """What a corpus directory already holds: manifest, known texts, the near-duplicate index."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.layout = CorpusLayout(out)
        self.articles = self.layout.articles
        self.rejects = self.layout.rejects
        self.minhash = self.layout.minhash
        self.manifest_dir = self.layout.manifest_dir
        self._discard_uncommitted_parts()
        self.manifest = Manifest(path for _, path in sorted(_parts(self.manifest_dir).items()))
        self.next_part = max(_parts(self.manifest_dir), default=-1) + 1
        # A run stopped between committing a shard and removing the old rows of the inputs it
        # read again: the committed manifest says which rows are stale, so remove them now.
        remove_stale(self.layout, self.manifest.superseded())
        # Empty until `load_dedup`: only runs that add articles pay for loading them.
        self.known = KnownTexts()
        self.index = NearDuplicateIndex()

    def _discard_uncommitted_parts(self) -> None:
        committed = set(_parts(self.manifest_dir))
        for folder in (self.articles, self.rejects, self.minhash):
            for number, path in _parts(folder).items():
                if number not in committed:
                    path.unlink()
            for tmp in folder.glob("*.tmp") if folder.is_dir() else ():
                tmp.unlink()

    def load_dedup(self) -> None:
        """Load known texts and signatures; only runs that add articles pay for this.

        Parts are read on this thread: they are small, and Arrow's reader threads would keep
        allocator caches of 15-20 MiB in the main process for nothing.
        """
        self.known.load(
            pair for _, path in sorted(_parts(self.articles).items()) for pair in _known_texts(path)
        )
        self.index.load(
            article
            for _, path in sorted(_parts(self.minhash).items())
            for article in _stored_signatures(path)
        )

    def article_count(self) -> int:
        return sum(pq.ParquetFile(p).metadata.num_rows for p in _parts(self.articles).values())

    def remove_stale(self, stale: list[dict[str, Any]]) -> None:
        """Drop the rows of inputs whose bytes changed, from the parts that hold them."""
        remove_stale(self.layout, stale)


def _known_texts(path: Path) -> Iterator[tuple[str, str]]:
    """(content_sha256, id) of an articles part."""
    table = pq.read_table(path, columns=["id", "content_sha256"], use_threads=False)
    yield from zip(table["content_sha256"].to_pylist(), table["id"].to_pylist(), strict=True)


def _stored_signatures(path: Path) -> Iterator[tuple[str, str, np.ndarray]]:
    """(id, representative, signature) of a minhash part, signatures as numpy rows."""
    table = pq.read_table(path, schema=schema.MINHASH, use_threads=False)
    signatures = table["signature"].combine_chunks().flatten().to_numpy()
    yield from zip(
        table["id"].to_pylist(),
        table["representative"].to_pylist(),
        signatures.reshape(-1, NUM_PERM),
        strict=True,
    )


def remove_stale(layout: CorpusLayout, stale: list[dict[str, Any]]) -> None:
    """Drop the rows of inputs whose bytes changed, from the parts that hold them.

    Idempotent, so that a run stopped half-way through it finishes it on resume: a part is
    rewritten only when it still holds such rows, and a MinHash part keeps the signatures of
    the articles its articles part keeps (whichever of the two was rewritten first).
    """
    by_part: dict[int, set[tuple[str, str]]] = {}
    for entry in stale:
        part = part_number(entry["shard"])
        # An input that was not read has "" in the manifest and null in its reject row.
        by_part.setdefault(part, set()).add((entry["source_file"], entry["raw_sha256"] or ""))
    for part, keys in sorted(by_part.items()):
        name = part_name(part)
        kept_ids = _drop_rows(layout.articles / name, schema.ARTICLES, keys)
        _drop_rows(layout.rejects / name, schema.REJECTS, keys)
        path = layout.minhash / name
        if kept_ids is not None and path.exists():
            table = pq.read_table(path, schema=schema.MINHASH)
            keep = pc.is_in(table["id"], pa.array(sorted(kept_ids), pa.string()))
            if not pc.all(keep).as_py() and len(table):
                write_atomic(table.filter(keep), path)


def _drop_rows(path: Path, table_schema: pa.Schema, keys: set[tuple[str, str]]) -> set[str] | None:
    """Rewrite the part at `path` without rows whose (source_file, raw_sha256) is in `keys`;
    return the ids it keeps (None when there is no such part)."""
    if not path.exists():
        return None
    table = pq.read_table(path, schema=table_schema)
    pairs = zip(table["source_file"].to_pylist(), table["raw_sha256"].to_pylist(), strict=True)
    keep = [(source, sha or "") not in keys for source, sha in pairs]
    if not all(keep):
        table = table.filter(pa.array(keep, pa.bool_()))
        write_atomic(table, path)
    return set(table["id"].to_pylist()) if "id" in table.column_names else set()


# --- the run ---------------------------------------------------------------------------------


def _results(
    tasks: Iterable[FileTask], options: NormalizeOptions, started: Callable[[], None]
) -> Iterator[FileResult]:
    """Each task's result, in task order; `started` runs once the workers are forked.

    The main process loads the corpus's duplicate state in `started`: workers forked after it
    would map its pages for nothing, and it loads while they read their first files.
    """
    jobs = ((task, options.max_bytes, options.timeout) for task in tasks)
    if options.workers <= 1:
        started()
        yield from map(_process, jobs)
        return
    # Workers are forked from a process that has already imported the readers and loaded the
    # language model, so each starts warm instead of spending seconds on the same imports.
    warm_up()
    yield from ordered_map(
        _process,
        jobs,
        workers=options.workers,
        chunk=_CHUNK,
        chunks_in_flight=options.workers * _CHUNKS_IN_FLIGHT_PER_WORKER,
        started=started,
    )


def _progress(enabled: bool, total: int | None) -> Any:
    if not enabled:
        return nullcontext(None)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    progress = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        transient=True,
    )
    progress.add_task("normalize", total=total)
    return progress


def check_output(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".write-probe"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as err:
        raise UsageError(f"output directory {out} is not writable: {err.strerror}") from err


def refuse_unfinished_distributed_run(out: Path) -> None:
    """Two engines must not interleave on one corpus: the distributed run planned its parts."""
    runs = out / "state" / "runs"
    for plan in sorted(runs.glob("*/plan.json")) if runs.is_dir() else ():
        if not (plan.parent / "done").exists():
            raise UsageError(
                f"{out} has an unfinished distributed run ({plan.parent}): re-run with the same "
                "--engine to finish it, or delete that folder to drop it"
            )


def run_normalize(options: NormalizeOptions) -> NormalizeSummary:
    """Normalize every input not yet in the corpus at `options.out`; see module docstring."""
    started = time.perf_counter()
    tasks = discover(options.inputs, options.out)
    check_output(options.out)
    # One writer a corpus: two runs would each write what they think is missing.
    with corpus_writer(options.out):
        return _run_locked(options, tasks, started)


def _run_locked(
    options: NormalizeOptions, tasks: Iterable[FileTask], started: float
) -> NormalizeSummary:
    refuse_unfinished_distributed_run(options.out)
    state = CorpusState(options.out)
    summary = NormalizeSummary(out=options.out)

    def seen(tasks: Iterable[FileTask]) -> Iterator[FileTask]:
        for task in tasks:
            summary.inputs_seen += 1
            yield task

    retry = inputs_to_retry(state.rejects, options.max_bytes, options.retry_reasons)
    todo = pending(seen(tasks), state.manifest, retry, options.rehash)
    try:
        first = next(todo, None)
        if first is not None:
            total = None
            if options.progress:  # a second walk over the inputs, for the bar's length alone
                again = discover(options.inputs, options.out)
                total = sum(1 for _ in pending(again, state.manifest, retry, options.rehash))
            _normalize_todo(itertools.chain([first], todo), total, options, state, summary)
        read_dependents_again(options, summary)
    except sqlite3.OperationalError as err:
        # The scratch databases (normalize.scratch) are the only writes outside --out; the
        # parts committed so far stay, and running the command again resumes.
        raise UsageError(
            f"normalize stopped: a scratch database failed ({err}); it lives in $SQLITE_TMPDIR "
            "or $TMPDIR, else /var/tmp: point SQLITE_TMPDIR at a folder with room (about 1.4 KB "
            "an article) and run the same command again to resume"
        ) from err
    summary.inputs_skipped = summary.inputs_seen - summary.inputs_read
    summary.articles_total = state.article_count()
    summary.seconds = time.perf_counter() - started
    return summary


def decide_duplicate(
    known: MutableMapping[str, str],
    index: NearDuplicateIndex,
    article_id: str,
    content_sha256: str,
    sig: Any,
) -> tuple[str | None, str | None]:
    """(exact_of, representative) for the next article in input order, and index it.

    An exact duplicate (same normalized text) is not indexed; any other article is, pointing to
    the representative of the earliest indexed near duplicate. The local run calls this for every
    article, the distributed one (normalize.distributed) for those whose MinHash bands collide.
    """
    existing = known.get(content_sha256)
    if existing is not None:
        return existing, None
    representative = index.find(sig)
    if representative == article_id:
        # Read again (its input changed or depended on a removed article), it meets the members
        # of its own cluster: it is still their head, as in a fresh run.
        representative = None
    known[content_sha256] = article_id
    index.add(article_id, sig, representative)
    return None, representative


def read_dependents_again(options: NormalizeOptions, summary: NormalizeSummary) -> None:
    """Read again the unchanged inputs whose duplicate rows point at an article that left the
    corpus (normalize.dependents), round after round until none does; only after a run that
    replaced rows (or one stopped before it finished this).

    An input read again cannot take out an article (its bytes, hence its texts and ids, are the
    same), so a second round is rare; `done` stops inputs that fail differently on a second read
    from being read forever.
    """
    recheck = Recheck(options.out)
    done: set[str] = set()
    while recheck.pending():
        planned = recheck.planned()
        # Looked for before the manifest is loaded: most updates leave nothing dangling.
        dangling = dangling_keys(options.out) if planned is None else None
        if dangling is not None and not dangling:
            recheck.clear()
            return
        state = CorpusState(options.out)
        if dangling is not None:
            found = dependent_tasks(options.out, state.manifest, dangling)
            tasks = [t for t in found if t.path not in done]
            if not tasks:
                recheck.clear()
                return
            recheck.plan([t.path for t in tasks], state.next_part)
        else:
            paths, first_part = planned
            entries = [e for p in paths if (e := state.manifest.get(p)) is not None]
            tasks = tasks_for([e for e in entries if part_number(e["shard"]) < first_part])
        done.update(task.path for task in tasks)
        if tasks:  # none when a run stopped after the round's last commit
            _read_again(tasks, options, state, summary)
        recheck.round_done()


def _read_again(
    tasks: list[FileTask], options: NormalizeOptions, state: CorpusState, summary: NormalizeSummary
) -> None:
    """Replace the rows of `tasks` (unchanged inputs), counted apart from the inputs this run
    was given. All their old articles leave the duplicate state first, so that none of them is
    decided against another's stale row: read back in input order, they are decided as in a
    fresh run."""
    old = [entry for task in tasks if (entry := state.manifest.get(task.path))]

    def forget_first() -> None:
        state.load_dedup()
        for entry in old:
            _forget(state, entry)

    read_before = summary.inputs_read
    _normalize_todo(tasks, None, options, state, summary, forget_first)
    summary.inputs_reread += summary.inputs_read - read_before
    summary.inputs_read = read_before


def _normalize_todo(
    todo: Iterable[FileTask],
    total: int | None,
    options: NormalizeOptions,
    state: CorpusState,
    summary: NormalizeSummary,
    load: Callable[[], None] | None = None,
) -> None:
    known, index = state.known, state.index
    stale: list[dict[str, Any]] = []
    shard = Shard(state.next_part)

    def decide(row: dict[str, Any], sig: Any) -> tuple[str | None, str | None]:
        return decide_duplicate(known, index, row["id"], row["content_sha256"], sig)

    with _progress(options.progress, total) as progress:
        for result in _results(todo, options, load or state.load_dedup):
            if progress is not None:
                progress.advance(progress.task_ids[0])
            task = result.task
            old = state.manifest.get(task.path)
            if input_unchanged(old, result.raw_sha256) and not task.retry:
                # Touched but not changed: remember the new mtime, keep the rows where they are.
                shard.manifest.append({**old, "mtime_ns": task.mtime_ns})
            else:
                if old:
                    # Before rows are replaced: a run stopped later still reads the inputs
                    # whose duplicates pointed at an article that is gone.
                    Recheck(options.out).mark()
                    stale.append(old)
                    _forget(state, old)
                summary.inputs_read += 1
                admit(result, shard, summary, decide)
            # Written entries are not added to `state.manifest`: every path comes once per run,
            # so nothing in this run looks them up, and holding them would cost ~1 KB an input.
            if len(shard.manifest) >= options.shard_files:
                _commit(shard, stale, state)
                shard, stale = Shard(shard.number + 1), []
        if shard.manifest:
            _commit(shard, stale, state)


def _commit(shard: Shard, stale: list[dict[str, Any]], state: CorpusState) -> None:
    """Commit the shard, then drop the old rows of the inputs it read again.

    The manifest part commits both: its entries supersede those of `stale`, so a run stopped
    before the old rows are gone removes them when it resumes (`CorpusState`).
    """
    shard.write(state.layout)
    if stale:
        state.remove_stale(stale)


def _forget(state: CorpusState, old: dict[str, Any]) -> None:
    """Make a changed input's previous articles unknown, so its new text is not their duplicate."""
    path = state.articles / old["shard"]
    if not path.exists():
        return
    table = pq.read_table(path, columns=["id", "source_file", "raw_sha256", "content_sha256"])
    for row in table.to_pylist():
        if row["source_file"] == old["source_file"] and row["raw_sha256"] == old["raw_sha256"]:
            state.known.pop(row["content_sha256"], None)
            state.index.remove(row["id"])


Decide = Callable[[dict[str, Any], Any], tuple[str | None, str | None]]


def admit(result: FileResult, shard: Shard, summary: NormalizeSummary, decide: Decide) -> None:
    """Add one file's rows to the open shard, `decide` telling (exact_of, representative).

    Shared by the local run (deciding as it goes) and the distributed one (replaying decisions
    made over the whole run), so both write the same rows, rejects and manifest entries.
    """
    task = result.task
    rejects = list(result.rejects)
    written = 0
    for row in result.rows:
        sig = row.pop("_signature")
        existing, representative = decide(row, sig)
        if existing is not None:
            summary.exact_duplicates += 1
            detail = EXACT_DUPLICATE_DETAIL.format(existing)
            rejects.append(reject_row(task, "exact_duplicate", detail, row["raw_sha256"], None))
            rejects[-1]["record_index"] = row["record_index"]
            continue
        if representative is not None:
            summary.near_duplicates += 1
        row = {**row, "duplicate_of": representative}
        shard.articles.append(row)
        shard.minhash.append(
            {"id": row["id"], "representative": representative or row["id"], "signature": sig}
        )
        written += 1
    for reject in rejects:
        summary.rejects_by_reason[reject["reason"]] += 1
    summary.articles_written += written
    summary.articles_with_replacements += result.replaced
    shard.rejects.extend(rejects)
    shard.manifest.append(
        {
            "path": task.path,
            "source_file": task.source_file,
            "input": task.input,
            "raw_sha256": result.raw_sha256 or "",
            "size_bytes": task.size,
            "mtime_ns": task.mtime_ns,
            "articles": written,
            "rejects": len(rejects),
            "shard": shard.name,
            "pipeline_version": PIPELINE_VERSION,
        }
    )


@dataclass
class Shard:
    number: int
    articles: list[dict[str, Any]] = field(default_factory=list)
    rejects: list[dict[str, Any]] = field(default_factory=list)
    minhash: list[dict[str, Any]] = field(default_factory=list)
    manifest: list[dict[str, Any]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return part_name(self.number)

    def write(self, layout: CorpusLayout) -> None:
        """Write the data parts, then the manifest part that commits them."""
        for folder, rows, table_schema in (
            (layout.articles, self.articles, schema.ARTICLES),
            (layout.rejects, self.rejects, schema.REJECTS),
            (layout.minhash, self.minhash, schema.MINHASH),
        ):
            if rows:
                write_atomic(pa.Table.from_pylist(rows, schema=table_schema), folder / self.name)
        write_atomic(
            pa.Table.from_pylist(self.manifest, schema=schema.MANIFEST),
            layout.manifest_dir / self.name,
        )


__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_TIMEOUT_SECONDS",
    "CorpusLayout",
    "CorpusState",
    "NormalizeOptions",
    "NormalizeSummary",
    "Shard",
    "admit",
    "check_output",
    "decide_duplicate",
    "read_dependents_again",
    "remove_stale",
    "run_normalize",
]
