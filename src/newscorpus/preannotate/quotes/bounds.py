"""Where a reported clause starts and ends, chosen by the model among the rules' alternatives.

The rules end a clause content at the first comma before `while`, at a later cue, at a dash;
PolNeAR's annotators often go on to the end of the sentence, or stop earlier (`endorsed Cruz` /
`last week`). For a one-piece clause or object content the candidates are the rules' own bounds,
every later break up to the next words another attribution holds (a comma, a dash, a function
word, a cue verb, the sentence end), and every break inside the content as a later start; the
`end` and `start` heads of the model pick one each, the rules' choice winning ties, so a model
without those heads changes nothing. Features describe the break and its neighbours, never an
article, person or phrase. Pure: tokens and offsets in, the attribution's content and units
updated in place; must never raise on any token list.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Protocol

from newscorpus.preannotate.quotes.attribution import Attribution, Paragraph
from newscorpus.preannotate.quotes.lexicon import (
    BOUNDARY_WORDS,
    CUE_VERBS,
    FINITE_VERBS,
    TIME_WORDS,
)
from newscorpus.preannotate.quotes.tokens import Tok, is_cap, is_word

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
# Farthest a later start may be from the rules' start (tokens).
_START_REACH = 20
# Bucket edges for lengths in tokens.
_LENGTHS = (1, 2, 3, 5, 8, 12, 20, 30)


class Chooser(Protocol):
    """What `refine` needs of a model (a `QuoteModel`, or a recorder while training)."""

    def has(self, head: str) -> bool: ...

    def best(self, head: str, candidates: list[list[str]], spans: list[tuple[int, int]]) -> int: ...


def _bucket(n: int) -> str:
    return next((str(edge) for edge in _LENGTHS if n <= edge), "more")


def token_key(tok: Tok) -> str:
    """A coarse class of a token: its punctuation or function word, else its shape."""
    if tok.unit >= 0:
        return "Q"
    if not is_word(tok):
        return tok.text
    low = tok.low
    if low in BOUNDARY_WORDS or low in FINITE_VERBS:
        return low
    if low in CUE_VERBS and not is_cap(tok):
        return "CUE:" + CUE_VERBS[low][1]
    if low in TIME_WORDS:
        return "TIME"
    if is_cap(tok):
        return "NUM" if tok.text[0].isdigit() else "CAP"
    for suffix in ("ing", "ed", "ly", "s"):
        if low.endswith(suffix):
            return "-" + suffix
    return "w"


def _is_break(tok: Tok) -> bool:
    return (
        tok.text in _BREAK_PUNCT
        or tok.low in BOUNDARY_WORDS
        or tok.low in TIME_WORDS
        or (tok.low in CUE_VERBS and not is_cap(tok))
    )


def _trimmed_end(toks: list[Tok], s: int, k: int) -> int:
    while k > s + 1 and toks[k - 1].text in _TRAILERS:
        k -= 1
    return k


def _has_verb(toks: list[Tok], a: int, b: int) -> bool:
    return any(
        toks[m].low in FINITE_VERBS or (toks[m].low.endswith("ed") and not is_cap(toks[m]))
        for m in range(a, b)
    )


def _end_features(
    p: Paragraph, s: int, k: int, rule_end: int, i1: int, att: Attribution
) -> list[str]:
    """Features of ending the content starting at `s` before token `k`."""
    toks, how = p.toks, att.how
    rel = "=" if k == rule_end else ("<" if k < rule_end else ">")
    brk = "END" if k >= i1 else token_key(toks[k])
    nxt = token_key(toks[k + 1]) if k + 1 < i1 else "END"
    e = _trimmed_end(toks, s, k)
    last = toks[e - 1]
    prv = "Q" + p.units[last.unit].last if last.unit >= 0 else token_key(last)
    words = sum(1 for m in range(s, e) if is_word(toks[m]) or toks[m].unit >= 0)
    commas = sum(1 for m in range(s, e) if toks[m].text == ",")
    if k > rule_end:  # what the rules stopped at, now crossed
        stop = token_key(toks[rule_end]) if rule_end < len(toks) else "END"
        after = token_key(toks[rule_end + 1]) if rule_end + 1 < i1 else "END"
        crossed = [f"cross:{stop}", f"cross:{stop}|{after}", f"cross:{stop}|{how}"]
    else:
        crossed = []
    return [
        *crossed,
        "rel" + rel,
        f"rel{rel}|{how}",
        f"rel{rel}|{att.lemma}",
        f"brk:{brk}",
        f"brk:{brk}|{how}",
        f"brk:{brk}|{rel}",
        f"brk:{brk}|{nxt}",
        f"prv:{prv}",
        f"prv:{prv}|{brk}",
        f"len:{_bucket(words)}",
        f"len:{_bucket(words)}|{how}",
        f"rest:{_bucket(i1 - k)}",
        f"commas:{min(commas, 3)}|{rel}",
        f"verb:{_has_verb(toks, s, e)}|{how}",
        f"unit_after:{any(t.unit >= 0 for t in toks[k:i1])}|{rel}",
    ]


def _start_features(toks: list[Tok], a: int, s: int, att: Attribution) -> list[str]:
    """Features of starting at token `s` the content the rules started at `a`."""
    how = att.how
    rel = "=" if s == a else ">"
    here = token_key(toks[s])
    prev = token_key(toks[s - 1]) if s > 0 else "START"
    first = token_key(toks[a])
    skipped = sum(1 for m in range(a, s) if is_word(toks[m]))
    return [
        "rel" + rel,
        f"rel{rel}|{how}",
        f"rel{rel}|{att.lemma}",
        f"at:{here}|{rel}",
        f"at:{here}|{prev}",
        f"prev:{prev}|{how}",
        f"first:{first}|{rel}",
        f"skip:{_bucket(skipped)}|{how}",
        f"skipverb:{_has_verb(toks, a, s)}|{rel}",
        f"skipunit:{any(t.unit >= 0 for t in toks[a:s])}",
    ]


def _claimed(p: Paragraph, att: Attribution, others: list[Attribution]) -> list[bool]:
    """Per token: does another attribution hold it (its cue, speaker, content or quotation)?"""
    spans = []
    for o in others:
        if o is att:
            continue
        spans.extend(sp for sp in (o.cue, o.speaker) if sp is not None)
        spans.extend(o.contents)
    own = set(att.units)
    out = []
    for t in p.toks:
        taken = t.unit >= 0 and t.unit in p.used and t.unit not in own
        out.append(taken or any(s <= t.start < e for s, e in spans))
    return out


def _token_range(toks: list[Tok], start: int, end: int) -> tuple[int, int]:
    """Token indexes (end exclusive) of the characters `start` to `end`."""
    a = bisect_right([t.end for t in toks], start)
    b = bisect_left([t.start for t in toks], end)
    return a, b


def _sentence_end(p: Paragraph, a: int) -> int:
    for i0, i1 in p.sents:
        if i0 <= a < i1:
            return i1
    return len(p.toks)


def _end_candidates(p: Paragraph, a: int, b: int, limit: int) -> list[int]:
    """The rules' end first, then every other break up to `limit` (deduplicated once trimmed)."""
    toks = p.toks
    seen = {_trimmed_end(toks, a, b)}
    out = [b]
    for k in [*range(a + 1, limit), limit]:
        if k != limit and not _is_break(toks[k]):
            continue
        e = _trimmed_end(toks, a, k)
        if e > a and e not in seen:
            seen.add(e)
            out.append(k)
    return out


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


def refine(p: Paragraph, atts: list[Attribution], model: Chooser) -> None:
    """Move the bounds of every refinable one-piece content of the paragraph to the model's
    choice among the candidates (the rules' bounds when the model has no such head)."""
    if not (model.has("end") or model.has("start")):
        return
    toks = p.toks
    for att in atts:
        if att.how not in REFINABLE or len(att.contents) != 1:
            continue
        a, b = _token_range(toks, *att.contents[0])
        if b - a < 1 or b > len(toks):
            continue
        i1 = _sentence_end(p, a)
        claimed = _claimed(p, att, atts)
        limit = b
        while limit < i1 and not claimed[limit]:
            limit += 1
        ends = _end_candidates(p, a, b, limit)
        feats = [_end_features(p, a, e, b, i1, att) for e in ends]
        k = ends[model.best("end", feats, [p.span(a, _trimmed_end(toks, a, e)) for e in ends])]
        k_end = _trimmed_end(toks, a, k)
        starts = _start_candidates(p, a, k_end)
        feats = [_start_features(toks, a, x, att) for x in starts]
        s = starts[model.best("start", feats, [p.span(x, k_end) for x in starts])]
        if (s, k) != (a, b) and _trimmed_end(toks, s, k) > s:
            _apply(p, att, s, k)
