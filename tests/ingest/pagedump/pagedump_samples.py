"""Synthetic pages for the page-dump cleaner's tests (invented text, no real page's sentences)."""

from __future__ import annotations

from conftest import FIXTURES

CLEAN_FIXTURES = FIXTURES / "clean"

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


def fixture_text(name: str) -> str:
    """A page dump from tests/fixtures/clean."""
    return (CLEAN_FIXTURES / name).read_text(encoding="utf-8")


def story_page(head: str = HEADLINE, middle: str = "", foot: str = "") -> str:
    """A page: `head` above the story, `middle` between its second and third paragraphs."""
    first, second, third, fourth = STORY
    return f"{MENU}\n\n{head}\n\n{first}\n\n{second}\n\n{middle}\n\n{third}\n\n{fourth}\n\n{foot}\n"
