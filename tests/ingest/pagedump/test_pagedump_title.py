"""The headline: the headline-like line above its byline, not a ticker, bar, menu or standfirst."""

from __future__ import annotations

import pytest
from pagedump_samples import HEADLINE, fixture_text, story_page

from newscorpus.ingest.pagedump import CleanedPage, clean_page


@pytest.fixture
def wire() -> CleanedPage:
    return clean_page(fixture_text("wire_story.txt"))


def test_title_is_the_headline_before_the_body(wire: CleanedPage) -> None:
    assert wire.title == "Harbor city council approves flood wall after months of debate"


def test_title_is_not_a_market_ticker_above_the_headline() -> None:
    ticker = "HBX 2,314.55 ▲ 0.4%   EUR/HBD 7.2140 ▼ 0.1%   Brent 81.20 ▲ 1.2%"
    assert (
        clean_page(story_page(f"{ticker}\n\nBusiness | Transport\n\n{HEADLINE}")).title == HEADLINE
    )


def test_title_is_not_a_breaking_news_bar() -> None:
    bar = "BREAKING Harbor council schedules vote on the new bridge toll for next Tuesday"
    head = f"{bar}\n\nLocal\n\n{HEADLINE}\n\nBy Mina Park\nMarch 3, 2024"
    assert clean_page(story_page(head)).title == HEADLINE


def test_title_is_not_a_teaser_headline_of_the_menu() -> None:
    menu = (
        "  • News\n          ☆ Harbor\n          ☆ Coast\n\n"
        "        Council delays vote on the old harbour housing plan for another month\n\n"
        "        School bus contract goes back out to tender after complaints\n\n"
        "  • Sport\n          ☆ Sailing\n"
    )
    head = f"{menu}\n{HEADLINE}\n\nMina Park, Staff Writer\n\nUpdated 6:15 pm, March 3, 2024"
    assert clean_page(story_page(head)).title == HEADLINE


def test_standfirst_under_the_headline_is_not_the_title() -> None:
    standfirst = (
        "Passengers who waited for hours this winter say two extra boats a day will not be enough "
        "to end the queues"
    )
    head = f"{HEADLINE}\n\n{standfirst}\n\nMina Park in Harborview\nSun 3 Mar 2024 14.20 CET"
    page = clean_page(story_page(head))
    assert page.title == HEADLINE
    assert standfirst not in page.paragraphs


def test_title_is_not_the_author_line_between_headline_and_date() -> None:
    head = f"{HEADLINE}\n\nMina Park\nTransport correspondent\n14 March 2024 · 5 min read"
    assert clean_page(story_page(head)).title == HEADLINE


def test_headline_printed_twice_is_the_title_not_a_caption() -> None:
    page = clean_page(story_page(f"{HEADLINE}\n{HEADLINE}\n\nBy Mina Park"))
    assert page.title == HEADLINE
    assert page.captions == ()
