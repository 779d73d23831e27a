"""Already-extracted articles as Parquet, a few rows at a time.

Any page that would unpack beyond the limit is refused before it is read (ingest.parquet_pages),
and a value Python cannot hold (a time stamp in the year 20983) rejects only the row that reads a
field from it. Each row becomes an article by ingest.extracted.

Must never write files, nor let one row's content stop the reading of the next.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterator, Mapping
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newscorpus.errors import RejectError
from newscorpus.ingest.extracted import Unreadable, record_to_article
from newscorpus.ingest.limits import DEFAULT_MAX_BYTES, too_large
from newscorpus.ingest.parquet_pages import largest_page
from newscorpus.ingest.raw import RawArticle, RecordReject

# Parquet rows are read at most this many at a time, fewer when pages are large.
_MAX_BATCH_ROWS = 1024
_PARQUET_ERRORS = (pa.ArrowException, OSError, ValueError, OverflowError, UnicodeDecodeError)
# What turning one stored value into a Python one raises (a date out of datetime's range).
_CELL_ERRORS = (pa.ArrowException, ValueError, OverflowError, UnicodeDecodeError)


def read_parquet(
    data: bytes, source_file: str, raw_sha256: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawArticle | RecordReject]:
    """One article per row; `record_index` is the 0-based row number.

    A row group that cannot be read, or holds a page that would unpack beyond `max_bytes`, is one
    RecordReject naming its rows; the other row groups still count.

    Raises:
        RejectError: `bad_record` for a file whose footer cannot be read.
    """
    try:
        parquet = pq.ParquetFile(io.BytesIO(data))
        metadata = parquet.metadata
    except _PARQUET_ERRORS as err:
        raise RejectError("bad_record", f"not a readable Parquet file: {err}") from err
    make = _RowMaker(source_file, raw_sha256, max_bytes)
    first = 0
    for group in range(metadata.num_row_groups):
        rows = metadata.row_group(group).num_rows
        yield from _row_group(parquet, data, group, first, rows, make)
        first += rows


@dataclasses.dataclass(frozen=True)
class _RowMaker:
    """Builds the article (or reject) of one row; carries what every row shares."""

    source_file: str
    raw_sha256: str
    max_bytes: int

    def __call__(self, record: Mapping[str, Any], index: int) -> RawArticle | RecordReject:
        return record_to_article(
            record, self.source_file, self.raw_sha256, index, "records", f"row {index}"
        )


def _row_group(
    parquet: pq.ParquetFile,
    data: bytes,
    group: int,
    first: int,
    rows: int,
    make: _RowMaker,
) -> Iterator[RawArticle | RecordReject]:
    """The rows of one row group, in batches whose unpacked size stays under the limit: a row
    holds at most one value from each column's largest page."""
    max_bytes = make.max_bytes
    pages = _largest_pages(data, parquet.metadata.row_group(group))
    if max(pages, default=0) > max_bytes:
        span = f"rows {first}-{first + rows - 1} (row group {group})"
        detail = f"{span}: " + too_large("a page", max(pages), max_bytes)
        yield RecordReject(first, "too_large", detail)
        return
    batch_rows = max(1, min(_MAX_BATCH_ROWS, max_bytes // max(1, sum(pages))))
    index = first
    try:
        for batch in parquet.iter_batches(
            batch_size=batch_rows, row_groups=[group], use_threads=False
        ):
            if batch.num_rows == 1 and batch.nbytes > max_bytes:
                detail = too_large(f"row {index}", batch.nbytes, max_bytes)
                yield RecordReject(index, "too_large", detail)
            else:
                for offset, record in enumerate(_batch_rows(batch)):
                    yield make(record, index + offset)
            index += batch.num_rows
    except _PARQUET_ERRORS as err:
        detail = f"rows {index}-{first + rows - 1} (row group {group}) are unreadable: {err}"
        yield RecordReject(index, "bad_record", detail)


def _batch_rows(batch: pa.RecordBatch) -> list[dict[str, Any]]:
    """The rows of a batch as dicts. A column with a value Python cannot hold (a time stamp or
    date out of datetime's range) is read value by value, that value an `Unreadable`: one bad
    cell must not cost the other rows of its batch."""
    try:
        return batch.to_pylist()
    except _CELL_ERRORS:
        pass
    columns = {}
    for name, column in zip(batch.schema.names, batch.columns, strict=True):
        try:
            columns[name] = column.to_pylist()
        except _CELL_ERRORS:
            columns[name] = [_cell(column, row) for row in range(len(column))]
    return [{name: values[row] for name, values in columns.items()} for row in range(len(batch))]


def _cell(column: pa.Array, row: int) -> Any:
    try:
        return column[row].as_py()
    except _CELL_ERRORS as err:
        return Unreadable(str(err))


def _largest_pages(data: bytes, group: pq.RowGroupMetaData) -> tuple[int, ...]:
    """Each column chunk's largest unpacked page, from its page headers (from its metadata when
    the headers cannot be parsed: some writers record offsets that Arrow tolerates)."""
    pages = []
    for number in range(group.num_columns):
        chunk = group.column(number)
        start = chunk.data_page_offset
        if chunk.has_dictionary_page and 0 < (chunk.dictionary_page_offset or 0) < start:
            start = chunk.dictionary_page_offset
        try:
            pages.append(largest_page(data, start, chunk.total_compressed_size))
        except ValueError:
            pages.append(chunk.total_uncompressed_size)
    return tuple(pages)


__all__ = ["read_parquet"]
