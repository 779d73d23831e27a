"""--max-bytes bounds every record of every format, after decompression; floods are refused.

Specification (docs/reliability.md, limits): a WARC record, a JSONL line, a Parquet page or row,
a gzip-compressed page over the limit is a `too_large` reject and the other records still count;
a page with more paragraph nodes than the HTML extractor can handle is `too_large` before it is
extracted. Inputs are synthetic and small: the limits are lowered instead.
"""

from __future__ import annotations

import gzip
import io
import json
import time

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newscorpus.errors import RejectError
from newscorpus.ingest.formats import read_input
from newscorpus.ingest.html import MAX_PARAGRAPH_NODES, extract_html
from newscorpus.ingest.json_records import read_jsonl
from newscorpus.ingest.parquet_records import read_parquet
from newscorpus.ingest.raw import RawArticle, RecordReject
from newscorpus.ingest.warc import read as read_warc

TEXT = "The harbour board met on Tuesday and agreed to dredge the northern channel in May."


def _kinds(items: list[RawArticle | RecordReject]) -> list[str]:
    return [i.reason if isinstance(i, RecordReject) else "article" for i in items]


def _response(html: str, uri: str) -> bytes:
    payload = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html.encode()
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000002>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(payload)}\r\n\r\n"
    )
    return gzip.compress(head.encode() + payload + b"\r\n\r\n")


def _page(text: str) -> str:
    body = "".join(f"<p>{text} This is paragraph {i} of the story.</p>" for i in range(4))
    return f"<html><head><title>T</title></head><body><article>{body}</article></body></html>"


def test_a_warc_record_over_max_bytes_is_too_large_and_the_next_counts() -> None:
    big = _page(TEXT + " Padding." * 400)
    data = _response(big, "https://example.org/big") + _response(_page(TEXT), "https://x.org/ok")
    items = list(read_warc(data, "a.warc.gz", "h", max_bytes=len(big) // 2))
    assert _kinds(items) == ["too_large", "article"]
    assert "https://example.org/big" in items[0].detail and "--max-bytes" in items[0].detail


def test_a_jsonl_line_over_max_bytes_is_too_large_and_the_next_counts() -> None:
    data = (json.dumps({"text": TEXT * 50}) + "\n" + json.dumps({"text": TEXT}) + "\n").encode()
    items = list(read_jsonl(data, "a.jsonl", "h", max_bytes=1000))
    assert _kinds(items) == ["too_large", "article"]
    assert [i.record_index for i in items] == [1, 2]


def test_a_compressed_jsonl_is_read_as_a_stream_under_the_line_limit() -> None:
    lines = [json.dumps({"text": f"{TEXT} Number {i}."}) for i in range(200)]
    data = gzip.compress("\n".join(lines).encode())
    items = list(read_input(data, "a.jsonl.gz", "h", max_bytes=1000))
    assert _kinds(items) == ["article"] * 200


def test_a_parquet_page_over_max_bytes_is_refused_and_other_row_groups_count() -> None:
    sink = io.BytesIO()
    with pq.ParquetWriter(sink, pa.schema([("text", pa.string())])) as writer:
        writer.write_table(pa.table({"text": ["x" * 50_000]}))  # unpacks to a 50 KB page
        writer.write_table(pa.table({"text": [TEXT]}))
    items = list(read_parquet(sink.getvalue(), "a.parquet", "h", max_bytes=10_000))
    assert _kinds(items) == ["too_large", "article"]
    assert "rows 0-0 (row group 0)" in items[0].detail


def test_a_parquet_row_over_max_bytes_is_too_large_though_each_page_fits() -> None:
    # Each column's page is ~4 KB, under the limit; row 0 holds 8 KB of values, over it.
    table = pa.table({"text": [TEXT + "x" * 4000, TEXT], "caption": ["c" * 4000, "short"]})
    sink = io.BytesIO()
    pq.write_table(table, sink, data_page_size=1000, use_dictionary=False)
    items = list(read_parquet(sink.getvalue(), "a.parquet", "h", max_bytes=7000))
    assert _kinds(items) == ["too_large", "article"]
    assert items[0].record_index == 0 and "row 0" in items[0].detail


def test_a_gzip_page_unpacking_beyond_max_bytes_is_too_large() -> None:
    with pytest.raises(RejectError) as err:
        list(read_input(gzip.compress(_page(TEXT).encode()), "a.html.gz", "h", max_bytes=100))
    assert err.value.reason == "too_large"


def test_a_flood_of_paragraphs_is_refused_before_extraction() -> None:
    html = "<html><body><article>" + "<p>Word.</p>" * (MAX_PARAGRAPH_NODES) + "</article></body>"
    started = time.perf_counter()
    with pytest.raises(RejectError) as err:
        extract_html(html + "</html>", source_file="flood.html", raw_sha256="h")
    assert err.value.reason == "too_large"
    assert time.perf_counter() - started < 10
