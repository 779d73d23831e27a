"""Reading a cue: its speaker and where the words it governs start, or None when the word does
not report here ("was told", "refused to say", "what he said", "Trump's TV show").

The speaker is the subject before the cue (past an apposition or a parenthesis), the inverted
subject after it (`"...," said Kwon`), the words between a quotation and the cue, the object of
`according to`, or the subject of the sentence for a gerund (`..., adding that`). Finding the
content is left to `strategies`. Pure; must never raise on any token list.
"""

from __future__ import annotations

from dataclasses import dataclass

from newscorpus.preannotate.quotes.cues import Cue
from newscorpus.preannotate.quotes.lexicon import (
    AMBIGUOUS_FORMS,
    ASKED_WHAT,
    AUX_ADVERBS,
    CUE_VERBS,
    DAY_PREPS,
    DETERMINERS,
    EMPTY_SUBJECTS,
    EVIDENCE_NOUNS,
    GERUND_BLOCKERS,
    GERUND_LEADS,
    MEDIUM_NOUNS,
    NEGATIONS,
    NP_STOP_NOT_DETERMINERS,
    PASSIVE_AUX,
    PRONOUN_DETERMINERS,
    PRONOUNS,
    QUESTION_WORDS,
    RELATIVE_ANTECEDENTS,
    TIME_WORDS,
    TO_SAY_LEADS,
    TOOK_TO,
    WEEKDAYS,
    WHEN_ASKED,
)
from newscorpus.preannotate.quotes.speakers import (
    familiar_with,
    inversion_ends,
    np_back,
    np_forward,
    np_inverted,
    subject,
    subject_after_quote,
)
from newscorpus.preannotate.quotes.tokens import Tok, is_adverb, is_cap, is_word
from newscorpus.preannotate.quotes.units import Unit

# Longest source after `according to` (tokens).
_ACCORDING_REACH = 14
# Longest asker in `Asked by a radio host whether ...`.
_ASKER_REACH = 6
# Longest opening participle clause before its subject ('Citing "...," the spokeswoman told').
_PARTICIPLE_REACH = 25
# Longest inverted speaker run on to the punctuation ('"...," said a person close to them.').
_INVERTED_RUN_REACH = 16
# Longest apposition after an inverted speaker ('said Pantucci, director of ..., "but ..."').
_APPOSITION_REACH = 25
# Longest subject between a quotation and its cue, commas included ('"...," Mr. D, now 81, said').
_QUOTE_SUBJECT_REACH = 30
# Longest apposition between a subject and its cue ("Kwon, director-general ..., claimed").
_DELIMITED_REACH = 40
# Longest parenthesis between a subject and its cue ("Ted Cruz (R-Texas) said").
_PARENTHESIS_REACH = 12
# Punctuation a source after `according to` ends at.
_SOURCE_ENDS = (",", ".", ";", "(", ":", "—", "--")
# Tokens before a gerund cue that attach it to the clause before (", saying").
_GERUND_BREAKS = (",", "—", "–", "--", "-")
# Cue verb endings after which a passive auxiliary means the subject is not the speaker.
_PASSIVE_ENDINGS = ("ed", "told", "read", "said")
# A plural subject: longer than this, in -s but not in these ("Democrats", not "his", "Congress").
_MIN_PLURAL = 3
_NOT_PLURAL_ENDINGS = ("’s", "'s", "ss", "us", "is")


@dataclass(slots=True)
class Reading:
    speaker: tuple[int, int] | None  # token range
    after: int  # first token after the cue (and an inverted subject)
    boundary: int  # first token of the speaker-and-cue group
    gerund: bool = False
    inverted: bool = False
    subordinate: bool = False  # the content ends at the next comma
    negated: bool = False  # "did not say": PolNeAR annotates it; suggested with a low score


def _read_according(toks: list[Tok], cue: Cue, i1: int) -> Reading | None:
    """`according to the harbour master`: the source runs to the next punctuation."""
    s0 = cue.v_end
    if s0 >= i1 or not is_word(toks[s0]) or toks[s0].low in NP_STOP_NOT_DETERMINERS:
        return None
    k = s0
    while k < i1 and toks[k].text not in _SOURCE_ENDS:
        if (
            toks[k].unit >= 0
            and k > s0
            and toks[k - 1].low not in DETERMINERS
            and not is_cap(toks[k - 1])
            and not toks[k - 1].low.endswith(("’s", "'s"))
        ):
            break
        if k - s0 >= _ACCORDING_REACH or (k > s0 and toks[k].low in ("released", "published")):
            break
        k += 1
    return Reading((s0, k), k, cue.v) if k > s0 else None


def _before_to_say(toks: list[Tok], j: int, i0: int) -> int | None:
    """At the "to" of "to say": the word before the report, or None ("refused to say")."""
    if j - 1 >= i0 and toks[j - 1].low in TO_SAY_LEADS:
        j -= 2  # "went on to say", "was quick to add"
        while j >= i0 and (toks[j].low in AUX_ADVERBS or toks[j].low in ("went", "goes")):
            j -= 1
        return j
    if (
        j - 3 >= i0
        and toks[j - 1].low in MEDIUM_NOUNS
        and toks[j - 2].low == "to"
        and toks[j - 3].low in TOOK_TO
    ):
        j -= 4  # "took to Twitter to say": the subject before "took" is the speaker
        while j >= i0 and toks[j].low in AUX_ADVERBS:
            j -= 1
        return j
    return None  # "refused to say", "is expected to say": not a report of what was said


def _is_day(toks: list[Tok], j: int, i0: int) -> bool:
    """ "Veldavia on Wednesday accused": the day is not the speaker."""
    return j - 1 >= i0 and toks[j].low in WEEKDAYS and toks[j - 1].low in DAY_PREPS


def _left_of_cue(toks: list[Tok], cue: Cue, i0: int) -> int | None:
    """Index of the word before the cue past auxiliaries, adverbs and a day (may be < i0), or
    None when those make the verb something other than a report ("was told", "refused to")."""
    v = cue.v
    j = v - 1
    if j - 1 >= i0 and toks[j].low == "as" and toks[j - 1].low in ("quoted", "cited"):
        j -= 2  # "was quoted as saying"
    while j >= i0 and (
        toks[j].low in AUX_ADVERBS
        or toks[j].low in NEGATIONS
        or is_adverb(toks[j])  # "pointedly saying", "has also broadly called for"
    ):
        if (
            toks[j].low in PASSIVE_AUX
            and toks[v].low.endswith(_PASSIVE_ENDINGS)
            and not (toks[v].low == "said" and j + 1 < v and toks[j + 1].low == "also")
        ):
            return None  # "was told", "is called": the subject is not the speaker
        j -= 1
        if _is_day(toks, j, i0):
            j -= 2
    if _is_day(toks, j, i0):
        j -= 2
        while j >= i0 and toks[j].low in AUX_ADVERBS:
            j -= 1
    if j >= i0 and toks[j].low.endswith(("n't", "n’t")):
        j -= 1
    if j >= i0 and toks[j].low == "to":
        return _before_to_say(toks, j, i0)
    return j


def _read_question(toks: list[Tok], cue: Cue, i1: int) -> Reading | None:
    """ "When asked whether he would run, Kwon said ...", "Asked by a host about the plan, ...":
    the question, and its asker when the "by" phrase names one."""
    k = cue.v_end
    asker = None
    if k < i1 and toks[k].low == "by":
        m = k + 1
        while (
            m < i1
            and m - k <= _ASKER_REACH
            and is_word(toks[m])
            and toks[m].low not in ASKED_WHAT
            and toks[m].low != "to"
        ):
            m += 1
        if m > k + 1:
            asker = (k + 1, m)
            k = m
    while k < i1 and toks[k].low in TIME_WORDS:
        k += 1
    if k < i1 and (toks[k].low in ASKED_WHAT or toks[k].low == "to"):
        return Reading(asker, k, cue.v, subordinate=True)
    return None


def _opening_participle(toks: list[Tok], cue: Cue, i1: int, units: list[Unit]) -> Reading | None:
    """'"Citing "obligations at home," the spokeswoman told ...': an opening participle whose
    subject follows its clause."""
    for k in range(cue.v_end, min(i1 - 1, cue.v_end + _PARTICIPLE_REACH)):
        if toks[k].text in (".", ";", ":"):
            break
        ends_clause = toks[k].text == "," or (toks[k].unit >= 0 and units[toks[k].unit].last == ",")
        if ends_clause and any(t.unit >= 0 for t in toks[cue.v_end : k + 1]):
            e = np_forward(toks, k + 1, i1, mid_sentence=False)
            if e is not None and toks[k + 1].low not in EMPTY_SUBJECTS:
                return Reading((k + 1, e), cue.v_end, cue.v, subordinate=True)
            break
        if toks[k].text == "," and k > cue.v_end + 1 and toks[k - 1].unit < 0:
            break
    return None


def _after_quote_inverted_end(toks: list[Tok], cue: Cue, i1: int) -> int | None:
    """End of the speaker in '"...," said a person close to the Clintons.'."""
    e = np_inverted(toks, cue.v_end, i1)
    if e is not None and not inversion_ends(toks, e, i1, strict=False):
        # Run on to the punctuation.
        k = e
        while k < i1 and k - cue.v_end < _INVERTED_RUN_REACH and is_word(toks[k]):
            if toks[k].low in CUE_VERBS and not is_cap(toks[k]):
                break
            k += 1
        if k >= i1 or toks[k].text in (",", ".", ";", "!", "?"):
            e = k
    return e


def _inverted_end(toks: list[Tok], cue: Cue, i1: int, after_quote: bool) -> int | None:
    """End of an inverted speaker right after the cue, if one is there."""
    if after_quote:
        return _after_quote_inverted_end(toks, cue, i1)
    e = np_forward(toks, cue.v_end, i1)
    if e is None or not inversion_ends(toks, e, i1, strict=True):
        # "..., said Ohio State University professor Paul Beck."
        e2 = np_inverted(toks, cue.v_end, i1)
        if e2 is not None and inversion_ends(toks, e2, i1, strict=True):
            e = e2
    return e


def _past_apposition(toks: list[Tok], e: int, i1: int) -> int:
    """'said Pantucci, director of ..., "but ..."': the apposition belongs to the speaker."""
    after = e
    if after < i1 and toks[after].text == ",":
        k = after + 1
        while k < i1 and toks[k].text not in (",", ".", ";") and toks[k].unit < 0:
            k += 1
        if k - after < _APPOSITION_REACH and (
            k >= i1
            or toks[k].text in (".", ";")
            or (k + 1 < i1 and (toks[k + 1].unit >= 0 or toks[k + 1].low == "that"))
        ):
            after = k
    return after


def _subject_with_commas(toks: list[Tok], cue: Cue, j: int, i0: int) -> Reading | None:
    """'"...," Mr. Daniloff, now 81 and retired in Cambridge, Mass., said': the subject is the
    phrase right after the quotation, whatever commas follow it."""
    k = j - 1
    while (
        k >= i0
        and j - k < _QUOTE_SUBJECT_REACH
        and toks[k].unit < 0
        and toks[k].low not in CUE_VERBS
    ):
        k -= 1
    if k >= i0 and toks[k].unit >= 0:
        s = k + 1
        if s < j and toks[s].text == ",":
            s += 1
        e = np_inverted(toks, s, j)
        if e is not None and e < j and toks[e].text == ",":
            return Reading((s, e), cue.v_end, s)
    return None


def _subject_before_delimiter(toks: list[Tok], cue: Cue, j: int, i0: int) -> Reading | None:
    """ "Kwon, director-general in charge of U.S. affairs, claimed": the subject is before the
    apposition, which opens with the same delimiter that closes it."""
    delim = toks[j].text
    k = j - 1
    while k >= i0 and toks[k].text != delim and j - k < _DELIMITED_REACH:
        k -= 1
    if k - 1 < i0 or toks[k].text != delim:
        return None
    head = k - 1
    if toks[head].text == ")":  # "Sen. Ted Cruz (R-Texas), also a hopeful, called"
        while head > i0 and toks[head].text != "(":
            head -= 1
        head -= 1
    start = np_back(toks, head, i0) if head >= i0 else None
    if start is None:
        return None
    return Reading((start, k), cue.v_end, start)


def _read_after_break(
    toks: list[Tok], cue: Cue, j: int, i0: int, i1: int, units: list[Unit]
) -> Reading | None:
    """The cue follows a quotation, a comma or a dash (or opens the sentence): an inverted
    speaker after it, else the subject before an apposition."""
    left = toks[j] if j >= i0 else None
    after_quote = left is not None and (left.unit >= 0 or (j - 1 >= i0 and toks[j - 1].unit >= 0))
    e = _inverted_end(toks, cue, i1, after_quote)
    if (
        e is not None
        and cue.lemma != "tell"
        and cue.cls != "object"
        and inversion_ends(toks, e, i1, strict=not after_quote or cue.cls == "quote_only")
    ):
        return Reading((cue.v_end, e), _past_apposition(toks, e, i1), cue.v, inverted=True)
    if left is None or left.unit >= 0:
        return None
    reading = _subject_with_commas(toks, cue, j, i0)
    if reading is not None:
        return reading
    return _subject_before_delimiter(toks, cue, j, i0)


def _noun_not_verb(toks: list[Tok], cue: Cue, j: int, start: int) -> bool:
    """Is the cue a noun or a participle after its would-be subject ("Trump's reality TV show",
    "a group called X", "a frontal attack on")?"""
    v = cue.v
    head = toks[j].low
    skipped_aux = j < v - 1
    if (
        toks[v].low == cue.lemma
        and toks[v].low in AMBIGUOUS_FORMS
        and not skipped_aux
        and not (
            head in PRONOUNS
            or head in EVIDENCE_NOUNS
            or (head.endswith("s") and not head.endswith(("’s", "'s")) and not is_cap(toks[j]))
        )
    ):
        return True  # "Trump's reality TV show": a noun, not "polls show"
    return cue.cls == "object" and (
        toks[start].low in ("a", "an")
        or (
            toks[v].low == cue.lemma
            and toks[v - 1].low != "to"  # "went on to criticize": an infinitive
            and toks[start].low not in PRONOUNS
            and not _plural_subject(toks[j])
            and not (start > 0 and toks[start - 1].low == "and")  # "Vik and Dun criticize"
        )
    )


def _plural_subject(tok: Tok) -> bool:
    """A plural noun or "several", "many": a base form after it is a verb ("Officials expect",
    "several oppose"), not a noun ("the Trump support")."""
    low = tok.low
    return low in PRONOUN_DETERMINERS or (
        len(low) > _MIN_PLURAL and low.endswith("s") and not low.endswith(_NOT_PLURAL_ENDINGS)
    )


def _read_subject_before(toks: list[Tok], cue: Cue, j: int, i0: int) -> Reading | None:
    """The subject right before the cue (past a parenthesis), or the sentence's subject after
    "and", or the antecedent of "who"."""
    if toks[j].text == ")":
        k = j - 1
        while k >= i0 and toks[k].text != "(" and j - k < _PARENTHESIS_REACH:
            k -= 1
        if k - 1 < i0 or toks[k].text != "(":
            return None
        j = k - 1
    left = toks[j]
    if left.low in ("and", "but", "or"):
        # "... and said": the sentence's subject, else (None) the speaker just read before it.
        return Reading(subject(toks, i0, j), cue.v_end, cue.v, gerund=True)
    if left.low in ("who", "which"):
        k = j - 1
        if k >= i0 and toks[k].text == ",":
            k -= 1
        start = np_back(toks, k, i0) if k >= i0 else None
        if start is None and k >= i0 and toks[k].low in RELATIVE_ANTECEDENTS:
            start = k  # "those who said they ..."
        # "Beck, who said": the antecedent and the relative pronoun, which PolNeAR marks.
        return Reading((start, j + 1), cue.v_end, cue.v) if start is not None else None
    start = familiar_with(toks, j, i0, np_back(toks, j, i0))
    if start is None or _noun_not_verb(toks, cue, j, start):
        return None
    return Reading((start, j + 1), cue.v_end, start)


def _continues_clause(toks: list[Tok], j: int, i0: int, units: list[Unit]) -> bool:
    """Does a gerund cue after the word `j` continue the clause before it (`..., adding that`)?"""
    return j >= i0 and (
        toks[j].text in _GERUND_BREAKS
        or toks[j].low in GERUND_LEADS
        or (toks[j].unit >= 0 and units[toks[j].unit].last == ",")
    )


def read_cue(toks: list[Tok], cue: Cue, i0: int, i1: int, units: list[Unit]) -> Reading | None:
    """Speaker and extent of a cue in the sentence `toks[i0:i1]`, or None when the verb does
    not report here."""
    if cue.lemma == "according":
        return _read_according(toks, cue, i1)
    j = _left_of_cue(toks, cue, i0)
    if j is None:
        return None
    if cue.lemma == "ask" and (j < i0 or toks[j].low in WHEN_ASKED):
        question = _read_question(toks, cue, i1)
        if question is not None:
            return question
    if j >= i0 and toks[j].low in QUESTION_WORDS:
        return None
    v = cue.v
    if toks[v].low.endswith("ing"):
        if _continues_clause(toks, j, i0, units):
            return Reading(None, cue.v_end, v, gerund=True)
        if j < i0 and cue.cls in ("speech", "object"):
            return _opening_participle(toks, cue, i1, units)
        if j < i0 or toks[j].low in GERUND_BLOCKERS:
            return None
    # '"...," a nod to the front-runner acknowledging': a modifier, not a cue after a quotation.
    bare_gerund = toks[v].low.endswith("ing") and not any(
        toks[x].low in PASSIVE_AUX for x in range(max(i0, j + 1), v)
    )
    after_unit = None if bare_gerund else subject_after_quote(toks, j, i0, units)
    if after_unit is not None:
        return Reading(after_unit, cue.v_end, after_unit[0])
    left = toks[j] if j >= i0 else None
    if left is None or left.unit >= 0 or left.text in (",", "—", "--"):
        return _read_after_break(toks, cue, j, i0, i1, units)
    return _read_subject_before(toks, cue, j, i0)
