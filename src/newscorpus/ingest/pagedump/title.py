"""The headline: which line above the body is the story's title.

Candidates are headline-like lines (a few words, not chrome, not a sentence, not a stamp or a
ticker) among the last text lines before the body; each is scored by what sits below it (its
byline or date), its length and shape, and its distance from the body. Pure: it must never
rewrite the headline, and never pick a line by a site's name or layout.
"""

from __future__ import annotations

from newscorpus.ingest.pagedump.byline import is_author_line, is_stamp
from newscorpus.ingest.pagedump.captions import has_photo_credit
from newscorpus.ingest.pagedump.lines import Line
from newscorpus.ingest.pagedump.meta_patterns import ALT_WORDS, LONE_NAME, TITLE_BAR, TITLE_NOISE
from newscorpus.ingest.pagedump.patterns import STOP_WORDS, UNSPACED
from newscorpus.ingest.pagedump.settings import (
    BAR_TITLE_COST,
    LONE_NAME_MAX_WORDS,
    LONE_NAMES_MAX_WORDS,
    LONG_TITLE_BONUS,
    LONG_TITLE_WORDS,
    MAX_TITLE_SCORE,
    META_BONUS,
    META_MAX_WORDS,
    META_REACH,
    META_TITLE_COST,
    NAME_ABOVE_STAMP_REACH,
    NAME_TITLE_COST,
    NAME_TITLE_MAX_WORDS,
    SHORT_TITLE_COST,
    SHORT_TITLE_WORDS,
    STANDFIRST_COST,
    STANDFIRST_HEADLINE_MIN_WORDS,
    STANDFIRST_LOOKUP,
    TEXT_LINE_MIN_WORDS,
    TICKER_WORDS_PER_NOISE,
    TITLE_CANDIDATES,
    TITLE_CASE_MIN_WORDS,
    TITLE_LOOKBACK,
    TITLE_MAX_CHARS,
    TITLE_MAX_WORDS,
    TITLE_MIN_WORDS,
)

__all__ = ["find_title"]

# How a headline never ends (a sentence, a label, a list) and never begins (a credit, a note).
_NOT_TITLE_END = (".", ":", ",", ";")
_NOT_TITLE_START = "(["


def find_title(lines: list[Line], start: int) -> int | None:
    """Index of the headline among the text lines above the body `lines[start:]`, or None.

    The headline is usually the nearest candidate, right above its byline or date; what looks
    like a headline but sits directly under a shorter one is the standfirst; bars ("BREAKING
    ...") and all-capital labels rarely are the headline; menus and teaser lists are further up.
    Ties go to the nearest line.
    """
    head = _Head(lines, start)
    best: int | None = None
    best_score = float("-inf")
    rank = 0
    for i in range(start - 1, max(-1, start - TITLE_LOOKBACK - 1), -1):
        line = lines[i]
        if (line.kind == "bad" and not line.template) or line.kind == "image":
            continue
        if line.kind == "caption" and not (line.twice or line.template):
            continue
        if line.words >= TEXT_LINE_MIN_WORDS:
            rank += 1
        if rank > TITLE_CANDIDATES or MAX_TITLE_SCORE - rank <= best_score:
            break  # too far up to beat the best (ties go to the nearer line)
        if not head.title_like(i):
            continue
        score = _title_score(head, i) - rank
        if score > best_score:
            best, best_score = i, score
    return best


class _Head:
    """The lines above a body, with which of them are bylines, names or stamps worked out once."""

    def __init__(self, lines: list[Line], start: int) -> None:
        self.lines = lines
        self.start = start
        self._strong: dict[int, bool] = {}
        self._title_like: dict[int, bool] = {}

    def title_like(self, j: int) -> bool:
        found = self._title_like.get(j)
        if found is None:
            found = self._title_like[j] = _is_title_like(self.lines[j])
        return found

    def _stamp_or_author(self, j: int) -> bool:
        found = self._strong.get(j)
        if found is None:
            line = self.lines[j]
            found = (
                line.words <= META_MAX_WORDS
                and line.kind != "image"
                and (is_stamp(line) or is_author_line(line))
            )
            self._strong[j] = found
        return found

    def meta(self, j: int) -> bool:
        """A byline, an author's line or a date stamp: what sits between a headline and its body.

        A name alone ("Hugo Brandt") counts only right above a stamp: menus are full of two
        capitalised words too.
        """
        if self._stamp_or_author(j):
            return True
        line = self.lines[j]
        limit = LONE_NAMES_MAX_WORDS if " and " in line.text else LONE_NAME_MAX_WORDS
        if line.words > limit or line.kind == "image" or not LONE_NAME.match(line.text):
            return False
        reach = min(self.start, j + 1 + NAME_ABOVE_STAMP_REACH)
        return any(self._stamp_or_author(k) for k in range(j + 1, reach))


def _title_words(line: Line) -> int:
    """Words, with unspaced scripts counted two characters a word."""
    if line.text.isascii():
        return line.words
    return line.words + len(UNSPACED.findall(line.text)) // 2


def _is_title_like(line: Line) -> bool:
    """Could be a headline: a few words, not chrome, not a sentence, not a stamp or a ticker."""
    text = line.text
    chrome = line.kind == "bad" and not line.template
    caption = line.kind == "caption" and not (line.twice or line.template)
    if chrome or caption or line.kind == "image" or line.bullet:
        return False
    if not TITLE_MIN_WORDS <= _title_words(line) <= TITLE_MAX_WORDS or len(text) > TITLE_MAX_CHARS:
        return False
    if text.endswith(_NOT_TITLE_END) or text[0] in _NOT_TITLE_START or "   " in text:
        return False  # a sentence, a label, a credit or a table row
    if "://" in text or "www." in text or has_photo_credit(text):
        return False
    noise = len(TITLE_NOISE.findall(text))
    if noise * TICKER_WORDS_PER_NOISE > line.words or "▲" in text or "▼" in text:
        return False  # a ticker or a score line: numbers and arrows, not a headline
    if (text[0].isalpha() and text[0].islower()) or text.rsplit(None, 1)[-1] in ALT_WORDS:
        return False
    return not is_stamp(line)


def _title_case(line: Line) -> bool:
    """Three words in four capitalised, as headlines in title case are and standfirsts never."""
    words = [w for w in line.text.split() if w[0].isalpha() and w.lower() not in STOP_WORDS]
    if len(words) < TITLE_CASE_MIN_WORDS:
        return False
    return sum(w[0].isupper() for w in words) * 4 >= len(words) * 3


def _title_score(head: _Head, i: int) -> float:
    """How headline-like `lines[i]` is by its place and shape (its distance is counted apart)."""
    line = head.lines[i]
    words = _title_words(line)
    score = _meta_below_bonus(head, i)
    if words >= LONG_TITLE_WORDS:
        score += LONG_TITLE_BONUS
    elif words <= SHORT_TITLE_WORDS:
        score -= SHORT_TITLE_COST
    if head.meta(i):
        score -= META_TITLE_COST
    elif line.words <= NAME_TITLE_MAX_WORDS and LONE_NAME.match(line.text):
        score -= NAME_TITLE_COST  # capitalised words alone: a name, a label or a promo
    if line.text.isupper() or TITLE_BAR.match(line.text):
        score -= BAR_TITLE_COST
    if _under_shorter_headline(head, i, words) and not _title_case(line):
        score -= STANDFIRST_COST  # the standfirst (a sentence) under its headline
    return score


def _meta_below_bonus(head: _Head, i: int) -> float:
    """The bonus for a byline or date right below the candidate (fewer lines between: more)."""
    between = 0  # text lines between the candidate and a byline or date below it
    for j in range(i + 1, min(head.start, i + META_REACH)):
        if head.meta(j):
            return 0.0 + META_BONUS[between]
        below = head.lines[j]
        if below.kind in ("good", "short") and below.words >= TEXT_LINE_MIN_WORDS:
            between += 1
            if between >= len(META_BONUS):
                break
    return 0.0


def _under_shorter_headline(head: _Head, i: int, words: int) -> bool:
    """Whether the nearest text line above is headline-like and shorter than the candidate."""
    for j in range(i - 1, max(-1, i - 1 - STANDFIRST_LOOKUP), -1):
        above = head.lines[j]
        if above.kind == "image":
            continue
        return head.title_like(j) and STANDFIRST_HEADLINE_MIN_WORDS <= _title_words(above) < words
    return False
