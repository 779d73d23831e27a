"""Bylines and datelines: who wrote the story and when, as the page writes it.

Authors come from a byline ("By A and B", or "By" above a name line); the published date is the
date of the nearest dateline or byline above the body, kept as written (parsing it is the
reader's business). Stamps and author lines are also what tells a headline from its surroundings
(`title`). Pure: it must never guess a date or a name the page does not print.
"""

from __future__ import annotations

from newscorpus.ingest.pagedump.lines import Line
from newscorpus.ingest.pagedump.meta_patterns import (
    AUTHOR_LINE,
    BYLINE,
    DATE,
    DAY_MONTH,
    HANDLE,
    META_STAMP,
    NAME,
    NAME_SPLIT,
    ROLE,
)
from newscorpus.ingest.pagedump.patterns import AGENCIES, AGO, HAS_DIGIT, SENTENCE_END
from newscorpus.ingest.pagedump.settings import (
    AUTHOR_LINE_MAX_WORDS,
    BYLINE_LOOKBACK,
    META_MAX_WORDS,
    ROLE_ALONE_MAX_WORDS,
    STAMP_MAX_WORDS,
    TITLE_LOOKBACK,
)

__all__ = ["byline_before", "byline_names", "is_author_line", "is_stamp", "published_before"]

# A line that is the word "By" alone: the names are on the next line.
_BY_ALONE = ("by", "by:")


def byline_names(text: str) -> tuple[str, ...]:
    """The names of a byline ("By A and B, March 3, 2024"), agencies left out; () when none."""
    date = DATE.search(text) if HAS_DIGIT.search(text) else None
    if date:
        text = text[: date.start()]
    m = BYLINE.match(text)
    if not m:
        return ()
    names = []
    for part in NAME_SPLIT.split(m.group("names").strip()):
        part = part.strip(" .")
        if part and NAME.match(part) and part.lower() not in AGENCIES:
            names.append(part)
    return tuple(names)


def byline_before(lines: list[Line], start: int) -> tuple[str, ...]:
    """Authors from the nearest byline above the body ("By A and B", or "By" then a name line)."""
    for i in range(start - 1, max(-1, start - BYLINE_LOOKBACK - 1), -1):
        line = lines[i]
        if line.words > META_MAX_WORDS:
            continue
        names = byline_names(line.text)
        if not names and line.text.strip().lower() in _BY_ALONE and i + 1 < start:
            names = byline_names(f"By {lines[i + 1].text}")
        if names:
            return names
    return ()


def published_before(lines: list[Line], start: int) -> str | None:
    """The date of the nearest dateline or byline above the body, as written.

    A caption's date is when the photo was taken, not when the story was published.
    """
    for i in range(start - 1, max(-1, start - TITLE_LOOKBACK - 1), -1):
        line = lines[i]
        if line.words <= META_MAX_WORDS and line.kind != "caption" and HAS_DIGIT.search(line.text):
            m = DATE.search(line.text)
            if m:
                return m.group(0).strip(" ,")
    return None


def is_stamp(line: Line) -> bool:
    """A byline or a date stamp ("By ...", "Updated 6:15 pm", "March 3, 2024", "2 hours ago")."""
    text = line.text
    if BYLINE.match(text) or META_STAMP.search(text) or text.lower() in _BY_ALONE:
        return True
    return bool(
        HAS_DIGIT.search(text)
        and (
            DATE.search(text)
            or DAY_MONTH.search(text)
            or (line.words <= STAMP_MAX_WORDS and AGO.search(text))
        )
    )


def is_author_line(line: Line) -> bool:
    """An author's name with a role ("Lena Okafor-Brandt, Staff Writer") or handle, or a role alone.

    A name alone ("Hugo Brandt", "Daria Venn in Kesh") is judged by its place (`title`).
    """
    if line.words > AUTHOR_LINE_MAX_WORDS:
        return False
    text = line.text
    if ROLE.search(text):
        return (line.words <= ROLE_ALONE_MAX_WORDS and not SENTENCE_END.search(text)) or bool(
            AUTHOR_LINE.match(text)
        )
    return "@" in text and bool(HANDLE.search(text))  # "Jane Doe @janedoe"
