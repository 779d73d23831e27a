"""Canonical speaker names: a surname, or title and surname, resolves to the fullest mention of
that name in the article; `he`/`she` to the last person quoted shortly before, else the last
person named before; common noun phrases ("the official") get no name.

Reads the masked text, so that names inside quotations are never taken as mentions. Pure; must
never raise on any text.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from newscorpus.preannotate.quotes.attribution import Attribution
from newscorpus.preannotate.quotes.lexicon import (
    DETERMINERS,
    NAME_PARTICLES,
    NAME_TITLE_ABBREVIATIONS,
    ORG_WORDS,
    PERSONAL_PRONOUNS,
    PRONOUNS,
    RELATIVE_PRONOUNS,
    TITLES,
)
from newscorpus.preannotate.quotes.scores import PRONOUN_REACH

_NAME_WORD = r"(?:[A-Z]\.|(?:" + "|".join(NAME_TITLE_ABBREVIATIONS) + r")\.|[A-Z][\w’'\-]*)"
# Two or more capitalized words (initials, title abbreviations, particles between them).
_NAME = re.compile(
    r"(?<![\w’'])"
    + _NAME_WORD
    + r"(?:[ \t\xa0]+(?:(?:"
    + "|".join(sorted(NAME_PARTICLES))
    + r")[ \t\xa0]+)?"
    + _NAME_WORD
    + r")+"
)
# A person's name has this many words.
_MIN_PERSON_WORDS = 2
_MAX_PERSON_WORDS = 4
# A mention this short is a surname, or a title and a surname.
_SHORT_MENTION = 2

Mention = tuple[int, str]  # (position, name)


def _strip_titles(words: list[str]) -> list[str]:
    """The name in a mention: "Finance Minister Irena Solvang" -> ["Irena", "Solvang"]."""
    out = list(words)
    last_title = max(
        (i for i, w in enumerate(out[:-1]) if w.lower().rstrip(".") in TITLES), default=-1
    )
    if last_title >= 0:
        out = out[last_title + 1 :]
    while len(out) > 1 and (
        out[0].lower().rstrip(".") in TITLES
        or out[0].lower() in DETERMINERS
        or not out[0][:1].isupper()
    ):
        out.pop(0)
    return [w[:-2] if w.endswith(("’s", "'s")) else w for w in out]


def _without_relative(words: list[str]) -> list[str]:
    """ "Glenn Beck, who" -> ["Glenn", "Beck"]: a speaker read with its relative pronoun."""
    if len(words) > 1 and words[-1].lower() in RELATIVE_PRONOUNS:
        words = words[:-1]
        words[-1] = words[-1].rstrip(",")
    return words


def _is_org(name: str) -> bool:
    return any(w.lower().strip(".,") in ORG_WORDS for w in name.split())


def _person_like(name: str) -> bool:
    """Two to four capitalized words, none of them an organisation or place word."""
    words = name.split()
    return (
        _MIN_PERSON_WORDS <= len(words) <= _MAX_PERSON_WORDS
        and not _is_org(name)
        and all(w[:1].isupper() for w in words)
    )


def _mentions(masked: str) -> tuple[list[Mention], dict[str, list[Mention]]]:
    """Multi-word capitalized names, and for each word the names that contain it."""
    mentions: list[Mention] = []
    by_word: dict[str, list[Mention]] = {}
    for m in _NAME.finditer(masked):
        words = _strip_titles(m.group().split())
        if len(words) >= 2 and words[0][:1].isupper():
            mention = (m.start(), " ".join(words))
            mentions.append(mention)
            for w in set(words):
                by_word.setdefault(w, []).append(mention)
    return mentions, by_word


def _fullest(core: list[str], s: int, by_word: dict[str, list[Mention]]) -> str:
    """A surname (or title and surname): the fullest mention containing it, earlier ones
    first ("Kwon" -> "Kwon Jong-gun", "Mr. Brek" -> "Jonas Brek")."""
    best = " ".join(core)
    if len(core) <= _SHORT_MENTION:
        found = by_word.get(core[-1], [])
        pool = [n for p, n in found if p <= s] or [n for _, n in found]
        longer = [n for n in pool if len(n.split()) > len(core)]
        if longer:
            best = max(longer, key=lambda n: len(n.split()))
    if best.lower().startswith("the "):
        best = best[4:]
    return best


def _pronoun_name(s: int, people: list[Mention], persons: list[Mention]) -> str | None:
    """The last person quoted shortly before `s`, else the last person named before."""
    recent = [n for p, n in people if s - PRONOUN_REACH < p < s]
    before = bisect_left([p for p, _ in persons], s)
    named = persons[before - 1][1] if before else None
    return recent[-1] if recent else named


def resolve_names(text: str, masked: str, attrs: list[Attribution]) -> list[str | None]:
    """Canonical speaker name of each attribution (None for pronouns left unresolved and
    common noun phrases such as "the official")."""
    names: list[str | None] = [None] * len(attrs)
    order = sorted(
        (i for i in range(len(attrs)) if attrs[i].speaker is not None),
        key=lambda i: attrs[i].speaker or (0, 0),
    )
    if not order:
        return names
    mentions, by_word = _mentions(masked)
    persons = [(p, n) for p, n in mentions if _person_like(n)]
    people: list[Mention] = []  # persons named as speakers so far
    for idx in order:
        s, e = attrs[idx].speaker or (0, 0)
        words = _without_relative(text[s:e].split())
        if not words:
            continue
        low = " ".join(words).lower()
        if low in PERSONAL_PRONOUNS:
            names[idx] = _pronoun_name(s, people, persons)
            continue
        if low in PRONOUNS or not words[-1][:1].isupper():
            continue  # "they", "the official": no name to give
        core = _strip_titles(words)
        if not core or not core[-1][:1].isupper():
            continue
        best = _fullest(core, s, by_word)
        names[idx] = best
        if not _is_org(best):
            people.append((s, best))
    return names
