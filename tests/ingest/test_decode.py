"""Decoding: byte-order marks honoured, mostly-UTF-8 kept UTF-8, every gzip member read.

Specification (docs/reliability.md, encodings): UTF-16 and UTF-32 with a BOM decode; a UTF-8
file with a few stray bytes decodes as UTF-8 with those bytes replaced and counted, never as
another code page; legacy single-byte pages still decode by detection. Texts are synthetic.
"""

from __future__ import annotations

import codecs
import gzip

import pytest

from newscorpus.errors import RejectError
from newscorpus.ingest.compressed import gunzip
from newscorpus.ingest.decode import decode_bytes, replace_surrogates, stream_encoding
from newscorpus.ingest.formats import read_input
from newscorpus.ingest.raw import RawArticle

TEXT = "Der Hafen von Brenmoor öffnet im Mai; die Gebühr steigt auf 212 € pro Schiff."
PAGE = (
    "Tram line to reach the harbour\n\n"
    "The council of Brenmoor voted on Tuesday to extend the tram line to the harbour, a "
    "decision that will cost “212 million crowns” over five years.\n\n"
    "Mayor Ilse Varn said the line would open in two years and that the first trams had "
    "already been ordered — from a factory in the north — at €212 a seat.\n\n"
    "Traders on the quay welcomed the plan but warned that the building works should not "
    "close the market street during the summer season of tourists."
)


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
    ],
)
def test_utf16_and_utf32_with_a_bom_are_decoded(bom: bytes, codec: str) -> None:
    decoded = decode_bytes(bom + TEXT.encode(codec))
    assert (decoded.text, decoded.replaced) == (TEXT, 0)


def test_a_utf16_page_with_a_bom_becomes_an_article() -> None:
    [article] = read_input(codecs.BOM_UTF16_LE + PAGE.encode("utf-16-le"), "page.txt", "h")
    assert isinstance(article, RawArticle) and "€212 a seat" in article.text


def test_binary_data_after_a_utf16_bom_is_still_binary() -> None:
    noise = bytes((i * 7919 + 13) % 256 for i in range(4000))
    with pytest.raises(RejectError) as err:
        decode_bytes(codecs.BOM_UTF16_LE + noise.replace(b"\x00", b"\x01"))
    assert err.value.reason == "binary"


def test_utf8_with_a_few_stray_bytes_stays_utf8_and_is_flagged() -> None:
    data = PAGE.encode()
    at = data.index(b"Traders")
    decoded = decode_bytes(data[:at] + b"\x81\x8d\x8f\x90\x9d" + data[at:])
    assert decoded.encoding == "utf-8" and decoded.replaced == 5
    assert "€212 a seat" in decoded.text and "\ufffd" * 5 + "Traders" in decoded.text


def test_a_page_with_one_euro_sign_and_stray_bytes_is_not_read_as_another_code_page() -> None:
    data = b"Prices rose to \xe2\x82\xac212 on Monday, traders said. " + b"It was calm. " * 80
    decoded = decode_bytes(data[:300] + b"\x81\x8d\x8f\x90\x9d" + data[300:])
    assert decoded.encoding == "utf-8" and "€212" in decoded.text


def test_a_cp1252_page_is_still_decoded_as_cp1252() -> None:
    text = "Le ministre a déclaré « non » à l’été, selon Zoë Brûlé, à 5 € près."
    decoded = decode_bytes(text.encode("cp1252"))
    assert (decoded.text, decoded.replaced) == (text, 0)


def test_stream_encoding_reads_a_head_cut_in_the_middle_of_a_character() -> None:
    head = TEXT.encode()[: TEXT.encode().index("€".encode()) + 1]
    assert stream_encoding(head) == "utf-8"


def test_lone_surrogates_are_replaced_and_counted() -> None:
    assert replace_surrogates("a\ud800b\udfff") == ("a\ufffdb\ufffd", 2)
    assert replace_surrogates("fine ☃") == ("fine ☃", 0)


def test_every_member_of_a_multi_member_gzip_is_read() -> None:
    data = gzip.compress(b"first member, ") + gzip.compress(b"second member")
    assert gunzip(data, 1000) == b"first member, second member"


def test_a_multi_member_gzip_page_is_not_cut_at_its_first_member() -> None:
    html = (
        "<html><head><title>Tram line</title></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in PAGE.split("\n\n")[1:])
        + "</article></body></html>"
    ).encode()
    data = gzip.compress(html[:150]) + gzip.compress(html[150:])
    [article] = read_input(data, "page.html.gz", "h")
    assert isinstance(article, RawArticle) and article.text.endswith("season of tourists.")


# Text written in Windows-1252 (curly quotes, ellipsis, apostrophe) but labelled with one of the
# labels that browsers read as Windows-1252 (WHATWG Encoding Standard). Synthetic.
QUOTED = "He said “wait… we don’t know” – and left."


@pytest.mark.parametrize(
    "label", ["iso-8859-1", "ISO-8859-1", "latin1", "l1", "us-ascii", "ascii", " Latin1 "]
)
def test_a_latin1_or_ascii_label_reads_windows_1252_quotes_as_quotes(label: str) -> None:
    decoded = decode_bytes(QUOTED.encode("cp1252"), declared=label)
    assert decoded.text == QUOTED


@pytest.mark.parametrize(
    ("label", "text", "codec"),
    [
        ("iso-8859-9", "Bakan “Evet” dedi… Ağustos’ta.", "cp1254"),
        ("tis-620", "ข่าว “สั้น” …", "cp874"),
        ("euc-kr", "뉴스 똠방각하", "cp949"),
        ("gb2312", "新闻 镕", "gbk"),
        ("shift_jis", "ニュース ①", "cp932"),
    ],
)
def test_a_declared_label_decodes_as_the_superset_browsers_use(
    label: str, text: str, codec: str
) -> None:
    assert decode_bytes(text.encode(codec), declared=label).text == text


def test_an_html_page_declaring_iso_8859_1_keeps_its_curly_quotes() -> None:
    paragraphs = "".join(
        f"<p>The minister said on day {n}: “Plan {n} will work for everyone here.” Critics "
        "disagreed strongly with that view in a long statement.</p>"
        for n in range(6)
    )
    page = (
        '<html><head><meta charset="iso-8859-1"><title>Plan</title></head><body><article>'
        f"<h1>Plan</h1>{paragraphs}</article></body></html>"
    )
    [article] = read_input(page.encode("cp1252"), "page.html", "h")
    assert isinstance(article, RawArticle)
    assert "“Plan 3 will work for everyone here.”" in article.text
    assert not any("\x80" <= c <= "\x9f" for c in article.text)


def test_bytes_windows_1252_leaves_undefined_are_read_in_the_declared_latin1() -> None:
    # 0x8D has no character in windows-1252: the page's own declaration decides, not detection.
    decoded = decode_bytes("Déjà vu à côté.".encode("latin-1") + b"\x8d", "iso-8859-1")
    assert decoded.text.startswith("Déjà vu à côté.")
    assert decoded.encoding == "iso-8859-1"
