"""Readers turn every bad record into a RecordReject with its reason; the other records count.

Specification (docs/reliability.md): a field of the wrong type or with an impossible value is
`bad_field`, a lone surrogate is replaced by U+FFFD and counted, a corrupt Parquet row group or a
damaged WARC record is one reject naming where it is. All inputs here are synthetic.
"""

from __future__ import annotations

import io
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newscorpus.errors import RejectError
from newscorpus.ingest.json_records import read_jsonl
from newscorpus.ingest.parquet_records import read_parquet
from newscorpus.ingest.raw import RawArticle, RecordReject
from newscorpus.ingest.warc import read as read_warc

TEXT = "The harbour board met on Tuesday and agreed to dredge the northern channel in May."


def _line(**fields: object) -> bytes:
    return (json.dumps({"text": TEXT, **fields}) + "\n").encode()


@pytest.mark.parametrize(
    ("field", "raw_value"),
    [
        ("authors", "5"),
        ("title", "123"),
        ("published", "1e20"),
        ("published", "NaN"),
        ("published", "Infinity"),
        ("published", "true"),
        ("language", '["en"]'),
        ("captions", '{"a": 1}'),
        ("text", "42"),
    ],
)
def test_a_field_of_the_wrong_type_is_a_bad_field_reject(field: str, raw_value: str) -> None:
    record = {"text": TEXT} if field != "text" else {}
    line = json.dumps(record)[:-1] + (", " if record else "") + f'"{field}": {raw_value}}}\n'
    [reject] = read_jsonl(line.encode(), "a.jsonl", "h")
    assert isinstance(reject, RecordReject)
    assert reject.reason == "bad_field" and field in reject.detail and "line 1" in reject.detail


def test_a_bad_field_does_not_lose_the_next_record() -> None:
    data = _line(authors=5) + _line(title="Dredging to start")
    items = list(read_jsonl(data, "a.jsonl", "h"))
    assert [type(i).__name__ for i in items] == ["RecordReject", "RawArticle"]


def test_a_lone_surrogate_is_replaced_and_counted() -> None:
    data = b'{"text": "' + TEXT.encode() + b' \\ud800", "title": "A \\udfff title"}\n'
    [article] = read_jsonl(data, "a.jsonl", "h")
    assert isinstance(article, RawArticle)
    assert article.text.endswith("\ufffd") and article.title == "A \ufffd title"
    assert article.decode_replacements == 2


def test_a_deeply_nested_line_is_a_bad_record() -> None:
    data = b"[" * 100_000 + b"\n" + _line()
    items = list(read_jsonl(data, "a.jsonl", "h"))
    assert isinstance(items[0], RecordReject) and items[0].reason == "bad_record"
    assert isinstance(items[1], RawArticle)


def _parquet(*groups: list[str]) -> bytes:
    sink = io.BytesIO()
    with pq.ParquetWriter(sink, pa.schema([("text", pa.string())]), compression="none") as writer:
        for texts in groups:
            writer.write_table(pa.table({"text": texts}))
    return sink.getvalue()


def test_a_corrupt_parquet_row_group_is_one_reject_and_other_groups_count() -> None:
    data = bytearray(_parquet([TEXT + " one", TEXT + " two"], [TEXT + " three"]))
    group = pq.ParquetFile(io.BytesIO(bytes(data))).metadata.row_group(0).column(0)
    start = group.data_page_offset
    data[start : start + 12] = b"\xff" * 12  # the first group's page header is garbage now
    items = list(read_parquet(bytes(data), "a.parquet", "h"))
    rejects = [i for i in items if isinstance(i, RecordReject)]
    assert [(r.record_index, r.reason) for r in rejects] == [(0, "bad_record")]
    assert "rows 0-1" in rejects[0].detail
    assert [i.record_index for i in items if isinstance(i, RawArticle)] == [2]


# 6e14 ms after 1970 is in the year 20983: Arrow stores it, Python's datetime cannot hold it.
FAR_FUTURE_MS = 600_000_000_000_000


def _parquet_with_times(column: str, times_ms: list[int | None]) -> bytes:
    table = pa.table(
        {
            "text": [f"{TEXT} Row {n}." for n in range(len(times_ms))],
            column: pa.array(times_ms, pa.timestamp("ms")),
        }
    )
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


def test_an_out_of_range_parquet_timestamp_rejects_only_its_row() -> None:
    data = _parquet_with_times("published", [1_700_000_000_000, FAR_FUTURE_MS, None])
    items = list(read_parquet(data, "a.parquet", "h"))
    assert [i.record_index for i in items if isinstance(i, RawArticle)] == [0, 2]
    [reject] = [i for i in items if isinstance(i, RecordReject)]
    assert (reject.record_index, reject.reason) == (1, "bad_field")
    assert "row 1" in reject.detail and "'published'" in reject.detail


def test_an_out_of_range_timestamp_in_a_column_no_field_reads_rejects_nothing() -> None:
    data = _parquet_with_times("crawled_at", [FAR_FUTURE_MS, 1_700_000_000_000])
    items = list(read_parquet(data, "a.parquet", "h"))
    assert [i.record_index for i in items if isinstance(i, RawArticle)] == [0, 1]


def _warc_record(payload: bytes, uri: str = "https://example.org/a") -> bytes:
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(payload)}\r\n\r\n"
    )
    return head.encode() + payload + b"\r\n\r\n"


def test_a_warc_response_too_short_for_a_status_line_is_rejected() -> None:
    with pytest.raises(RejectError) as err:
        list(read_warc(_warc_record(b"HTTP/1."), "a.warc", "h"))
    assert err.value.reason == "no_article"


def _page(paragraph: str) -> bytes:
    body = "".join(f"<p>{paragraph} Paragraph {i} of the synthetic story.</p>" for i in range(4))
    return (
        f"<html><head><title>T</title></head><body><article>{body}</article></body></html>".encode()
    )


def _response(html: bytes, uri: str) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    return _warc_record(http + html, uri)


def test_a_defect_met_on_one_warc_record_keeps_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    from newscorpus.ingest import warc

    real = warc.extract_html

    def flaky(html: str, **kwargs: object) -> RawArticle:
        if kwargs["url"].endswith("/bad"):
            raise TypeError("a defect")
        return real(html, **kwargs)

    monkeypatch.setattr(warc, "extract_html", flaky)
    data = _response(_page(TEXT), "https://example.org/bad") + _response(
        _page(TEXT), "https://example.org/good"
    )
    items = list(read_warc(data, "a.warc", "h"))
    assert isinstance(items[0], RecordReject) and items[0].reason == "internal_error"
    assert "TypeError" in items[0].detail
    assert isinstance(items[1], RawArticle) and items[1].url == "https://example.org/good"
