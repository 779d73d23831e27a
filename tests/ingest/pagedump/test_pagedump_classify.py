"""A line judged alone: menus, widgets, notices, prompts and credits are not body."""

from __future__ import annotations

import pytest
from pagedump_samples import STORY, fixture_text, story_page

from newscorpus.ingest.pagedump import CleanedPage, clean_page, is_chrome


@pytest.fixture
def wire() -> CleanedPage:
    return clean_page(fixture_text("wire_story.txt"))


def test_menus_are_dropped(wire: CleanedPage) -> None:
    body = "\n".join(wire.paragraphs)
    for item in ("Home", "National", "Politics", "Economy", "Culture", "Skip to main content"):
        assert item not in [p.strip() for p in wire.paragraphs]
    assert "Skip to main content" not in body


def test_share_and_font_widgets_are_dropped(wire: CleanedPage) -> None:
    body = "\n".join(wire.paragraphs)
    assert "share button" not in body
    assert "font-size" not in body
    assert "Settings" not in body


def test_cookie_banner_is_dropped(wire: CleanedPage) -> None:
    assert not any("cookies" in p for p in wire.paragraphs)


@pytest.mark.parametrize(
    "prompt",
    [
        "Read more: Ferry fares to rise 8% in June — what it means for commuters?",
        "Related: Harbor tide tables for April: what the new times mean for the morning boats",
        "Support local journalism: subscribe to the Harbor Post for €4.99 a month.",
        "Follow the Harbor Post Opinion section on Facebook, Twitter and Instagram.",
        "Subscribe to the Harbor Post and stay smart with more of your favourite writers.",
        "Listen to Harbor Radio live at 12:45 and 17:45 weekdays - or listen back here.",
        "Like this story? Share it with a friend!",
        "Continue Reading Below",
        "Email this to someone",
        "Print This Article Share it With Friends",
    ],
)
def test_prompts_inside_the_story_are_dropped(prompt: str) -> None:
    assert clean_page(story_page(middle=prompt)).paragraphs == STORY


def test_an_agency_photo_credit_alone_is_not_body() -> None:
    page = clean_page(story_page(middle="[ferry]\n(AP Photo/Jane Roe)"))
    assert page.paragraphs == STORY


def test_a_paragraph_of_another_reader_is_judged_chrome_by_its_words() -> None:
    assert is_chrome("Get the latest harbor news in your inbox. Subscribe to our newsletters.")
    assert is_chrome("(Reporting by Jane Roe; Editing by John Doe)")


def test_a_short_paragraph_of_another_reader_is_not_chrome_for_its_length() -> None:
    assert not is_chrome("It's complicated.")
    assert not is_chrome("The ferry company said it would add two crossings a day.")


def test_short_japanese_paragraphs_are_prose() -> None:
    # Invented sentences: punctuation cuts each into a few runs of characters, not words.
    sentence = "港湾局は火曜日、五月に浚渫工事を始めると発表した。漁船は工事の間北側の岸壁に移る。"
    dump = "港湾局\n\n" + "\n\n".join(f"第{n}報。{sentence}" for n in "一二三四")
    assert len(clean_page(dump).paragraphs) == 4


def test_a_card_shown_on_hover_inside_a_paragraph_is_left_out() -> None:
    card = (
        "[roe_01]Jane RoeHarbor board delays vote on ferry fares Council backs new flood wall MORE"
    )
    paragraph = (
        f"Harbor commissioner Jane Roe{card} (Ind.) said on Monday that the board would meet "
        "again in May to settle the timetable for the two new crossings."
    )
    kept = clean_page(story_page(middle=paragraph)).paragraphs
    assert kept[2] == paragraph.replace(card, "")
