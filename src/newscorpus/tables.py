"""Writing Parquet tables: always with the declared schema, zstd, and atomically.

Every stage writes its tables through here, so a reader never sees half a file and no table's
types are ever inferred from its rows.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq


def write_atomic(table: pa.Table, path: Path, row_group_size: int | None = None) -> None:
    """Atomic write: a crash leaves the old file or the new one, never half of one.

    The temporary name is per process: a distributed task retried while its first attempt still
    runs must not write into the same temporary file (both write the same bytes; the last wins).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp, compression="zstd", row_group_size=row_group_size)
    os.replace(tmp, path)


def write_rows(
    rows: Sequence[Mapping[str, Any]],
    table_schema: pa.Schema,
    path: Path,
    row_group_size: int | None = None,
) -> None:
    """`write_atomic` for rows given as mappings; a field a row lacks is null."""
    # Column by column: Table.from_pylist is several times slower on tens of thousands of rows.
    columns = {name: [row.get(name) for row in rows] for name in table_schema.names}
    table = pa.Table.from_pydict(columns, schema=table_schema)
    write_atomic(table, path, row_group_size)
