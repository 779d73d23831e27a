"""Bylines and datelines: authors from "By ...", the date as written, never a caption's."""

from __future__ import annotations

import pytest
from pagedump_samples import HEADLINE, STORY, fixture_text, story_page

from newscorpus.ingest.pagedump import CleanedPage, clean_page


@pytest.fixture
def wire() -> CleanedPage:
    return clean_page(fixture_text("wire_story.txt"))


def test_byline_authors_are_extracted_and_not_in_body(wire: CleanedPage) -> None:
    assert wire.authors == ("Mina Park", "Daniel Ortega")
    assert not any(p.startswith("By ") for p in wire.paragraphs)


def test_dateline_date_is_found(wire: CleanedPage) -> None:
    assert wire.published == "March 3, 2024 at 09:15 KST"


def test_a_caption_date_is_not_the_published_date() -> None:
    caption = "Passengers queue at the east bank terminal in Harborview, March 1, 2024. Harbor Wire"
    head = f"{HEADLINE}\n\nBy Mina Park\nMarch 3, 2024 at 09:15 CET\n\n{caption}\n{caption}"
    assert clean_page(story_page(head)).published == "March 3, 2024 at 09:15 CET"


def test_a_byline_naming_the_wire_is_not_an_author() -> None:
    head = f"{HEADLINE}\n\nBy Norland Wire"
    page = clean_page(story_page(head).replace(STORY[3], f"{STORY[3]} (Norland Wire)"))
    assert page.agency == "Norland Wire"
    assert page.authors == ()
