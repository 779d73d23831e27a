"""Imported articles as parts of a corpus folder, written the way `normalize` writes its own.

An import's rows go through normalize's own writer (normalize.run: `admit`, `Shard`,
`CorpusState`), so the corpus cannot tell them apart from normalized ones but by their
`input_format`: the same duplicate decisions (an exact duplicate of an article already there
becomes an `exact_duplicate` reject, a near duplicate points to its representative), MinHash
signatures, and a manifest entry per input file. That entry is what keeps a later `normalize`
of the same files from reading them again and page-cleaning what was imported verbatim.

An import owns its parts: their numbers are recorded in `state/imports/<key>.json` before they
are written, and the next run of the same import drops them first, so that running it again
leaves the same tables, not two copies. An input that `normalize` read before has its rows
replaced, as a changed input's are. Never touches another part.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newscorpus.locks import corpus_writer
from newscorpus.normalize.dedup import signature
from newscorpus.normalize.discovery import FileTask
from newscorpus.normalize.per_file import FileResult, check_row, reject_row
from newscorpus.normalize.run import (
    DEFAULT_SHARD_FILES,
    CorpusLayout,
    CorpusState,
    NormalizeSummary,
    Shard,
    admit,
    check_output,
    decide_duplicate,
    refuse_unfinished_distributed_run,
)
from newscorpus.tables import part_name

Row = dict[str, Any]
# Under the corpus folder: one file per import, naming the parts it owns.
IMPORTS_STATE = Path("state") / "imports"


@dataclass(frozen=True)
class ImportedInput:
    """One raw file of an import and what it gave: article rows, and rejects as
    (record index, reason, detail) for records that gave none."""

    path: Path  # absolute, as `normalize` would name it (the manifest's key)
    input: Path  # the folder or file named on the command line
    source_file: str  # `path` relative to `input`
    raw_sha256: str
    rows: Sequence[Row]
    rejects: Sequence[tuple[int | None, str, str]] = ()


@dataclass
class CorpusWrite:
    """What an import wrote into the corpus."""

    parts: list[int] = field(default_factory=list)
    articles: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    rejects: Counter[str] = field(default_factory=Counter)
    replaced_inputs: int = 0  # inputs an earlier `normalize` had read: their rows were replaced


def state_file(corpus: Path, key: str) -> Path:
    slug = key.replace(":", "-").replace("/", "-")
    return Path(corpus) / IMPORTS_STATE / f"{slug}.json"


def _drop_previous(corpus: Path, key: str) -> None:
    """Remove the parts the last run of this import wrote: the manifest part (the commit)
    first, so that an interrupted removal leaves parts `normalize` discards itself."""
    path = state_file(corpus, key)
    if not path.exists():
        return
    parts = json.loads(path.read_text(encoding="utf-8")).get("parts", [])
    layout = CorpusLayout(Path(corpus))
    for number in parts:
        for folder in (layout.manifest_dir, layout.articles, layout.rejects, layout.minhash):
            (folder / part_name(number)).unlink(missing_ok=True)


def _record(corpus: Path, key: str, parts: list[int], inputs: int) -> None:
    path = state_file(corpus, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({"key": key, "parts": parts, "inputs": inputs}) + "\n", "utf-8")
    tmp.replace(path)


def _result(item: ImportedInput) -> FileResult:
    stat = item.path.stat()
    task = FileTask(
        str(item.path), str(item.input), item.source_file, stat.st_size, stat.st_mtime_ns
    )
    rows = []
    for row in item.rows:
        check_row(row)
        rows.append({**row, "_signature": signature(row["text"])})
    rejects = [reject_row(task, r, d, item.raw_sha256, i) for i, r, d in item.rejects]
    return FileResult(task, item.raw_sha256, rows, rejects)


def write_import(
    corpus: Path, key: str, inputs: Sequence[ImportedInput], shard_files: int = DEFAULT_SHARD_FILES
) -> CorpusWrite:
    """Write the rows of `inputs` as new parts of `corpus`, replacing this import's last run.

    Raises:
        UsageError: the corpus folder is not writable, holds an unfinished distributed run, or
            is being written by another process (locks.LockHeld).
    """
    corpus = Path(corpus)
    check_output(corpus)
    # One writer a corpus: an import racing a normalize would lose or double rows.
    with corpus_writer(corpus):
        return _write_locked(corpus, key, inputs, shard_files)


def _write_locked(
    corpus: Path, key: str, inputs: Sequence[ImportedInput], shard_files: int
) -> CorpusWrite:
    refuse_unfinished_distributed_run(corpus)
    _drop_previous(corpus, key)
    state = CorpusState(corpus)
    written = CorpusWrite()
    stale = [e for i in inputs if (e := state.manifest.get(str(i.path))) is not None]
    if stale:
        state.remove_stale(stale)
        written.replaced_inputs = len(stale)
    state.load_dedup()
    planned = list(range(state.next_part, state.next_part + math.ceil(len(inputs) / shard_files)))
    _record(corpus, key, planned, len(inputs))
    summary = NormalizeSummary(out=corpus)

    def decide(row: Row, sig: Any) -> tuple[str | None, str | None]:
        return decide_duplicate(state.known, state.index, row["id"], row["content_sha256"], sig)

    shard = Shard(state.next_part)
    for item in inputs:
        admit(_result(item), shard, summary, decide)
        if len(shard.manifest) >= shard_files:
            shard.write(state.layout)
            shard = Shard(shard.number + 1)
    if shard.manifest:
        shard.write(state.layout)
    written.parts = planned
    written.articles = summary.articles_written
    written.exact_duplicates = summary.exact_duplicates
    written.near_duplicates = summary.near_duplicates
    written.rejects = summary.rejects_by_reason
    return written
