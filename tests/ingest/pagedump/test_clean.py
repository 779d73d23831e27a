"""clean_page: the article and its captions out of a page text dump, the site's chrome dropped."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, load_benchmark, shared_path

from newscorpus.ingest.pagedump.clean import CleanedPage, clean_page, find_agency, word_count

CLEAN_FIXTURES = FIXTURES / "clean"


def _fixture(name: str) -> str:
    return (CLEAN_FIXTURES / name).read_text(encoding="utf-8")


# --- the seed page -------------------------------------------------------------------------------


@pytest.fixture
def seed_cleaned(seed_page: str) -> CleanedPage:
    return clean_page(seed_page)


def _seed_body_lines(seed_page: str) -> list[str]:
    """The seed's own body lines: from the first body sentence to the "(Yonhap)" credit."""
    lines = [line.strip() for line in seed_page.splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("A senior North Korean"))
    end = next(i for i, line in enumerate(lines) if line.endswith("for use in Ukraine. (Yonhap)"))
    return [line for line in lines[start : end + 1] if line]


@pytest.mark.shared
def test_seed_title_is_the_headline(seed_cleaned: CleanedPage) -> None:
    assert seed_cleaned.title == (
        "NK rejects alleged arms trading with Russia, warns of 'undesirable result'"
    )


@pytest.mark.shared
def test_seed_paragraphs_are_exactly_the_seven_body_paragraphs(
    seed_page: str, seed_cleaned: CleanedPage
) -> None:
    expected = _seed_body_lines(seed_page)
    assert len(expected) == 7
    assert list(seed_cleaned.paragraphs) == expected


@pytest.mark.shared
def test_seed_captions_once_each_and_not_in_body(seed_page: str, seed_cleaned: CleanedPage) -> None:
    lines = [line.strip() for line in seed_page.splitlines() if line.strip()]
    shown_twice = [
        line for i, line in enumerate(lines[:-1]) if line == lines[i + 1] and len(line) > 40
    ]
    assert len(shown_twice) == 2
    assert list(seed_cleaned.captions) == shown_twice
    body = "\n".join(seed_cleaned.paragraphs)
    for caption in shown_twice:
        assert caption not in body


@pytest.mark.shared
def test_seed_agency_is_yonhap(seed_cleaned: CleanedPage) -> None:
    assert seed_cleaned.agency == "Yonhap"


@pytest.mark.shared
@pytest.mark.parametrize(
    "chrome",
    ["Settings", "font-size", "share button", "X", "CLOSE", "Top 10 Stories", "go top", "LETTER"],
)
def test_seed_chrome_is_dropped(seed_cleaned: CleanedPage, chrome: str) -> None:
    kept = [seed_cleaned.title or "", *seed_cleaned.paragraphs, *seed_cleaned.captions]
    assert not any(chrome == text or (len(chrome) > 2 and chrome in text) for text in kept), chrome
    assert not any(text in ("X", "CLOSE", "-2", "+1") for text in seed_cleaned.paragraphs)


# --- behaviours on synthetic pages ---------------------------------------------------------------


@pytest.fixture
def wire() -> CleanedPage:
    return clean_page(_fixture("wire_story.txt"))


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


def test_related_stories_and_boxes_are_dropped(wire: CleanedPage) -> None:
    body = "\n".join(wire.paragraphs)
    for teaser in (
        "Related Stories",
        "Harborview braces for another spring of floods",
        "Top 10 Stories",
        "Fishing fleet returns early",
        "Subscribe to our newsletter",
        "Copyright",
    ):
        assert teaser not in body


def test_wrapped_paragraphs_are_rejoined(wire: CleanedPage) -> None:
    first = wire.paragraphs[0]
    assert first.startswith("HARBORVIEW, March 3 (Yonhap) -- The Harborview city council")
    assert first.endswith("the waterfront that draws most of the city's visitors.")
    assert "\n" not in first
    assert "2.4-kilometer flood wall" in first


def test_body_keeps_every_paragraph_in_order(wire: CleanedPage) -> None:
    assert len(wire.paragraphs) == 6
    assert wire.paragraphs[1].startswith('"We cannot keep filling sandbags')
    assert wire.paragraphs[-1].endswith("officials said. (Yonhap)")


def test_quotation_marks_are_kept_as_written(wire: CleanedPage) -> None:
    assert '"Nobody is building a fortress," she said.' in wire.paragraphs[4]
    assert "council's own study" in wire.paragraphs[3]


def test_captions_are_separated_and_deduplicated(wire: CleanedPage) -> None:
    assert wire.captions == (
        "Workers stack sandbags along the river promenade in Harborview on Saturday, "
        "a day before the vote. Yonhap",
        "A map of the planned flood wall is displayed at city hall on Sunday. Yonhap",
    )
    assert not any("sandbags along" in p or "A map of" in p for p in wire.paragraphs)


def test_byline_authors_are_extracted_and_not_in_body(wire: CleanedPage) -> None:
    assert wire.authors == ("Mina Park", "Daniel Ortega")
    assert not any(p.startswith("By ") for p in wire.paragraphs)


def test_dateline_date_is_found(wire: CleanedPage) -> None:
    assert wire.published == "March 3, 2024 at 09:15 KST"


def test_title_is_the_headline_before_the_body(wire: CleanedPage) -> None:
    assert wire.title == "Harbor city council approves flood wall after months of debate"


def test_agency_is_found_from_the_body_credit(wire: CleanedPage) -> None:
    assert wire.agency == "Yonhap"


def test_agency_from_a_caption_credit_when_the_body_has_none() -> None:
    assert find_agency(["A story with no credit."], ["A photo of the harbor. Yonhap"]) == "Yonhap"


def test_agency_from_a_dateline() -> None:
    assert find_agency(["WASHINGTON (AP) — Lawmakers met on Monday.", "More text."]) == "AP"


def test_agency_absent_when_nothing_credits_one() -> None:
    assert find_agency(["Our reporter spoke to Reuters analysts.", "Nothing else."]) is None


def test_agency_of_an_unlisted_wire_is_kept_as_written() -> None:
    body = ["KESH, May 2 (Norland Wire) -- The assembly met.", "It adjourned. (Norland Wire)"]
    assert find_agency(body) == "Norland Wire"


def test_a_trailing_update_note_is_not_an_agency() -> None:
    assert find_agency(["The assembly met.", "The vote is on Friday. (Updated)"]) is None


def test_a_related_box_between_parts_of_the_story_does_not_cut_it() -> None:
    paragraphs = (
        "The ferry company said on Monday that it would add two crossings a day from April, "
        "after a winter in which passengers often waited for hours at the east bank terminal.",
        "Harbor officials welcomed the plan but said the terminal's car park, which fills "
        "before nine most mornings, would also need to grow if the new crossings are to help.",
        "The company expects the extra boats to carry about a thousand more people a day, "
        "most of them commuters who now drive around the bay through two congested bridges.",
        "A spokeswoman said fares would not change before the autumn timetable is published.",
    )
    first, second, third, fourth = paragraphs
    page = (
        f"  • Home\n  • News\n\nFerry company adds crossings\n\n{first}\n\n{second}\n\n"
        "Related\n\n  • Ferry fares rise again\n  • Terminal queues anger commuters\n\n"
        f"{third}\n\n{fourth}\n\n  • About us\n  • Contact\n"
    )
    assert clean_page(page).paragraphs == paragraphs


def test_comments_after_the_story_are_dropped(wire: CleanedPage) -> None:
    comment = "I think the council should have listened to the shop owners before voting on it."
    page = _fixture("wire_story.txt").replace(
        "Related Stories", f"12 Comments\n\nharbor_fan\n2 hours ago\n\n{comment}\n\nReply\n\n"
    )
    assert comment not in clean_page(page).paragraphs
    assert clean_page(page).paragraphs == wire.paragraphs


def test_word_count_counts_unspaced_scripts_by_characters() -> None:
    assert word_count("The council met on Monday.") == 5
    assert word_count("渡轮公司周一表示") == 1 + 4


def test_index_page_of_teasers_has_no_body() -> None:
    page = clean_page(_fixture("index_page.txt"))
    assert sum(len(p.split()) for p in page.paragraphs) < 30


def test_empty_text_gives_an_empty_page() -> None:
    assert clean_page("") == CleanedPage(None, (), (), (), None, None)


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


# --- small synthetic pages: one behaviour each --------------------------------------------------

# An invented story, one paragraph a line (as a copied page gives it), for pages built around it.
STORY = (
    "The ferry company said on Monday that it would add two crossings a day from April, after a "
    "winter in which passengers often waited for hours at the east bank terminal.",
    "Harbor officials welcomed the plan but said the terminal's car park, which fills before nine "
    "most mornings, would also need to grow if the new crossings are to help.",
    "The company expects the extra boats to carry about a thousand more people a day, most of "
    "them commuters who now drive around the bay through two congested bridges.",
    "A spokeswoman said fares would not change before the autumn timetable is published.",
)
HEADLINE = "Ferry company adds two crossings a day after winter of long queues"
MENU = "  • Home\n  • News\n  • Business\n  • Sport"


def _page(head: str = HEADLINE, middle: str = "", foot: str = "") -> str:
    """A page: `head` above the story, `middle` between its second and third paragraphs."""
    first, second, third, fourth = STORY
    return f"{MENU}\n\n{head}\n\n{first}\n\n{second}\n\n{middle}\n\n{third}\n\n{fourth}\n\n{foot}\n"


def test_story_page_helper_gives_the_story() -> None:
    page = clean_page(_page())
    assert page.paragraphs == STORY
    assert page.title == HEADLINE


# titles


def test_title_is_not_a_market_ticker_above_the_headline() -> None:
    ticker = "HBX 2,314.55 ▲ 0.4%   EUR/HBD 7.2140 ▼ 0.1%   Brent 81.20 ▲ 1.2%"
    assert clean_page(_page(f"{ticker}\n\nBusiness | Transport\n\n{HEADLINE}")).title == HEADLINE


def test_title_is_not_a_breaking_news_bar() -> None:
    bar = "BREAKING Harbor council schedules vote on the new bridge toll for next Tuesday"
    head = f"{bar}\n\nLocal\n\n{HEADLINE}\n\nBy Mina Park\nMarch 3, 2024"
    assert clean_page(_page(head)).title == HEADLINE


def test_title_is_not_a_teaser_headline_of_the_menu() -> None:
    menu = (
        "  • News\n          ☆ Harbor\n          ☆ Coast\n\n"
        "        Council delays vote on the old harbour housing plan for another month\n\n"
        "        School bus contract goes back out to tender after complaints\n\n"
        "  • Sport\n          ☆ Sailing\n"
    )
    head = f"{menu}\n{HEADLINE}\n\nMina Park, Staff Writer\n\nUpdated 6:15 pm, March 3, 2024"
    assert clean_page(_page(head)).title == HEADLINE


def test_standfirst_under_the_headline_is_not_the_title() -> None:
    standfirst = (
        "Passengers who waited for hours this winter say two extra boats a day will not be enough "
        "to end the queues"
    )
    head = f"{HEADLINE}\n\n{standfirst}\n\nMina Park in Harborview\nSun 3 Mar 2024 14.20 CET"
    page = clean_page(_page(head))
    assert page.title == HEADLINE
    assert standfirst not in page.paragraphs


def test_title_is_not_the_author_line_between_headline_and_date() -> None:
    head = f"{HEADLINE}\n\nMina Park\nTransport correspondent\n14 March 2024 · 5 min read"
    assert clean_page(_page(head)).title == HEADLINE


def test_headline_printed_twice_is_the_title_not_a_caption() -> None:
    page = clean_page(_page(f"{HEADLINE}\n{HEADLINE}\n\nBy Mina Park"))
    assert page.title == HEADLINE
    assert page.captions == ()


# the publisher


def test_source_is_the_copyright_holder_in_the_footer() -> None:
    foot = "About us | Contact\n© 2024 The Harbor Post. All rights reserved."
    assert clean_page(_page(foot=foot)).source == "The Harbor Post"


def test_source_drops_the_legal_form_and_trade_words() -> None:
    foot = "Copyright © 2024 Harbor Post Media Group Ltd. All rights reserved."
    assert clean_page(_page(foot=foot)).source == "Harbor Post"


def test_source_is_spelled_as_the_masthead_spells_it() -> None:
    head = f"The Harbor Post\n\n{MENU}\n\n{HEADLINE}"
    foot = "© 2024 Harbor Post Media Ltd. All rights reserved."
    assert clean_page(_page(head, foot=foot)).source == "The Harbor Post"


def test_source_is_the_site_not_the_wire_notice_under_the_story() -> None:
    foot = (
        "Copyright 2024 Norland Wire. All rights reserved. This material may not be published.\n\n"
        "Most read\n\n  • Tide tables for April\n\n© 2024 Bayside Today Broadcasting."
    )
    assert clean_page(_page(foot=foot)).source == "Bayside Today"


def test_source_is_none_when_the_page_names_no_publisher() -> None:
    assert clean_page(_page(foot="About us | Contact | Privacy policy")).source is None


def test_a_dateline_credit_naming_the_publisher_is_not_a_wire() -> None:
    body = ["HARBORVIEW, March 3 (HDN) -- The council met.", "It adjourned at noon."]
    assert find_agency(body, source="Harborview Daily News") is None
    assert find_agency(body) == "HDN"


def test_a_known_agency_stays_the_agency_on_its_own_site() -> None:
    body = ["WASHINGTON (AP) -- Lawmakers met on Monday.", "They adjourned."]
    assert find_agency(body, source="The Associated Press") == "AP"


def test_a_byline_naming_the_wire_is_not_an_author() -> None:
    head = f"{HEADLINE}\n\nBy Norland Wire"
    page = clean_page(_page(head).replace(STORY[3], f"{STORY[3]} (Norland Wire)"))
    assert page.agency == "Norland Wire"
    assert page.authors == ()


# captions and credits


def test_a_credit_line_under_a_caption_goes_with_the_caption() -> None:
    caption = "Passengers queue at the east bank terminal in Harborview on Saturday."
    page = clean_page(_page(middle=f"{caption}\nJane Roe, AP"))
    assert page.captions == (f"{caption} Jane Roe, AP",)
    assert page.paragraphs == STORY


def test_a_caption_with_a_photograph_credit_is_a_caption_once() -> None:
    caption = (
        "Passengers queue at the east bank terminal in Harborview, where the company will add two "
        "boats a day. Photograph: Harbor Post"
    )
    page = clean_page(_page(middle=f"{caption}\n{caption}"))
    assert page.captions == (caption,)
    assert page.paragraphs == STORY


def test_a_full_width_caption_printed_twice_is_not_joined_to_itself() -> None:
    """A 100-column line looks wrapped; the same line again is a repeat, not its continuation."""
    caption = (
        "Passengers queue at the east bank terminal in Harborview on Saturday morning. "
        "Photo: Jane Roe/Harbor"
    )
    assert len(caption) == 100
    page = clean_page(_page(middle=f"{caption}\n{caption}"))
    assert page.captions == (caption,)


def test_an_agency_photo_credit_alone_is_not_body() -> None:
    page = clean_page(_page(middle="[ferry]\n(AP Photo/Jane Roe)"))
    assert page.paragraphs == STORY


def test_a_caption_printed_again_after_the_story_lands_once() -> None:
    caption = "Passengers queue at the east bank terminal in Harborview on Saturday morning."
    head = f"{HEADLINE}\n\n[terminal]\n{caption}"
    page = clean_page(_page(head, foot=f"{caption}\n\nMost read\n\n  • Tide tables"))
    assert page.captions == (caption,)
    assert caption not in page.paragraphs


def test_caption_variants_with_less_and_more_buttons_land_once() -> None:
    caption = (
        "Passengers queue at the east bank terminal in Harborview on Saturday, when the last boat "
        "left two hours late."
    )
    variants = (
        f"  • {caption} Photo: Jane Roe, Harbor Post\n"
        f"    {caption} less\n"
        "    Passengers queue at the east bank terminal in Harborview on Saturday, when ... more\n"
        "    Photo: Jane Roe, Harbor Post"
    )
    page = clean_page(_page(f"{HEADLINE}\n\n{variants}"))
    assert page.captions == (f"{caption} Photo: Jane Roe, Harbor Post",)
    assert page.paragraphs == STORY


def test_a_copyright_notice_after_a_caption_credit_is_not_part_of_the_caption() -> None:
    caption = "Passengers queue at the east bank terminal on Saturday. Photo: Jane Roe, Harbor Wire"
    notice = " / Copyright 2024 Harbor Wire. All rights reserved."
    page = clean_page(_page(middle=f"{caption}{notice}\n{caption}{notice}"))
    assert page.captions == (caption,)


def test_a_caption_date_is_not_the_published_date() -> None:
    caption = "Passengers queue at the east bank terminal in Harborview, March 1, 2024. Harbor Wire"
    head = f"{HEADLINE}\n\nBy Mina Park\nMarch 3, 2024 at 09:15 CET\n\n{caption}\n{caption}"
    assert clean_page(_page(head)).published == "March 3, 2024 at 09:15 CET"


# prompts and chrome inside the story


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
    assert clean_page(_page(middle=prompt)).paragraphs == STORY


# --- the evaluation gate -------------------------------------------------------------------------


@pytest.mark.shared
def test_dump_extraction_meets_the_f1_floor_on_extraction_dev() -> None:
    """Quality gate: clean_page on the 90 real page dumps scores F1 >= 0.90 (benchmark measure)."""
    data = shared_path("data", "extraction-dev")
    bench = load_benchmark("extraction")
    truth, fingerprint = bench.load_ground_truth(Path(data))
    assert fingerprint == bench.GROUND_TRUTH_SHA256, "the evaluation set changed: re-pin it"
    scores, _, _ = bench.evaluate(truth, lambda key: bench.cleaned_dump(Path(data), key))
    assert scores.pages == 90
    assert scores.f1 >= bench.MIN_F1_DUMPS, scores
