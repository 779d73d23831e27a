"""Parquet in and out: tables written with the declared schema, zstd, atomically; the corpus read
by streaming, the same way by every stage.

Every stage writes its tables through here, so a reader never sees half a file and no table's
types are ever inferred from its rows.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newscorpus import schema
from newscorpus.errors import UsageError


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


# --- the one corpus reader ----------------------------------------------------------------------


# The name of a corpus part: the same number names a run's articles, rejects, MinHash and manifest
# parts, so that one part commits them together.
PART_GLOB = "part-*.parquet"


def part_name(number: int) -> str:
    """`part-NNNNN.parquet`: the file of part `number` in each of a corpus's folders."""
    return f"part-{number:05d}.parquet"


def part_number(name: str) -> int:
    """The number of a part from its file name (`part_name`'s inverse)."""
    return int(name.removeprefix("part-").removesuffix(".parquet"))


def corpus_files(
    corpus: Path, required: Sequence[str] = ("id", "content_sha256", "text")
) -> list[Path]:
    """The article parts of a corpus (`corpus/articles/*.parquet`), or a single Parquet file.

    Checks every part's columns up front, so a wrong folder fails before any work is done.

    Raises:
        UsageError: no corpus there, no parts, a part unreadable or lacking a required column.
    """
    corpus = Path(corpus)
    if corpus.is_file():
        files = [corpus]
    elif corpus.is_dir():
        files = sorted((corpus / "articles").glob("*.parquet"))
    else:
        raise UsageError(f"{corpus}: no such corpus directory: run `newscorpus normalize` first")
    if not files:
        raise UsageError(
            f"{corpus}: no articles (expected {corpus / 'articles'}/*.parquet): "
            "run `newscorpus normalize` first (or give --corpus)"
        )
    for path in files:
        try:
            names = pq.read_schema(path).names
        except (OSError, pa.ArrowInvalid) as err:
            raise UsageError(f"{path}: not a readable Parquet file ({err})") from None
        missing = [c for c in required if c not in names]
        if missing:
            raise UsageError(
                f"{path}: not a corpus part (no column {', '.join(missing)}): point --corpus at "
                "a directory written by `newscorpus normalize`"
            )
    return files


def iter_corpus(
    files: Sequence[Path], columns: Sequence[str], batch_size: int = 1024
) -> Iterator[list[dict[str, Any]]]:
    """Article rows of `files`, `batch_size` at a time, typed as schema.ARTICLES.

    Streams: memory holds one batch, whatever the corpus size. Columns a part lacks (optional
    ones, from older parts) come back null.
    """
    wanted = pa.schema([schema.ARTICLES.field(c) for c in columns])
    for path in files:
        try:
            parquet = pq.ParquetFile(path)
            present = [c for c in columns if c in parquet.schema_arrow.names]
            for batch in parquet.iter_batches(batch_size=batch_size, columns=present):
                table = pa.Table.from_batches([batch])
                for name in columns:
                    if name not in present:
                        field = wanted.field(name)
                        table = table.append_column(field, pa.nulls(len(table), field.type))
                yield table.select(list(columns)).cast(wanted).to_pylist()
        except (OSError, pa.ArrowInvalid) as err:
            raise UsageError(f"{path}: cannot read the corpus part ({err})") from None
