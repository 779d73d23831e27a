"""Annotation tables shared by every origin: a writer replaces its own rows, never another's.

The tables `publish` reads (`quotes.parquet`, `stance.parquet`, `gold/*.parquet` under the
annotations folder) hold the rows of every origin, told apart by their `origin` column: a Label
Studio campaign's (`ls pull`, `ls agreement`) beside an imported corpus's (`newscorpus import`).
Each writer names the origins whose rows it owns and keeps every other row as it is, so running
it again gives the same table and never drops another origin's labels. Rows of tables written
before a column existed read as null in it; rows without an origin are replaced when the writer
asks (all of them, or those of its articles). Writes through tables.write_atomic only.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newscorpus.errors import UsageError
from newscorpus.tables import write_atomic

Row = dict[str, Any]


def existing_table(path: Path, table_schema: pa.Schema) -> pa.Table | None:
    """The table at `path` in `table_schema` (columns it lacks are null), None if absent."""
    if not path.exists():
        return None
    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowInvalid) as err:
        raise UsageError(f"{path}: not a readable Parquet file ({err}): move it away") from None
    columns = [
        table[f.name] if f.name in table.column_names else pa.nulls(table.num_rows, f.type)
        for f in table_schema
    ]
    try:
        return pa.Table.from_arrays(columns, schema=table_schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as err:
        raise UsageError(f"{path}: does not follow its schema ({err})") from None


def _rows_table(rows: Sequence[Row], table_schema: pa.Schema) -> pa.Table:
    columns = {name: [row.get(name) for row in rows] for name in table_schema.names}
    return pa.Table.from_pydict(columns, schema=table_schema)


def _owned(
    old: pa.Table, origins: Collection[str], unrecorded: bool, article_ids: Collection[str]
) -> pa.ChunkedArray:
    value_set = pa.array(sorted(origins), pa.string())
    mine = pc.fill_null(pc.is_in(old["origin"], value_set=value_set), False)
    unknown = pc.is_null(old["origin"])
    if not unrecorded:
        articles = pa.array(sorted(article_ids), pa.string())
        unknown = pc.and_(unknown, pc.is_in(old["article_id"], value_set=articles))
    return pc.or_(mine, unknown)


def replace_rows(
    path: Path,
    table_schema: pa.Schema,
    rows: Sequence[Row],
    *,
    origins: Collection[str] = (),
    unrecorded: bool = False,
    article_ids: Collection[str] = (),
) -> int:
    """Write `rows` in place of the table's rows of `origins`, and of its rows without an origin
    when `unrecorded` (all of them) or when they are of `article_ids` (the adjudication list,
    replaced by article before it recorded origins); returns the rows kept from before."""
    old = existing_table(path, table_schema)
    new = _rows_table(rows, table_schema)
    kept = 0
    if old is not None:
        old = old.filter(pc.invert(_owned(old, origins, unrecorded, article_ids)))
        kept = old.num_rows
        new = pa.concat_tables([old, new])
    write_atomic(new, path)
    return kept


def recorded(
    paths: Sequence[Path], keys: Collection[tuple[str, str]], column: str = "origin"
) -> dict[tuple[str, str], str]:
    """(article id, annotation id) -> the `column` value (e.g. origin, kind_source) the
    annotation tables at `paths` record for it, for the `keys` asked; an annotation they do not
    hold, or hold without a value, is absent."""
    found: dict[tuple[str, str], str] = {}
    for path in paths:
        if not path.exists() or column not in pq.read_schema(path).names:
            continue
        table = pq.read_table(path, columns=["article_id", "annotation_id", column])
        for article_id, annotation_id, value in zip(
            *(table[c].to_pylist() for c in ("article_id", "annotation_id", column)), strict=True
        ):
            if value is not None and (article_id, annotation_id) in keys:
                found.setdefault((article_id, annotation_id), value)
    return found


def origins_recorded(
    paths: Sequence[Path], keys: Collection[tuple[str, str]]
) -> dict[tuple[str, str], set[str]]:
    """(article id, annotation id) -> every origin the annotation tables at `paths` record it
    under, for the `keys` asked: the same annotation pulled under two origins shows both."""
    found: dict[tuple[str, str], set[str]] = {}
    for path in paths:
        if not path.exists() or "origin" not in pq.read_schema(path).names:
            continue
        table = pq.read_table(path, columns=["article_id", "annotation_id", "origin"])
        for article_id, annotation_id, origin in zip(
            *(table[c].to_pylist() for c in ("article_id", "annotation_id", "origin")), strict=True
        ):
            if origin is not None and (article_id, annotation_id) in keys:
                found.setdefault((article_id, annotation_id), set()).add(origin)
    return found
