"""Readers of already-extracted articles (JSONL, Parquet) and of undecodable bytes."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newscorpus.errors import RejectError
from newscorpus.ingest.decode import decode_text
from newscorpus.ingest.formats import detect_format, read_input
from newscorpus.ingest.json_records import read_jsonl
from newscorpus.ingest.parquet_records import read_parquet
from newscorpus.ingest.raw import RawArticle, RecordReject


def _jsonl(*records: object) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode()


def test_jsonl_fields_are_read_under_their_common_aliases() -> None:
    data = _jsonl(
        {
            "headline": "Port deal signed",
            "body": "The port deal was signed.",
            "link": "https://example.org/a",
            "date": "2024-03-01T10:00:00+01:00",
            "author": "Ana Roy; Li Wen",
            "publisher": "Example Times",
        }
    )
    [article] = read_jsonl(data, "a.jsonl", "h")
    assert isinstance(article, RawArticle)
    assert article.title == "Port deal signed"
    assert article.url == "https://example.org/a"
    assert article.authors == ("Ana Roy", "Li Wen")
    assert article.source == "Example Times"
    assert article.published == datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
    assert article.record_index == 1


def test_jsonl_bad_lines_are_record_rejects_naming_the_line() -> None:
    data = b'{"text": "fine"}\n{oops\n[1, 2]\n{"title": "no text"}\n'
    items = list(read_jsonl(data, "a.jsonl", "h"))
    rejects = [i for i in items if isinstance(i, RecordReject)]
    assert [r.record_index for r in rejects] == [2, 3, 4]
    assert all(r.reason == "bad_record" for r in rejects)
    assert "line 2" in rejects[0].detail


def test_parquet_rows_become_articles() -> None:
    table = pa.table({"title": ["One", "Two"], "text": ["Body one.", None]})
    sink = io.BytesIO()
    pq.write_table(table, sink)
    items = list(read_parquet(sink.getvalue(), "a.parquet", "h"))
    assert isinstance(items[0], RawArticle) and items[0].text == "Body one."
    assert isinstance(items[1], RecordReject) and items[1].record_index == 1


def test_unreadable_parquet_is_rejected() -> None:
    with pytest.raises(RejectError) as err:
        list(read_parquet(b"PAR1 this is not parquet", "a.parquet", "h"))
    assert err.value.reason == "bad_record"


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("a.warc", b"WARC/1.1\r\n", "warc"),
        ("a.bin", b"WARC/1.0\r\n", "warc"),
        ("a.dat", b"PAR1....", "parquet"),
        ("a.jsonl", b'{"text": "x"}', "jsonl"),
        ("a.txt", b'{"text": "x"}\n{"text": "y"}\n', "jsonl"),
        ("a.json", b'{\n  "text": "x"\n}\n', "json"),
        ("a.htm", b"whatever", "html"),
    ],
)
def test_formats_are_told_apart_by_content_and_extension(
    name: str, data: bytes, expected: str
) -> None:
    assert detect_format(name, data) == expected


def test_gzip_bomb_is_rejected_as_too_large() -> None:
    import gzip

    with pytest.raises(RejectError) as err:
        list(read_input(gzip.compress(b"a" * 10_000), "big.html.gz", "h", max_bytes=1000))
    assert err.value.reason == "too_large"


def test_cp1252_page_is_decoded() -> None:
    text = "Le ministre a déclaré « non » à l’été, selon Zoë Brûlé."
    assert decode_text(text.encode("cp1252")) == text


def test_utf8_bom_is_dropped() -> None:
    assert decode_text(b"\xef\xbb\xbfHello") == "Hello"


@pytest.mark.parametrize("written", ["March 2019", "2019", "Friday", "12 March"])
def test_jsonl_published_missing_its_day_month_or_year_is_none(written: str) -> None:
    [article] = read_jsonl(_jsonl({"text": "Body.", "date": written}), "a.jsonl", "h")
    assert isinstance(article, RawArticle) and article.published is None


def test_jsonl_published_with_two_day_month_readings_is_none_as_in_page_dumps() -> None:
    [article] = read_jsonl(_jsonl({"text": "Body.", "date": "05/06/2019"}), "a.jsonl", "h")
    assert isinstance(article, RawArticle) and article.published is None


def test_jsonl_published_in_the_future_is_none() -> None:
    records = [{"text": "Body.", "date": "2099-01-01"}, {"text": "Body.", "date": 4102444800}]
    articles = list(read_jsonl(_jsonl(*records), "a.jsonl", "h"))
    assert [a.published for a in articles] == [None, None]


def test_parquet_published_in_the_future_is_none() -> None:
    table = pa.table({"text": ["Body."], "date": [datetime(2099, 1, 1)]})
    sink = io.BytesIO()
    pq.write_table(table, sink)
    [article] = read_parquet(sink.getvalue(), "a.parquet", "h")
    assert isinstance(article, RawArticle) and article.published is None


# A news-please style article file: one object, pretty-printed (json.dump(indent=4)). Synthetic.
NEWS_PLEASE = {
    "authors": ["Ana Roy"],
    "date_publish": "2019-03-04 10:00:00",
    "language": "en",
    "maintext": "The harbour board approved the new quay on Monday after a long debate.",
    "source_domain": "example.org",
    "title": "Quay approved",
}


def test_a_pretty_printed_json_object_is_one_article() -> None:
    data = json.dumps(NEWS_PLEASE, indent=4).encode()
    [article] = read_input(data, "article.json", "h")
    assert isinstance(article, RawArticle)
    assert article.text == NEWS_PLEASE["maintext"]
    assert (article.title, article.authors) == ("Quay approved", ("Ana Roy",))
    assert article.published == datetime(2019, 3, 4, 10, 0, tzinfo=UTC)


def test_a_json_array_gives_one_article_per_object_and_names_a_bad_item() -> None:
    records = [{"text": "First article."}, "not an object", {"body": "Third article."}]
    items = list(read_input(json.dumps(records, indent=2).encode(), "articles.json", "h"))
    assert [i.text for i in items if isinstance(i, RawArticle)] == [
        "First article.",
        "Third article.",
    ]
    [reject] = [i for i in items if isinstance(i, RecordReject)]
    assert (reject.reason, reject.record_index) == ("bad_record", 2)
    assert "item 2" in reject.detail


def test_a_gzipped_pretty_printed_json_object_is_one_article() -> None:
    import gzip

    data = gzip.compress(json.dumps(NEWS_PLEASE, indent=4).encode())
    [article] = read_input(data, "article.json.gz", "h")
    assert isinstance(article, RawArticle) and article.text == NEWS_PLEASE["maintext"]


def test_a_json_file_holding_json_lines_is_still_read_line_by_line() -> None:
    items = list(read_input(_jsonl({"text": "One."}, {"text": "Two."}), "a.json", "h"))
    assert [(i.record_index, i.text) for i in items if isinstance(i, RawArticle)] == [
        (1, "One."),
        (2, "Two."),
    ]


def test_a_malformed_json_document_is_one_reject_naming_where_it_breaks() -> None:
    data = b'{\n    "text": "An article.",\n    "title": oops\n}\n'
    with pytest.raises(RejectError) as err:
        list(read_input(data, "article.json", "h"))
    assert err.value.reason == "bad_record" and "line 3" in err.value.detail


def test_a_text_dump_whose_first_line_is_json_is_read_as_a_page() -> None:
    head = '{"@context": "https://schema.org", "@type": "NewsArticle"}\n'
    paragraphs = (
        "The harbour board approved the new quay on Monday after a debate that lasted all night.",
        "Its chair said the work would start in spring and that traders had been consulted twice.",
        "Critics warned that the cost had doubled since the first plan was shown to the council.",
    )
    body = "Quay approved\n\n" + "\n\n".join(paragraphs) + "\n"
    [article] = read_input((head + body).encode(), "page.txt", "h")
    assert isinstance(article, RawArticle) and article.input_format == "pages"
    assert article.text.startswith(paragraphs[0])


def _cut_jsonl_gz(lines: int, keep: float) -> tuple[bytes, list[str]]:
    """A .jsonl.gz of `lines` distinct records (about 45 KB unpacked for 300), cut at `keep`."""
    import gzip
    import random

    rng = random.Random(7)  # random words compress poorly, so the cut falls late in the text
    words = [f"w{rng.randrange(10_000)}" for _ in range(lines * 20)]
    texts = [" ".join(words[n * 20 : n * 20 + 20]) + "." for n in range(lines)]
    data = gzip.compress(_jsonl(*({"text": t} for t in texts)), mtime=0)
    return data[: int(len(data) * keep)], texts


def test_a_cut_jsonl_gz_keeps_every_whole_line_before_the_cut() -> None:
    data, texts = _cut_jsonl_gz(300, 0.8)
    articles = []
    with pytest.raises(RejectError) as err:
        for item in read_input(data, "articles.jsonl.gz", "h"):
            articles.append(item)
    kept = [a.text for a in articles if isinstance(a, RawArticle)]
    assert len(kept) > 150 and kept == texts[: len(kept)]
    assert not [a for a in articles if isinstance(a, RecordReject)]  # the cut line is no record
    assert err.value.reason == "truncated"
    assert f"line {len(kept) + 1}" in err.value.detail


def test_a_cut_gzip_stream_of_json_lines_is_truncated_not_truncated_html() -> None:
    data, _ = _cut_jsonl_gz(300, 0.8)
    with pytest.raises(RejectError) as err:
        list(read_jsonl(data, "articles.jsonl.gz", "h", gzipped=True))
    assert err.value.reason == "truncated"


def test_a_cut_gzipped_json_document_is_truncated() -> None:
    import gzip

    _, texts = _cut_jsonl_gz(300, 1.0)
    data = gzip.compress(json.dumps([{"text": t} for t in texts], indent=4).encode())
    with pytest.raises(RejectError) as err:
        list(read_input(data[: int(len(data) * 0.8)], "articles.json.gz", "h"))
    assert err.value.reason == "truncated"
