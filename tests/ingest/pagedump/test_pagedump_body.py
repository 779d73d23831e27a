"""The body: the densest run of prose, every paragraph in order, boxes and comments left out."""

from __future__ import annotations

import pytest
from pagedump_samples import HEADLINE, MENU, STORY, fixture_text, story_page

from newscorpus.ingest.pagedump import CleanedPage, clean_page
from newscorpus.ingest.pagedump.body import body_lines
from newscorpus.ingest.pagedump.page import annotate, body_span


@pytest.fixture
def wire() -> CleanedPage:
    return clean_page(fixture_text("wire_story.txt"))


def test_story_page_helper_gives_the_story() -> None:
    page = clean_page(story_page())
    assert page.paragraphs == STORY
    assert page.title == HEADLINE


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


def test_body_keeps_every_paragraph_in_order(wire: CleanedPage) -> None:
    assert len(wire.paragraphs) == 6
    assert wire.paragraphs[1].startswith('"We cannot keep filling sandbags')
    assert wire.paragraphs[-1].endswith("officials said. (Yonhap)")


def test_quotation_marks_are_kept_as_written(wire: CleanedPage) -> None:
    assert '"Nobody is building a fortress," she said.' in wire.paragraphs[4]
    assert "council's own study" in wire.paragraphs[3]


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
    page = fixture_text("wire_story.txt").replace(
        "Related Stories", f"12 Comments\n\nharbor_fan\n2 hours ago\n\n{comment}\n\nReply\n\n"
    )
    assert comment not in clean_page(page).paragraphs
    assert clean_page(page).paragraphs == wire.paragraphs


def test_index_page_of_teasers_has_no_body() -> None:
    page = clean_page(fixture_text("index_page.txt"))
    assert sum(len(p.split()) for p in page.paragraphs) < 30


def test_empty_text_gives_an_empty_page() -> None:
    assert clean_page("") == CleanedPage(None, (), (), (), None, None)


def test_a_standfirst_above_the_byline_is_not_body() -> None:
    standfirst = (
        "Commuters who queued for hours at the east bank terminal all winter will get two more "
        "boats a day from April, the ferry company has promised. The harbor says its car park "
        "must grow too, and the council has yet to say who will pay for the extra spaces."
    )
    head = f"{HEADLINE}\n\n{standfirst}\n\nBy Jane Roe\nMarch 3, 2024"
    assert clean_page(story_page(head=head)).paragraphs == STORY


def test_a_paragraph_above_a_picture_opens_the_body() -> None:
    first = STORY[0]
    page = story_page(head=HEADLINE).replace(f"{first}\n\n", f"{first}\n\n[ferry-pier]\n\n", 1)
    assert clean_page(page).paragraphs == STORY


def test_short_sentences_that_end_the_story_are_kept() -> None:
    ending = ("Ridership rose again in March.", "NEXT STEPS", "The council votes on it in May.")
    foot = "\n\n".join(ending) + "\n\nMost read\n\n  • Ferry fares rise again\n  • Tide tables"
    assert clean_page(story_page(foot=foot)).paragraphs == (*STORY, *ending)


def test_a_rule_under_the_story_ends_it() -> None:
    foot = "___\n\nThe harbor archive helped with this story."
    assert clean_page(story_page(foot=foot)).paragraphs == STORY


def test_a_contributed_reporting_line_is_not_body() -> None:
    foot = "Jane Roe contributed reporting from Lyon."
    assert clean_page(story_page(foot=foot)).paragraphs == STORY


def test_the_short_items_of_a_list_the_story_announces_are_kept() -> None:
    intro = "The company will sell tickets for the new crossings at three places from next week:"
    items = (
        "Harbor kiosk at the east bank",
        "Ferry app for phones",
        "Tourist office on Quay Street",
    )
    listed = "\n".join(f"  • {item}\n[ticket-{n}]" for n, item in enumerate(items))
    page = story_page(foot=f"{intro}\n\n{listed}\n\nMost read\n\n  • Ferry fares rise again")
    assert clean_page(page).paragraphs == (*STORY, intro, *items)


def test_a_menu_no_sentence_announces_stays_chrome() -> None:
    menu = "  • Harbor kiosk\n  • Ferry app\n  • Tourist office"
    assert clean_page(story_page(foot=f"Tickets\n\n{menu}")).paragraphs == STORY


def _body_lines(text: str) -> tuple[list[str], tuple[str, ...]]:
    lines = annotate(text)
    span = body_span(lines)
    assert span is not None
    _, start, end = span
    kept, authors = body_lines(lines, start, end)
    return [lines[i].text for i in kept], authors


def test_body_lines_are_the_paragraphs_clean_page_keeps() -> None:
    text = story_page(middle="By Jane Roe")
    assert tuple(_body_lines(text)[0]) == clean_page(text).paragraphs == STORY


def test_body_lines_give_the_authors_of_a_byline_inside_the_body() -> None:
    assert _body_lines(story_page(middle="By Jane Roe"))[1] == ("Jane Roe",)


def test_body_span_starts_the_body_past_a_standfirst() -> None:
    standfirst = (
        "Commuters who queued for hours at the east bank terminal all winter will get two more "
        "boats a day from April, the ferry company has promised. The harbor says its car park "
        "must grow too, and the council has yet to say who will pay for the extra spaces."
    )
    lines = annotate(story_page(head=f"{HEADLINE}\n\n{standfirst}\n\nBy Jane Roe\nMarch 3, 2024"))
    span = body_span(lines)
    assert span is not None
    run_start, start, _ = span
    assert lines[run_start].text == standfirst
    assert lines[start].text == STORY[0]


def test_body_span_of_a_page_without_prose_is_none() -> None:
    assert body_span(annotate(MENU)) is None


def test_the_short_items_of_a_list_inside_the_story_are_kept() -> None:
    items = ("Harbor kiosk", "Ferry app", "Tourist office")
    middle = "\n".join(f"  • {item}" for item in items)
    assert clean_page(story_page(middle=middle)).paragraphs == (*STORY[:2], *items, *STORY[2:])


def test_a_list_a_section_heading_opens_inside_the_story_stays_out() -> None:
    middle = "Related\n\n  • Ferry fares rise again\n  • Terminal queues anger commuters"
    assert clean_page(story_page(middle=middle)).paragraphs == STORY


def test_a_list_inside_the_story_is_left_out_with_its_family_off() -> None:
    middle = "  • Harbor kiosk\n  • Ferry app\n  • Tourist office"
    assert clean_page(story_page(middle=middle), off=frozenset({"body_lists"})).paragraphs == STORY


def test_a_list_a_box_label_opens_inside_the_story_stays_out() -> None:
    middle = "More:\n  • Ferry fares rise again\n  • Terminal queues anger commuters"
    assert clean_page(story_page(middle=middle)).paragraphs == STORY
