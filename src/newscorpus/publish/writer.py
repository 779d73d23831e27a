"""Sharded Parquet writers for data/<config>/<split>-NNNNN-of-NNNNN.parquet, typed by `datasets`.

Files are written with the config's `Features.arrow_schema`, which carries the `datasets` feature
metadata (ClassLabel names, nested lists), so `load_dataset` reads back exactly the declared types
without inferring them. Rows arrive in batches and are written as they come (bounded memory); a
split rolls over to a new shard past `max_shard_bytes`, and shard names get their final count only
on close. Writes only inside the folder it is given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from datasets import Features

DEFAULT_MAX_SHARD_BYTES = 256 * 1024 * 1024
# Rows are buffered as Arrow (compact) up to this size per split writer (15 writers at most), then
# written as one row group: batches of Python rows stay small (bounded memory) while row groups
# stay large enough to read fast.
ROW_GROUP_BYTES = 8 * 1024 * 1024
COMPRESSION = "zstd"


def _offsets_column(pairs: list[tuple[list[int], list[int]]], field: pa.Field) -> pa.Array:
    """list<struct<start, end>> from (starts, ends) per row, without a dict per element."""
    lengths = [0]
    starts: list[int] = []
    ends: list[int] = []
    for row_starts, row_ends in pairs:
        starts.extend(row_starts)
        ends.extend(row_ends)
        lengths.append(lengths[-1] + len(row_starts))
    struct_type = field.type.value_type
    values = pa.StructArray.from_arrays(
        [pa.array(starts, pa.int32()), pa.array(ends, pa.int32())], fields=list(struct_type)
    )
    return pa.ListArray.from_arrays(pa.array(lengths, pa.int32()), values, type=field.type)


def to_table(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    """Rows -> Arrow with the features' schema; an `offsets` value given as (starts, ends) lists
    is assembled column-wise (see rows._bio_rows)."""
    if "offsets" in schema.names and rows and isinstance(rows[0]["offsets"], tuple):
        field = schema.field("offsets")
        columns = {
            name: pa.array([r[name] for r in rows], type=schema.field(name).type)
            for name in schema.names
            if name != "offsets"
        }
        columns["offsets"] = _offsets_column([r["offsets"] for r in rows], field)
        return pa.Table.from_pydict({n: columns[n] for n in schema.names}, schema=schema)
    return pa.Table.from_pylist(rows, schema=schema)


def shard_name(split: str, index: int, total: int) -> str:
    return f"{split}-{index:05d}-of-{total:05d}.parquet"


@dataclass
class SplitSummary:
    num_examples: int = 0
    num_bytes: int = 0  # Arrow (in-memory) bytes, as `datasets` reports them
    files: list[Path] = field(default_factory=list)


class SplitWriter:
    """Writes one config's split as shards; empty splits write no file at all."""

    def __init__(
        self,
        folder: Path,
        config: str,
        split: str,
        features: Features,
        max_shard_bytes: int = DEFAULT_MAX_SHARD_BYTES,
    ) -> None:
        self.directory = folder / "data" / config
        self.split = split
        self.schema = features.arrow_schema
        self.max_shard_bytes = max_shard_bytes
        self.summary = SplitSummary()
        self._writer: pq.ParquetWriter | None = None
        self._shard_bytes = 0
        self._partials: list[Path] = []
        self._buffer: list[pa.Table] = []
        self._buffered = 0

    def write(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        table = to_table(rows, self.schema)
        self._buffer.append(table)
        self._buffered += table.nbytes
        self.summary.num_examples += table.num_rows
        self.summary.num_bytes += table.nbytes
        if self._buffered >= min(ROW_GROUP_BYTES, self.max_shard_bytes):
            self._flush()

    def _flush(self) -> None:
        if not self._buffer:
            return
        table = pa.concat_tables(self._buffer)
        self._buffer, self._buffered = [], 0
        if self._writer is not None and self._shard_bytes >= self.max_shard_bytes:
            self._writer.close()
            self._writer = None
        if self._writer is None:
            self.directory.mkdir(parents=True, exist_ok=True)
            path = self.directory / f".{self.split}-{len(self._partials):05d}.partial"
            self._partials.append(path)
            self._writer = pq.ParquetWriter(path, self.schema, compression=COMPRESSION)
            self._shard_bytes = 0
        self._writer.write_table(table, row_group_size=table.num_rows)
        self._shard_bytes += table.nbytes

    def close(self) -> SplitSummary:
        self._flush()
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        total = len(self._partials)
        for index, partial in enumerate(self._partials):
            final = self.directory / shard_name(self.split, index, total)
            partial.rename(final)
            self.summary.files.append(final)
        self._partials = []
        return self.summary
