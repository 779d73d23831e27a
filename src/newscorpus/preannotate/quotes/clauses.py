"""Where a reported clause starts and ends: adverbials and the person told skipped after a cue,
and the end of the clause that follows.

Token-range functions over one paragraph's tokens; they return indexes, never spans of text.
Pure; must never raise on any token list.
"""

from __future__ import annotations

from newscorpus.preannotate.quotes.lexicon import (
    ADVERBIAL_PREPS,
    ARTICLES,
    CLAUSE_BREAKS,
    CONTRAST_WORDS,
    FINITE_VERBS,
    GERUNDS,
    ING_NOT_CLAUSE,
    MEDIUM_LINKS,
    MEDIUM_NOUNS,
    NP_STOP,
    OBJECT_DETERMINERS,
    OBJECT_NOUNS,
    OBJECT_PRONOUNS,
    PRONOUNS,
    RELATIVES,
    TIME_WORDS,
)
from newscorpus.preannotate.quotes.tokens import Tok, is_cap, is_word
from newscorpus.preannotate.quotes.units import Unit

# Tokens that may end a clause or open a parenthetical.
_DASHES = (";", "—", "--", "-", "–")
# Tokens dropped from the end of a content.
_CONTENT_TRAILERS = (".", ",", "!", "?", ":", "…", "-", "—", "--", "and")
# The only words `_word_ends_clause` can stop at when no units are given (a cheap test first).
_CLAUSE_END_WORDS = frozenset({"compared", *GERUNDS})
# Longest prepositional phrase after a cue naming the medium or occasion ("in a statement").
_ADVERBIAL_REACH = 9
# Longest such phrase without a medium noun, when a comma or colon ends it.
_ADVERBIAL_TO_COMMA = 6
# Longest object of "told" ("told a rally in Ohio that").
_OBJECT_REACH = 7
# Longest parenthetical between two dashes, and longest apposition between two commas.
_PARENTHETICAL_REACH = 16
_APPOSITION_REACH = 25
# Longest quoted tail of a clause (", calling it an "area of contention."").
_QUOTED_TAIL_REACH = 10
# Most words between "and"/"but" and another speaker's cue ("and Y said B").
_LATER_SUBJECT_REACH = 6
# Shortest -ing word that opens a participial clause ("being", "using" do not).
_MIN_PARTICIPLE = 6


def _medium_end(toks: list[Tok], i: int, hi: int) -> int | None:
    """End of `in a statement`, `on Tuesday`, `at the rally,` starting at the preposition `i`."""
    k = i + 1
    end = None
    while k < hi and k - i <= _ADVERBIAL_REACH:
        tk = toks[k]
        if tk.unit >= 0 or tk.text in (",", ":", ";", ".") or tk.low == "that":
            break
        if tk.low in PRONOUNS:
            break
        if tk.low in MEDIUM_NOUNS or (tk.low in TIME_WORDS and tk.low not in ("this",)):
            end = k + 1
        k += 1
    if end is None and k < hi and toks[k].text in (",", ":") and k - i <= _ADVERBIAL_TO_COMMA:
        end = k
    return end


def _up_to_quotation(toks: list[Tok], end: int, hi: int) -> int:
    """ "in the debate spin room,": a few more words up to a comma before a quotation."""
    m = end
    while m < hi and m - end < 3 and is_word(toks[m]) and toks[m].low != "that":
        m += 1
    if m > end and m + 1 < hi and toks[m].text in (",", ":") and toks[m + 1].unit >= 0:
        return m
    return end


def _medium_names(toks: list[Tok], end: int, hi: int) -> int:
    """ "in an interview with CNN", "on NBC's Meet the Press": the names after the medium."""
    while end < hi and toks[end].low in MEDIUM_LINKS:
        k = end + 1
        while k < hi and (is_cap(toks[k]) or toks[k].low == "the"):
            k += 1
        if k == end + 1:
            break
        end = k
    return end


def skip_adverbials(toks: list[Tok], i: int, hi: int) -> int:
    """Skip time words and `in a statement`-like phrases right after a cue."""
    while i < hi:
        low = toks[i].low
        if low in ADVERBIAL_PREPS:
            end = _medium_end(toks, i, hi)
            if end is None:
                return i
            i = _medium_names(toks, _up_to_quotation(toks, end, hi), hi)
            continue
        if low in TIME_WORDS and low != "this":
            i += 1
            continue
        if low == "this" and i + 1 < hi and toks[i + 1].low in TIME_WORDS:
            i += 2
            continue
        return i
    return i


def _object_phrase_end(toks: list[Tok], i: int, hi: int) -> int:
    """ "told the meeting:", "told a rally in Ohio that": up to a colon, comma, "that" or quote."""
    for k in range(i + 1, min(hi, i + _OBJECT_REACH)):
        nxt = toks[k]
        if nxt.text in (":", ",") or nxt.low == "that" or nxt.unit >= 0:
            return k
        if not is_word(nxt) or nxt.low in PRONOUNS:
            break
    k = i + 1
    while k < hi and k - i <= 5 and is_word(toks[k]) and toks[k].low not in NP_STOP:
        if toks[k].low in OBJECT_NOUNS or (
            is_cap(toks[k]) and (k + 1 >= hi or not is_cap(toks[k + 1]))
        ):
            return k + 1
        k += 1
    return i


def skip_object(toks: list[Tok], i: int, hi: int) -> int:
    """Skip the person told (`told reporters`, `told The Associated Press`, `told him`)."""
    if i >= hi:
        return i
    t = toks[i]
    if t.low in OBJECT_PRONOUNS or t.low in OBJECT_NOUNS:
        return i + 1
    if t.low in OBJECT_DETERMINERS and i + 1 < hi:
        return _object_phrase_end(toks, i, hi)
    if is_cap(t) and t.low not in PRONOUNS and t.unit < 0:
        k = i
        while k < hi and is_word(toks[k]) and (is_cap(toks[k]) or toks[k].low == "of"):
            k += 1
        return k
    return i


def paired(toks: list[Tok], k: int, hi: int) -> int:
    """Index of the dash closing a parenthetical opened by the dash at `k` (0 when none)."""
    for m in range(k + 1, min(hi, k + _PARENTHETICAL_REACH)):
        if toks[m].text == toks[k].text:
            return m
        if toks[m].text in (".", ";"):
            return 0
    return 0


def quoted_tail(toks: list[Tok], k: int, hi: int) -> bool:
    """Does the clause from `k` to the end of the sentence end with a quotation (", calling it
    an "area of contention."")? PolNeAR keeps such a tail in the content."""
    for m in range(k, min(hi, k + _QUOTED_TAIL_REACH)):
        if toks[m].unit >= 0:
            return all(not is_word(x) for x in toks[m + 1 : hi])
        if toks[m].text in (",", ";", ".", "—", "--"):
            return False
    return False


def apposition_end(toks: list[Tok], k: int, hi: int) -> int:
    """Index of the comma closing an apposition or relative clause opened by the comma at `k`
    when the sentence's verb follows it (", a first-time chief, was ..."), else 0."""
    if toks[k + 1].low not in ("a", "an", "which", "who", "whose"):
        return 0
    for m in range(k + 2, min(hi - 1, k + _APPOSITION_REACH)):
        t = toks[m]
        if t.text in (".", ";", ":", "!", "?") or t.unit >= 0:
            return 0
        if t.text == ",":
            nxt = toks[m + 1]
            return (
                m if nxt.low in FINITE_VERBS or (nxt.low.endswith("ed") and not is_cap(nxt)) else 0
            )
    return 0


def _after_dash(toks: list[Tok], a: int, k: int, hi: int) -> int | None:
    """Next index of a clause at a dash or semicolon `k`: past a parenthetical, or None (ends)."""
    text = toks[k].text
    if text == ";":
        return None
    if text in ("-", "–"):
        if k > a + 2 and toks[k - 1].end < toks[k].start:
            # A spaced hyphen used as a dash ("above- and below-ground" is not one).
            end = paired(toks, k, hi)
            return end + 1 if end else None
        return k + 1
    end = paired(toks, k, hi)
    if end:
        return end + 1
    return None if k > a + 2 else k + 1


def _after_comma(toks: list[Tok], a: int, k: int, hi: int, subordinate: bool) -> int | None:
    """Next index of a clause at the comma `k`: past an apposition, or None (the clause ends)."""
    nxt = toks[k + 1] if k + 1 < hi else None
    if k > a + 1 and (subordinate or (nxt is not None and nxt.low in CLAUSE_BREAKS)):
        back = apposition_end(toks, k, hi) if not subordinate else 0
        # 'that Fiorina, a first-time chief, was "learning on the job"'
        return back + 1 if back else None
    if nxt is None:
        return k + 1
    if k > a + 2 and k + 2 < hi and nxt.low == "with":
        return None  # "denied it happened, with Lewandowski taking to Twitter"
    if nxt.low in GERUNDS or nxt.low == "according":
        return None
    if (
        k > a + 2
        and nxt.low.endswith("ing")
        and len(nxt.low) >= _MIN_PARTICIPLE
        and nxt.low not in ING_NOT_CLAUSE
        and not is_cap(nxt)
        and not quoted_tail(toks, k + 2, hi)
    ):
        return None  # "..., releasing satellite imagery": a new participial clause, not the claim
    return k + 1


def _word_ends_clause(toks: list[Tok], a: int, k: int, hi: int, units: list[Unit] | None) -> bool:
    t = toks[k]
    if t.low == "compared" and k > a + 2:
        return True
    if t.low in GERUNDS and k > a and toks[k - 1].unit >= 0:
        return True  # 'said that there is "only one ...," adding that'
    return (
        units is not None
        and k > a + 1
        and toks[k - 1].unit >= 0
        and units[toks[k - 1].unit].last == ","
        and t.low not in ("and", "or", "but")
        and not (t.low in ARTICLES and any(toks[m].unit >= 0 for m in range(k + 1, min(hi, k + 4))))
    )  # 'things "should be wrapped up by Cleveland," referring to ...'


def _before_later_cue(toks: list[Tok], a: int, k: int, later_cues: list[int]) -> int:
    """Another speaker's cue after "and"/"but" ends this content ("X said A, and Y said B")."""
    for c in later_cues:
        if a < c < k:
            m = c - 1
            while m > a and toks[m].low not in CONTRAST_WORDS and (toks[m].text not in (",", ";")):
                m -= 1
            between = {t.low for t in toks[m + 1 : c]}
            if m > a and c - m <= _LATER_SUBJECT_REACH and not between & RELATIVES:
                return m
    return k


def content_end(
    toks: list[Tok],
    a: int,
    hi: int,
    later_cues: list[int],
    subordinate: bool = False,
    units: list[Unit] | None = None,
) -> int:
    """Token index where a reported clause starting at token `a` ends (exclusive).

    `subordinate`: the cue sits in a subordinate clause ("in which most voters say ..."), whose
    content ends at the next comma.
    """
    k = a
    while k < hi:
        t = toks[k]
        text = t.text
        if text == ",":
            nxt = _after_comma(toks, a, k, hi, subordinate)
        elif text in _DASHES:
            nxt = _after_dash(toks, a, k, hi)
        elif text == "(":
            nxt = None if k > a else k + 1
        elif (
            text[0].isalnum()
            and (units is not None or t.low in _CLAUSE_END_WORDS)
            and _word_ends_clause(toks, a, k, hi, units)
        ):
            nxt = None
        else:
            nxt = k + 1
        if nxt is None:
            break
        k = nxt
    k = _before_later_cue(toks, a, k, later_cues)
    while k > a and toks[k - 1].text in _CONTENT_TRAILERS:
        k -= 1
    return k
