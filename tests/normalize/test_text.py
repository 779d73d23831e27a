"""normalize.py: the canonical text, offsets and ids every later stage relies on."""

from __future__ import annotations

from newscorpus.ingest.raw import RawArticle
from newscorpus.normalize.text import (
    PIPELINE_VERSION,
    article_id,
    normalize_article,
    normalize_line,
    normalize_text,
    paragraph_spans,
)


def _raw(text: str, **kw: object) -> RawArticle:
    return RawArticle(
        source_file="a.txt", input_format="pages", raw_sha256="0" * 64, text=text, **kw
    )


def test_paragraphs_are_separated_by_exactly_one_blank_line() -> None:
    assert normalize_text("First  one.\n\n\n\n  Second\tone. \n\n") == "First one.\n\nSecond one."


def test_single_newlines_inside_a_paragraph_are_wrapping() -> None:
    assert normalize_text("A line wrapped\nby the browser.") == "A line wrapped by the browser."


def test_windows_and_old_mac_line_endings_are_unified() -> None:
    assert normalize_text("One.\r\n\r\nTwo.\r\rThree.") == "One.\n\nTwo.\n\nThree."


def test_curly_and_straight_quotes_are_kept_as_written() -> None:
    text = '\u201cWe will not yield,\u201d she said. "Never," he added, \u2018quietly\u2019. It\'s'
    assert normalize_text(text) == text


def test_mojibake_is_repaired() -> None:
    assert normalize_text("The caf\u00c3\u00a9 in S\u00c3\u00a3o Paulo") == "The café in São Paulo"


def test_text_is_nfc() -> None:
    assert normalize_text("Cafe\u0301") == "Caf\u00e9"


def test_no_break_spaces_and_zero_width_marks_do_not_survive() -> None:
    assert normalize_text("10\u00a0000 euros\u200b today") == "10 000 euros today"


def test_paragraph_spans_are_code_point_offsets() -> None:
    text = "Emoji \U0001f600 first.\n\nSecond."
    spans = paragraph_spans(text)
    assert [text[s["start"] : s["end"]] for s in spans] == ["Emoji \U0001f600 first.", "Second."]


def test_id_depends_on_text_only() -> None:
    assert article_id("Same body.") == article_id("Same body.")
    assert article_id("Same body.") != article_id("Same body!")


def test_article_row_carries_hashes_offsets_and_version() -> None:
    row = normalize_article(_raw("Body one.\n\nBody two.", title="  A  title ", authors=("X", "X")))
    assert row["text"] == "Body one.\n\nBody two."
    assert row["title"] == "A title"
    assert row["authors"] == ["X"]
    assert row["paragraphs"] == [{"start": 0, "end": 9}, {"start": 11, "end": 20}]
    assert len(row["content_sha256"]) == 64
    assert row["pipeline_version"] == PIPELINE_VERSION
    assert row["duplicate_of"] is None


def test_row_names_the_extractor_of_a_page_and_none_for_given_text() -> None:
    assert normalize_article(_raw("Body.", extractor="pagedump-rules-v9"))["extractor_version"] == (
        "pagedump-rules-v9"
    )
    assert normalize_article(_raw("Body."))["extractor_version"] is None


def test_language_is_detected_when_not_given() -> None:
    text = "The finance minister said on Monday that the government would not raise taxes."
    assert normalize_article(_raw(text))["language"] == "en"
    assert normalize_article(_raw("Kurz.", language="de-DE"))["language"] == "de"
    assert normalize_article(_raw("Too short."))["language"] is None


def test_a_declared_locale_or_name_becomes_an_iso_639_code() -> None:
    assert normalize_article(_raw("Kurz.", language="en_US"))["language"] == "en"
    assert normalize_article(_raw("Kurz.", language="English"))["language"] == "en"


def test_a_declared_language_that_is_no_code_is_unknown() -> None:
    assert normalize_article(_raw("Kurz.", language="Englisch-ish"))["language"] is None


def test_a_mark_left_after_a_removed_zero_width_space_is_composed() -> None:
    assert normalize_text("cafe\u200b\u0301 au lait") == "caf\u00e9 au lait"
    assert normalize_line("cafe\u200b\u0301") == "caf\u00e9"


def test_normalizing_a_normalized_text_changes_nothing() -> None:
    for text in ("cafe\u200b\u0301", "n\ufeff\u0303o\x00\u0308", "A\u200b\u030a\n\nB\x07\u0327"):
        once = normalize_text(text)
        assert normalize_text(once) == once, repr(text)
