"""`newscorpus hydrate`: restore the texts a published version withheld, from the user's own copies.

Articles whose license is not known to permit redistribution are published with ids, URLs, hashes
and offsets only. A user who has the pages (and normalized them with `newscorpus normalize`, or
extracted the same text) gets a private, complete copy of the dataset here: a copy's text is
accepted only when its SHA-256 equals the article's `content_sha256`, so every published offset
points at the same characters as in the original. The published folder is never modified; the
hydrated copy goes to a new folder (for the user's own use: it must not be redistributed either),
built in a partial folder beside it (partials.py) and renamed into place. A symbolic link in the
published folder or in a folder of copies is followed only while it stays inside that folder
(links.py): a published folder comes from elsewhere, and a link in it must not copy one of the
user's files into the hydrated one.

A stance target withheld with its origin's text (`target_withheld`: an imported headline) comes
back from any copy holding its text in a `target` or `Headline` field (the `annotations/targets/`
tables `newscorpus import` writes, the source's own CSV file), accepted only when the text gives
the target's id (imports/targets.py: its slug and hash).
"""

from __future__ import annotations

import csv
import gzip
import json
import shutil
import time
import zlib
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newscorpus.annotate.imports.targets import id_fits_text, target_digest, target_key
from newscorpus.errors import UsageError
from newscorpus.hashing import text_sha256
from newscorpus.links import require_all_inside, require_tree_inside
from newscorpus.publish.configs import ARTICLES, REGISTRY, Restorer
from newscorpus.publish.partials import PartialCleanup, clean_stale_partials, make_partial
from newscorpus.publish.withhold import TextCopy

COPY_SUFFIXES = (".parquet", ".jsonl", ".jsonl.gz", ".json", ".csv")
# Fields of a copy's record holding an article's text (FNC-1's bodies CSV: articleBody) and a
# stance target's (an imported targets table: target; FNC-1's stances CSV: Headline).
TEXT_FIELDS = ("text", "body", "articleBody")
TARGET_FIELDS = ("target", "Headline", "headline")
_PARQUET_FIELDS = ("text", "title", "captions", "content_sha256", "target")
# What each config's withheld rows get back (data/<config>/ is the config's folder).
RESTORERS: dict[str, tuple[Restorer, ...]] = {c.name: c.restore for c in REGISTRY}


@dataclass
class HydrateSummary:
    out: Path
    withheld: int = 0
    restored: int = 0
    missing: list[str] = field(default_factory=list)
    targets_withheld: int = 0
    targets_restored: int = 0
    targets_missing: list[str] = field(default_factory=list)  # target ids still without text
    copies_read: int = 0
    copies_skipped: list[str] = field(default_factory=list)  # records not objects, where
    seconds: float = 0.0
    partials: PartialCleanup = field(default_factory=PartialCleanup)  # killed runs' leftovers


@dataclass(frozen=True)
class Skipped:
    """A copy's record that is not an object (a JSON line `[1]`): nothing to match, counted."""

    where: str


# Errors of a copy file that cannot be read as its name says (gzip's and zlib's included).
_UNREADABLE = (OSError, EOFError, zlib.error, pa.ArrowException, csv.Error)


def _records(path: Path) -> Iterator[dict[str, Any] | Skipped]:
    """The records of one copy file; a file that cannot be read is refused, naming it."""
    try:
        yield from _file_records(path)
    except UnicodeDecodeError as err:
        raise UsageError(f"{path}: not UTF-8 text ({err})") from None
    except _UNREADABLE as err:
        raise UsageError(f"{path}: not readable as {_kind(path)} ({err})") from None


def _kind(path: Path) -> str:
    return next(s for s in COPY_SUFFIXES if path.name.lower().endswith(s)).lstrip(".")


def _file_records(path: Path) -> Iterator[dict[str, Any] | Skipped]:
    name = path.name.lower()
    if name.endswith(".parquet"):
        parquet = pq.ParquetFile(path)
        names = parquet.schema_arrow.names
        columns = [c for c in _PARQUET_FIELDS if c in names]
        if "text" not in columns and "target" not in columns:
            return
        for batch in parquet.iter_batches(columns=columns, batch_size=2000):
            yield from batch.to_pylist()
    elif name.endswith((".jsonl", ".jsonl.gz")):
        opener = gzip.open if name.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8-sig") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    value = _json(line, f"{path}:{number}")
                    yield value if isinstance(value, dict) else Skipped(f"{path}:{number}")
    elif name.endswith(".json"):
        data = _json(path.read_text(encoding="utf-8-sig"), str(path))
        items = data if isinstance(data, list) else [data]
        for number, value in enumerate(items, 1):
            yield value if isinstance(value, dict) else Skipped(f"{path}: item {number}")
    elif name.endswith(".csv"):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            yield from csv.DictReader(handle)


def _json(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise UsageError(f"{where}: not JSON ({err})") from None


def _copy_files(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if not path.exists():
            raise UsageError(f"--from {path}: no such file or directory")
        if path.is_dir():
            found = (p for p in path.rglob("*") if p.name.lower().endswith(COPY_SUFFIXES))
            yield from require_all_inside(path, sorted(p for p in found if p.is_file()))
        else:
            yield path


@dataclass
class Found:
    """What the user's copies hold of the withheld texts."""

    texts: dict[str, TextCopy] = field(default_factory=dict)  # content_sha256 -> article text
    targets: dict[str, str] = field(default_factory=dict)  # target id -> target text
    read: int = 0  # records with an article text
    skipped: list[str] = field(default_factory=list)  # where each record not an object is


def _match_targets(record: dict[str, Any], by_digest: dict[str, list[str]], found: Found) -> None:
    """Keep a record's target text for every withheld target id it gives."""
    for key in TARGET_FIELDS:
        value = record.get(key)
        if not isinstance(value, str) or not value.strip():
            continue
        for tid in by_digest.get(target_digest(value), ()):
            if tid not in found.targets and id_fits_text(tid, value):
                found.targets[tid] = target_key(value)


def _match_text(record: dict[str, Any], wanted: set[str], found: Found) -> None:
    """Keep a record's article text when its SHA-256 is wanted, as it is or normalized."""
    text = next((record[k] for k in TEXT_FIELDS if isinstance(record.get(k), str)), None)
    if not text:
        return
    found.read += 1
    digest = text_sha256(text)
    if digest not in wanted:
        if record.get("content_sha256"):
            return  # a newscorpus corpus row: its text is normalized already
        from newscorpus.normalize.text import normalize_text

        text = normalize_text(text)
        digest = text_sha256(text)
        if digest not in wanted:
            return
    if digest not in found.texts:
        captions = record.get("captions")
        found.texts[digest] = TextCopy(
            text,
            record.get("title") or record.get("headline"),
            list(captions) if isinstance(captions, list) else None,
        )


def find_copies(paths: list[Path], wanted: set[str], wanted_targets: Collection[str] = ()) -> Found:
    """Texts among the user's copies whose SHA-256 is wanted (also tried through our
    normalization: a copy that is the raw extracted text gets one more chance through
    `newscorpus.normalize.text.normalize_text`, the function that made the published text), and
    the texts of the wanted targets (a text is a target's when it gives the target's id)."""
    found = Found()
    by_digest: dict[str, list[str]] = {}
    for tid in wanted_targets:
        by_digest.setdefault(tid.rsplit("-", 1)[-1], []).append(tid)
    for path in _copy_files(paths):
        for record in _records(path):
            if isinstance(record, Skipped):
                found.skipped.append(record.where)
                continue
            if by_digest:
                _match_targets(record, by_digest, found)
            if wanted:
                _match_text(record, wanted, found)
        if len(found.texts) == len(wanted) and len(found.targets) == len(set(wanted_targets)):
            break
    return found


def _rewrite(
    source: Path,
    target: Path,
    restorers: tuple[Restorer, ...],
    found: Found,
    hashes: dict[str, str],
) -> None:
    parquet = pq.ParquetFile(source)
    schema = parquet.schema_arrow  # carries the `datasets` features metadata
    with pq.ParquetWriter(target, schema, compression="zstd") as writer:
        for batch in parquet.iter_batches(batch_size=2000):
            rows = batch.to_pylist()
            for row in rows:
                if row.get("target_withheld") and row["target_id"] in found.targets:
                    row["target"] = found.targets[row["target_id"]]
                if not row.get("text_withheld"):
                    continue
                digest = row.get("content_sha256") or hashes.get(row.get("article_id"))
                if digest in found.texts:
                    for restore in restorers:
                        restore(row, found.texts[digest])
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))


def _withheld_targets(dataset: Path) -> set[str]:
    """Ids of the stance targets published without their text (versions before targets could
    be withheld have no `target_withheld` column: none)."""
    ids: set[str] = set()
    for path in sorted((dataset / "data").glob("*/*.parquet")):
        if "target_withheld" not in pq.read_schema(path).names:
            continue
        table = pq.read_table(path, columns=["target_id", "target_withheld"])
        ids.update(table.filter(table["target_withheld"])["target_id"].to_pylist())
    return ids


def hydrate(dataset: Path, copies: list[Path], out: Path) -> HydrateSummary:
    """Copy `dataset` to `out` with every withheld text restored that a copy matches."""
    started = time.perf_counter()
    articles = dataset / "data" / ARTICLES.name
    if not (dataset / "README.md").exists() or not articles.is_dir():
        raise UsageError(
            f"{dataset} is not a published version folder (README.md, data/{ARTICLES.name})"
        )
    if out.exists():
        raise UsageError(f"{out} already exists: give a new folder for the hydrated copy")
    require_tree_inside(dataset)
    hashes: dict[str, str] = {}
    wanted: set[str] = set()
    withheld_ids: dict[str, str] = {}
    for path in sorted(articles.glob("*.parquet")):
        table = pq.read_table(path, columns=["id", "content_sha256", "text_withheld"])
        for article_id, digest, withheld in zip(
            *(c.to_pylist() for c in table.columns), strict=True
        ):
            hashes[article_id] = digest
            if withheld:
                wanted.add(digest)
                withheld_ids[article_id] = digest
    targets = _withheld_targets(dataset)
    summary = HydrateSummary(out=out, withheld=len(withheld_ids), targets_withheld=len(targets))
    found = find_copies(list(copies), wanted, targets) if wanted or targets else Found()
    summary.copies_read = found.read
    summary.copies_skipped = found.skipped
    summary.restored = sum(1 for d in withheld_ids.values() if d in found.texts)
    summary.missing = sorted(a for a, d in withheld_ids.items() if d not in found.texts)
    summary.targets_restored = len(found.targets)
    summary.targets_missing = sorted(targets - set(found.targets))

    summary.partials = clean_stale_partials(out.parent)
    partial = make_partial(out)
    try:
        for path in sorted(dataset.rglob("*")):
            target = partial / path.relative_to(dataset)
            if path.is_dir():
                target.mkdir(parents=True, exist_ok=True)
            elif path.suffix == ".parquet" and path.parent.parent.name == "data":
                target.parent.mkdir(parents=True, exist_ok=True)
                restorers = RESTORERS.get(path.parent.name, ())  # a folder of no config: copied
                _rewrite(path, target, restorers, found, hashes)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)  # the umask's mode, like every file written here
        partial.rename(out)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    summary.seconds = time.perf_counter() - started
    return summary
