"""The article body: the densest run of prose on the page, and its paragraphs.

Each line gains (prose: its length) or costs (chrome, headings, images, section headings) a
weight; the body is the run with the highest total (maximum-sum subarray), short boxes set into
the story capped so that they do not cut it. The run's edges are then set right: a standfirst
above the byline is left out, short sentences that close the story are taken in, and short list
items inside the body are kept although the "bullets" family calls them chrome (their place in the
story says what a line alone cannot). Reads the kinds `classify` and `context` set; it must never
change a line's kind, and never change a paragraph's words.
"""

from __future__ import annotations

from newscorpus.ingest.pagedump.byline import byline_names, is_stamp
from newscorpus.ingest.pagedump.classify import is_chrome
from newscorpus.ingest.pagedump.lines import Line, bullet_runs
from newscorpus.ingest.pagedump.patterns import SENTENCE_END, SENTENCE_INSIDE, SEPARATOR
from newscorpus.ingest.pagedump.settings import (
    ALL_ON,
    BAD_COST,
    BODY_BYLINE_MAX_WORDS,
    BOX_CAP,
    BOX_LINES,
    CAPTION_COST,
    END_AFTER,
    GOOD_DISCOUNT,
    GOOD_MIN_GAIN,
    IMAGE_COST,
    ISOLATED_FACTOR,
    LIST_ITEM_GAP,
    META_MAX_WORDS,
    MIN_SHORT_WORDS,
    SECTION_COST,
    SHORT_COST,
    TAIL_CHARS,
    TAIL_MIN_WORDS,
    TAIL_REACH,
)

__all__ = [
    "body_lines",
    "body_paragraphs",
    "densest_run",
    "line_weights",
    "past_standfirst",
    "through_last_sentences",
    "through_list",
]


def densest_run(lines: list[Line], off: frozenset[str] = ALL_ON) -> tuple[int, int] | None:
    """The run of lines with the most prose net of chrome (maximum-sum subarray), or None.

    Families "isolated" and "boxes" in `off` leave those weights out (an ablation).
    """
    best = 0.0
    best_span: tuple[int, int] | None = None
    running = 0.0
    start = 0
    for i, (line, w) in enumerate(zip(lines, line_weights(lines, off), strict=True)):
        if line.kind == "end":
            if best >= END_AFTER:
                break  # comments follow the article: nothing after them is the story
            running = 0.0
            continue
        if running <= 0:
            running = w
            start = i
        else:
            running += w
        if running > best:
            best = running
            best_span = (start, i + 1)
    return best_span


def past_standfirst(lines: list[Line], start: int, end: int, off: frozenset[str] = ALL_ON) -> int:
    """Where the body `lines[start:end]` starts once a standfirst above its byline is left out.

    A story's byline or date sits between its headline block (headline, standfirst, the lead
    picture's caption) and its text: a paragraph the run begins with, set apart from the rest by
    a box holding a byline or a date stamp, is that block's, not the story's. Family "standfirst"
    in `off` leaves the rule out (an ablation).
    """
    if "standfirst" in off or lines[start].kind != "good":
        return start
    j = start + 1
    while j < end and lines[j].kind != "good":
        j += 1
    if j >= end or j == start + 1:
        return start
    meta = (
        line
        for line in lines[start + 1 : j]
        if line.kind in ("short", "bad") and line.words <= META_MAX_WORDS
    )
    return j if any(is_stamp(line) or byline_names(line.text) for line in meta) else start


def through_last_sentences(lines: list[Line], end: int, off: frozenset[str] = ALL_ON) -> int:
    """Where the body ends once the short sentences right after it are taken in.

    A story often ends in a few short lines (a quote, a one-line update, a subheading and its
    sentence), each worth less than it costs, so the densest run stops before them: the lines
    that follow the run, up to the first that is neither a heading nor a sentence, are the
    story's when the last of them is a sentence. Family "last_sentences" in `off` leaves the rule
    out (an ablation).
    """
    if "last_sentences" in off:
        return end
    last = end
    for j in range(end, min(len(lines), end + TAIL_REACH)):
        line = lines[j]
        if line.kind != "short" or SEPARATOR.match(line.text):
            break  # chrome, a section, or a rule ("___") that closes the story
        if line.words >= TAIL_MIN_WORDS and SENTENCE_END.search(line.text[-TAIL_CHARS:]):
            last = j + 1
    return last


def through_list(lines: list[Line], end: int, off: frozenset[str] = ALL_ON) -> int:
    """Where the body ends once a list it ends in, or announces with a colon, is taken in whole.

    Items set apart by a link, a price or a picture each cost more than a short item gains, so
    the densest run stops at the first of them. Family "announced_lists" in `off` leaves the rule
    out (an ablation).
    """
    last_line = lines[end - 1]
    if "announced_lists" in off or last_line.kind != "good":
        return end
    if not (last_line.bullet or last_line.text.endswith(":")):
        return end
    last = end
    for j in range(end, len(lines)):
        line = lines[j]
        if line.kind in ("section", "end") or j - last >= LIST_ITEM_GAP + 1:
            break
        if line.kind == "good" and not line.bullet:
            break  # prose again: the densest run would have taken it, had it belonged
        if line.bullet and line.kind == "good":
            last = j + 1
    return last


def body_paragraphs(
    lines: list[Line], start: int, end: int, off: frozenset[str] = ALL_ON
) -> tuple[list[str], tuple[str, ...]]:
    """The paragraphs of the body `lines[start:end]`, and the authors of a byline among them."""
    kept, authors = body_lines(lines, start, end, off)
    return [lines[i].text for i in kept], authors


def body_lines(
    lines: list[Line], start: int, end: int, off: frozenset[str] = ALL_ON
) -> tuple[list[int], tuple[str, ...]]:
    """Which lines of the body `lines[start:end]` are paragraphs (indices), and a byline's authors.

    The same paragraph twice is a pull quote or a teaser repeating the story: kept once. A byline
    inside the run ("By A and B" between headline and text) is not a paragraph; a sentence that
    starts with "By" ("By Monday, ...") is prose, so only short lines count. A lone word between
    paragraphs is a widget label, not a heading. A short list item inside the body is the story's
    (`_story_list_items`). Families "dedupe", "body_bylines" and "body_lists" in `off` leave those
    rules out (an ablation). The indices are the rules' own decision per line, which
    `benchmarks/pagedump_model.py` reads.
    """
    dedupe = "dedupe" not in off
    bylines = "body_bylines" not in off
    items = _story_list_items(lines, start, end) if "body_lists" not in off else set()
    authors: tuple[str, ...] = ()
    kept: list[int] = []
    seen: set[str] = set()
    for i in range(start, end):
        line = lines[i]
        if line.kind not in ("good", "short"):
            if i in items:
                kept.append(i)
            continue
        if line.kind == "good" and dedupe:
            if line.key in seen:
                continue
            seen.add(line.key)
        short = line.kind == "short" and bylines
        names = byline_names(line.text) if short and line.words <= BODY_BYLINE_MAX_WORDS else ()
        if names:
            authors = authors or names
            continue
        if short and line.words < MIN_SHORT_WORDS:
            continue
        kept.append(i)
    return kept, authors


def _story_list_items(lines: list[Line], start: int, end: int) -> set[int]:
    """The short list items set inside the body that are the story's, not a box of links.

    A list item too short to be a sentence is taken for a menu entry or a teaser headline
    (family "bullets"); inside the story it is more often the story's own list (steps, names,
    items, or a subheading set as a bullet). A list opened or closed by a section heading
    ("Related", "Trending"), or opened by a line of chrome (a box's label: "More:"), is a box of
    teasers, and an item the whole-line rules call chrome, the page repeats or that credits a
    photo stays out.
    """
    items: set[int] = set()
    for i, j in bullet_runs(lines, start, end):
        label = lines[i - 1] if i > 0 else None
        boxed = (
            label is not None
            and (label.kind == "section" or (label.kind == "bad" and not label.bullet))
        ) or (j < len(lines) and lines[j].kind == "section")
        if not boxed:
            items.update(
                k
                for k in range(i, min(j, end))
                if lines[k].kind == "bad"
                and lines[k].words
                and not (lines[k].template or lines[k].credit or is_chrome(lines[k].text))
            )
    return items


def _weight(line: Line, isolated: bool) -> float:
    if line.kind == "good":
        gain = max(GOOD_MIN_GAIN, len(line.text) - GOOD_DISCOUNT)
        # Teasers come one sentence at a time between headlines and stamps; a body comes in runs.
        return gain * ISOLATED_FACTOR if isolated else gain
    if line.kind == "section":
        return -float(SECTION_COST)
    if line.kind == "caption":
        return -CAPTION_COST
    if line.kind == "image":
        return -float(IMAGE_COST)
    if line.kind == "bad":
        return -float(min(max(BAD_COST, len(line.text) // 2), 2 * BAD_COST))
    return -float(SHORT_COST)


def is_isolated(lines: list[Line], i: int) -> bool:
    """True when the nearest text lines on both sides (past images and chrome) are not prose."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and lines[j].kind in ("bad", "caption", "image"):
            j += step
        if 0 <= j < len(lines) and lines[j].kind == "good":
            return False
    return True


def line_weights(lines: list[Line], off: frozenset[str] = ALL_ON) -> list[float]:
    """Each line's gain (prose) or cost (chrome), with short boxes inside a story capped.

    A few lines of chrome between two paragraphs ("Related: ...", a bullet or two of links, an
    image and its credit) are a box set into the article; a long run is a menu or a teaser list.
    """
    weights = []
    for i, line in enumerate(lines):
        isolated = (
            line.kind == "good"
            and "isolated" not in off
            and not SENTENCE_INSIDE.search(line.text)
            and is_isolated(lines, i)
        )
        weights.append(_weight(line, isolated))
    if "boxes" not in off:
        _cap_boxes(lines, weights)
    return weights


def _cap_boxes(lines: list[Line], weights: list[float]) -> None:
    """Scale down the cost of each short run of non-prose lines between two paragraphs."""
    i = 0
    n = len(lines)
    while i < n:
        if lines[i].kind == "good":
            i += 1
            continue
        j = i
        while j < n and lines[j].kind != "good":
            j += 1
        inside = i > 0 and j < n
        if inside and j - i <= BOX_LINES and all(ln.kind != "end" for ln in lines[i:j]):
            cost = -sum(weights[i:j])
            if cost > BOX_CAP:
                scale = BOX_CAP / cost
                for k in range(i, j):
                    weights[k] *= scale
        i = j
