"""Noun cues: `his support for Clinton`, `Trump's attacks on the press`, `her promise to ...`.

PolNeAR counts a claim, stance or speech act named by a noun as an attribution: the noun (with
its preposition when the preposition is not part of the content) is the cue, its possessor the
source, what follows the preposition the content (`that` and `to` stay with the content, as
they do after verbs). Read after the sentence's verb cues, on the words they left; a noun cue
never takes words another attribution of the sentence holds. Pure: claims units only through
`Paragraph`; must never raise on any token list.
"""

from __future__ import annotations

from newscorpus.preannotate.quotes.attribution import Attribution, Paragraph
from newscorpus.preannotate.quotes.clauses import content_end
from newscorpus.preannotate.quotes.lexicon import (
    CONTENT_PREPOSITIONS,
    DETERMINERS,
    NOUN_CUES,
    POSSESSIVE_DETERMINERS,
)
from newscorpus.preannotate.quotes.scores import NOUN_CUE
from newscorpus.preannotate.quotes.speakers import np_back
from newscorpus.preannotate.quotes.tokens import Tok, is_word

# Most words between a possessor and its noun ("his repeated and angry attacks on").
_MODIFIER_REACH = 3
# Fewest words of a noun cue's content.
_MIN_CONTENT_WORDS = 1


def _possessor(toks: list[Tok], k: int, lo: int) -> tuple[int, int] | None:
    """`his`, `Trump's`, `the senator's` before the noun at `k`, past a few modifiers."""
    for m in range(k - 1, max(lo, k - 1 - _MODIFIER_REACH) - 1, -1):
        t = toks[m]
        if t.low in POSSESSIVE_DETERMINERS:
            return (m, m + 1)
        if t.low.endswith(("’s", "'s")) and is_word(t):
            start = np_back(toks, m, lo)
            return (start, m + 1) if start is not None else (m, m + 1)
        if not is_word(t) or t.low in DETERMINERS or t.unit >= 0:
            return None
    return None


def _held(here: list[Attribution], toks: list[Tok], a: int, b: int) -> bool:
    """Does another attribution of the sentence hold a token of `a` to `b`?"""
    lo, hi = toks[a].start, toks[b - 1].end
    for att in here:
        spans = [*att.contents, *(sp for sp in (att.cue, att.speaker) if sp)]
        if any(s < hi and lo < e for s, e in spans):
            return True
    return False


def noun_cues(
    p: Paragraph, i0: int, i1: int, taken: int, here: list[Attribution]
) -> list[Attribution]:
    """Every noun cue with a possessor in the sentence `i0`..`i1`, after `taken`."""
    toks = p.toks
    out: list[Attribution] = []
    k = max(i0 + 1, taken)
    while k < i1 - 1:
        preps = NOUN_CUES.get(toks[k].low)
        if preps is None or toks[k + 1].low not in preps:
            k += 1
            continue
        prep = toks[k + 1].low
        speaker = _possessor(toks, k, max(i0, taken))
        a = k + 1 if prep in CONTENT_PREPOSITIONS else k + 2
        end = content_end(toks, a, i1, []) if a < i1 else a
        words = sum(1 for m in range(a, end) if is_word(toks[m]) or toks[m].unit >= 0)
        held = speaker is not None and _held(here + out, toks, speaker[0], end)
        if speaker is None or words < _MIN_CONTENT_WORDS or held:
            k += 1
            continue
        att = p.new((k, a), speaker, NOUN_CUE, "noun_cue")
        att.lemma = toks[k].low
        p.clause(att, a, end)
        out.append(att)
        k = end
    return out
