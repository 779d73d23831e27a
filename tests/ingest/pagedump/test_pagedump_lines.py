"""Logical lines: hard wraps undone, a repeat not joined to itself, words counted."""

from __future__ import annotations

import pytest
from pagedump_samples import fixture_text, story_page

from newscorpus.ingest.pagedump import CleanedPage, clean_page, word_count
from newscorpus.ingest.pagedump.lines import bullet_runs, logical_lines


@pytest.fixture
def wire() -> CleanedPage:
    return clean_page(fixture_text("wire_story.txt"))


def test_wrapped_paragraphs_are_rejoined(wire: CleanedPage) -> None:
    first = wire.paragraphs[0]
    assert first.startswith("HARBORVIEW, March 3 (Yonhap) -- The Harborview city council")
    assert first.endswith("the waterfront that draws most of the city's visitors.")
    assert "\n" not in first
    assert "2.4-kilometer flood wall" in first


def test_lines_longer_than_the_wrap_width_are_paragraphs_of_their_own() -> None:
    """A copied page has one paragraph per line, longer than a browser's 100 columns."""
    first = (
        "The ferry company said on Monday that it would add two crossings a day from April, "
        "after a winter in which passengers often waited for hours at the east bank terminal."
    )
    second = (
        "Harbor officials welcomed the plan but said the terminal's car park, which fills "
        "before nine most mornings, would also need to grow if the new crossings are to help."
    )
    page = clean_page(f"Ferry company adds crossings\n\n{first}\n{second}\n")
    assert page.paragraphs == (first, second)


def test_a_full_width_caption_printed_twice_is_not_joined_to_itself() -> None:
    """A 100-column line looks wrapped; the same line again is a repeat, not its continuation."""
    caption = (
        "Passengers queue at the east bank terminal in Harborview on Saturday morning. "
        "Photo: Jane Roe/Harbor"
    )
    assert len(caption) == 100
    page = clean_page(story_page(middle=f"{caption}\n{caption}"))
    assert page.captions == (caption,)


def test_word_count_counts_unspaced_scripts_by_characters() -> None:
    assert word_count("The council met on Monday.") == 5
    assert word_count("渡轮公司周一表示") == 1 + 4


def test_a_wrap_inside_chinese_text_joins_without_a_space() -> None:
    # Invented characters, as wide as the browser's 100 columns; w3m wraps such text anywhere.
    first, second = "港" * 50, "湾局は発表した。"
    assert [line.text for line in logical_lines(f"{first}\n{second}")] == [first + second]


def test_a_wrap_between_latin_words_keeps_its_space() -> None:
    first = "word " * 19 + "edge"
    assert [line.text for line in logical_lines(f"{first}\nnext")] == [f"{first} next"]


_LISTS = "Intro line here.\n\n  * one\n  * two\n\nMiddle text.\n\n  * three\n"  # made up


def test_bullet_runs_are_the_consecutive_list_items() -> None:
    assert list(bullet_runs(logical_lines(_LISTS))) == [(1, 3), (4, 5)]


def test_a_bullet_run_starting_before_the_end_goes_on_past_it() -> None:
    assert list(bullet_runs(logical_lines(_LISTS), 0, 2)) == [(1, 3)]


@pytest.mark.parametrize(("name", "separator"), [("LINE", "\u2028"), ("NEXT LINE", "\x85")])
def test_a_dump_with_unicode_line_separators_cleans_like_one_with_newlines(
    name: str, separator: str
) -> None:
    text = fixture_text("wire_story.txt").replace("\r\n", "\n")
    assert clean_page(text.replace("\n", separator)) == clean_page(text), name


def test_a_paragraph_separator_ends_a_paragraph() -> None:
    text = fixture_text("wire_story.txt").replace("\r\n", "\n")
    assert clean_page(text.replace("\n\n", "\u2029")) == clean_page(text)
