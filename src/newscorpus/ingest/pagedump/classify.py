"""A line of a page dump judged by itself: prose, a heading or label, chrome, an image, a credit.

Sets `Line.kind` to good (prose), short (headings and labels: the body decides by context), bad
(menus, widgets, prompts, stamps, credits), image, section (what follows is rarely the story) or
end (comments). Neighbours are `context`'s business: this module must never look at other lines,
and never change a line's words except to drop an agency's copyright notice after a caption and
a card shown on hover inside a paragraph.
"""

from __future__ import annotations

from newscorpus.ingest.pagedump.captions import has_photo_credit
from newscorpus.ingest.pagedump.lines import Line, width, word_count
from newscorpus.ingest.pagedump.meta_patterns import DATE
from newscorpus.ingest.pagedump.patterns import (
    AGO,
    BULLET_ONLY,
    CAPTION_COPYRIGHT,
    CHROME,
    CHROME_FIRST,
    COMMENTS_HEADING,
    CONTRIBUTED,
    COOKIES,
    CREDIT_ALONE,
    CREDIT_ALONE_FIRST,
    CREDIT_LAST,
    CREDIT_LINE,
    CREDIT_LINE_FIRST,
    CREDIT_ONLY,
    CREDIT_ONLY_FIRST,
    FILE_NAME,
    FORM_FIELD,
    HAS_DIGIT,
    HOVER_CARD,
    IMAGE_ONLY,
    PROMPT_BY_WORD,
    PROMPT_FIRST,
    PROMPT_START,
    PROMPT_WORDS,
    SECTION_HEADING,
    SENTENCE_END,
    STOP_WORDS,
    TRUNCATED,
    UNSPACED,
    WIDGET_STRONG,
    WIDGET_WORDS,
    WORD,
)
from newscorpus.ingest.pagedump.settings import (
    ALL_ON,
    BARE_BULLET_MAX_CHARS,
    BULLET_MIN_DENSITY,
    CHROME_MAX_CHARS,
    CREDIT_LINE_MAX_WORDS,
    CREDIT_MAX_WORDS,
    DATE_LINE_MAX_OTHER_CHARS,
    DATE_LINE_MAX_WORDS,
    FILE_NAME_MAX_SPACES,
    HEADING_MAX_CHARS,
    LONG_LINE_CHARS,
    LONG_LINE_MIN_DENSITY,
    MIN_BULLET_WORDS,
    NOTICE_STRIP_MIN_CHARS,
    PROMPT_MAX_CHARS,
    PROMPT_MIN_WORDS,
    PROSE_MIN_DENSITY,
    PROSE_MIN_WORDS,
    SPACED_MAX_CHARS_PER_WORD,
    SPACED_MIN_WORDS,
    STAMP_MAX_WORDS,
    TAIL_CHARS,
    UNSPACED_MAX_SHARE,
    WIDE_LINE_MIN_CHARS,
    WIDGET_MAX_WORDS,
    WIDGET_MIN_STRONG,
    WIDGET_SHORT_WORDS,
)

__all__ = ["classify", "density", "is_chrome"]

# Digits a widget word may carry ("A+", "12 shares"): stripped before the word lists are read.
_DIGITS = "0123456789"


def classify(line: Line, off: frozenset[str] = ALL_ON) -> None:
    """Set `words`, `key` and `kind` (and `credit` for a photo credit alone) from the text alone.

    Rule families named in `off` are not applied (an ablation: `settings.RULE_FAMILIES`).
    """
    text = line.text
    if len(text) > NOTICE_STRIP_MIN_CHARS and ("©" in text or "opyright" in text):
        text = _drop_caption_notice(line)
    if "MORE" in text and "[" in text and "cards" not in off:
        text = line.text = HOVER_CARD.sub("", text)
    low = text.lower()
    words = WORD.findall(low)
    line.words = len(words)
    line.key = " ".join(words)
    line.kind = _kind(line, text, low, words, off)


def is_chrome(text: str) -> bool:
    """Whether a paragraph from another reader (an HTML extractor) is site chrome by its words.

    The whole-line rules of a dump (prompts, widgets, labels, credit lines, stamps, teasers cut
    short) judge a paragraph as they judge a line; the rules that read a dump's layout (bullets,
    length, stop words) are left out, since the paragraph's markup has already decided those.
    """
    text = text.strip()
    low = text.lower()
    words = WORD.findall(low)
    return bool(words) and _is_chrome(text, low, words)


def density(words: list[str]) -> float:
    """Share of stop words: prose is dense in them, menus and labels are not."""
    return sum(map(STOP_WORDS.__contains__, words)) / len(words)


def _drop_caption_notice(line: Line) -> str:
    """A caption's credit followed by the agency's copyright notice loses the notice."""
    text = line.text
    m = CAPTION_COPYRIGHT.search(text)
    if m and has_photo_credit(text[: m.start()]):
        text = line.text = text[: m.start()]
    return text


def _kind(line: Line, text: str, low: str, words: list[str], off: frozenset[str]) -> str:
    """The first rule that fits decides; a line no rule rejects is judged as prose or not."""
    n = len(words)
    size = len(text)
    if text[0] == "[" and IMAGE_ONLY.match(text):
        return "image"
    if (
        n == 0
        or (size < BARE_BULLET_MAX_CHARS and BULLET_ONLY.match(text))
        or ("[" in text and FORM_FIELD.search(text))
    ):
        return "bad"
    if line.bullet and n < MIN_BULLET_WORDS and "bullets" not in off:
        return "bad"  # a menu item or a teaser headline
    if (
        size < HEADING_MAX_CHARS
        and not line.bullet
        and "sections" not in off
        and SECTION_HEADING.match(text)
    ):
        return "end" if COMMENTS_HEADING.match(text) else "section"
    if n <= CREDIT_MAX_WORDS and "captions" not in off and _is_credit_alone(text, words):
        line.credit = True
        return "bad"
    if _is_chrome(text, low, words, off):
        return "bad"
    return _prose_kind(line, text, words, off)


def _is_credit_alone(text: str, words: list[str]) -> bool:
    """A photo credit on a line of its own: "Photo: Jane Roe", "Michael Conroy, AP"."""
    first = text[0]
    return bool(
        (first in CREDIT_ONLY_FIRST and CREDIT_ONLY.match(text))
        or (
            (first in CREDIT_ALONE_FIRST or "/" in text or words[-1] in CREDIT_LAST)
            and CREDIT_ALONE.match(text)
        )
    )


def _is_chrome(text: str, low: str, words: list[str], off: frozenset[str] = ALL_ON) -> bool:
    """Chrome, in the order the rules are tried: whole-line chrome ("Share this", "Related: ...",
    "© 2024 ...") or a credit label, share widgets, cookie notices and site prompts, reporting
    credits, teasers cut short, file names and relative stamps, a date alone. A family named in
    `off` is not tried (an ablation: `settings.RULE_FAMILIES`).

    The cheap bounds (length, word count, a key word) are tested here, before any pattern; the
    rules stay inline because this runs for every line of every page.
    """
    n = len(words)
    size = len(text)
    first = text[0]
    if (
        size < CHROME_MAX_CHARS
        and (
            ((not first.isalpha() or words[0] in CHROME_FIRST) and CHROME.match(text))
            or (first in CREDIT_ONLY_FIRST and CREDIT_ONLY.match(text))
        )
        and "chrome" not in off
    ):
        return True
    if n <= WIDGET_MAX_WORDS and _is_widget(words) and "widgets" not in off:
        return True
    if (
        ("cookie" in low and COOKIES.search(low))
        or (n >= PROMPT_MIN_WORDS and size < PROMPT_MAX_CHARS and _is_prompt(low, words))
    ) and "prompts" not in off:
        return True
    if "credit_lines" not in off and (
        (first in CREDIT_LINE_FIRST and CREDIT_LINE.match(text))
        or (n <= CREDIT_LINE_MAX_WORDS and "contributed" in low and CONTRIBUTED.search(low))
    ):
        return True
    tail = text[-TAIL_CHARS:]
    if ("..." in tail or "…" in tail) and TRUNCATED.search(tail) and "teasers" not in off:
        return True
    return "stamps" not in off and _is_stamp(text, low, n)


def _is_stamp(text: str, low: str, n: int) -> bool:
    """A file name left as text, a relative time stamp ("2 hours ago"), or a date alone."""
    return (
        ("." in text and text.count(" ") <= FILE_NAME_MAX_SPACES and bool(FILE_NAME.search(low)))
        or (n <= STAMP_MAX_WORDS and "ago" in low and bool(AGO.search(low)))
        or (n <= DATE_LINE_MAX_WORDS and _is_date_alone(text))
    )


def _is_widget(words: list[str]) -> bool:
    """Share, print and text-size widgets: widget words only, with enough strong ones."""
    if not all(w.lstrip(_DIGITS) in WIDGET_WORDS for w in words):
        return False
    strong = sum(w.lstrip(_DIGITS) in WIDGET_STRONG for w in words)
    return strong >= WIDGET_MIN_STRONG or bool(strong and len(words) <= WIDGET_SHORT_WORDS)


def _is_prompt(low: str, words: list[str]) -> bool:
    """A prompt about the site: known by how it begins, or by one of its key words' patterns."""
    if words[0] in PROMPT_FIRST and PROMPT_START.match(low):
        return True
    if PROMPT_WORDS.isdisjoint(words):
        return False
    return any(PROMPT_BY_WORD[w].search(low) for w in PROMPT_WORDS.intersection(words))


def _is_date_alone(text: str) -> bool:
    """A date and little else: a byline or teaser stamp, never a paragraph."""
    if not HAS_DIGIT.search(text):
        return False
    date = DATE.search(text)
    return bool(date and len(text) - (date.end() - date.start()) < DATE_LINE_MAX_OTHER_CHARS)


def _prose_kind(line: Line, text: str, words: list[str], off: frozenset[str]) -> str:
    """Good when the line reads as prose (sentence end, stop words, length), else short or bad.

    Stop-word density is read only for spaced scripts (family "density"), and words of unspaced
    scripts are counted two characters a word; list items must be sentences (family "bullets").
    """
    n = len(words)
    size = len(text)
    prose_end = bool(SENTENCE_END.search(text[-TAIL_CHARS:]))
    spaced = (
        n >= SPACED_MIN_WORDS
        and size / n < SPACED_MAX_CHARS_PER_WORD
        and "density" not in off
        and (
            text.isascii()
            or not UNSPACED.search(text)
            or len(UNSPACED.findall(text)) < UNSPACED_MAX_SHARE * size
        )
    )
    if line.bullet and "bullets" not in off:
        # Menu items and teaser headlines come as bullets; a real list item in an article is a
        # sentence.
        good_bullet = prose_end and (not spaced or density(words) >= BULLET_MIN_DENSITY)
        return "good" if good_bullet else "bad"
    if size >= LONG_LINE_CHARS or (size >= WIDE_LINE_MIN_CHARS and width(text) >= LONG_LINE_CHARS):
        long_prose = prose_end or not spaced or density(words) >= LONG_LINE_MIN_DENSITY
        return "good" if long_prose else "short"
    if n < PROSE_MIN_WORDS and not spaced and not text.isascii():
        n = word_count(text)  # Chinese, Japanese: a run of characters is a clause, not a word
    if n >= PROSE_MIN_WORDS and prose_end and (not spaced or density(words) >= PROSE_MIN_DENSITY):
        return "good"
    return "short"
