"""Cue finding: the words of a sentence that may report speech, belief or a stance.

Cues are the listed verbs (`lexicon.CUE_VERBS`) and phrasal verbs, `according to`, `in the
latest poll`, and past-tense verbs the lists do not know when they stand right beside a
quotation (`"Quiet," he barked`). Finding a cue says nothing yet about its speaker or content
(see `reading` and `strategies`). Pure; must never raise on any token list.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

from newscorpus.preannotate.quotes.lexicon import (
    AUX_ADVERBS,
    CALL_NOT_CUE,
    CLEAR_IT_CUES,
    CUE_VERBS,
    NEGATIONS,
    NOT_SPEECH_ED,
    NOUN_LIKE_FORMS,
    PHRASAL_CUES,
    POLL_FOLLOWERS,
    POLL_NOUNS,
    PRONOUNS,
    SHOW_NOT_CUE,
    UNRELIABLE_FORMS,
    UNRELIABLE_LEMMAS,
)
from newscorpus.preannotate.quotes.scores import TITLE_CASE_SHARE
from newscorpus.preannotate.quotes.speakers import np_inverted
from newscorpus.preannotate.quotes.tokens import Tok, is_adverb, is_cap, is_word

# Longest `in the latest CNN poll` phrase (tokens).
_POLL_REACH = 9
# Fewest words of a sentence read as a title-case headline.
_MIN_TITLE_WORDS = 4
# Shortest unlisted past-tense verb read as a cue ("barked", not "led").
_MIN_UNLISTED_VERB = 5
# Most tokens of a subject between a quotation and an unlisted verb ('"...," Mayor Holt barked').
_UNLISTED_SUBJECT_REACH = 4
# Most words between a negation and its cue ("did not later say").
_NEGATION_REACH = 4
# Words that may open a cue other than an unlisted verb in -ed: `find_cues` tests each token
# against this one set first, since most tokens are none of them.
_CUE_OPENERS = frozenset(
    {"according", "in", *CUE_VERBS, *(k[0] for k in CLEAR_IT_CUES), *(k[0] for k in PHRASAL_CUES)}
)


_low = attrgetter("low")


@dataclass(slots=True)
class Cue:
    v: int  # token index of the verb (or of `according`)
    v_end: int  # token index after the cue
    lemma: str
    cls: str


def _poll_phrase(toks: list[Tok], i: int, i1: int) -> bool:
    """`in the latest CNN poll` closing a clause, or `In the new poll,` opening one."""
    end = min(i1, i + _POLL_REACH)
    if POLL_NOUNS.isdisjoint(map(_low, toks[i + 1 : end])):
        return False  # no poll noun in reach (most "in"s): the walk below cannot succeed
    for k in range(i + 1, end):
        t = toks[k]
        if not is_word(t) and t.text not in ("-", "/", "’s", "'s"):
            return False
        if t.low in POLL_NOUNS:
            nxt = toks[k + 1] if k + 1 < i1 else None
            return nxt is None or nxt.text in (",", ".", ";") or nxt.low in POLL_FOLLOWERS
    return False


def _subject_like(tok: Tok) -> bool:
    return is_cap(tok) or tok.low in PRONOUNS or tok.low == "the"


def _post_quote_verb(toks: list[Tok], i: int, i0: int, i1: int) -> bool:
    """`"Quiet," he demanded.`, `"...!" beamed Hartley`: a verb the lists do not know, read
    as a cue only between a quotation and the end of the clause."""
    low = toks[i].low
    if not (low.endswith("ed") and len(low) >= _MIN_UNLISTED_VERB and low.isalpha()):
        return False
    if is_cap(toks[i]) or low in NOT_SPEECH_ED or i <= i0:
        return False
    if toks[i - 1].unit >= 0:  # inverted: '"...!" beamed Donald Hartley.'
        return (
            i + 1 < i1
            and is_cap(toks[i + 1])
            and toks[i + 1].low not in PRONOUNS
            and np_inverted(toks, i + 1, i1) is not None
        )
    k = i + 1
    if k < i1 and toks[k].low in ("out", "back", "up"):
        k += 1
    if k < i1 and toks[k].text not in (",", ".", "!", "?", ";", "—", "--"):
        return False
    m = i - 1
    while (
        m > i0
        and i - m <= _UNLISTED_SUBJECT_REACH
        and toks[m - 1].unit < 0
        and _subject_like(toks[m])
    ):
        m -= 1
    if not _subject_like(toks[m]):
        return False
    if m == i0 or (
        toks[m - 1].unit < 0
        and not (toks[m - 1].text == "," and m - 2 >= i0 and toks[m - 2].unit >= 0)
    ):
        return False
    u = toks[m - 1] if toks[m - 1].unit >= 0 else toks[m - 2]
    return u.unit >= 0


def _title_case(toks: list[Tok], i0: int, i1: int) -> bool:
    """A headline in title case ("Beck Says Trump Poses A Threat"), where verbs are capitalized
    too and so can still be cues."""
    words = [t for t in toks[i0:i1] if is_word(t) and t.unit < 0]
    if len(words) < _MIN_TITLE_WORDS:
        return False
    return sum(1 for t in words if is_cap(t)) >= TITLE_CASE_SHARE * len(words)


def _listed_cue(toks: list[Tok], i: int, i0: int, i1: int) -> Cue | None:
    """The cue of a listed verb form at `i`, unless its context makes it another word."""
    tok = toks[i]
    low = tok.low
    entry = CUE_VERBS[low]
    if low in NOUN_LIKE_FORMS:
        return None
    if (
        tok.text[0].isupper()
        and i != i0
        and not (entry[1] != "quote_only" and _title_case(toks, i0, i1))
    ):
        return None
    if low in UNRELIABLE_FORMS or entry[0] in UNRELIABLE_LEMMAS:
        return None
    nxt = toks[i + 1].low if i + 1 < i1 else ""
    if entry[0] == "call" and nxt in CALL_NOT_CUE:
        return None
    if low == "reporting":
        return None
    if low in ("state", "states"):
        return Cue(i, i + 1, "state", "quote_only")
    if entry[0] in ("show", "find") and nxt in SHOW_NOT_CUE:
        return None
    if entry[0] == "plan" and nxt != "to":
        return None  # "the tax cut plans are ...": a noun
    if entry[1] == "object" and low.endswith("ed") and nxt == "by":
        return None  # "groups backed by Ankara": a passive participle
    return Cue(i, i + 1, entry[0], entry[1])


def find_cues(toks: list[Tok], i0: int, i1: int) -> list[Cue]:
    """Every cue of the sentence `toks[i0:i1]`, in order."""
    cues = []
    openers = _CUE_OPENERS
    for i, low in enumerate(map(_low, toks[i0:i1]), i0):
        if low not in openers and (low[-1:] != "d" or not low.endswith("ed")):
            continue
        if low == "according" and i + 1 < i1 and toks[i + 1].low == "to":
            cues.append(Cue(i, i + 2, "according", "according"))
        elif low == "in" and _poll_phrase(toks, i, i1):
            cues.append(Cue(i, i + 1, "according", "according"))
        elif i + 2 < i1 and (low, toks[i + 1].low, toks[i + 2].low) in CLEAR_IT_CUES:
            cues.append(Cue(i, i + 3, "make clear", "speech"))
        elif i + 1 < i1 and (low, toks[i + 1].low) in PHRASAL_CUES:
            lemma, cls = PHRASAL_CUES[(low, toks[i + 1].low)]
            cues.append(Cue(i, i + 2, lemma, cls))
        elif low in CUE_VERBS:
            cue = _listed_cue(toks, i, i0, i1)
            if cue is not None:
                cues.append(cue)
        elif low.endswith("ed") and _post_quote_verb(toks, i, i0, i1):
            cues.append(Cue(i, i + 1, low, "quote_only"))
    return cues


def negated(toks: list[Tok], v: int, i0: int) -> bool:
    """Is the cue at `v` negated ("did not say", "would never tell", "doesn't expect")?"""
    for k in range(v - 1, max(i0, v - _NEGATION_REACH) - 1, -1):
        low = toks[k].low
        if low in NEGATIONS or low.endswith(("n't", "n’t")):
            return True
        if low not in AUX_ADVERBS and not is_adverb(toks[k]):
            return False
    return False
