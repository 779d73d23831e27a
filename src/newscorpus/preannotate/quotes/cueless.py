"""Attributions without a listed cue verb: a name and a colon (`Warren: ...`, `Trump: "..."`),
a that-clause holding a quotation after an unlisted verb or a claim noun (`fumed that "..."`,
`her assertion that "..."`), and PolNeAR's sourceless readings (`seemed to ...`, `is expected
to ...`, `was asked about ...`).

Tried after the cues of a sentence, on what they left. Pure: claims units only through
`Paragraph`; must never raise on any token list.
"""

from __future__ import annotations

from operator import attrgetter

from newscorpus.preannotate.quotes.attribution import Attribution, Paragraph
from newscorpus.preannotate.quotes.clauses import content_end
from newscorpus.preannotate.quotes.lexicon import (
    ASKED_WHAT,
    AUX_ADVERBS,
    CLAIM_NOUNS,
    COMMA_QUOTE_CLASSES,
    CONJUNCTIONS,
    CUE_VERBS,
    DETERMINERS,
    EMPTY_COLON_SUBJECTS,
    EMPTY_SUBJECTS,
    EXPECTATION_AUX,
    NOT_SPEAKER_LABELS,
    NOT_THAT_VERBS,
    NP_STOP,
    OBJECT_PRONOUNS,
    PASSIVE_AUX,
    SEEM_FORMS,
)
from newscorpus.preannotate.quotes.scores import COLON_QUOTE, EPISTEMIC, LABELLED_LINE, THAT_QUOTE
from newscorpus.preannotate.quotes.speakers import np_back, subject
from newscorpus.preannotate.quotes.tokens import Tok, is_adverb, is_cap, is_word

# Longest label before the colon of a labelled line (tokens).
_LABEL_REACH = 7
_text = attrgetter("text")
# Fewest tokens after a label's colon.
_MIN_LABELLED = 3
# How far back from "that" the verb is searched ("groused to a crowd in Georgia that").
_THAT_VERB_REACH = 7
# How far back from a claim noun its possessor is searched ("Trump's repeated assertion").
_POSSESSOR_REACH = 5
# Fewest words of a sourceless reading's complement.
_MIN_EPISTEMIC_WORDS = 2
# Words that may open a sourceless reading (checked in full by `_epistemic_cue_end`); a
# sentence without one of them has no such reading.
EPISTEMIC_WORDS = SEEM_FORMS | {"expected", "allegedly", "asked"}


def labelled_line(p: Paragraph) -> Attribution | None:
    """`Warren: Trump Is a 'Proven Failure'` (a headline), `TRUMP: ...` (a transcript line):
    a short name and a colon open the paragraph; the rest of it is what was said."""
    toks = p.toks
    n = len(toks)
    lead = list(map(_text, toks[:_LABEL_REACH]))  # every paragraph is tested: no Python loop
    if ":" not in lead:
        return None
    c = lead.index(":")
    if c == 0 or n - c < _MIN_LABELLED:
        return None
    name = toks[:c]
    if not all(is_cap(t) or t.text in ("’s", "'s", "-", ".") for t in name):
        return None
    if name[0].low in NOT_SPEAKER_LABELS or name[-1].low in NOT_SPEAKER_LABELS:
        return None
    if any(t.text[0].isdigit() for t in name):
        return None  # "12:30 p.m.", "Update 2:"
    end = n
    while end > c + 1 and toks[end - 1].text in (".", ",", ";"):
        end -= 1
    att = p.new((c, c + 1), (0, c), LABELLED_LINE, "labelled_line")
    if end - (c + 1) == 1 and p.free_unit(c + 1):
        p.take(att, c + 1)
    else:
        p.clause(att, c + 1, end)
    return att


def _colon_speaker(toks: list[Tok], u: int, i0: int) -> tuple[int, int] | None:
    """The name before the colon at `u - 1` (past a parenthesis), else the sentence's subject."""
    j = u - 2
    if toks[j].text == ")":
        while j > i0 and toks[j].text != "(":
            j -= 1
        j -= 1
    if j >= i0 and is_cap(toks[j]) and toks[j].unit < 0:
        start = np_back(toks, j, i0)
        if (start is not None and is_cap(toks[start])) or (
            start is not None and toks[start].low in DETERMINERS
        ):
            return (start, j + 1)
    return subject(toks, i0, u - 1)


def colon_quote(p: Paragraph, i0: int, i1: int, taken: int) -> Attribution | None:
    """`Donald Trump: "..."`, `he returned to his familiar lines: "..."` (no cue verb)."""
    toks = p.toks
    for u in range(max(i0 + 1, taken), i1):
        if not (toks[u - 1].text == ":" and p.free_unit(u)):
            continue
        if u - 1 == i0:
            return None
        speaker = _colon_speaker(toks, u, i0)
        if speaker is None or toks[speaker[0]].low in EMPTY_COLON_SUBJECTS:
            return None
        att = p.new((u - 1, u), speaker, COLON_QUOTE, "colon_quote")
        p.take(att, u)
        return att
    return None


def _that_verb(toks: list[Tok], k: int, i0: int) -> int | None:
    """The unlisted verb in -ed or the claim noun before the "that" at `k`, or None."""
    j = k - 1
    for m in range(k - 2, max(i0, k - _THAT_VERB_REACH), -1):
        if toks[m].low == "to" and toks[m - 1].low.endswith("ed"):
            j = m - 1  # "confided to her that", "groused to a crowd in Georgia that"
            break
        if not is_word(toks[m]) or toks[m].unit >= 0:
            break
    while j > i0 and (toks[j].low in AUX_ADVERBS or is_adverb(toks[j])):
        j -= 1
    if toks[j].unit >= 0 or not is_word(toks[j]) or is_cap(toks[j]):
        return None
    low = toks[j].low
    if low in CLAIM_NOUNS or (low.endswith("ed") and low not in NOT_THAT_VERBS):
        return j
    return None


def _that_speaker(toks: list[Tok], j: int, i0: int) -> tuple[int, int] | None:
    """The possessor of a claim noun ("Ilves's assertion"), or the subject of the verb."""
    if toks[j].low in CLAIM_NOUNS:
        for m in range(j - 1, max(i0, j - _POSSESSOR_REACH) - 1, -1):
            if toks[m].low.endswith(("’s", "'s")):
                start = np_back(toks, m, i0)
                return (start, m + 1) if start is not None else None
            if not is_word(toks[m]) or toks[m].low in NP_STOP:
                break
        return None
    b = j - 1
    while b > i0 and (toks[b].low in AUX_ADVERBS or is_adverb(toks[b])):
        b -= 1
    start = np_back(toks, b, i0) if b >= i0 else None
    return (start, b + 1) if start is not None else None


def that_quote(p: Paragraph, i0: int, i1: int, taken: int) -> Attribution | None:
    """`Trump groused to a crowd that CNN "doesn't treat me properly"`: a that-clause
    holding a quotation after a verb (or a claim noun) the cue lists do not know."""
    toks = p.toks
    for k in range(max(i0 + 2, taken + 1), i1 - 1):
        if toks[k].low != "that":
            continue
        end = content_end(toks, k, i1, [])
        if not any(p.free_unit(m) for m in range(k + 1, end)):
            continue
        j = _that_verb(toks, k, i0)
        speaker = _that_speaker(toks, j, i0) if j is not None else None
        if j is None or speaker is None:
            continue
        att = p.new((j, j + 1), speaker, THAT_QUOTE, "that_quote")
        p.clause(att, k, end)
        return att
    return None


def _comma_cue(toks: list[Tok], u: int, i0: int) -> int | None:
    """The cue verb before `, "..."` at the unit `u`: a listed speech form in any shape (`was
    asked,`, `to announce,`, `by interjecting,`), past an object pronoun (`chiding him,`)."""
    j = u - 2
    if j > i0 and toks[j].low in OBJECT_PRONOUNS:
        j -= 1
    if j < i0 or toks[j].unit >= 0 or is_cap(toks[j]):
        return None
    entry = CUE_VERBS.get(toks[j].low)
    if entry is None or entry[1] not in COMMA_QUOTE_CLASSES:
        return None
    return j


def comma_quote(p: Paragraph, i0: int, i1: int, taken: int) -> Attribution | None:
    """`Trump was asked, "..."`, `interrupted me to announce, "..."`: a whole quotation after a
    speech verb and a comma that no cue reading took (a passive, an infinitive, a gerund)."""
    toks = p.toks
    for u in range(max(i0 + 2, taken + 2), i1):
        if not (p.free_unit(u) and toks[u - 1].text == ","):
            continue
        j = _comma_cue(toks, u, i0)
        if j is None:
            continue
        passive = toks[j - 1].low in PASSIVE_AUX if j > i0 else False
        speaker = None if passive else (_that_speaker(toks, j, i0) or subject(toks, i0, j))
        att = p.new((j, j + 1), speaker, COLON_QUOTE, "comma_quote")
        p.take(att, u)
        return att
    return None


def _asked_about(p: Paragraph, k: int, i1: int) -> tuple[Attribution | None, int]:
    """ "Pence was asked about the comment": the question is the content."""
    toks = p.toks
    start = k + 1
    end = content_end(toks, start, i1, [], subordinate=True)
    if end <= start + 1:
        return None, k + 1
    att = p.new((k - 1, k + 1), None, EPISTEMIC, "asked_about")
    p.clause(att, start, end)
    return att, end


def _seems(toks: list[Tok], k: int) -> bool:
    """`seemed to`, `is expected to`, `allegedly` at `k`."""
    t = toks[k]
    return (
        (t.low in SEEM_FORMS and toks[k + 1].low != "that")
        or (t.low == "expected" and toks[k - 1].low in EXPECTATION_AUX and toks[k + 1].low == "to")
        or (t.low == "allegedly" and is_word(toks[k + 1]))
    )


def _epistemic_at(
    p: Paragraph, k: int, i0: int, i1: int, taken: int
) -> tuple[Attribution | None, int]:
    """The sourceless reading at `k`, if any, and the token to go on from."""
    toks = p.toks
    if toks[k].low == "asked":
        if toks[k - 1].low in PASSIVE_AUX and toks[k + 1].low in ASKED_WHAT:
            return _asked_about(p, k, i1)
        return None, k + 1
    if not _seems(toks, k):
        return None, k + 1
    cue_end = k + 1
    v0 = k
    while v0 - 1 > i0 and toks[v0 - 1].low in EXPECTATION_AUX:
        v0 -= 1
    j = v0 - 1
    lo = max(i0, taken)
    start = np_back(toks, j, lo) if j >= lo else None
    end = content_end(toks, cue_end, i1, [])
    words = sum(1 for m in range(cue_end, end) if is_word(toks[m]))
    no_subject = (start is not None and toks[start].low in EMPTY_SUBJECTS) or (
        j >= lo and toks[j].low in CONJUNCTIONS
    )
    if words < _MIN_EPISTEMIC_WORDS or (start is None and not no_subject):
        return None, cue_end
    att = p.new((v0, cue_end), None, EPISTEMIC, "epistemic")
    if not no_subject:
        p.clause(att, start, j + 1)
    # else "It is expected to rise", "but is not expected to meet": the complement alone
    p.clause(att, cue_end, end)
    return att, end


def epistemic(p: Paragraph, i0: int, i1: int, taken: int) -> list[Attribution]:
    """`Trump seemed to appreciate ...`, `the House is expected to vote ...`.

    Attributions without a source in PolNeAR's sense (an appearance or an expectation):
    the subject and the complement are the content, the verb the cue; scored lowest.
    """
    toks = p.toks
    out = []
    k = max(i0 + 1, taken)
    while k < i1 - 1:
        if toks[k].low not in EPISTEMIC_WORDS:
            k += 1
            continue
        att, k = _epistemic_at(p, k, i0, i1, taken)
        if att is not None:
            out.append(att)
    return out
