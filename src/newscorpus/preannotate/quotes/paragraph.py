"""Attribution within one paragraph: every sentence's cues read and attributed in order, then
the cue-less readings, then the quotations tied to their neighbours.

A sentence's cues are read left to right, except that `..., according to X` and a speech cue
closing its sentence (`..., people familiar with the talks said`) go first, so that the weaker
cues inside the clause they report do not take that clause. After all sentences: a cue alone
in its sentence (`Trump asked.`) takes the quotation of the sentence before, and a sentence
that is mostly quotation continues the attribution before it (`"...," he said. "..."`).
Pure: claims units only through `Paragraph`; must never raise on any token list.
"""

from __future__ import annotations

from operator import attrgetter

from newscorpus.preannotate.quotes.attribution import Attribution, Paragraph
from newscorpus.preannotate.quotes.clauses import skip_adverbials
from newscorpus.preannotate.quotes.cue_model import next_class
from newscorpus.preannotate.quotes.cueless import (
    EPISTEMIC_WORDS,
    colon_quote,
    comma_quote,
    epistemic,
    labelled_line,
    that_quote,
)
from newscorpus.preannotate.quotes.cues import Cue, find_cues, negated
from newscorpus.preannotate.quotes.lexicon import (
    ADVERBIAL_PREPS,
    AMBIGUOUS_FORMS,
    COMPARATIVES,
    CUE_VERBS,
    DETERMINERS,
    GERUND_REPORT_LEADS,
    LEARNED_CUE_FORMS,
    LEARNED_CUE_PAIRS,
    LEARNED_CUE_WORDS,
    NOUN_CUES,
    PRONOUNS,
    RELATIVES,
)
from newscorpus.preannotate.quotes.nouns import noun_cues
from newscorpus.preannotate.quotes.reading import Reading, read_cue
from newscorpus.preannotate.quotes.scores import EXTRA_CUE, MOSTLY_QUOTED_SHARE, NEGATED
from newscorpus.preannotate.quotes.speakers import subject
from newscorpus.preannotate.quotes.strategies import attribute
from newscorpus.preannotate.quotes.tokens import Tok, is_cap, is_word, sentence_of_units

# A closing report needs this many tokens before it, and before its comma.
_MIN_CLOSING_LEAD = 5
_MIN_CLOSING_CLAUSE = 3
# How far after a cue whose subject no reading found a quotation must start to keep the cue.
_UNREAD_REACH = 8
# The lemma of a cue an extra cue finder gave (`Paragraph.cue_finder`), whatever its word.
EXTRA_CUE_LEMMA = "extra cue"
_low = attrgetter("low")
_NOUN_CUE_WORDS = frozenset(NOUN_CUES)


def _closing_report(p: Paragraph, cues: list[Cue], i0: int, i1: int) -> Cue | None:
    """`The company plans to ..., people familiar with the plan said.`: a speech cue closing
    its sentence after a comma reports everything before it, so it is read before the
    weaker cues inside that clause (which would otherwise take the clause for themselves)."""
    toks = p.toks
    if len(cues) < 2:
        return None
    finite = [x for x in cues if not toks[x.v].low.endswith("ing")]
    if not finite:
        return None
    c = finite[-1]
    if c.cls != "speech" or toks[c.v].low in AMBIGUOUS_FORMS or c.v < i0 + _MIN_CLOSING_LEAD:
        return None
    if all(x.cls == "speech" for x in cues if x.v < c.v):
        return None
    r = read_cue(toks, c, i0, i1, p.units)
    if r is None or r.speaker is None or r.gerund or r.inverted:
        return None
    b = r.boundary - 1
    if b <= i0 + _MIN_CLOSING_CLAUSE or toks[b].text != ",":
        return None
    after = skip_adverbials(toks, r.after, i1)
    if after < i1 and (is_word(toks[after]) or toks[after].unit >= 0):
        return None
    return c


def _ordered_cues(p: Paragraph, i0: int, i1: int) -> list[Cue]:
    """The sentence's cues in the order they are read."""
    toks = p.toks
    cues = find_cues(toks, i0, i1)
    # "..., according to X." covers the whole clause before it, cues inside included.
    late = [c for c in cues if c.lemma == "according" and c.v > i0 + 1]
    if late and late[0].v - 1 >= i0 and toks[late[0].v - 1].text == ",":
        return [late[0]] + [c for c in cues if c is not late[0]]
    closing = _closing_report(p, cues, i0, i1)
    if closing is not None:
        return [closing] + [c for c in cues if c is not closing]
    return cues


def _cue_positions(toks: list[Tok], cues: list[Cue], i0: int) -> list[int]:
    """Cues that end the content of an earlier cue ("X said A, and Y said B"): verbs, not nouns."""
    return [
        c.v
        for c in cues
        if toks[c.v].low not in AMBIGUOUS_FORMS
        and (
            c.v == i0
            or (toks[c.v - 1].low not in DETERMINERS and toks[c.v - 1].low not in ADVERBIAL_PREPS)
        )
    ]


def _learned_cue(toks: list[Tok], k: int, i1: int) -> bool:
    """Is the word at `k` on a learned cue list (`LEARNED_CUE_WORDS`, `LEARNED_CUE_PAIRS`)?"""
    low = toks[k].low
    if low in LEARNED_CUE_WORDS:
        return True
    followers = LEARNED_CUE_PAIRS.get(low)
    return followers is not None and next_class(toks, k, i1) in followers


def _extra_cues(p: Paragraph, cues: list[Cue], i0: int, i1: int) -> list[Cue]:
    """The learned cue words (`LEARNED_CUE_WORDS`, `LEARNED_CUE_PAIRS`) and the cue finder's
    words outside the listed cues, read after them: they only take what the listed cues left,
    and never end a listed cue's content."""
    toks = p.toks
    forms = LEARNED_CUE_FORMS
    found = {
        k for k, t in enumerate(toks[i0:i1], i0) if t.low in forms and _learned_cue(toks, k, i1)
    }
    if p.cue_finder is not None:
        found.update(p.cue_finder(toks, i0, i1))
    if not found:
        return []
    covered = {k for c in cues for k in range(c.v, c.v_end)}
    return [
        Cue(k, k + 1, EXTRA_CUE_LEMMA, "speech") for k in sorted(found - covered) if i0 <= k < i1
    ]


def _plausible_speaker(toks: list[Tok], speaker: tuple[int, int] | None) -> bool:
    """Can the speaker read for an extra cue be a subject? Not a lone lowercase word (`soon
    learned`, `keep sharing`; a plural or possessive one may be), a comparative (`feel more
    confident`) or an indefinite phrase ending in a modifier (`a fierce supporter`): those read a
    modifier or a verb instead."""
    if speaker is None:
        return True
    first, last = toks[speaker[0]], toks[speaker[1] - 1]
    low = last.low
    if is_cap(last) or low in PRONOUNS or low in RELATIVES or low.endswith(("s", "’s", "'s")):
        return True
    if low in COMPARATIVES or speaker[1] - speaker[0] == 1:
        return False
    return first.low not in ("a", "an")


def _unread_before_quotation(p: Paragraph, cue: Cue, i0: int, i1: int) -> Reading | None:
    """`..., called her "third-rate"`, `Doe, star of "Show," thanked X for "..."`, `started to
    portray it as a "workplace" issue`: a speech or object verb whose subject the readings
    cannot find, with a quotation shortly after it, still reports; its speaker is the one just
    read, else the sentence's subject."""
    toks = p.toks
    v = cue.v
    low = toks[v].low
    if cue.cls not in ("speech", "object") or v == i0:
        return None
    if low.endswith("ing"):
        if toks[v - 1].low not in GERUND_REPORT_LEADS:
            return None  # 'won support by echoing themes of "Leave" voters'
    elif not (toks[v - 1].text == "," or toks[v - 1].unit >= 0 or toks[v - 1].low == "to"):
        return None  # after a comma or a quotation (an apposition, a list of verbs) or `to`
    if not any(p.free_unit(k) for k in range(cue.v_end, min(i1, cue.v_end + _UNREAD_REACH))):
        return None
    return Reading(None, cue.v_end, v, gerund=True)


def _read_sentence(p: Paragraph, si: int, i0: int, i1: int) -> list[Attribution]:
    """The attributions of the sentence `si`, cues first, then the cue-less readings."""
    toks = p.toks
    cues = _ordered_cues(p, i0, i1)
    positions = _cue_positions(toks, cues, i0)
    cues += _extra_cues(p, cues, i0, i1)
    here: list[Attribution] = []
    taken = i0  # tokens before this index already belong to a content
    last_speaker: tuple[int, int] | None = None
    for cue in cues:
        if cue.v < taken:
            continue
        r = read_cue(toks, cue, i0, i1, p.units)
        if r is None:
            r = _unread_before_quotation(p, cue, i0, i1)
        if r is None:
            continue
        r.negated = negated(toks, cue.v, i0)
        speaker = r.speaker
        if r.gerund and speaker is None:
            speaker = last_speaker or subject(toks, i0, cue.v)
            if speaker is None:
                continue
        if cue.lemma == EXTRA_CUE_LEMMA and not _plausible_speaker(toks, speaker):
            speaker = subject(toks, i0, cue.v)  # `Americans feel more confident`
        att = p.new((cue.v, cue.v_end), speaker)
        done = attribute(p, att, cue, r, (i0, i1, taken, si), positions)
        if done is None:
            continue
        if r.negated:
            att.score = min(att.score, NEGATED)
        if cue.lemma == EXTRA_CUE_LEMMA:
            att.score = min(att.score, EXTRA_CUE)
        taken = done
        here.append(att)
        last_speaker = speaker or last_speaker
    # Each cue-less reading starts from a word it needs; a sentence without it is not read.
    words = set(map(_low, toks[i0:i1]))
    for reading, needs in ((colon_quote, ":"), (that_quote, "that"), (comma_quote, ",")):
        att = reading(p, i0, i1, taken) if needs in words else None
        if att is not None:
            here.append(att)
    if not words.isdisjoint(EPISTEMIC_WORDS):
        here.extend(epistemic(p, i0, i1, taken))
    if not words.isdisjoint(_NOUN_CUE_WORDS):
        here.extend(noun_cues(p, i0, i1, taken, here))
    return here


def _orphans(p: Paragraph, by_sentence: list[list[Attribution]]) -> None:
    """A cue alone in its sentence (`"...?" Trump asked.`) takes the quotation ending the
    sentence before."""
    for si, here in enumerate(by_sentence):
        for att in here:
            if att.units != [-1]:
                continue
            att.units = []
            if si > 0:
                p0, p1 = p.sents[si - 1]
                if p1 > p0 and p.free_unit(p1 - 1):
                    p.take(att, p1 - 1)


def _mostly_quotation(p: Paragraph, i0: int, i1: int) -> bool:
    """A sentence opening or ending with a free quotation that holds most of its text."""
    toks = p.toks
    k = i1 - 1
    while k > i0 and toks[k].text in (".", "!", "?"):
        k -= 1
    if not p.free_unit(k) and not p.free_unit(i0):
        return False
    quoted = sum(t.end - t.start for t in toks[i0:i1] if t.unit >= 0)
    total = toks[i1 - 1].end - toks[i0].start
    return quoted >= MOSTLY_QUOTED_SHARE * total and not any(
        t.low in CUE_VERBS and not is_cap(t) for t in toks[i0:i1] if t.unit < 0
    )


def _continued(
    p: Paragraph, by_sentence: list[list[Attribution]], si: int, only_units: bool
) -> Attribution | None:
    """The attribution the sentence `si` continues: the last one with a whole quotation (or a
    quotation) in the nearest attributed sentence before, past sentences of quotations only."""
    prev = None
    for sj in range(si - 1, -1, -1):
        if by_sentence[sj]:
            direct = [a for a in by_sentence[sj] if a.direct]
            with_units = [a for a in by_sentence[sj] if a.units]
            prev = (direct or with_units or [None])[-1]
            break
        if not sentence_of_units(p.toks, *p.sents[sj]):
            break
    if prev is None and only_units and by_sentence[si - 1]:
        prev = by_sentence[si - 1][-1]  # 'X is strong, he said. "Very strong."'
    return prev


def _interrupted(p: Paragraph, by_sentence: list[list[Attribution]]) -> None:
    """A sentence after a quotation's attribution continues it when it is mostly quotation.

    `"...," he said. "..."` (only quotation) and `"...," said X. Unless ..., "..."` (a clause
    around a quotation that closes the sentence) are the rest of what X said.
    """
    toks = p.toks
    for si, (i0, i1) in enumerate(p.sents):
        if by_sentence[si] or si == 0:
            continue
        only_units = sentence_of_units(toks, i0, i1)
        if not only_units and not _mostly_quotation(p, i0, i1):
            continue
        prev = _continued(p, by_sentence, si, only_units)
        if prev is None or (not only_units and not prev.direct):
            continue
        if only_units:
            for k in range(i0, i1):
                if p.free_unit(k):
                    p.take(prev, k)
        else:
            end = i1
            while end > i0 and toks[end - 1].text in (".", "!", "?"):
                end -= 1
            p.clause(prev, i0, end)
        by_sentence[si] = [prev]


def read_paragraph(p: Paragraph) -> list[Attribution]:
    """Every attribution of a (non-empty) paragraph that found a content or awaits one."""
    label = labelled_line(p)
    if label is not None:
        by_sentence = [[label]] + [[] for _ in p.sents[1:]]
        attrs = [label]
    else:
        by_sentence = [_read_sentence(p, si, i0, i1) for si, (i0, i1) in enumerate(p.sents)]
        attrs = [att for here in by_sentence for att in here]
    _orphans(p, by_sentence)
    _interrupted(p, by_sentence)
    return [a for a in attrs if a.contents or a.colon]
