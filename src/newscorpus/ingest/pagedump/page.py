"""Page-dump cleaning: the text of a whole web page in, the article and its photo captions out.

A page dump is what a text browser (`w3m -dump -cols 100`) or a copy of the whole page gives: site
menus, share widgets, captions, bylines, teasers and footers around the article. No library cleans
these, so this package does it with line features (length, sentence-ness, stop-word density,
bullets, repeats, credit lines) and keeps the densest run of prose as the body. Around the body it
finds the headline (the headline-like line right above its byline or date), the byline, the date,
the wire credit, and the publisher (the copyright holder the footer names, as the masthead spells
it).

Pure: text in, a `CleanedPage` out. It must never do I/O, never know a site by name (no per-site or
per-URL rules: it is tuned on real pages and must generalise), and never rewrite the words it keeps
(quotation marks and apostrophes stay as written; only hard line wraps are undone, a photo credit
printed under its caption joins the caption, an agency's copyright notice after a caption's
credit is left out of it, and so is a card shown on hover inside a paragraph).
"""

from __future__ import annotations

from dataclasses import dataclass

from newscorpus.ingest.pagedump.agency import find_agency
from newscorpus.ingest.pagedump.body import (
    body_paragraphs,
    densest_run,
    past_standfirst,
    through_last_sentences,
    through_list,
)
from newscorpus.ingest.pagedump.byline import byline_before, published_before
from newscorpus.ingest.pagedump.captions import captions_near
from newscorpus.ingest.pagedump.classify import classify
from newscorpus.ingest.pagedump.context import mark_context
from newscorpus.ingest.pagedump.lines import Line, logical_lines
from newscorpus.ingest.pagedump.publisher import find_source
from newscorpus.ingest.pagedump.settings import ALL_ON, RULE_FAMILIES
from newscorpus.ingest.pagedump.title import find_title

__all__ = ["CleanedPage", "annotate", "body_edges", "body_span", "clean_page"]


@dataclass(frozen=True)
class CleanedPage:
    """What a page dump says once the site's chrome is gone.

    Attributes:
        title: The headline, or None when no headline-like line precedes the body.
        paragraphs: Body paragraphs in reading order, hard wraps undone; empty when no body.
        captions: Photo captions, each once, in order of first appearance; never in `paragraphs`.
        authors: Names from a byline ("By A and B"), in order.
        agency: Wire credit (Yonhap, AP, Reuters, AFP, ...) when the page credits one.
        published: A date as written in a dateline or byline, or None.
        source: The publisher as the page names it (copyright footer, masthead, logo), or None.
    """

    title: str | None
    paragraphs: tuple[str, ...]
    captions: tuple[str, ...]
    authors: tuple[str, ...]
    agency: str | None
    published: str | None
    source: str | None = None


def clean_page(text: str, off: frozenset[str] = ALL_ON) -> CleanedPage:
    """Extract the article from a page text dump.

    Args:
        text: The whole page as text, e.g. `w3m -dump -cols 100` output or a copy of a page.
        off: Rule families to leave out, for an ablation (names: `settings.RULE_FAMILIES`);
            the cleaner runs with none left out.

    Returns:
        The title, body paragraphs, captions (once each, out of the body), byline authors, wire
        agency, the date string found near the body and the publisher the page names. A page with
        no prose body (an index of teasers, an error page) gives empty `paragraphs`.
    """
    unknown = off - RULE_FAMILIES.keys()
    if unknown:
        raise ValueError(f"no rule family {sorted(unknown)}; families: {sorted(RULE_FAMILIES)}")
    lines = annotate(text, off)
    span = body_span(lines, off)
    if span is None:
        return CleanedPage(None, (), (), (), None, None)
    # The headline is looked for above the run (a standfirst sits under it); the byline and date
    # above the body's first paragraph, past the standfirst.
    run_start, start, end = span
    paragraphs, authors = body_paragraphs(lines, start, end, off)
    title_at = find_title(lines, run_start)
    title_key = lines[title_at].key if title_at is not None else None
    captions = captions_near(lines, start, end, title_key)
    source = find_source(lines, start, end)
    agency = find_agency(paragraphs, captions, source=source)
    authors = authors or byline_before(lines, start)
    return CleanedPage(
        title=lines[title_at].text if title_at is not None else None,
        paragraphs=tuple(paragraphs),
        captions=captions,
        authors=tuple(a for a in authors if a != agency),  # "By Norland Wire" names no person
        agency=agency,
        published=published_before(lines, start),
        source=source,
    )


def body_span(lines: list[Line], off: frozenset[str] = ALL_ON) -> tuple[int, int, int] | None:
    """Where the densest run starts, where the body starts past its standfirst, where it ends.

    The body's edges are the run's once set right (a standfirst left out, a list it announces and
    the short sentences closing the story taken in). None when the page has no prose run.
    """
    span = densest_run(lines, off)
    if span is None:
        return None
    return span[0], *body_edges(lines, *span, off)


def body_edges(
    lines: list[Line], run_start: int, run_end: int, off: frozenset[str] = ALL_ON
) -> tuple[int, int]:
    """The body's start and end for the run `lines[run_start:run_end]`, its edges set right."""
    start = past_standfirst(lines, run_start, run_end, off)
    return start, through_last_sentences(lines, through_list(lines, run_end, off), off)


def annotate(text: str, off: frozenset[str] = ALL_ON) -> list[Line]:
    """Logical lines of the page, each judged good, short, bad, caption, image or section."""
    lines = logical_lines(text, off)
    for line in lines:
        classify(line, off)
    mark_context(lines, off)
    return lines
