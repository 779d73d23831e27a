"""Quotation units: the quoted stretches of an article, found by pairing marks per paragraph.

Straight and curly double marks, the doubled apostrophe some wires use, and British single marks
outside double-mark quotations. A unit left open at a paragraph end continues when the next
paragraph opens with a mark and the unit opened a speech (the multi-paragraph convention);
otherwise it is cut at the paragraph end. Units are then masked, so that words inside a
quotation are never taken for a cue or a speaker. Pure; must never raise on any text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

MASK = "\x01"
# A double mark: `''`, two backquotes, or one of `"“”„«»`; written to open with a character class
# (the second apostrophe or backquote checked after it) so that the regex engine skips to the
# next candidate character instead of trying the pattern at every position.
_DOUBLE_MARKS = re.compile(r"[\"“”„«»'`](?:(?<=')'|(?<=`)`|(?<=[\"“”„«»]))")
_SINGLE_MARKS = re.compile(r"[‘’']")
_OPENING_CONTEXT = frozenset("([{<—–-/‘'\"“„«:;" + MASK)
_CLOSING_CONTEXT = frozenset(".,;:!?)]}—–-…'’\"”»" + MASK)
QUOTE_CHARS = frozenset("\"“”„«»‘’'`")
END_PUNCT = frozenset(".!?…")
_PARAGRAPH = re.compile(r"[^\n]+")
# Marks that open a quotation unless their context says otherwise, and marks that close one.
_OPENING_MARKS = ("“", "„", "«", "``")
_CLOSING_MARKS = ("”", "»")
# Characters before a mark that let a quotation run on past the paragraph end.
_SPEECH_OPENERS = '\n:,—–-"“'
# Characters before and after a British single mark that opens or closes a quotation.
_SINGLE_OPEN_BEFORE = '([{—–-"“:'
_SINGLE_OPEN_AFTER = "…["
_SINGLE_CLOSE_AFTER = '.,;:!?)]}—–-…"”'
# "the Smiths' house" is an apostrophe, not a closing mark, when the quotation would be long.
_PLURAL_POSSESSIVE_MIN = 40
# Shortest units kept, marks included: shorter ones are empty or a stray pair of marks.
_MIN_DOUBLE_UNIT = 2
_MIN_SINGLE_UNIT = 3


@dataclass(slots=True)
class Unit:
    """A quoted stretch, marks included; `closed` is False when its closing mark was missing."""

    start: int
    end: int
    closed: bool
    last: str = ""  # last character inside the marks
    first: str = ""  # first character inside the marks


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, surrounding whitespace left out."""
    paras = []
    for m in _PARAGRAPH.finditer(text):
        s, e = m.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            paras.append((s, e))
    return paras


def _mark_role(text: str, s: int, e: int, ps: int, pe: int) -> str:
    """'open', 'close' or 'toggle' (a straight mark whose context does not tell)."""
    mark = text[s:e]
    prev = text[s - 1] if s > ps else " "
    nxt = text[e] if e < pe else " "
    can_open = (prev.isspace() or prev in _OPENING_CONTEXT) and not nxt.isspace()
    can_close = not prev.isspace() and (nxt.isspace() or nxt in _CLOSING_CONTEXT)
    if mark in _OPENING_MARKS:
        return "close" if (can_close and not can_open) else "open"
    if mark in _CLOSING_MARKS:
        return "open" if (can_open and not can_close) else "close"
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    return "toggle"


def _rstrip_to(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _opens_speech(text: str, pos: int) -> bool:
    """Does the mark at `pos` open a quotation that may run on (paragraph start, after a colon
    or a comma), rather than a quoted phrase inside a sentence that simply lost its closing mark?"""
    k = pos - 1
    while k >= 0 and text[k] in " \t\xa0":
        k -= 1
    return k < 0 or text[k] in _SPEECH_OPENERS or text[k] in QUOTE_CHARS


def _double_units(text: str, paras: list[tuple[int, int]]) -> list[Unit]:
    units: list[Unit] = []
    open_at: int | None = None
    for pi, (ps, pe) in enumerate(paras):
        marks = [
            (m.start(), m.end(), _mark_role(text, m.start(), m.end(), ps, pe))
            for m in _DOUBLE_MARKS.finditer(text, ps, pe)
        ]
        if open_at is not None:
            if (
                marks
                and marks[0][0] == ps
                and marks[0][2] != "close"
                and _opens_speech(text, open_at)
            ):
                marks = marks[1:]  # the opening mark repeated at a new paragraph of the quote
            else:
                units.append(Unit(open_at, paras[pi - 1][1], closed=False))
                open_at = None
        for s, e, role in marks:
            if open_at is None:
                if role != "close":
                    open_at = s
            elif role != "open":
                units.append(Unit(open_at, e, closed=True))
                open_at = None
            else:  # a second opening: the first quotation was never closed
                end = _rstrip_to(text, open_at, s)
                units.append(Unit(open_at, end, closed=False))
                open_at = s
    if open_at is not None and paras:
        units.append(Unit(open_at, paras[-1][1], closed=False))
    return units


def _single_opens(mark: str, prev: str, nxt: str) -> bool:
    return (
        mark != "’"
        and (prev.isspace() or prev in _SINGLE_OPEN_BEFORE)
        and (nxt.isalpha() or nxt in _SINGLE_OPEN_AFTER)
    )


def _single_closes(mark: str, prev: str, nxt: str, at_end: bool, length: int) -> bool:
    return (
        mark != "‘"
        and not prev.isspace()
        and not (prev.isalnum() and nxt.isalnum())
        and (nxt.isspace() or nxt in _SINGLE_CLOSE_AFTER or at_end)
        and not (prev == "s" and nxt.isspace() and length > _PLURAL_POSSESSIVE_MIN)
    )


def _single_units(text: str, paras: list[tuple[int, int]], taken: list[Unit]) -> list[Unit]:
    """Quotations in single marks (British style) outside double-mark quotations.

    An unmatched single mark is far more often an apostrophe than a cut quotation, so single-mark
    quotations are kept only when closed.
    """
    starts = [u.start for u in taken]

    def inside(pos: int) -> bool:
        i = bisect_right(starts, pos) - 1
        return i >= 0 and taken[i].start <= pos < taken[i].end

    units: list[Unit] = []
    open_at: int | None = None
    for pi, (ps, pe) in enumerate(paras):
        scan_from = ps
        if open_at is not None:
            if text[ps] in "‘'":
                scan_from = ps + 1  # the opening mark repeated at a new paragraph
            else:
                open_at = None
        for m in _SINGLE_MARKS.finditer(text, scan_from, pe):
            s = m.start()
            if inside(s) or text[s - 1 : s] == "'" or text[s + 1 : s + 2] == "'":
                continue
            prev = text[s - 1] if s > ps else " "
            nxt = text[s + 1] if s + 1 < pe else " "
            if open_at is None:
                if _single_opens(m.group(), prev, nxt):
                    open_at = s
            elif _single_closes(m.group(), prev, nxt, s + 1 >= pe, s - open_at):
                units.append(Unit(open_at, s + 1, closed=True))
                open_at = None
        if open_at is not None and pi + 1 < len(paras):
            continue
        open_at = None
    return units


def find_units(text: str, paras: list[tuple[int, int]]) -> list[Unit]:
    """Every quotation of the text in order, none overlapping, each with its first and last
    characters."""
    units = [u for u in _double_units(text, paras) if u.end - u.start > _MIN_DOUBLE_UNIT]
    units += [u for u in _single_units(text, paras, units) if u.end - u.start > _MIN_SINGLE_UNIT]
    units.sort(key=lambda u: u.start)
    kept: list[Unit] = []
    for u in units:
        if kept and u.start < kept[-1].end:
            continue
        j = u.end - 1 if u.closed else u.end
        while j > u.start and (text[j - 1] in QUOTE_CHARS or text[j - 1].isspace()):
            j -= 1
        u.last = text[j - 1] if j > u.start else ""
        i = u.start
        while i < j and (text[i] in QUOTE_CHARS or text[i].isspace()):
            i += 1
        u.first = text[i] if i < j else ""
        kept.append(u)
    return kept


def masked(text: str, units: list[Unit]) -> str:
    """The text with every unit replaced by as many `MASK` characters."""
    pieces = []
    pos = 0
    for u in units:
        pieces.append(text[pos : u.start])
        pieces.append(MASK * (u.end - u.start))
        pos = u.end
    pieces.append(text[pos:])
    return "".join(pieces)
