"""Where a reported clause starts and ends, chosen by the model among the rules' alternatives.

The rules end a clause content at the first comma before `while`, at a later cue, at a dash;
PolNeAR's annotators often go on to the end of the sentence, or stop earlier (`endorsed Cruz` /
`last week`). For a one-piece clause or object content the candidates are the rules' own bounds,
the nearest breaks on each side of the rules' end up to the next words another attribution holds
(a comma, a dash, a function word, a cue verb, the sentence end), every comma or dash farther
back, and every break inside the content as a later start; the
`end` and `start` heads of the model pick one each, the rules' choice winning ties; with those
heads, a relative pronoun that is a cue's object before its speaker (`which he called "a
disaster"`) opens the content as PolNeAR marks it. A model without bound heads changes nothing.
Features describe the break and its neighbours, never an article, person or phrase. Pure: tokens
and offsets in, the attribution's content and units updated in place; must never raise on any
token list.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from operator import attrgetter, itemgetter
from typing import Protocol

from newscorpus.preannotate.quotes.attribution import Attribution, Paragraph
from newscorpus.preannotate.quotes.lexicon import (
    BOUNDARY_WORDS,
    CUE_VERBS,
    FINITE_VERBS,
    TIME_WORDS,
)
from newscorpus.preannotate.quotes.tokens import Tok, is_word

# Readings whose one-piece content the model may move.
REFINABLE = frozenset(
    {
        "attribute_clause_after",
        "attribute_object",
        "attribute_clause_before",
        "that_quote",
        "noun_cue",
    }
)
# Punctuation a clause may end at, and that a later start may follow.
_BREAK_PUNCT = frozenset({",", ";", ":", "—", "--", "-", "–", "("})
_START_AFTER = frozenset({",", ":", ";", "—", "--", "–"})
# Tokens dropped from the end of a content (as `clauses.content_end` does).
_TRAILERS = frozenset({".", ",", "!", "?", ":", "…", "-", "—", "--", ";", "(", "and", "or", "but"})
# Breaks tried on each side of the rules' end (the nearest ones).
_NEAREST = 4
# Punctuation a content far before the rules' end may stop at (every one is a candidate).
_FAR_PUNCT = frozenset({",", ";", "—", "--", "–"})
# Farthest a later start may be from the rules' start (tokens).
_START_REACH = 20
# Relative pronouns that can be a cue's object before its speaker, and the words that make
# them something else when right before them.
_RELATIVES = frozenset({"which", "what", "who", "whom"})
_NOT_BEFORE_RELATIVE = frozenset(
    {"in", "of", "for", "on", "at", "with", "by", "from", "to", "about"}
)
# Bucket edges for lengths in tokens.
_LENGTHS = (1, 2, 3, 5, 8, 12, 20, 30)
# Distinct token texts whose facts are remembered.
_TEXT_CACHE = 1 << 15


class Chooser(Protocol):
    """What `refine` needs of a model (a `QuoteModel`, or a recorder while training)."""

    def has(self, head: str) -> bool: ...

    def best(
        self, head: str, candidates: list[list[str]], spans: Callable[[], list[tuple[int, int]]]
    ) -> int: ...


_LENGTH_NAMES = [*(str(edge) for edge in _LENGTHS), "more"]


def _bucket(n: int) -> str:
    return _LENGTH_NAMES[bisect_left(_LENGTHS, n)]


# The counts features read (words, quotations included; commas; verbs; quotations), packed in
# one integer per token so one running sum serves all four: field i is (n >> SHIFT * i) & MASK.
_SHIFT = 32
_MASK = (1 << _SHIFT) - 1
_WORD, _COMMA, _VERB, _UNIT = (1 << (_SHIFT * i) for i in range(4))
_COMMAS, _VERBS, _UNITS = _SHIFT, 2 * _SHIFT, 3 * _SHIFT


# The fields of a token's text facts (`_text_facts`).
_KEY, _PACKED, _BREAK = 0, 1, 2
_packed = itemgetter(_PACKED)
# Facts by token text (`_text_facts`): a plain dict read inline where it matters (faster than
# a cached function's call), emptied when it reaches `_TEXT_CACHE` texts.
_FACTS_BY_TEXT: dict[str, tuple[str, int, bool]] = {}


def _text_facts(text: str) -> tuple[str, int, bool]:
    """What the features read of a token that is no quotation, from its text alone (cached:
    the same words recur): its key, its packed counts (word, comma, verb), whether it is a
    break."""
    facts = _FACTS_BY_TEXT.get(text)
    if facts is None:
        if len(_FACTS_BY_TEXT) >= _TEXT_CACHE:
            _FACTS_BY_TEXT.clear()
        facts = _FACTS_BY_TEXT[text] = _new_text_facts(text)
    return facts


def _new_text_facts(text: str) -> tuple[str, int, bool]:
    low = text.lower()
    word = text[0].isalnum()
    cap = text[0].isupper() or text[0].isdigit()
    verb = word and (low in FINITE_VERBS or (low.endswith("ed") and not cap))
    cue = low in CUE_VERBS and not cap
    brk = text in _BREAK_PUNCT or low in BOUNDARY_WORDS or low in TIME_WORDS or cue
    packed = _WORD * word + _VERB * verb + _COMMA * (text == ",")
    return _key(text, low, word, cap, cue), packed, brk


def _key(text: str, low: str, word: bool, cap: bool, cue: bool) -> str:
    if not word:
        return text
    if low in BOUNDARY_WORDS or low in FINITE_VERBS:
        return low
    if cue:
        return "CUE:" + CUE_VERBS[low][1]
    if low in TIME_WORDS:
        return "TIME"
    if cap:
        return "NUM" if text[0].isdigit() else "CAP"
    for suffix in ("ing", "ed", "ly", "s"):
        if low.endswith(suffix):
            return "-" + suffix
    return "w"


_tok_start, _tok_end = attrgetter("start"), attrgetter("end")
# A quotation token: key "Q", one word and one quotation, no break.
_UNIT_FACTS = ("Q", _WORD + _UNIT, False)


def token_key(tok: Tok) -> str:
    """A coarse class of a token: its punctuation or function word, else its shape."""
    return "Q" if tok.unit >= 0 else _text_facts(tok.text)[0]


def _is_break(tok: Tok) -> bool:
    return tok.unit < 0 and _text_facts(tok.text)[2]


def _trimmed_end(toks: list[Tok], s: int, k: int) -> int:
    while k > s + 1 and toks[k - 1].text in _TRAILERS:
        k -= 1
    return k


@dataclass(slots=True)
class _Facts:
    """What the features read of a sentence from token `i0` on, computed once: each token's
    text facts (`_text_facts`, read by `_KEY` and `_BREAK`; kept as they come: splitting
    them into columns took about a sixth of the time of building the facts) and running
    packed counts indexed from `i0` (entry k - i0 counts from `i0` to token k, 0 past the
    sentence end `i1`)."""

    toks: list[Tok]
    i0: int
    i1: int
    info: list[tuple[str, int, bool]]  # the text facts of each token from `i0` to `i1`
    counts: list[int]

    @classmethod
    def of(cls, toks: list[Tok], i0: int, i1: int, until: int) -> _Facts:
        """The facts of tokens `i0`..`i1` of a sentence, counts read up to token `until`."""
        known = _FACTS_BY_TEXT.get
        info = [
            _UNIT_FACTS if t.unit >= 0 else (known(t.text) or _text_facts(t.text))
            for t in toks[i0:i1]
        ]
        counts = list(accumulate(map(_packed, info), initial=0))
        if until > i1:
            counts.extend([0] * (until - i1))
        return cls(toks, i0, i1, info, counts)

    def covers(self, lo: int, until: int) -> bool:
        return self.i0 <= lo and until - self.i0 < len(self.counts)

    def key(self, k: int) -> str:
        if self.i0 <= k < self.i1:
            return self.info[k - self.i0][_KEY]
        return token_key(self.toks[k])


@dataclass(frozen=True, slots=True)
class _Place:
    """The names of the end features fixed by the reading and by an end's place against the
    rules' end (`=`, `<`, `>`), built once per reading instead of for every candidate (a
    name built once also keeps its hash for the weight lookups)."""

    rel: str
    rel_how: str
    with_rel: str
    commas: tuple[str, ...]  # by the commas the content holds, 0 to 3
    unit_after: tuple[str, str]  # by whether a quotation follows the end in the sentence
    verb: tuple[str, str]  # by whether the content holds a verb


@cache
def _places(how: str) -> dict[str, _Place]:
    """The `_Place` of each place of an end against the rules' end, for a reading."""
    with_how = "|" + how
    verb = (f"verb:False{with_how}", f"verb:True{with_how}")
    return {
        r: _Place(
            rel="rel" + r,
            rel_how=f"rel{r}{with_how}",
            with_rel="|" + r,
            commas=tuple(f"commas:{n}|{r}" for n in range(4)),
            unit_after=(f"unit_after:False|{r}", f"unit_after:True|{r}"),
            verb=verb,
        )
        for r in "=<>"
    }


# The length features' names by bucket (`_LENGTHS`).
_LEN_NAMES = tuple("len:" + name for name in _LENGTH_NAMES)
_REST_NAMES = tuple("rest:" + name for name in _LENGTH_NAMES)


def _end_features(
    p: Paragraph,
    f: _Facts,
    s: int,
    ends: tuple[list[int], list[int]],
    rule_end: int,
    i1: int,
    att: Attribution,
) -> list[list[str]]:
    """Features of ending the content starting at `s` before each token of `ends` (the
    candidates and their trimmed ends, all after `s`, so inside the facts up to `i1`); what
    does not depend on the end is built once."""
    toks, with_how = p.toks, "|" + att.how
    places = _places(att.how)
    cross: list[str] = []
    if max(ends[0]) > rule_end:  # what the rules stopped at, crossed by later ends
        stop = f.key(rule_end) if rule_end < len(toks) else "END"
        after = f.key(rule_end + 1) if rule_end + 1 < i1 else "END"
        cross = [f"cross:{stop}", f"cross:{stop}|{after}", f"cross:{stop}{with_how}"]
    counts, o, info = f.counts, f.i0, f.info
    at_s, units_i1 = counts[s - o], counts[i1 - o] >> _UNITS
    words_s, commas_s, verbs_s = at_s & _MASK, at_s >> _COMMAS & _MASK, at_s >> _VERBS & _MASK
    out = []
    for k, e in zip(*ends, strict=True):
        place = places["=" if k == rule_end else ("<" if k < rule_end else ">")]
        brk = "brk:" + ("END" if k >= i1 else info[k - o][_KEY])
        at_e = counts[e - o]
        last = toks[e - 1]
        prv = "Q" + p.units[last.unit].last if last.unit >= 0 else f.key(e - 1)
        # Negative only past the sentence end, where counts read 0 (see `_Facts`).
        commas = min((at_e >> _COMMAS & _MASK) - commas_s, 3)
        feats = [
            place.rel,
            place.rel_how,
            brk,
            brk + with_how,
            f"{brk}|{info[k + 1 - o][_KEY] if k + 1 < i1 else 'END'}",
            "prv:" + prv,
            _LEN_NAMES[bisect_left(_LENGTHS, (at_e & _MASK) - words_s)],
            _REST_NAMES[bisect_left(_LENGTHS, i1 - k)],
            place.commas[commas] if commas >= 0 else f"commas:{commas}{place.with_rel}",
            place.verb[(at_e >> _VERBS & _MASK) > verbs_s],
            place.unit_after[units_i1 > counts[k - o] >> _UNITS],
        ]
        if k > rule_end:
            feats += cross
        out.append(feats)
    return out


def _start_features(f: _Facts, a: int, starts: list[int], att: Attribution) -> list[list[str]]:
    """Features of starting at each token of `starts` the content the rules started at `a`."""
    with_how = "|" + att.how
    first = f"first:{f.key(a)}|"
    counts, o = f.counts, f.i0
    at_a = counts[a - o]
    words_a, verbs_a, units_a = at_a & _MASK, at_a >> _VERBS & _MASK, at_a >> _UNITS
    out = []
    for s in starts:
        rel = "=" if s == a else ">"
        here = f.key(s)
        prev = f.key(s - 1) if s > 0 else "START"
        at_s = counts[s - o]
        skipped = (at_s >> _UNITS) - units_a
        out.append(
            [
                "rel" + rel,
                f"rel{rel}{with_how}",
                f"rel{rel}|{att.lemma}",
                f"at:{here}|{rel}",
                f"at:{here}|{prev}",
                f"prev:{prev}{with_how}",
                first + rel,
                f"skip:{_bucket((at_s & _MASK) - words_a - skipped)}{with_how}",
                f"skipverb:{(at_s >> _VERBS & _MASK) - verbs_a > 0}|{rel}",
                f"skipunit:{skipped > 0}",
            ]
        )
    return out


def _limit(p: Paragraph, att: Attribution, others: list[Attribution], b: int, i1: int) -> int:
    """The farthest end of a content ending at `b`: the first token from `b` on that another
    attribution holds (its cue, speaker, content or quotation), else the sentence end."""
    if b >= i1:
        return b
    toks = p.toks
    lo = toks[b].start
    cut = toks[i1 - 1].end + 1
    for o in others:
        if o is att:
            continue
        for s, e in o.contents:
            if e > lo:
                cut = min(cut, max(s, lo))
        for sp in (o.cue, o.speaker):
            if sp is not None and sp[1] > lo:
                cut = min(cut, max(sp[0], lo))
    limit = min(i1, bisect_left(toks, cut, key=_tok_start))
    own = set(att.units)
    for k in range(b, limit):
        u = toks[k].unit
        if u >= 0 and u in p.used and u not in own:
            return k
    return limit


def _sentence(p: Paragraph, a: int) -> tuple[int, int]:
    """The sentence holding token `a`."""
    for i0, i1 in p.sents:
        if i0 <= a < i1:
            return i0, i1
    return a, len(p.toks)


def _nearest_breaks(f: _Facts, where: range) -> list[int]:
    """The first `_NEAREST` breaks of `where`, read from the facts where they cover it."""
    out = []
    info, o, i1, toks = f.info, f.i0, f.i1, f.toks
    for k in where:
        if info[k - o][_BREAK] if o <= k < i1 else _is_break(toks[k]):
            out.append(k)
            if len(out) == _NEAREST:
                break
    return out


def _far_punct(f: _Facts, a: int, below: int) -> list[int]:
    """Every punctuation break from just after `a` up to `below` (the nearest breaks stop
    there): a long content often ends at a comma or dash far before the rules' end."""
    info, o = f.info, f.i0
    return [k for k in range(max(a + 1, o), min(below, f.i1)) if info[k - o][_KEY] in _FAR_PUNCT]


def _end_candidates(
    p: Paragraph, f: _Facts, a: int, b: int, limit: int
) -> tuple[list[int], list[int]]:
    """The rules' end first, then the nearest breaks on either side of it (`_NEAREST` each way),
    every punctuation break farther before it, and `limit`, deduplicated once trimmed; and each
    one's trimmed end."""
    toks = p.toks
    before = _nearest_breaks(f, range(b - 1, a, -1))
    far = _far_punct(f, a, before[-1]) if len(before) == _NEAREST else []
    after = _nearest_breaks(f, range(b + 1, limit))
    first = _trimmed_end(toks, a, b)
    seen = {first}
    out, trimmed = [b], [first]
    for k in (*far, *reversed(before), *after, limit):
        e = _trimmed_end(toks, a, k)
        if e > a and e not in seen:
            seen.add(e)
            out.append(k)
            trimmed.append(e)
    return out, trimmed


def _start_candidates(p: Paragraph, a: int, b: int) -> list[int]:
    toks = p.toks
    out = [a]
    for s in range(a + 1, min(b - 1, a + _START_REACH)):
        prev = toks[s - 1]
        after_break = prev.text in _START_AFTER or prev.low == "that" or toks[s].low == "that"
        if after_break and (is_word(toks[s]) or toks[s].unit >= 0):
            out.append(s)
    return out


def _apply(p: Paragraph, att: Attribution, s: int, k: int) -> None:
    """The content becomes tokens `s` to `k` (trailing punctuation left out); units follow."""
    toks = p.toks
    e = _trimmed_end(toks, s, k)
    inside = {toks[m].unit for m in range(s, e) if toks[m].unit >= 0}
    for u in att.units:
        if u not in inside:
            p.used.discard(u)
    att.units = sorted(u for u in inside if u in att.units or u not in p.used)
    p.used.update(att.units)
    att.contents = [p.span(s, e)]


def _choose(
    model: Chooser,
    head: str,
    n: int,
    features: Callable[[], list[list[str]]],
    spans: Callable[[], list[tuple[int, int]]],
) -> int:
    """The index of the model's pick among `n` candidates; the only one needs no features."""
    if n < 2:
        return 0
    return model.best(head, features(), spans)


def _refine_one(
    p: Paragraph,
    att: Attribution,
    atts: list[Attribution],
    model: Chooser,
    facts: dict[int, _Facts],
) -> None:
    """The model's end, then start, of one refinable content (the rules' on ties); `facts`
    caches the facts of the paragraph's sentences (by sentence start)."""
    toks = p.toks
    a = bisect_right(toks, att.contents[0][0], key=_tok_end)
    b = bisect_left(toks, att.contents[0][1], key=_tok_start)
    if b - a < 1 or b > len(toks):
        return
    i0, i1 = _sentence(p, a)
    # Features only count tokens from the content's start on (from the sentence start when
    # the content runs past the sentence, where counts beyond it read 0).
    lo, until = (a, i1) if b <= i1 else (i0, b)
    f = facts.get(i0)
    if f is None or not f.covers(lo, until):
        f = facts[i0] = _Facts.of(toks, lo, i1, until)
    ends = _end_candidates(p, f, a, b, _limit(p, att, atts, b, i1))
    i = _choose(
        model,
        "end",
        len(ends[0]),
        lambda: _end_features(p, f, a, ends, b, i1, att),
        lambda: [p.span(a, e) for e in ends[1]],
    )
    k, k_end = ends[0][i], ends[1][i]
    starts = _start_candidates(p, a, k_end)
    s = starts[
        _choose(
            model,
            "start",
            len(starts),
            lambda: _start_features(f, a, starts, att),
            lambda: [p.span(x, k_end) for x in starts],
        )
    ]
    if (s, k) != (a, b) and _trimmed_end(toks, s, k) > s:
        _apply(p, att, s, k)


def _antecedent(p: Paragraph, att: Attribution) -> None:
    """`which he called "a disaster"`: a relative pronoun right before the speaker is the cue's
    object, and PolNeAR counts it as the first piece of the content (not after a preposition:
    `in which he says ...`)."""
    if att.speaker is None or att.cue is None or not att.contents:
        return
    if att.speaker[1] > att.cue[0] or att.contents[0][0] < att.cue[1]:
        return
    toks = p.toks
    i = bisect_left(toks, att.speaker[0], key=_tok_start)
    if i < 1 or i >= len(toks) or toks[i].start != att.speaker[0]:
        return
    rel = toks[i - 1]
    if rel.low in _RELATIVES and not (i > 1 and toks[i - 2].low in _NOT_BEFORE_RELATIVE):
        att.contents = [(rel.start, rel.end), *att.contents]


def refine(p: Paragraph, atts: list[Attribution], model: Chooser) -> None:
    """Move the bounds of every refinable one-piece content of the paragraph to the model's
    choice among the candidates, and open a content with the relative pronoun that is its
    cue's object (nothing changes when the model has no bound head)."""
    if not (model.has("end") or model.has("start")):
        return
    facts: dict[int, _Facts] = {}
    for att in atts:
        if att.how in REFINABLE and len(att.contents) == 1:
            _refine_one(p, att, atts, model, facts)
        _antecedent(p, att)
