"""The wire agency: the body's credit first, then bylines and captions; the publisher is no wire."""

from __future__ import annotations

import pytest
from pagedump_samples import fixture_text

from newscorpus.ingest.pagedump import CleanedPage, clean_page, find_agency


@pytest.fixture
def wire() -> CleanedPage:
    return clean_page(fixture_text("wire_story.txt"))


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


def test_a_dateline_credit_naming_the_publisher_is_not_a_wire() -> None:
    body = ["HARBORVIEW, March 3 (HDN) -- The council met.", "It adjourned at noon."]
    assert find_agency(body, source="Harborview Daily News") is None
    assert find_agency(body) == "HDN"


def test_a_known_agency_stays_the_agency_on_its_own_site() -> None:
    body = ["WASHINGTON (AP) -- Lawmakers met on Monday.", "They adjourned."]
    assert find_agency(body, source="The Associated Press") == "AP"
