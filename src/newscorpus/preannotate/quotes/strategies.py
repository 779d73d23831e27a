"""Attribution strategies: where a read cue's content is, one function per construction.

`attribute` tries `STRATEGIES` in order. Each strategy looks at a `Site` and returns the new
`taken` index when it found the content (and claimed it), `NO_CONTENT` when the cue has no
content at all (no later strategy may try), or None when the construction is not its own. The
order is part of the rules: a quotation right before the cue wins over a clause after it, which
wins over a clause before it. Pure: claims units only through `Paragraph`; never raises.
"""

from __future__ import annotations

import enum
from collections.abc import Callable

from newscorpus.preannotate.quotes.attribution import Attribution, Paragraph
from newscorpus.preannotate.quotes.clauses import content_end
from newscorpus.preannotate.quotes.cues import Cue
from newscorpus.preannotate.quotes.lexicon import (
    ADVERBIAL_PREPS,
    CONJUNCTIONS,
    CUE_VERBS,
    FINITE_VERBS,
    NAMING_VERBS,
    NP_STOP,
    OBJECT_VERBS,
    OPENING_CONJUNCTIONS,
    PLAIN_OBJECT_OPENERS,
    RELATIVE_GAP_PRONOUNS,
    STANCE_VERBS,
    SUBORDINATORS,
    SUBORDINATORS_OR_WHO,
)
from newscorpus.preannotate.quotes.reading import Reading
from newscorpus.preannotate.quotes.scores import (
    ACCORDING_BOTH_SIDES,
    ACCORDING_QUOTE,
    ADJACENT_QUOTE_PENALTY,
    ALONE_PENALTY,
    CLAUSE_AFTER_STRONG,
    CLAUSE_AFTER_WEAK,
    CLAUSE_BEFORE_STRONG,
    CLAUSE_BEFORE_WEAK,
    COLON_PENALTY,
    LATE_COLON_PENALTY,
    LISTED_QUOTES_PENALTY,
    NO_SPEAKER,
    OBJECT_PLAIN,
    OBJECT_QUOTED,
    OBJECT_WITH_PREP,
    QUOTED_CLAUSE_BONUS,
)
from newscorpus.preannotate.quotes.site import Site, according_late, according_start, make_site
from newscorpus.preannotate.quotes.tokens import Tok, is_cap, is_word
from newscorpus.preannotate.quotes.units import END_PUNCT


class Stop(enum.Enum):
    """A strategy's answer that ends the search: the cue has no content."""

    NO_CONTENT = "no content"


NO_CONTENT = Stop.NO_CONTENT
Outcome = int | Stop | None

# Fewest words of a clause before a cue ("The economy is strong, the minister said").
_MIN_CLAUSE_BEFORE_WORDS = 4
# Most tokens of a phrase opened by a preposition that closes a sentence after its cue ("...,
# Brek said at a rally in Ohio."): where it was said, not what.
_MAX_TRAILING_PHRASE = 6
# Fewest words of the clause on each side of `according to` in mid-sentence.
_MIN_ACCORDING_WORDS = 3
# Words a quotation's introductory phrase needs before it counts as a clause ('The bill's
# failure was "heartbreaking," she said').
_MIN_LEAD_WORDS = 2
# How far the object of a cue is searched for the preposition of its claim.
_PREP_REACH = 8


def _words(toks: list[Tok], a: int, end: int) -> int:
    return sum(1 for k in range(a, end) if is_word(toks[k]))


def attribute_according_both_sides(s: Site) -> Outcome:
    """ "His criticism, according to an interview, was the choice": content on both sides."""
    toks, cue, r, i1, taken = s.para.toks, s.cue, s.r, s.i1, s.taken
    if cue.lemma != "according" or not according_late(toks, cue, s.i0):
        return None
    a = according_start(toks, r, i1)
    b = cue.v - 1
    mid = (
        b > taken
        and toks[b].text == ","
        and r.after < i1
        and toks[r.after].text == ","
        and a < i1
        and is_word(toks[a])
        and _words(toks, a, content_end(toks, a, i1, [])) >= _MIN_ACCORDING_WORDS
    )
    if not (mid and _words(toks, taken, b) >= 1):
        return None
    end = content_end(toks, a, i1, [])
    s.para.clause(s.att, taken, b)
    s.para.clause(s.att, a, end)
    s.att.score = ACCORDING_BOTH_SIDES
    return end


def _lead_clause(p: Paragraph, taken: int, first: int) -> int | None:
    """Start of the clause a quotation ends, when that clause is the content: 'The bill's
    failure was "heartbreaking," she said.', after an introductory phrase ('Emerging from the
    talks, the minister "looked ashen," he said')."""
    toks = p.toks
    lead = first
    while lead - 1 >= taken and toks[lead - 1].text not in (".", ";", ":"):
        lead -= 1
    while lead < first and toks[lead].low in OPENING_CONJUNCTIONS:
        lead += 1
    intro = toks[lead].low in ADVERBIAL_PREPS or toks[lead].low in SUBORDINATORS
    if not (
        lead < first
        and lead == taken
        and _words(toks, lead, first) >= _MIN_LEAD_WORDS
        and (
            toks[first - 1].text not in (",", ":", "—", "--", "-")
            # 'The party, attended by hundreds, "allows us to ...," he said.'
            or (toks[first - 1].text == "," and not intro and is_cap(toks[lead]))
        )
    ):
        return None
    commas = [k for k in range(lead, first) if toks[k].text == ","]
    if commas and _words(toks, commas[-1], first) >= _MIN_LEAD_WORDS:
        lead = commas[-1] + 1
    return lead


def attribute_quote_before(s: Site) -> Outcome:
    """A quotation right before the speaker and cue: `"...," Kwon said.`"""
    p, toks, cue, r, i1, taken = s.para, s.para.toks, s.cue, s.r, s.i1, s.taken
    lb = r.boundary - 1
    while lb >= taken and toks[lb].text in (",", "—", "--", "-"):
        lb -= 1
    first = lb
    while first - 1 >= taken and p.free_unit(first - 1):
        first -= 1
    if s.right_clause and any(is_word(toks[k]) for k in range(taken, first)):
        return None
    no_object_after = r.after >= i1 or not is_word(toks[r.after])
    if not (
        lb >= taken
        and p.free_unit(lb)
        and not r.gerund
        and cue.lemma != "according"
        and (cue.cls != "object" or no_object_after)
        and (cue.cls in ("speech", "quote_only") or no_object_after)
    ):
        return None
    lead = _lead_clause(p, taken, first)
    if lead is not None:
        p.clause(s.att, lead, lb + 1)
    else:
        for k in range(first, lb + 1):
            p.take(s.att, k)
    s.att.score = s.base if r.speaker else NO_SPEAKER
    chained = len(s.att.units)
    end = p.chain(s.att, max(r.after, cue.v_end), i1)
    if len(s.att.units) == chained:
        return _before_relative_cue(s, end)
    return end


def _before_relative_cue(s: Site, end: int) -> int:
    """'"...," said Brek, who said she left on good terms.': a cue inside the clause that
    describes the speaker is read on its own (its speaker is `who`), so the reading ends at the
    speaker."""
    sp, toks = s.r.speaker, s.para.toks
    if sp is not None and any(
        sp[1] < c < end and CUE_VERBS[toks[c].low][1] == "speech"
        for c in s.cue_positions
        if toks[c].low in CUE_VERBS
    ):
        return sp[1]
    return end


def attribute_quote_after_punctuation(s: Site) -> Outcome:
    """`Kwon said, "..."`, `Kwon said: "..."`."""
    toks, a, i1 = s.para.toks, s.a, s.i1
    if a < i1 and toks[a].text in (",", ":") and a + 1 < i1 and s.para.free_unit(a + 1):
        lead = _lead_before_speaker(s, a + 1)
        if lead:
            s.para.clause(s.att, s.taken, lead)
        s.para.take(s.att, a + 1)
        s.att.score = s.base
        return s.para.chain(s.att, a + 2, i1)
    return None


def attribute_colon_closing_paragraph(s: Site) -> Outcome:
    """`Kwon said:` closing the paragraph: the content is the quotation the next one opens."""
    toks, a, i1 = s.para.toks, s.a, s.i1
    if not (a < i1 and toks[a].text == ":" and a + 1 >= i1):
        return None
    if s.si != len(s.para.sents) - 1:
        return NO_CONTENT
    s.att.colon = True
    s.att.score = s.base - COLON_PENALTY
    return i1


def attribute_adjacent_quote(s: Site) -> Outcome:
    """`Kwon said "..."` with nothing after the quotation but punctuation."""
    p, toks, a, i1 = s.para, s.para.toks, s.a, s.i1
    if not (a < i1 and p.free_unit(a)):
        return None
    if not (
        a + 1 >= i1
        or toks[a + 1].text in (",", ".", ";", "!")
        or p.units[toks[a].unit].last == ","  # 'said, "We'll see," when asked ...'
        or content_end(toks, a, i1, []) == a + 1
    ):
        return None
    lead = _lead_before_speaker(s, a)
    if lead:
        p.clause(s.att, s.taken, lead)
    p.take(s.att, a)
    s.att.score = s.base - ADJACENT_QUOTE_PENALTY
    return p.chain(s.att, a + 1, i1)


def attribute_colon_ending_sentence(s: Site) -> Outcome:
    """'the committee said about its platform:' and the quotation follows in the next paragraph."""
    toks, i1 = s.para.toks, s.i1
    if not (
        s.a < i1
        and toks[i1 - 1].text == ":"
        and s.si == len(s.para.sents) - 1
        and s.cue.cls != "object"
    ):
        return None
    s.att.colon = True
    s.att.score = s.base - LATE_COLON_PENALTY
    return i1


def attribute_listed_quotes(s: Site) -> Outcome:
    """'they chanted "stop the cuts" and "no peace" after ...', 'he yelled "You lie!" at the
    president': the quotations right after the cue are the content."""
    p, toks, a, i1 = s.para, s.para.toks, s.a, s.i1
    if not (a < i1 and p.free_unit(a)):
        return None
    if not (s.cue.cls == "quote_only" or p.units[toks[a].unit].last in END_PUNCT):
        return None
    p.take(s.att, a)
    k = a + 1
    while k + 1 < i1 and toks[k].low in ("and", "or", ",") and p.free_unit(k + 1):
        p.take(s.att, k + 1)
        k += 2
    s.att.score = s.base - LISTED_QUOTES_PENALTY
    return k


def quote_only_needs_a_quote(s: Site) -> Outcome:
    """A verb that reports only next to a quotation (`continued`) found none after it; a
    that-clause will do too (`Clinton fired back that ...`)."""
    if s.a < s.i1 and s.cue.cls == "quote_only" and s.para.toks[s.a].low != "that":
        return NO_CONTENT
    return None


def _clause_start(s: Site) -> int:
    """Where the clause after the cue starts; nothing after an inverted speaker ("..., said
    Kantrowitz, an expert who ...") unless "that" or a colon follows."""
    a, t = s.a, s.para.toks[s.a]
    if s.r.inverted and s.cue.lemma != "according" and t.low != "that" and t.text != ":":
        a = s.i1
    if t.text in (":", ","):
        a += 1
    return a


def _name_given_end(p: Paragraph, a: int, end: int) -> int:
    """'called him a "moderate," a subtle dig': the name given ends the content when a comma,
    "and" or an adverb follows it."""
    toks = p.toks
    for k in range(a + 1, end):
        if toks[k].unit >= 0 and (
            p.units[toks[k].unit].last == ","
            or (k + 1 < end and toks[k + 1].low in ("and", "instead", "but", "as"))
        ):
            if any(toks[m].unit >= 0 for m in range(k + 2, min(end, k + 4))):
                continue  # 'called him a "train wreck" and "outsourcer in chief"'
            return k + 1
    return end


def _object_end(p: Paragraph, a: int, i1: int, s: Site) -> int:
    """End of the object of an object verb."""
    toks = p.toks
    end = content_end(toks, a, i1, [c for c in s.cue_positions if c > a], units=p.units)
    if s.r.subordinate:  # an opening participle: its clause ends at the first comma
        for k in range(a, end):
            if toks[k].text == ",":
                return k
            if toks[k].unit >= 0 and p.units[toks[k].unit].last == ",":
                return k + 1
    return end


def attribute_object(s: Site) -> Outcome:
    """`called the plan "a disgrace"`, `accused Kwon of lying`: the object is the content."""
    if not (s.a < s.i1 and s.cue.cls == "object"):
        return None
    p, toks, att, cue, i1 = s.para, s.para.toks, s.att, s.cue, s.i1
    a = _clause_start(s)
    particle = cue.lemma == "call" and a < i1 and toks[a].low in ("for", "on")
    if particle:
        a += 1  # "calls for a ''Medicare for all'' system": the particle belongs to the cue
        att.cue = (att.cue[0], toks[a - 1].end) if att.cue else None
    end = _object_end(p, a, i1, s)
    if end <= a:
        return NO_CONTENT
    preps = OBJECT_VERBS.get(cue.lemma, ())
    has_unit = any(toks[k].unit >= 0 for k in range(a, end))
    has_prep = particle or any(toks[k].low in preps for k in range(a, min(end, a + _PREP_REACH)))
    plain = (
        cue.lemma in STANCE_VERBS
        and att.speaker is not None
        and (
            is_word(toks[a]) and (toks[a].low not in NP_STOP or toks[a].low in PLAIN_OBJECT_OPENERS)
        )
    )
    if has_unit and cue.lemma in NAMING_VERBS and not particle:
        end = _name_given_end(p, a, end)
    if not (has_unit or has_prep or plain):
        return NO_CONTENT
    p.clause(att, a, end)
    att.score = OBJECT_QUOTED if has_unit else (OBJECT_WITH_PREP if has_prep else OBJECT_PLAIN)
    return end


def _lead_before_speaker(s: Site, k: int) -> int:
    """'There was, she said, "an implicit bargain."': a quotation opening in lowercase after
    `, X said,` goes on the clause before the speaker, which is content too (its end, else 0)."""
    toks, r, taken = s.para.toks, s.r, s.taken
    b = r.boundary - 1
    if (
        not r.inverted
        and b > taken
        and toks[b].text == ","
        and toks[k - 1].text == ","
        and s.para.units[toks[k].unit].first.islower()
        and not any(toks[m].low in CUE_VERBS for m in range(taken, b))
    ):
        return b
    return 0


def _both_sides(s: Site, a: int) -> int:
    """ "Those who now vote, he said, must still register": the end of the clause before the
    speaker, which is content too, else 0."""
    toks, r, taken, i1 = s.para.toks, s.r, s.taken, s.i1
    b = r.boundary - 1
    if (
        not r.inverted
        and b > taken
        and toks[b].text == ","
        and r.after < i1
        and toks[r.after].text == ","
        and a == r.after + 1
        and toks[a].text[0].islower()
        and toks[a].low != "that"
        and not any(toks[m].low in CUE_VERBS for m in range(taken, b))
    ):
        return b
    return 0


def _enough_clause(s: Site, a: int, end: int) -> bool:
    """Is the clause `a`..`end` after the cue long and clear enough to be its content?"""
    toks, cue, r = s.para.toks, s.cue, s.r
    that = a < s.i1 and toks[a].low == "that"
    words = sum(1 for k in range(a, end) if is_word(toks[k]) or toks[k].unit >= 0)
    has_unit = any(toks[k].unit >= 0 for k in range(a, end))
    if cue.lemma == "according":
        return words >= 3
    if s.ambiguous and not (that or has_unit):
        return False
    if r.speaker and r.after > cue.v_end and not that and words < 3:
        return False  # "said Kwon Tuesday" is not a clause
    return words >= (2 if cue.cls == "speech" else 3)


def _trailing_phrase(s: Site, a: int, end: int) -> bool:
    """ "The plan will fail, Brek said at a rally in Ohio.": a short phrase opened by a
    preposition ends the sentence after a cue that closes a clause; that clause is the content."""
    toks, b = s.para.toks, s.r.boundary - 1
    return (
        a < end
        and toks[a].low in ADVERBIAL_PREPS
        and toks[a].low != "to"  # "pledged to make ...": an infinitive
        and end - a <= _MAX_TRAILING_PHRASE
        and b > s.taken
        and toks[b].text == ","
        and not any(is_word(toks[k]) or toks[k].unit >= 0 for k in range(end, s.i1))
    )


def _relative_gap(s: Site, a: int) -> int | None:
    """ "which, he said, left a vacuum", "what they say is growing demand": the relative pronoun
    before the speaker is the subject of the clause the cue reports, so content too."""
    toks, r = s.para.toks, s.r
    k = r.boundary - 1
    if r.speaker is None or r.inverted or k < s.taken:
        return None
    if toks[k].low in RELATIVE_GAP_PRONOUNS and a < s.i1 and toks[a].low in FINITE_VERBS:
        return k
    return None


def attribute_clause_after(s: Site) -> Outcome:
    """`Kwon said the U.S. ...`, `Kwon claimed that ...`: the clause after the cue."""
    if s.a >= s.i1:
        return None
    p, toks, r, i1 = s.para, s.para.toks, s.r, s.i1
    a = _clause_start(s)
    if a < i1 and toks[a].low in CONJUNCTIONS:
        return NO_CONTENT  # "Multiple news reports and a detailed account ...": not a clause
    sub = r.subordinate or (
        not r.inverted
        and r.boundary - 1 >= s.i0
        and toks[r.boundary - 1].low in SUBORDINATORS_OR_WHO
    )
    end = content_end(toks, a, i1, [c for c in s.cue_positions if c > a], sub, p.units)
    if not (_enough_clause(s, a, end) and end > a) or _trailing_phrase(s, a, end):
        return None
    before = _both_sides(s, a)
    if before:
        p.clause(s.att, s.taken, before)
    gap = _relative_gap(s, a)
    if gap is not None:
        p.clause(s.att, gap, gap + 1)
    p.clause(s.att, a, end)
    has_unit = any(toks[k].unit >= 0 for k in range(a, end))
    bonus = QUOTED_CLAUSE_BONUS if has_unit else 0.0
    s.att.score = (CLAUSE_AFTER_STRONG if s.strong else CLAUSE_AFTER_WEAK) + bonus
    return end


def gerund_takes_nothing_before(s: Site) -> Outcome:
    """`..., adding that`: a gerund's content is after it, never before."""
    return NO_CONTENT if s.r.gerund else None


def attribute_according_quote_before(s: Site) -> Outcome:
    """'"...," according to CNN.': the quotation (with the words before it) is the content."""
    p, toks, taken, r = s.para, s.para.toks, s.taken, s.r
    b = r.boundary - 1
    if not (
        s.cue.lemma == "according"
        and b >= taken
        and toks[b].unit >= 0
        and p.units[toks[b].unit].last == ","
        and p.free_unit(b)
    ):
        return None
    first = b
    while first - 1 >= taken and p.free_unit(first - 1):
        first -= 1
    if any(is_word(toks[k]) for k in range(taken, first)):
        p.clause(s.att, taken, b + 1)
    else:
        for k in range(first, b + 1):
            p.take(s.att, k)
    s.att.score = ACCORDING_QUOTE
    return max(r.after, s.cue.v_end)


def attribute_clause_before(s: Site) -> Outcome:
    """ "The economy is strong, the minister said.": the clause before the speaker and cue."""
    p, toks, cue, taken = s.para, s.para.toks, s.cue, s.taken
    b = s.r.boundary - 1
    if not (b >= taken and toks[b].text in (",", "—", "--")):
        return None
    lb = b - 1
    start = taken
    while start < lb and (
        toks[start].low in ("but", "and", "so") or toks[start].text in ("—", "-", ",")
    ):
        start += 1
    for k in range(lb - 3, start, -1):
        if toks[k].text in (":", ";"):
            start = k + 1  # 'At the same time, ...: London was the capital, X said'
            break
    words = sum(1 for k in range(start, lb + 1) if is_word(toks[k]) or toks[k].unit >= 0)
    according = cue.lemma == "according"
    if words < _MIN_CLAUSE_BEFORE_WORDS or not (cue.cls == "speech" or according or s.evidence):
        return NO_CONTENT
    p.clause(s.att, start, lb + 1)
    s.att.score = CLAUSE_BEFORE_STRONG if s.strong or according else CLAUSE_BEFORE_WEAK
    return max(s.r.after, cue.v_end)


def attribute_alone(s: Site) -> Outcome:
    """ "Trump asked." alone after a quotation ending with "?": the quotation of the sentence
    before is the content (taken by `paragraph`, which sees the sentences around)."""
    r, toks = s.r, s.para.toks
    rest = range(max(r.after, s.cue.v_end), s.i1)
    if any(is_word(toks[k]) or toks[k].unit >= 0 for k in rest):
        return NO_CONTENT  # "The harsh remarks were bad, the official said.": not alone
    if r.boundary == s.i0 and r.speaker is not None and s.cue.cls == "speech":
        s.att.score = s.base - ALONE_PENALTY
        s.att.units.append(-1)  # an orphan: resolved by the paragraph
        return s.i1
    return NO_CONTENT


Strategy = Callable[[Site], Outcome]

STRATEGIES: tuple[Strategy, ...] = (
    attribute_according_both_sides,
    attribute_quote_before,
    attribute_quote_after_punctuation,
    attribute_colon_closing_paragraph,
    attribute_adjacent_quote,
    attribute_colon_ending_sentence,
    attribute_listed_quotes,
    quote_only_needs_a_quote,
    attribute_object,
    attribute_clause_after,
    gerund_takes_nothing_before,
    attribute_according_quote_before,
    attribute_clause_before,
    attribute_alone,
)


def attribute(
    para: Paragraph,
    att: Attribution,
    cue: Cue,
    r: Reading,
    bounds: tuple[int, int, int, int],
    cue_positions: list[int],
) -> int | None:
    """Find the content of one cue; returns the new `taken` index, or None (no content).

    `bounds` is (i0, i1, taken, si): the sentence, the first token not yet in a content, and the
    sentence's index in the paragraph.
    """
    site = make_site(para, att, cue, r, bounds, cue_positions)
    for strategy in STRATEGIES:
        outcome = strategy(site)
        if outcome is NO_CONTENT:
            return None
        if outcome is not None:
            att.how = strategy.__name__
            att.lemma = cue.lemma
            return outcome
    return None
