"""Captions: told by credit and repeats, joined to their credit line, each kept once."""

from __future__ import annotations

import pytest
from pagedump_samples import HEADLINE, STORY, fixture_text, story_page

from newscorpus.ingest.pagedump import CleanedPage, clean_page


@pytest.fixture
def wire() -> CleanedPage:
    return clean_page(fixture_text("wire_story.txt"))


def test_captions_are_separated_and_deduplicated(wire: CleanedPage) -> None:
    assert wire.captions == (
        "Workers stack sandbags along the river promenade in Harborview on Saturday, "
        "a day before the vote. Yonhap",
        "A map of the planned flood wall is displayed at city hall on Sunday. Yonhap",
    )
    assert not any("sandbags along" in p or "A map of" in p for p in wire.paragraphs)


def test_a_credit_line_under_a_caption_goes_with_the_caption() -> None:
    caption = "Passengers queue at the east bank terminal in Harborview on Saturday."
    page = clean_page(story_page(middle=f"{caption}\nJane Roe, AP"))
    assert page.captions == (f"{caption} Jane Roe, AP",)
    assert page.paragraphs == STORY


def test_a_caption_with_a_photograph_credit_is_a_caption_once() -> None:
    caption = (
        "Passengers queue at the east bank terminal in Harborview, where the company will add two "
        "boats a day. Photograph: Harbor Post"
    )
    page = clean_page(story_page(middle=f"{caption}\n{caption}"))
    assert page.captions == (caption,)
    assert page.paragraphs == STORY


def test_a_caption_printed_again_after_the_story_lands_once() -> None:
    caption = "Passengers queue at the east bank terminal in Harborview on Saturday morning."
    head = f"{HEADLINE}\n\n[terminal]\n{caption}"
    page = clean_page(story_page(head, foot=f"{caption}\n\nMost read\n\n  • Tide tables"))
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
    page = clean_page(story_page(f"{HEADLINE}\n\n{variants}"))
    assert page.captions == (f"{caption} Photo: Jane Roe, Harbor Post",)
    assert page.paragraphs == STORY


def test_a_copyright_notice_after_a_caption_credit_is_not_part_of_the_caption() -> None:
    caption = "Passengers queue at the east bank terminal on Saturday. Photo: Jane Roe, Harbor Wire"
    notice = " / Copyright 2024 Harbor Wire. All rights reserved."
    page = clean_page(story_page(middle=f"{caption}{notice}\n{caption}{notice}"))
    assert page.captions == (caption,)
