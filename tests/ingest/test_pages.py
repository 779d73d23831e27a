"""Page-dump reader: bytes of a text dump -> one RawArticle, or a reject with its reason."""

from __future__ import annotations

from datetime import UTC, datetime

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-1252 codec)
import pytest
from conftest import FIXTURES

from newscorpus.errors import RejectError
from newscorpus.ingest.pagedump import RULES_VERSION
from newscorpus.ingest.pages import read

CLEAN_FIXTURES = FIXTURES / "clean"


def _read_fixture(name: str):
    data = (CLEAN_FIXTURES / name).read_bytes()
    return list(read(data, f"sample/{name}", "0" * 64))


def test_wire_story_gives_one_article_with_its_metadata() -> None:
    [article] = _read_fixture("wire_story.txt")
    assert article.input_format == "pages"
    assert article.source_file == "sample/wire_story.txt"
    assert article.raw_sha256 == "0" * 64
    assert article.title == "Harbor city council approves flood wall after months of debate"
    assert article.authors == ("Mina Park", "Daniel Ortega")
    assert article.agency == "Yonhap"
    assert article.published == datetime(2024, 3, 3, 0, 15, tzinfo=UTC)
    assert len(article.captions) == 2


def test_article_names_the_cleaner_version_that_made_its_text() -> None:
    [article] = _read_fixture("wire_story.txt")
    assert article.extractor == RULES_VERSION


def test_text_is_paragraphs_separated_by_one_blank_line() -> None:
    [article] = _read_fixture("wire_story.txt")
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 6
    assert all(p and "\n" not in p for p in paragraphs)
    assert article.text.startswith("HARBORVIEW, March 3 (Yonhap) --")
    assert article.text.endswith("officials said. (Yonhap)")


def test_captions_are_not_in_the_text() -> None:
    [article] = _read_fixture("wire_story.txt")
    for caption in article.captions:
        assert caption not in article.text


def test_index_page_is_rejected_as_no_article() -> None:
    with pytest.raises(RejectError) as err:
        _read_fixture("index_page.txt")
    assert err.value.reason == "no_article"
    assert "index_page.txt" in err.value.detail


def test_error_page_is_rejected_as_no_article() -> None:
    with pytest.raises(RejectError) as err:
        _read_fixture("error_page.txt")
    assert err.value.reason == "no_article"


def test_error_page_with_a_long_apology_is_rejected_as_an_error_page() -> None:
    text = (CLEAN_FIXTURES / "error_page.txt").read_text(encoding="utf-8")
    apology = (
        "Sorry, the page you are looking for does not exist or has been moved. It may have been "
        "renamed when we rebuilt the site last year, or the link you followed may be out of date. "
        "Try the search box at the top of this page, or start again from our home page."
    )
    text = text.replace(
        "Sorry, the page you are looking for does not exist or has been moved.", apology
    )
    with pytest.raises(RejectError) as err:
        list(read(text.encode("utf-8"), "sample/missing.txt", "0" * 64))
    assert err.value.reason == "no_article"
    assert "error page" in err.value.detail


def test_empty_input_is_rejected_as_empty() -> None:
    with pytest.raises(RejectError) as err:
        list(read(b"  \n", "blank.txt", "0" * 64))
    assert err.value.reason == "empty"


def test_latin1_dump_is_decoded() -> None:
    text = (CLEAN_FIXTURES / "wire_story.txt").read_text(encoding="utf-8")
    text = text.replace("The Harborview city council", "The Harborview café council")
    [article] = list(read(text.encode("latin-1", "replace"), "latin.txt", "0" * 64))
    assert "café" in article.text


def test_a_dump_dated_in_the_future_has_no_published_date() -> None:
    text = (CLEAN_FIXTURES / "wire_story.txt").read_text(encoding="utf-8")
    dated = text.replace("March 3, 2024 at 09:15 KST", "March 3, 2099 at 09:15 KST")
    [article] = list(read(dated.encode(), "future.txt", "0" * 64))
    assert article.published is None


def test_a_dump_with_an_ambiguous_numeric_date_has_no_published_date() -> None:
    text = (CLEAN_FIXTURES / "wire_story.txt").read_text(encoding="utf-8")
    dated = text.replace("March 3, 2024 at 09:15 KST", "05/06/2019 09:15")
    [article] = list(read(dated.encode(), "ambiguous.txt", "0" * 64))
    assert article.published is None


def test_source_is_the_publisher_the_footer_names() -> None:
    [article] = _read_fixture("wire_story.txt")
    assert article.source == "Harborview Daily"


def test_a_double_encoded_page_is_repaired_before_cleaning() -> None:
    """UTF-8 read as cp1252: "©" becomes "Â©", so the footer would name no publisher unrepaired."""
    text = (CLEAN_FIXTURES / "wire_story.txt").read_text(encoding="utf-8")
    text = text.replace("after months of debate", "after months of “debate” at the café")
    mojibake = text.encode("utf-8").decode("sloppy-windows-1252")
    assert "Â©" in mojibake
    [article] = list(read(mojibake.encode("utf-8"), "sample/mojibake.txt", "0" * 64))
    assert article.title == (
        "Harbor city council approves flood wall after months of “debate” at the café"
    )
    assert article.source == "Harborview Daily"
