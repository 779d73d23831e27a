"""A WARC archive cut off anywhere: the whole records before the cut count, the cut is one reject.

Specification (ingest/warc.py docstring, docs/reliability.md): an archive that breaks off mid-way,
gzipped or not, keeps every record that is whole before the break; the break itself is a
`truncated` reject of the file naming the file and where it was cut, whatever warcio raises
there. The archives are synthetic, written here with warcio.
"""

from __future__ import annotations

import gzip
import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newscorpus.errors import RejectError
from newscorpus.ingest.formats import read_input
from newscorpus.ingest.raw import RawArticle, RecordReject
from newscorpus.ingest.warc import read as read_warc

RECORDS = 3


def _page(i: int) -> bytes:
    paragraphs = "".join(
        f"<p>Synthetic statement {i}-{j}: the harbour board said plan {i} would go ahead.</p>"
        for j in range(6)
    )
    head = f"<html><head><title>Plan {i}</title></head>"
    return f"{head}<body><article>{paragraphs}</article></body></html>".encode()


def _record(i: int, gz: bool) -> bytes:
    """One response record as the bytes warcio writes for it (one gzip member when gz)."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    uri = f"https://example.org/p{i}"
    writer.write_record(
        writer.create_warc_record(uri, "response", payload=io.BytesIO(_page(i)), http_headers=http)
    )
    return out.getvalue()


def _archive(gz: bool) -> tuple[bytes, list[int]]:
    """The archive and the byte offset where each record ends."""
    records = [_record(i, gz) for i in range(RECORDS)]
    ends = [sum(len(r) for r in records[: i + 1]) for i in range(RECORDS)]
    return b"".join(records), ends


def _read(data: bytes) -> tuple[int, RejectError | None]:
    """How many articles the reader gives before it stops, and the reject that stopped it."""
    articles = 0
    try:
        for item in read_warc(data, "cut.warc", "h"):
            assert not isinstance(item, RecordReject), item
            articles += 1
    except RejectError as err:
        return articles, err
    return articles, None


@pytest.mark.parametrize("gz", [True, False], ids=["gzip", "plain"])
def test_a_warc_cut_mid_record_keeps_the_whole_records_and_rejects_the_cut(gz: bool) -> None:
    data, ends = _archive(gz)
    cut = (ends[0] + ends[1]) // 2
    articles, err = _read(data[:cut])
    assert articles == 1
    assert err is not None and err.reason == "truncated"
    assert "cut.warc" in err.detail and f"byte {cut}" in err.detail and "record 1" in err.detail


@pytest.mark.parametrize("gz", [True, False], ids=["gzip", "plain"])
def test_a_warc_cut_in_a_record_header_is_a_truncation_not_internal_error(gz: bool) -> None:
    data, ends = _archive(gz)
    header = data[ends[0] :] if not gz else gzip.decompress(data[ends[0] : ends[1]])
    cut_header = header[: header.index(b"WARC-Target-URI")]  # warcio raises AttributeError here
    cut = data[: ends[0]] + (gzip.compress(cut_header)[:-8] if gz else cut_header)
    articles, err = _read(cut)
    assert articles == 1
    assert err is not None and err.reason == "truncated"


# A plain record's content ends before the two line ends that close it: a cut between them loses
# nothing, so it is no reject.
_CLOSING_BYTES = {True: 0, False: len(b"\r\n\r\n")}


@pytest.mark.parametrize("gz", [True, False], ids=["gzip", "plain"])
def test_every_cut_point_of_a_warc_keeps_exactly_the_records_before_it(gz: bool) -> None:
    data, ends = _archive(gz)
    content_ends = [end - _CLOSING_BYTES[gz] for end in ends]
    near_ends = [end + step for end in ends for step in (-5, -3, -1, 1)]
    for cut in sorted({*range(1, len(data), 53), *near_ends} - {len(data) + 1}):
        whole = sum(end <= cut for end in content_ends)
        cut_inside = not any(a <= cut <= b for a, b in zip(content_ends, ends, strict=True))
        articles, err = _read(data[:cut])
        assert (articles, err is not None and err.reason) == (
            whole,
            cut_inside and "truncated",
        ), cut


def test_a_small_gzipped_warc_cut_early_keeps_its_first_record() -> None:
    data, ends = _archive(gz=True)
    cut = data[: ends[0] + (ends[1] - ends[0]) // 2]
    items = read_input(cut, "cut.warc.gz", "h")
    assert isinstance(next(items), RawArticle)
    with pytest.raises(RejectError) as err:
        next(items)
    assert err.value.reason == "truncated"


def test_a_whole_warc_gives_every_record_and_no_reject() -> None:
    data, _ = _archive(gz=True)
    assert _read(data) == (RECORDS, None)


def test_the_crawl_date_is_not_the_published_date_of_an_undated_page() -> None:
    data, _ = _archive(gz=False)
    assert b"WARC-Date: " in data
    assert [article.published for article in read_warc(data, "a.warc", "h")] == [None] * RECORDS
