"""Speaker noun phrases: the subject before a cue, the inverted subject after it, a sentence's
subject, and the words between a quotation and its cue.

Token-range functions over one paragraph's tokens; they return indexes (or None when no phrase
fits), never spans of text. Pure; must never raise on any token list.
"""

from __future__ import annotations

from newscorpus.preannotate.quotes.lexicon import (
    ADVERBIAL_PREPS,
    AMBIGUOUS_FORMS,
    CUE_VERBS,
    DETERMINERS,
    DETERMINERS_OR_STOP,
    FAMILIAR_ADJECTIVES,
    INVERSION_FOLLOWERS,
    INVERTED_JOINERS,
    LEADING_CONJUNCTIONS,
    NOT_IN_SUBJECT,
    NP_STOP,
    OBJECT_PRONOUNS,
    PRONOUN_DETERMINERS,
    PRONOUNS,
    TEMPORAL_OPENERS,
    TIME_WORDS,
)
from newscorpus.preannotate.quotes.tokens import Tok, is_cap, is_word, verbish
from newscorpus.preannotate.quotes.units import Unit

# Longest noun phrase walked back from a cue, and forward or inverted after one (tokens).
_NP_BACK_REACH = 8
_NP_FORWARD_REACH = 12
_NP_INVERTED_REACH = 14
# Longest introductory phrase before a sentence's subject ("On Sunday, ...").
_INTRO_REACH = 10
# Longest subject between a quotation and its cue ('"...," Butz, 49, told').
_SUBJECT_AFTER_QUOTE_REACH = 16
_JOINERS = ("-", "–", "&")
_INVERTED_LINKS = ("-", "&", "’s", "'s")
# Punctuation an inverted subject ends at.
_INVERSION_PUNCT = (",", ".", ";", ":", "!", "?", "(", "—", "--")
# Punctuation that cannot stand between a quotation and its cue's subject.
_SUBJECT_BREAKS = (".", ";", ":", "!", "?", "—", "--")
# Last characters of a quotation that end it before a subject ('"...," Butz told').
_QUOTATION_ENDS = ",.!?…-—"


def np_back(toks: list[Tok], j: int, lo: int) -> int | None:
    """Start index of the noun phrase that ends at token `j` (the speaker before a cue)."""
    tok = toks[j]
    if not is_word(tok):
        return None
    low = tok.low
    if low in PRONOUNS:
        return j
    name_like = is_cap(tok) and j > lo and low != "i"  # "From said": a name, not a stopword
    if low in PRONOUN_DETERMINERS and (j == lo or not is_word(toks[j - 1])):
        return j  # "most said", "; others say"
    if not name_like and (low in NP_STOP or low in DETERMINERS or low in OBJECT_PRONOUNS):
        return None
    if j > lo and toks[j - 1].low == "those" and low.endswith("ed"):
        return j - 1  # "those surveyed said", "those polled"
    if not is_cap(tok) and (verbish(low) or low.endswith("ing")):
        return None
    k = j
    limit = max(lo, j - _NP_BACK_REACH)
    while k - 1 >= limit:
        prev = toks[k - 1]
        plow = prev.low
        if plow in DETERMINERS and plow != "that":
            k -= 1  # "the official", "a senior North Korean official": the phrase starts here
            break
        if prev.text in _JOINERS and k - 2 >= limit:
            k -= 1
            continue
        if not is_word(prev) or plow in PRONOUNS:
            break
        if plow in NP_STOP and plow != "of" and not (is_cap(prev) and k - 1 > lo):
            break
        if plow == "of" and (k - 2 < limit or not is_word(toks[k - 2])):
            break
        if not is_cap(prev) and verbish(plow):
            break
        k -= 1
    while k < j and (
        (toks[k].low in NP_STOP and toks[k].low not in DETERMINERS) or toks[k].text in _JOINERS
    ):
        k += 1
    return k


def np_forward(toks: list[Tok], i: int, hi: int, mid_sentence: bool = True) -> int | None:
    """End index (exclusive) of the noun phrase that starts at token `i` (an inverted speaker)."""
    if i >= hi:
        return None
    tok = toks[i]
    if tok.low in PRONOUNS and tok.low != "it":
        return i + 1
    if not is_word(tok) or (tok.low in NP_STOP and not (is_cap(tok) and mid_sentence)):
        return None
    det = tok.low in DETERMINERS
    if not (is_cap(tok) or det):
        return None
    k = i + 1
    while k < hi and k - i < _NP_FORWARD_REACH:
        t = toks[k]
        if t.text in ("-", "&") or (t.low in ("of", "for") and k + 1 < hi and is_cap(toks[k + 1])):
            k += 1
            continue
        if not is_word(t) or t.low in NP_STOP or t.low in CUE_VERBS or t.low in PRONOUNS:
            break
        if not det and not is_cap(t):
            break
        if det and verbish(t.low) and not is_cap(t):
            break
        k += 1
    return k if k > i + (1 if det else 0) else None


def np_inverted(toks: list[Tok], i: int, hi: int) -> int | None:
    """End of an inverted subject right after a quotation: `said former Gov. Ed Rendell.`

    In that position anything up to the next punctuation or adverbial is the speaker, lowercase
    titles included, so the phrase is read more loosely than `np_forward`.
    """
    if i >= hi:
        return None
    tok = toks[i]
    if tok.low in PRONOUNS:
        return i + 1 if tok.low != "it" else None
    name_like = is_cap(tok) and tok.low not in TIME_WORDS and tok.low not in ADVERBIAL_PREPS
    if not name_like and (not is_word(tok) or tok.low in TIME_WORDS or tok.low in ADVERBIAL_PREPS):
        return None
    if not name_like and tok.low in NP_STOP and tok.low != "this":
        return None
    k = i
    while k < hi and k - i < _NP_INVERTED_REACH:
        t = toks[k]
        if t.text in _INVERTED_LINKS and k > i:
            k += 1
            continue
        if (
            not is_word(t)
            or (t.low in INVERSION_FOLLOWERS and k > i)
            or (t.low in CUE_VERBS and not is_cap(t))  # "said State Senator Brek": a name
        ):
            break
        if t.low in NP_STOP and t.low not in INVERTED_JOINERS and not is_cap(t):
            break
        k += 1
    while k > i and toks[k - 1].low in INVERTED_JOINERS and not is_cap(toks[k - 1]):
        k -= 1
    if k == i:
        return None
    if k == i + 1 and toks[i].low in DETERMINERS and toks[i].low not in PRONOUN_DETERMINERS:
        return None
    return k


def inversion_ends(toks: list[Tok], e: int, hi: int, strict: bool) -> bool:
    """After "said X", X must end where an inverted subject ends: punctuation or an adverbial.

    `strict` (no quotation before the cue) accepts only punctuation, so that "Kwon, a director,
    claimed the U.S. again ..." is not read as an inverted "claimed the U.S.".
    """
    if e >= hi:
        return True
    t = toks[e]
    if t.text in _INVERSION_PUNCT:
        return True
    return not strict and (
        t.low in INVERSION_FOLLOWERS
        or t.low in TIME_WORDS
        or t.unit >= 0
        or (t.low.endswith("ing") and not is_cap(t))
    )


def subject(toks: list[Tok], i0: int, limit: int) -> tuple[int, int] | None:
    """The subject at the start of a sentence (for `..., saying` and `... and said`)."""
    i = i0
    while i < limit and toks[i].low in LEADING_CONJUNCTIONS:
        i += 1
    if (
        i + 1 < limit
        and toks[i].low in TEMPORAL_OPENERS
        and np_forward(toks, i + 1, limit, mid_sentence=False) is not None
    ):
        i += 1  # "When Trump later referred to ... and said"
    if i < limit and (toks[i].low in NP_STOP or not is_word(toks[i])):
        # An introductory phrase: "On Sunday, Kwon ...", "In a statement, the ministry ...".
        for k in range(i, min(limit, i + _INTRO_REACH)):
            if toks[k].unit >= 0:
                break
            if toks[k].text == ",":
                i = k + 1
                break
    end = np_forward(toks, i, limit, mid_sentence=False)
    return (i, end) if end is not None else None


def _quotation_before(toks: list[Tok], j: int, i0: int) -> int | None:
    """Index of the quotation a cue's subject follows, if only subject words lie between."""
    k = j
    while k >= i0 and j - k < _SUBJECT_AFTER_QUOTE_REACH:
        t = toks[k]
        if t.unit >= 0:
            break
        if t.text in _SUBJECT_BREAKS or t.low in NOT_IN_SUBJECT:
            return None
        if t.low in CUE_VERBS and not is_cap(t) and t.low not in AMBIGUOUS_FORMS:
            return None
        k -= 1
    if k < i0 or toks[k].unit < 0 or k == j:
        return None
    return k


def subject_after_quote(
    toks: list[Tok], j: int, i0: int, units: list[Unit]
) -> tuple[int, int] | None:
    """'"...," Butz, 49, told': the words between a quotation and its cue are the speaker."""
    k = _quotation_before(toks, j, i0)
    if k is None:
        return None
    if units[toks[k].unit].last not in _QUOTATION_ENDS and toks[k + 1].text != ",":
        return None  # a quoted phrase inside a noun phrase, not a quotation ending here
    s = k + 1
    e = j + 1
    while s < e and toks[s].text in (",", "-", "–"):
        s += 1
    while e > s and toks[e - 1].text in (",", "-", "–"):
        e -= 1
    if e <= s or not is_word(toks[s]):
        return None
    if toks[s].low in NP_STOP and toks[s].low not in DETERMINERS and not is_cap(toks[s]):
        return None  # '"...," and on Monday, CBS said': not a subject
    if toks[s].low in ("and", "but", "or", "so"):
        return None
    if e - s == 1 and toks[s].low in DETERMINERS_OR_STOP and not is_cap(toks[s]):
        return None
    return (s, e)


def familiar_with(toks: list[Tok], j: int, i0: int, start: int | None) -> int | None:
    """`people familiar with the talks said`, `a source close to him said`: the speaker phrase
    runs back past the adjective and its object to the noun before it."""
    lo = j if start is None else start
    for k in range(lo - 1, max(i0, lo - 3), -1):
        if toks[k].low in ("with", "to") and toks[k - 1].low in FAMILIAR_ADJECTIVES:
            head = k - 2
            if head >= i0 and is_word(toks[head]):
                s2 = np_back(toks, head, i0)
                if s2 is not None:
                    return s2
            return start
        if not is_word(toks[k]):
            break
    return start
