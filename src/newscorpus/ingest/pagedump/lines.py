"""Logical lines of a page dump: the browser's hard wraps undone, each line a record to judge.

`Line` is what every later step reads and marks (`classify`, `context`, `body`, `title`). This
module only splits and measures text: it must never judge a line, and never change a word of it
beyond joining the pieces of a wrapped line with a space.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from newscorpus.ingest.pagedump.patterns import (
    BULLET,
    BULLET_FIRST,
    UNSPACED,
    WIDE,
    WORD,
)
from newscorpus.ingest.pagedump.settings import ALL_ON, BULLET_INDENT, WRAP_COLS, WRAP_INDENT_SLACK

__all__ = ["Line", "logical_lines", "norm_key", "width", "word_count"]


@dataclass(slots=True)
class Line:
    """One logical line: a paragraph, heading, list item or widget label after unwrapping."""

    text: str
    indent: int
    bullet: bool
    words: int = 0
    kind: str = "short"  # good | short | bad | caption | image | section | end (comments)
    key: str = ""
    repeats: int = 1
    template: bool = False  # bad only because the page repeats it (headlines do that too)
    gap: bool = False  # a blank line above it: a block of its own
    credit: bool = False  # a photo credit alone: the line right above it is a caption
    twice: bool = False  # a caption only because it is printed twice in a row (headlines are too)
    # (a caption with `template` set is one because the page repeats it, as it does headlines)


def bullet_runs(
    lines: list[Line], start: int = 0, end: int | None = None
) -> Iterator[tuple[int, int]]:
    """Each run of consecutive list items starting in `lines[start:end]`: (first, past its last).
    A run may go on past `end`."""
    stop = len(lines) if end is None else end
    i = start
    while i < stop:
        if not lines[i].bullet:
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].bullet:
            j += 1
        yield i, j
        i = j


def width(s: str) -> int:
    """Display columns, as the browser counted them when it wrapped (wide characters take two)."""
    if s.isascii():
        return len(s)
    return len(s) + len(WIDE.findall(s))


def norm_key(text: str) -> str:
    """Lowercase words joined by single spaces: how repeats of a line are recognised."""
    return " ".join(WORD.findall(text.lower()))


def word_count(text: str) -> int:
    """Words, for length thresholds; unspaced scripts (Chinese, Japanese): two characters a word."""
    return len(WORD.findall(text)) + len(UNSPACED.findall(text)) // 2


# How a dump's other line and paragraph breaks read as newlines (a tab as four spaces): a text
# written with U+2028 between its lines is as many lines as one written with "\n".
_LINE_BREAKS = str.maketrans({"\u2028": "\n", "\x85": "\n", "\u2029": "\n\n", "\t": "    "})


def logical_lines(text: str, off: frozenset[str] = ALL_ON) -> list[Line]:
    """Undo the browser's hard wraps: a line joins the one before when that was cut at the edge.

    With "unwrap" in `off` (an ablation), every line of the dump stays a line of its own.
    """
    unwrap = "unwrap" not in off
    out: list[Line] = []
    parts: list[list[str]] = []
    prev_raw: str | None = None
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_LINE_BREAKS)
    for raw in text.replace("\xa0", " ").split("\n"):
        raw = raw.rstrip()
        stripped = raw.lstrip()
        if not stripped:
            prev_raw = None
            continue
        indent = len(raw) - len(stripped)
        head = stripped[0]
        bullet = BULLET.match(raw) if head in BULLET_FIRST or head.isdigit() else None
        # A dash at the start of a line that follows a full one is the text going on, not a list.
        dash = bullet is not None and indent == 0 and stripped[0] in "-–*+"
        if (
            unwrap
            and prev_raw is not None
            and (not bullet or dash)
            and stripped != parts[-1][0]
            and _continues(out[-1], prev_raw, stripped, indent)
        ):
            parts[-1].append(stripped)
            prev_raw = raw
            continue
        content = raw[bullet.end() :].strip() if bullet else stripped
        out.append(Line(text="", indent=indent, bullet=bool(bullet), gap=prev_raw is None))
        parts.append([content])
        prev_raw = raw
    for line, pieces in zip(out, parts, strict=True):
        line.text = pieces[0] if len(pieces) == 1 else _join(pieces)
    return out


def _join(pieces: list[str]) -> str:
    """The pieces of a wrapped line as one: a space where the browser broke at one.

    Scripts written without spaces (Chinese, Japanese), which the browser breaks between any two
    characters, join without one when both sides of the break are of them. (Korean is wrapped the
    same way but has spaces, so a wrap there may have fallen at one: it keeps the space.)
    """
    text = pieces[0]
    for piece in pieces[1:]:
        inside = UNSPACED.match(text[-1]) and UNSPACED.match(piece[0])
        text = f"{text}{piece}" if inside else f"{text} {piece}"
    return text


def _continues(last: Line, prev_raw: str, stripped: str, indent: int) -> bool:
    """Whether `stripped` goes on from `prev_raw`: its first word would have passed the edge.

    The wrapped piece keeps the indent of the line it continues (a bullet's text, its text's).
    """
    first_word = stripped.split(" ", 1)[0]
    # Cheap bound first (a character is at most two columns wide), exact widths after.
    fits = 2 * (len(prev_raw) + len(first_word)) + 1 < WRAP_COLS
    prev_width = WRAP_COLS + 2 if fits else width(prev_raw)
    if prev_width > WRAP_COLS + 1:
        return False
    cont_indent = last.indent + (BULLET_INDENT if last.bullet else 0)
    return prev_width + 1 + width(first_word) >= WRAP_COLS and (
        indent == last.indent or abs(indent - cont_indent) <= WRAP_INDENT_SLACK
    )
