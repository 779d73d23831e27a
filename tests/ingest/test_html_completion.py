"""Completing the extractor's body with the rest of its containers (invented pages)."""

from __future__ import annotations

from lxml import html

from newscorpus.ingest.html_completion import complete_body

FIRST = "The ferry company said on Monday that it would add two crossings a day from April."
SECOND = "Harbor officials welcomed the plan but said the terminal's car park would need to grow."
THIRD = "The company expects the extra boats to carry about a thousand more people a day."
FOURTH = "A spokeswoman said fares would not change before the autumn timetable is published."


def _complete(body: str, kept: list[str], rejects=lambda text: False) -> list[str]:
    return complete_body(html.fromstring(f"<html><body>{body}</body></html>"), kept, rejects)


def _chunks(second_chunk: str) -> str:
    chunk = "<div class='grid'><div class='grid-item'>{}</div></div>"
    first = chunk.format(f"<p>{FIRST}</p><p>{SECOND}</p>")
    return f"<article><div class='chunks'>{first}{chunk.format(second_chunk)}</div></article>"


def test_a_later_chunk_of_the_same_shape_is_put_back() -> None:
    body = _chunks(f"<p>{THIRD}</p><p>{FOURTH}</p>")
    assert _complete(body, [FIRST, SECOND]) == [FIRST, SECOND, THIRD, FOURTH]


def test_a_paragraph_is_put_back_after_the_one_before_it_on_the_page() -> None:
    body = f"<div class='story'><p>{FIRST}</p><p>{SECOND}</p><blockquote><p>{THIRD}</p>"
    body += f"</blockquote><p>{FOURTH}</p></div>"
    assert _complete(body, [FIRST, SECOND, FOURTH]) == [FIRST, SECOND, THIRD, FOURTH]


def test_a_container_holding_one_kept_paragraph_is_not_completed() -> None:
    body = f"<div><p>{FIRST}</p><p>{THIRD}</p></div><div><p>{SECOND}</p></div>"
    assert _complete(body, [FIRST, SECOND]) == [FIRST, SECOND]


def test_a_paragraph_of_links_is_not_put_back() -> None:
    links = "<a href='/a'>Ferry fares to rise in spring as fuel costs climb</a>"
    body = f"<div class='story'><p>{FIRST}</p><p>{SECOND}</p><p>{links}</p></div>"
    assert _complete(body, [FIRST, SECOND]) == [FIRST, SECOND]


def test_a_paragraph_repeating_the_body_is_not_put_back() -> None:
    pull_quote = f"{SECOND} {THIRD}"
    body = (
        f"<div class='story'><p>{FIRST}</p><p>{SECOND}</p><p>{pull_quote}</p><p>{THIRD}</p></div>"
    )
    assert _complete(body, [FIRST, SECOND, THIRD]) == [FIRST, SECOND, THIRD]


def test_a_paragraph_in_a_figure_is_not_put_back() -> None:
    figure = (
        "<figure><p>Passengers wait for the morning boat at the east bank terminal.</p></figure>"
    )
    body = f"<div class='story'><p>{FIRST}</p>{figure}<p>{SECOND}</p></div>"
    assert _complete(body, [FIRST, SECOND]) == [FIRST, SECOND]


def test_what_the_caller_rejects_is_not_put_back() -> None:
    body = f"<div class='story'><p>{FIRST}</p><p>{SECOND}</p><p>{THIRD}</p></div>"
    assert _complete(body, [FIRST, SECOND], rejects=lambda text: text == THIRD) == [FIRST, SECOND]


def test_a_paragraph_before_the_first_kept_one_is_not_put_back() -> None:
    standfirst = "Passengers who waited for hours say two more boats will not end the queues."
    body = f"<div class='story'><p>{standfirst}</p><p>{FIRST}</p><p>{SECOND}</p></div>"
    assert _complete(body, [FIRST, SECOND]) == [FIRST, SECOND]
