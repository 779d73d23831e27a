"""What each origin's gold was resolved from: `gold/sources.json`, so publish never ships gold
older than the annotations beside it.

`ls pull` rewrites an origin's annotation rows (`quotes.parquet`, `stance.parquet`, and
`passes.parquet`, where an annotation that marked nothing is listed and still votes) without
touching gold; until `ls agreement` runs again, gold says what the annotators said before. Every
writer of gold (`ls agreement`, `newscorpus import`) therefore records, per origin, a digest of
that origin's annotation rows it resolved gold from, and publish recomputes the digest from the
tables it reads: a different digest means the annotations changed since.

File format (JSON, one object):
    {"format": 1,
     "origins": {"<origin>": {"annotation_rows": <int>, "annotations_sha256": "<hex>"}}}
`annotations_sha256` is the SHA-256 of the origin's rows of quotes.parquet, stance.parquet and
passes.parquet (a table absent from a folder contributes nothing),
the DIGEST_IGNORED columns left out (the writer stamps them), each row as a JSON array of its
values in schema order prefixed with its table's name, the lines sorted and joined by newlines.
`annotation_rows` counts them (for messages). Rows without an origin (tables written before
origins were recorded) are in no digest.

This module reads and writes sources.json and digests tables; it never writes a label table.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from newscorpus import schema
from newscorpus.errors import UsageError

SOURCES_FILE = "sources.json"  # under the gold folder
FORMAT = 1
# Columns the writer of a table stamps rather than reads from the annotations: gold resolved
# from the same annotations is the same whatever they say.
DIGEST_IGNORED = frozenset({"origin", "kind_source"})
# The annotation tables a digest covers: file name under the annotations folder, and schema.
ANNOTATION_TABLES: tuple[tuple[str, pa.Schema], ...] = (
    ("quotes.parquet", schema.ANNOTATED_QUOTES),
    ("stance.parquet", schema.ANNOTATED_STANCE),
    ("passes.parquet", schema.ANNOTATION_PASSES),
)


def annotation_paths(folder: Path) -> list[Path]:
    """The tables under an annotations folder where an origin's annotations are recorded."""
    return [Path(folder) / name for name, _ in ANNOTATION_TABLES]


@dataclass(frozen=True)
class Digest:
    """One origin's annotation rows, summed up."""

    annotation_rows: int
    annotations_sha256: str


# The digest of no rows: an origin whose annotations marked nothing.
NO_ROWS = Digest(0, hashlib.sha256(b"").hexdigest())


def _lines(name: str, table: pa.Table, table_schema: pa.Schema) -> dict[str, list[str]]:
    """origin -> the JSON line of each of its rows in `table`."""
    columns = [f.name for f in table_schema if f.name not in DIGEST_IGNORED]
    present = [c for c in columns if c in table.column_names]
    values = {c: table[c].to_pylist() for c in present}
    lines: dict[str, list[str]] = {}
    for i, origin in enumerate(table["origin"].to_pylist()):
        if origin is None:
            continue
        row = [name, *(values[c][i] if c in values else None for c in columns)]
        lines.setdefault(origin, []).append(json.dumps(row, default=str, ensure_ascii=False))
    return lines


def origin_digests(tables: Mapping[str, pa.Table | None]) -> dict[str, Digest]:
    """origin -> the digest of its rows in `tables` (file name -> table, None when absent)."""
    lines: dict[str, list[str]] = {}
    for name, table_schema in ANNOTATION_TABLES:
        table = tables.get(name)
        if table is None or "origin" not in table.column_names:
            continue
        for origin, found in _lines(name, table, table_schema).items():
            lines.setdefault(origin, []).extend(found)
    return {
        origin: Digest(len(found), hashlib.sha256("\n".join(sorted(found)).encode()).hexdigest())
        for origin, found in sorted(lines.items())
    }


def rows_digest(
    origin: str,
    quotes: Sequence[Mapping[str, Any]],
    stance: Sequence[Mapping[str, Any]],
    passes: Sequence[Mapping[str, Any]],
) -> Digest:
    """The digest `origin_digests` gives these rows once written under `origin`: what a gold
    writer resolved from."""
    tables = {}
    for (name, table_schema), rows in zip(ANNOTATION_TABLES, (quotes, stance, passes), strict=True):
        columns = {c: [r.get(c) for r in rows] for c in table_schema.names}
        columns["origin"] = [origin] * len(rows)
        tables[name] = pa.Table.from_pydict(columns, schema=table_schema)
    return origin_digests(tables).get(origin, NO_ROWS)


def read_gold_sources(gold: Path) -> dict[str, Digest] | None:
    """origin -> what its gold was resolved from; None when the gold folder has no record
    (written before gold recorded it).

    Raises:
        UsageError: the file is not a record of this format.
    """
    path = Path(gold) / SOURCES_FILE
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {o: Digest(**d) for o, d in data["origins"].items()}
    except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as err:
        raise UsageError(
            f"{path}: not a record of what gold was resolved from ({err}): run "
            "`newscorpus ls agreement` again to rewrite it"
        ) from None


def record_gold_sources(gold: Path, digests: Mapping[str, Digest]) -> Path:
    """Record what these origins' gold was resolved from, keeping other origins' records;
    written whole or not at all."""
    path = Path(gold) / SOURCES_FILE
    known = read_gold_sources(gold) or {}
    known.update(digests)
    data = {
        "format": FORMAT,
        "origins": {o: vars(d) for o, d in sorted(known.items())},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path
