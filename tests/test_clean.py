"""clean_page: the article and its captions out of a page text dump, the site's chrome dropped."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from conftest import FIXTURES, REPO, shared_path

from newscorpus.clean import CleanedPage, clean_page, find_agency, word_count

CLEAN_FIXTURES = FIXTURES / "clean"


def _fixture(name: str) -> str:
    return (CLEAN_FIXTURES / name).read_text(encoding="utf-8")


def load_benchmark() -> ModuleType:
    """benchmarks/extraction.py as a module (benchmarks/ is scripts, not a package)."""
    name = "newscorpus_benchmark_extraction"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / "extraction.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


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


# --- the evaluation gate -------------------------------------------------------------------------


@pytest.mark.shared
def test_dump_extraction_meets_the_f1_floor_on_extraction_dev() -> None:
    """Quality gate: clean_page on the 90 real page dumps scores F1 >= 0.90 (benchmark measure)."""
    data = shared_path("data", "extraction-dev")
    bench = load_benchmark()
    truth, fingerprint = bench.load_ground_truth(Path(data))
    assert fingerprint == bench.GROUND_TRUTH_SHA256, "the evaluation set changed: re-pin it"
    scores, _, _ = bench.evaluate(truth, lambda key: bench.cleaned_dump(Path(data), key))
    assert scores.pages == 90
    assert scores.f1 >= bench.MIN_F1_DUMPS, scores
