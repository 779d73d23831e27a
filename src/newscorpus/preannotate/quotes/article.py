"""Attribution across paragraphs: a fully quoted paragraph continues the attribution before it,
and a long quotation no cue claimed is kept with a guessed speaker.

Runs after every paragraph was read. Pure: works on offsets and unit indexes; must never raise.
"""

from __future__ import annotations

from operator import attrgetter

from newscorpus.preannotate.quotes.attribution import Attribution
from newscorpus.preannotate.quotes.lexicon import ADVERBIAL_PREPS, DETERMINERS, TITLE_LEADS
from newscorpus.preannotate.quotes.scores import (
    CONTINUABLE,
    MIN_FREE_WORDS,
    TITLE_MAX_WORDS,
    UNATTRIBUTED,
)
from newscorpus.preannotate.quotes.speakers import subject
from newscorpus.preannotate.quotes.tokens import Tok, is_word
from newscorpus.preannotate.quotes.units import Unit

# How many paragraphs back an unclaimed quotation looks for a speaker.
_SPEAKER_LOOKBACK = 2
_unit_of = attrgetter("unit")


def units_in(toks: list[Tok]) -> set[int]:
    """The units a paragraph's tokens stand for (read without a Python step per token); the
    functions below take them per paragraph, computed once."""
    found = set(map(_unit_of, toks))
    found.discard(-1)
    return found


def _last_per_paragraph(attrs: list[Attribution]) -> dict[int, Attribution]:
    """The attribution a next paragraph may continue, per paragraph: the last with a quotation,
    else the last with a speech-like score, over the weak attitude readings (`referring to
    ...`) that often close a paragraph."""
    last_in_para: dict[int, Attribution] = {}
    rank: dict[int, int] = {}
    for att in attrs:
        r = 2 if att.units else (1 if att.score >= CONTINUABLE else 0)
        if r >= rank.get(att.paragraph, -1):
            last_in_para[att.paragraph] = att
            rank[att.paragraph] = r
    return last_in_para


def _continued_by(prev: Attribution) -> bool:
    """Can a fully quoted paragraph continue `prev`: when `prev` ends on a colon (the paragraph
    is its content) or holds a quotation itself; after a reported clause alone PolNeAR keeps
    the quotation apart or leaves it out."""
    return prev.colon or bool(prev.units)


def continue_paragraphs(
    para_tokens: list[list[Tok]],
    para_units: list[set[int]],
    units: list[Unit],
    used: set[int],
    attrs: list[Attribution],
) -> None:
    """A fully quoted paragraph without a cue continues the last attribution before it (see
    `_continued_by`); `para_units` are the units of each paragraph (`units_in`)."""
    last_in_para = _last_per_paragraph(attrs)
    carry: Attribution | None = None
    for pi, (toks, in_para) in enumerate(zip(para_tokens, para_units, strict=True)):
        only_units = bool(in_para) and all(t.unit >= 0 or not is_word(t) for t in toks)
        fresh = sorted(u for u in in_para if u not in used)
        if only_units and fresh and len(fresh) == len(in_para) and pi not in last_in_para:
            prev = carry or last_in_para.get(pi - 1)
            if prev is not None and _continued_by(prev):
                for u in fresh:
                    used.add(u)
                    prev.units.append(u)
                    prev.contents.append((units[u].start, units[u].end))
                prev.colon = False
                carry = prev
                continue
        if only_units and not fresh and carry is not None:
            continue  # the later paragraphs of a multi-paragraph quotation
        carry = None


def _is_title(before: Tok | None, words: int) -> bool:
    """A short quotation after a preposition or determiner is a title: 'on "Meet the Press."',
    'co-editor of "Chick Lit."'."""
    return (
        before is not None
        and words < TITLE_MAX_WORDS
        and (
            before.low in ADVERBIAL_PREPS
            or before.low in DETERMINERS
            or before.low in TITLE_LEADS
            or before.low.endswith(("’s", "'s"))
        )
    )


def _guessed_speaker(
    toks: list[Tok], k: int, unit: Unit, pi: int, by_para: dict[int, Attribution]
) -> tuple[int, int] | None:
    """The subject of the quotation's sentence, or the speaker of the latest attribution in
    the paragraphs before."""
    if k > 0 and any(is_word(x) for x in toks[:k]):
        start = k
        while start > 0 and toks[start - 1].text not in (".", "!", "?", ";"):
            start -= 1
        subj = subject(toks, start, k)
        if subj is not None:
            return (toks[subj[0]].start, toks[subj[1] - 1].end)
    for back in range(_SPEAKER_LOOKBACK + 1):
        prev = by_para.get(pi - back)
        if prev is not None:
            break
    if prev is not None and prev.speaker is not None and prev.speaker[0] < unit.start:
        return prev.speaker
    return None


def unattributed(
    text: str,
    para_tokens: list[list[Tok]],
    para_units: list[set[int]],
    units: list[Unit],
    used: set[int],
    attrs: list[Attribution],
) -> list[Attribution]:
    """Quotations no cue claimed, kept when they read as speech (a clause, not a title).

    Their speaker is a guess: the subject of their sentence, or the speaker of the latest
    attribution in the two paragraphs before; they get no cue and a low score.
    """
    out: list[Attribution] = []
    by_para = {att.paragraph: att for att in attrs if att.speaker is not None}
    for pi, (toks, in_para) in enumerate(zip(para_tokens, para_units, strict=True)):
        if in_para <= used:
            continue  # every quotation of the paragraph is claimed: most paragraphs
        for k, t in enumerate(toks):
            u = t.unit
            if u < 0 or u in used or (k > 0 and toks[k - 1].unit == u):
                continue
            unit = units[u]
            words = len(text[unit.start : unit.end].split())
            if words < MIN_FREE_WORDS or not unit.closed:
                continue
            if _is_title(toks[k - 1] if k > 0 else None, words):
                continue
            used.add(u)
            out.append(
                Attribution(
                    cue=None,
                    speaker=_guessed_speaker(toks, k, unit, pi, by_para),
                    paragraph=pi,
                    contents=[(unit.start, unit.end)],
                    units=[u],
                    score=UNATTRIBUTED,
                    direct=True,
                    how="unattributed",
                )
            )
    return out
