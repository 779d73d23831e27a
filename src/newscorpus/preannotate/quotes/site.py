"""What the attribution strategies share about one cue: how surely it reports speech, and where a
content after it would start (past the person told, adverbials, `according to`'s source).

Computing a `Site` claims nothing: it only reads tokens, so the strategies in `strategies` may
be tried in any order over it. Pure; must never raise on any token list.
"""

from __future__ import annotations

from dataclasses import dataclass

from newscorpus.preannotate.quotes.attribution import Attribution, Paragraph
from newscorpus.preannotate.quotes.clauses import content_end, skip_adverbials, skip_object
from newscorpus.preannotate.quotes.cues import Cue
from newscorpus.preannotate.quotes.lexicon import (
    ADVERBIAL_PREPS,
    AMBIGUOUS_FORMS,
    AUX_ADVERBS,
    CONJUNCTIONS,
    CUE_VERBS,
    DOCUMENT_VERBS,
    EVIDENCE_NOUNS,
    GERUNDS,
    OBJECT_FIRST_VERBS,
)
from newscorpus.preannotate.quotes.reading import Reading
from newscorpus.preannotate.quotes.scores import STRONG_CUE, WEAK_CUE
from newscorpus.preannotate.quotes.tokens import Tok, is_word

# Longest stretch searched for the "that" after the person told ("tells voters who ... that").
_THAT_AFTER_OBJECT_REACH = 16
# Most words between the person asked and the "to" of `asked leaders to disavow him`.
_OBJECT_TO_REACH = 3
# Longest stretch searched for the "that" after an adverbial ('said on ABC's "This Week" that').
_THAT_AFTER_ADVERBIAL_REACH = 14
# Longest "published Thursday," after `according to the schedule`.
_DOCUMENT_REACH = 8
# Fewest words after a cue that make a clause rather than a few words of apposition.
_MIN_CLAUSE_WORDS = 3


@dataclass(slots=True)
class Site:
    """One cue being attributed in the sentence `toks[i0:i1]`; tokens before `taken` already
    belong to a content; `si` is the sentence's index in the paragraph."""

    para: Paragraph
    att: Attribution
    cue: Cue
    r: Reading
    i0: int
    i1: int
    taken: int
    si: int
    cue_positions: list[int]  # other cues that may end a content (see `content_end`)
    ambiguous: bool  # the cue's form is as often a noun ("claims", "reports")
    evidence: bool  # a cue of evidence or belief whose subject is a document ("polls show")
    strong: bool  # an unambiguous speech verb
    base: float  # the score of a content right beside the cue
    a: int  # where a content after the cue would start (i1: nowhere)
    right_clause: bool  # a clause follows the cue


def _has_words(toks: list[Tok], a: int, end: int, n: int) -> bool:
    """Are there at least `n` words from `a` to `end`? Stops counting once there are."""
    if n <= 0:
        return True
    for k in range(a, end):
        if is_word(toks[k]):
            n -= 1
            if n == 0:
                return True
    return False


def _past_person_told(toks: list[Tok], a: int, i1: int) -> int:
    """`told reporters that ...`, `tells voters who wonder why ... that he ...`; but the person
    asked stays in the content of `asked leaders to disavow him` (as PolNeAR has it)."""
    start = a
    a = skip_object(toks, a, i1)
    for k in range(a, min(i1, a + _OBJECT_TO_REACH)):
        if toks[k].low == "to" and k > start:
            return start
        if not is_word(toks[k]) or toks[k].low == "that":
            break
    for k in range(a, min(i1, a + _THAT_AFTER_OBJECT_REACH)):
        if toks[k].unit >= 0 or toks[k].text in (",", ";", ":", "."):
            break
        if toks[k].low == "that" and k > a:
            return k
    return a


def _that_after_adverbial(toks: list[Tok], a: int, i1: int) -> int:
    """'said on ABC's "This Week" that ...': an adverbial the lists do not know."""
    for k in range(a + 1, min(i1, a + _THAT_AFTER_ADVERBIAL_REACH)):
        if toks[k].text in (".", ";", ":") or toks[k].low in CUE_VERBS:
            break
        if toks[k].low == "that":
            return k
    return a


def _past_comma(toks: list[Tok], a: int, i1: int) -> int:
    """`said, however, that`, `said, "..."`: past a comma before "that" or a quotation."""
    a2 = skip_adverbials(toks, a + 1, i1)
    if a2 < i1 and toks[a2].text == "," and a2 > a + 1:
        a2 = a2 + 1
    if a2 < i1 and (toks[a2].unit >= 0 or toks[a2].low == "that"):
        return a2
    return a


def _start_after_cue(toks: list[Tok], cue: Cue, r: Reading, i1: int) -> int:
    """Where a content after a cue other than `according to` would start."""
    a = r.after
    if cue.lemma in OBJECT_FIRST_VERBS:
        a = _past_person_told(toks, a, i1)
    a = skip_adverbials(toks, a, i1)
    if a < i1 and toks[a].low in ADVERBIAL_PREPS and cue.cls in ("speech", "thought"):
        a = _that_after_adverbial(toks, a, i1)
    if a < i1 and toks[a].text == ",":
        a = _past_comma(toks, a, i1)
    if cue.lemma in ("warn", "accuse") and a < i1 and toks[a].low in ("of", "about"):
        a += 1
    return a


def according_start(toks: list[Tok], r: Reading, i1: int) -> int:
    """Where the claim after `according to X` starts (past the comma and "published Monday,")."""
    a = r.after + 1 if r.after < i1 and toks[r.after].text == "," else r.after
    if a < i1 and toks[a].low in DOCUMENT_VERBS:
        # "According to the schedule published Thursday, Thiel is ...": past the comma.
        for k in range(a + 1, min(i1, a + _DOCUMENT_REACH)):
            if toks[k].text == ",":
                a = k + 1
                break
            if not is_word(toks[k]):
                break
    return a


def according_late(toks: list[Tok], cue: Cue, i0: int) -> bool:
    """Are there words before `according to` in its sentence (so the claim is before it)?"""
    return cue.v > i0 + 1 or (cue.v == i0 + 1 and is_word(toks[i0]))


def _content_start(toks: list[Tok], cue: Cue, r: Reading, i0: int, i1: int) -> int:
    if cue.lemma == "according":
        a = i1 if according_late(toks, cue, i0) else according_start(toks, r, i1)
    else:
        a = _start_after_cue(toks, cue, r, i1)
    # After a comma or a dash, a conjunction or a gerund cue starts another clause, not this
    # cue's content ('"...," Mr. Elkins said - but they ...', '..., noting that').
    k = a
    while k < i1 and toks[k].text in (",", "-", "—", "--", "–"):
        k += 1
    if k > a and k < i1 and (toks[k].low in CONJUNCTIONS or toks[k].low in GERUNDS):
        a = i1
    return a


def _is_ambiguous(toks: list[Tok], cue: Cue, r: Reading, evidence: bool) -> bool:
    if evidence:
        return False  # "polls show Clinton ahead", "..., fundraising documents show."
    ambiguous = toks[cue.v].low in AMBIGUOUS_FORMS
    if ambiguous and toks[cue.v].low == cue.lemma and r.speaker and not r.inverted:
        # A base form after a plural subject is a verb ("senators claim to object"):
        # `read_cue` let it through only then.
        ambiguous = toks[cue.v - 1].low in AUX_ADVERBS
    return ambiguous


def make_site(
    para: Paragraph,
    att: Attribution,
    cue: Cue,
    r: Reading,
    bounds: tuple[int, int, int, int],
    cue_positions: list[int],
) -> Site:
    """The site of `cue`; `bounds` is (i0, i1, taken, si)."""
    i0, i1, taken, si = bounds
    toks = para.toks
    evidence = (
        cue.cls in ("evidence", "thought")
        and r.speaker is not None
        and toks[r.speaker[1] - 1].low in EVIDENCE_NOUNS
    )
    ambiguous = _is_ambiguous(toks, cue, r, evidence)
    strong = cue.cls == "speech" and not ambiguous
    a = _content_start(toks, cue, r, i0, i1)
    right_clause = (
        not r.inverted
        and a < i1
        and (
            toks[a].low == "that"
            or _has_words(toks, a, content_end(toks, a, i1, []), _MIN_CLAUSE_WORDS)
        )
    )
    return Site(
        para=para,
        att=att,
        cue=cue,
        r=r,
        i0=i0,
        i1=i1,
        taken=taken,
        si=si,
        cue_positions=cue_positions,
        ambiguous=ambiguous,
        evidence=evidence,
        strong=strong,
        base=STRONG_CUE if strong else WEAK_CUE,
        a=a,
        right_clause=right_clause,
    )
