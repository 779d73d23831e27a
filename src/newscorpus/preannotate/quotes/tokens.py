"""Tokens and sentences of a paragraph, read on the masked text (a quotation is one token run).

Also the small token tests every other rule module shares (capitalized, a word, verb-like, an
adverb). Pure; must never raise on any text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import islice

from newscorpus.preannotate.quotes.lexicon import (
    ABBREVIATIONS,
    ADVERBIAL_PREPS,
    AFTER_POST_CUE,
    AMBIGUOUS_FORMS,
    CUE_VERBS,
    LY_NOUNS,
    SENTENCE_OPENERS,
    TIME_WORDS,
)
from newscorpus.preannotate.quotes.units import END_PUNCT, MASK, QUOTE_CHARS, Unit

# One pass, common case first: a word may keep a final period; `tokens` splits it off again
# unless the word is an abbreviation ("Mr.", "U.S.", "Calif.", an initial).
_TOKEN = re.compile(MASK + r"+|\d+(?:[,.]\d+)+|\w+(?:[’'\-&.]\w+)*\.?|--|[^\w\s]")
SENTENCE_END = (".", "!", "?", "…")
# The last characters of the tokens that may end a sentence: a quotation's mask run, a mark.
_ENDERS = frozenset((*SENTENCE_END, MASK))
# Closing marks and brackets that stay with the sentence they end.
_TRAILING_CLOSERS = ("’", "'", ")", "”", '"')
# Longest subject between a quotation and a cue that still ends a sentence ('"Why?" Trump asked').
_POST_CUE_REACH = 7
# Shortest adverb in -ly ("only" and "ally" are not).
_MIN_ADVERB = 5


@dataclass(slots=True)
class Tok:
    start: int
    end: int
    text: str
    low: str
    unit: int = -1  # index of the quote unit a masked token stands for


def _is_abbreviation(word: str, following: str) -> bool:
    """Does the period after `word` belong to it ("Mr.", "U.S.", "J. Smith")?"""
    if "." in word:
        return all(len(part) <= 2 for part in word.split("."))  # "U.S.", "a.m.", not "x.com."
    if word in ABBREVIATIONS:
        return not following or following[0].isspace() or following[0] == ","
    return (
        len(word) == 1
        and word.isupper()
        and word != "I"
        and following[:1].isspace()
        and following.lstrip()[:1].isupper()
    )


def tokens(masked: str, ps: int, pe: int, unit_starts: list[int]) -> list[Tok]:
    """Tokens of the paragraph `masked[ps:pe]`; a run of mask characters is one token."""
    toks = []
    append = toks.append
    for m in _TOKEN.finditer(masked, ps, pe):
        t = m[0]
        s, e = m.span()
        last = t[-1]  # a mask run is the only token holding (so ending with) MASK
        if last == MASK:
            tok = Tok(s, e, t, t)
            tok.unit = bisect_right(unit_starts, s) - 1
            append(tok)
        elif last == "." and len(t) > 1 and not _is_abbreviation(t[:-1], masked[e : e + 3]):
            append(Tok(s, e - 1, t[:-1], t[:-1].lower()))
            append(Tok(e - 1, e, ".", "."))
        else:
            append(Tok(s, e, t, t.lower()))
    return toks


def is_cap(tok: Tok) -> bool:
    c = tok.text[0]
    return c.isupper() or c.isdigit()


def is_word(tok: Tok) -> bool:
    return tok.text[0].isalnum()


def verbish(low: str) -> bool:
    """Lowercase words that end a noun phrase when walking back: verbs and adverbs, roughly."""
    return (
        low.endswith("ed")
        or (low.endswith("ly") and low not in LY_NOUNS)
        or (low in CUE_VERBS and low not in AMBIGUOUS_FORMS)
    )


def is_adverb(tok: Tok) -> bool:
    low = tok.low
    return (
        low.endswith("ly") and len(low) >= _MIN_ADVERB and low not in LY_NOUNS and not is_cap(tok)
    )


def _starts_sentence(t: str) -> bool:
    c = t[0]
    return c.isupper() or c.isdigit() or c == MASK or c in QUOTE_CHARS or c in "(["


def _cue_follows(toks: list[Tok], i: int) -> bool:
    """`"Why?" Trump asked.`: a short subject and a cue verb right after a quotation."""
    for k in range(i, min(len(toks), i + _POST_CUE_REACH)):
        t = toks[k]
        if t.low in CUE_VERBS and t.low not in AMBIGUOUS_FORMS and k > i:
            if k + 1 >= len(toks) or not is_word(toks[k + 1]):
                return True
            nxt = toks[k + 1].low
            if nxt.endswith("ly") and (k + 2 >= len(toks) or not is_word(toks[k + 2])):
                return True  # '"...?" Sanders asked rhetorically.'
            return nxt in ADVERBIAL_PREPS or nxt in TIME_WORDS or nxt in AFTER_POST_CUE
        if not is_word(t):
            return False
    return False


def sentences(toks: list[Tok], units: list[Unit]) -> list[tuple[int, int]]:
    """Token ranges of the sentences of a paragraph; a quotation ending in "." may end one."""
    sents = []
    start = 0
    n = len(toks)
    enders = _ENDERS
    for i, tok in enumerate(islice(toks, max(n - 1, 0))):
        if tok.text[-1:] not in enders:
            continue  # none of the cases below (a masked token ends in MASK; an empty text)
        if (
            tok.unit < 0
            and tok.text.endswith(".")
            and len(tok.text) > 1
            and (toks[i + 1].unit >= 0 or toks[i + 1].text in SENTENCE_OPENERS)
        ):
            # 'after a forum in Fort Mill, S.C. "It seems ..."', '... in the U.S. He says ...'
            sents.append((start, i + 1))
            start = i + 1
        elif tok.text in SENTENCE_END:
            j = i + 1
            while j < n and toks[j].text in _TRAILING_CLOSERS:
                j += 1
            if j < n and _starts_sentence(toks[j].text):
                sents.append((start, j))
                start = j
        elif (
            tok.unit >= 0
            and units[tok.unit].last in END_PUNCT
            and _starts_sentence(toks[i + 1].text)
            and toks[i + 1].text != "I"
            and not (start == i and _cue_follows(toks, i + 1))
        ):
            sents.append((start, i + 1))
            start = i + 1
    if start < n:
        sents.append((start, n))
    return sents


def sentence_of_units(toks: list[Tok], i0: int, i1: int) -> bool:
    """A sentence made of quotations and punctuation only."""
    has_unit = False
    for k in range(i0, i1):
        if toks[k].unit >= 0:
            has_unit = True
        elif is_word(toks[k]):
            return False
    return has_unit
