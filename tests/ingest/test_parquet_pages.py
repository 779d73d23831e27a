"""The largest unpacked page of a Parquet column chunk, read from its page headers alone."""

from __future__ import annotations

import io

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newscorpus.ingest.parquet_pages import largest_page


def _chunk(table: pa.Table, **options: object) -> tuple[bytes, pq.ColumnChunkMetaData]:
    sink = io.BytesIO()
    pq.write_table(table, sink, **options)
    data = sink.getvalue()
    return data, pq.ParquetFile(io.BytesIO(data)).metadata.row_group(0).column(0)


def _start(chunk: pq.ColumnChunkMetaData) -> int:
    if chunk.has_dictionary_page:
        return min(chunk.dictionary_page_offset, chunk.data_page_offset)
    return chunk.data_page_offset


@pytest.mark.parametrize("dictionary", [True, False])
@pytest.mark.parametrize("version", ["1.0", "2.0"])
@pytest.mark.parametrize("compression", ["zstd", "none"])
def test_a_large_value_shows_as_a_large_page(
    dictionary: bool, version: str, compression: str
) -> None:
    table = pa.table({"text": ["a" * 100] * 50 + ["b" * 300_000]})
    data, chunk = _chunk(
        table, use_dictionary=dictionary, data_page_version=version, compression=compression
    )
    largest = largest_page(data, _start(chunk), chunk.total_compressed_size)
    assert 300_000 <= largest <= chunk.total_uncompressed_size


def test_garbage_headers_raise_value_error() -> None:
    data, chunk = _chunk(pa.table({"text": ["a"] * 10}), compression="none")
    broken = data[: _start(chunk)] + b"\xff" * 20 + data[_start(chunk) + 20 :]
    with pytest.raises(ValueError):
        largest_page(broken, _start(chunk), chunk.total_compressed_size)
