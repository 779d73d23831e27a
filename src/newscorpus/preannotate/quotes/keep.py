"""Which candidate attributions to keep: the model's `keep` head over the rules' candidates.

The rules propose more than they are sure of (a stance verb's plain object, a noun cue, a form
that is as often a noun); the `keep` head estimates from the candidate's own shape (the reading
that found it, its cue, its speaker, its content) how likely PolNeAR counts it, and candidates
below the model's threshold are dropped. A model without that head keeps everything. Features
describe shapes, never an article, person or phrase. Pure: text and offsets in, a list of
attributions out; must never raise.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache
from typing import Protocol

from newscorpus.preannotate.quotes.attribution import Attribution
from newscorpus.preannotate.quotes.lexicon import BOUNDARY_WORDS, PRONOUNS

# Quotation marks that open a content (apostrophes left out).
_MARKS = '"“”„«»‘'
_WORD = re.compile(r"[\w’'\-]+|[^\w\s]")
_ANY_MARK = re.compile(f"[{_MARKS}]")
_RUN = re.compile(r"[\w’'\-]+")  # `_WORD`'s first form
# Bucket edges for lengths in words and for rule scores.
_LENGTHS = (1, 2, 3, 5, 8, 12, 20, 35)
_SCORES = (0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85)
# Characters looked at either side of a cue.
_AROUND = 40


class Keeper(Protocol):
    """What `kept` needs of a model (a `QuoteModel`, or a recorder while training)."""

    def has(self, head: str) -> bool: ...

    def probability(
        self, head: str, features: list[str], spans: list[tuple[int, int]] | None = None
    ) -> float: ...

    def threshold(self, head: str) -> float: ...


def _names(edges: tuple) -> tuple[str, ...]:
    return (*(str(edge) for edge in edges), "more")


_LENGTH_NAMES, _SCORE_NAMES = _names(_LENGTHS), _names(_SCORES)
_LEN_FEATURES = tuple("len:" + name for name in _LENGTH_NAMES)


def _bucket(n: float, edges: tuple, names: tuple[str, ...]) -> str:
    """The name of the first edge `n` does not exceed ("more" past the last)."""
    return names[bisect_left(edges, n)]


def _last_word(window: str) -> str | None:
    """The last of `_WORD.findall(window)`, without building the others: the run of word
    characters that closes the window (read backwards), else its last other character."""
    rest = window.rstrip()
    if not rest:
        return None
    run = _RUN.match(rest[::-1])
    return run.group()[::-1] if run else rest[-1]


def _word_key(word: str) -> str:
    low = word.lower()
    if low in BOUNDARY_WORDS:
        return low
    if not word[0].isalnum():
        return word
    if word[0].isupper():
        return "CAP"
    return "w"


def _speaker_key(text: str, att: Attribution) -> str:
    if att.speaker is None:
        return "none"
    words = text[att.speaker[0] : att.speaker[1]].split()
    if not words:
        return "none"
    low = words[0].lower()
    if len(words) == 1 and low in PRONOUNS:
        return "pronoun"
    if low in ("the", "a", "an", "some", "many", "most"):
        return "det"
    if words[-1].endswith(("’s", "'s")) or low in ("his", "her", "their", "its"):
        return "possessive"
    if words[0][0].isupper():
        return f"name{min(len(words), 4)}"
    return "other"


def _content_keys(text: str, att: Attribution) -> list[str]:
    """The content's length, quotation marks, first word and pieces, read on the text by
    offsets in one loop (no piece copied but the first: this runs for every candidate)."""
    contents = att.contents
    words = quoted = 0
    for s, e in contents:
        words += text.count(" ", s, e) + 1
        quoted += text[s : min(s + 1, e)] in _MARKS  # `text[s:e][:1]`: "" (empty) counts
    first = _WORD.match(text[contents[0][0] : contents[0][1]].lstrip()) if contents else None
    kind = "direct" if quoted == len(contents) else ("mixed" if quoted else "none")
    if kind == "none":
        for s, e in contents:
            if _ANY_MARK.search(text, s, e):
                kind = "inner"
                break
    return [
        _LEN_FEATURES[bisect_left(_LENGTHS, words)],
        f"quoted:{kind}",
        f"first:{_word_key(first.group()) if first else '-'}",
        f"pieces:{min(len(contents), 3)}",
    ]


@cache
def _reading_names(how: str, lemma: str) -> tuple[str, str, str, str]:
    """The names of the features fixed by the reading and the cue's lemma (how, lemma, and
    the content's side after or before the cue), built once per pair."""
    return f"how:{how}", f"lemma:{lemma}", f"side:after|{how}", f"side:before|{how}"


def features(text: str, att: Attribution) -> list[str]:
    """The shape of a candidate attribution, as feature strings."""
    how = att.how or "none"
    cue = text[att.cue[0] : att.cue[1]].lower() if att.cue else ""
    before = _last_word(text[max(0, att.cue[0] - _AROUND) : att.cue[0]]) if att.cue else None
    after = _WORD.search(text, att.cue[1], att.cue[1] + _AROUND) if att.cue else None
    prev = _word_key(before) if before else "START"
    nxt = _word_key(after.group()) if after else "END"
    score = _bucket(att.score, _SCORES, _SCORE_NAMES)
    spk = _speaker_key(text, att)
    content = _content_keys(text, att)
    after_cue = bool(att.cue and att.contents and att.contents[0][0] >= att.cue[1])
    lemma = att.lemma or how
    with_how, with_lemma = "|" + how, "|" + lemma
    how_name, lemma_name, side_after, side_before = _reading_names(how, lemma)
    return [
        how_name,
        lemma_name,
        "cue:" + cue,
        "score:" + score,
        f"score:{score}{with_how}",
        "spk:" + spk,
        f"spk:{spk}{with_lemma}",
        "prev:" + prev,
        f"prev:{prev}{with_lemma}",
        f"next:{nxt}{with_lemma}",
        side_after if after_cue else side_before,
        f"para:{min(att.paragraph, 3)}",
        *content,
        *[c + with_how for c in content],
        content[2] + with_lemma,
    ]


def kept(text: str, atts: list[Attribution], model: Keeper) -> list[Attribution]:
    """The attributions the model keeps (all of them when it has no `keep` head)."""
    if not model.has("keep"):
        return atts
    limit = model.threshold("keep")
    return [a for a in atts if model.probability("keep", features(text, a), a.contents) >= limit]
