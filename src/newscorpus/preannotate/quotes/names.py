"""Canonical speaker names (coreference within an article): a surname, or title and surname,
resolves to the full mention of that person the article uses most ("Kwon" -> "Kwon Jong-gun",
"Mr. Brek" -> "Jonas Brek"); `he`/`she` to the last person quoted shortly before, else the
last person named before; common noun phrases ("the official") get no name.

The name in a phrase is what is left once an apposition or a parenthesis ("Jeff Weaver, Sanders'
campaign manager", "Roy Blunt (R-Mo.)"), a relative pronoun, titles and roles ("Vermont Sen."),
determiners and a possessive are left out. Mentions are runs of two to four capitalized words of
the masked text (so names inside quotations never count); longer runs are headlines or lists of
names and give none. Pure; must never raise on any text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from functools import lru_cache

from newscorpus.preannotate.quotes.attribution import Attribution
from newscorpus.preannotate.quotes.lexicon import (
    DETERMINERS,
    FEMALE_MARKERS,
    MALE_MARKERS,
    NAME_PARTICLES,
    NAME_TITLE_ABBREVIATIONS,
    NP_STOP,
    ORG_WORDS,
    PERSONAL_PRONOUNS,
    PLACE_WORDS,
    PRONOUNS,
    RELATIVE_PRONOUNS,
    TITLES,
)
from newscorpus.preannotate.quotes.scores import PRONOUN_REACH

_NAME_WORD = r"(?:[A-Z]\.|(?:" + "|".join(NAME_TITLE_ABBREVIATIONS) + r")\.|[A-Z][\w’'\-]*)"
# The first letters of the title abbreviations, tested once before trying each of them.
_TITLE_HEADS = "".join(sorted({t[0] for t in NAME_TITLE_ABBREVIATIONS}))
# The first name word, its capital read first (`[A-Z]` then the rest of `_NAME_WORD`'s three
# forms, the same order), so that the regex engine skips to the next capital letter instead of
# trying the pattern at every character; the lookbehind then checks the character before it.
# Its last form is possessive (`*+`): a shorter run would leave a word character before the
# space the next word needs, so giving characters back can never match and is not tried.
_FIRST_NAME_WORD = (
    r"[A-Z](?<![\w’'].)(?:\.|(?<=["
    + _TITLE_HEADS
    + r"])(?:"
    + "|".join(f"(?<={re.escape(t[0])}){re.escape(t[1:])}" for t in NAME_TITLE_ABBREVIATIONS)
    + r")\.|[\w’'\-]*+)"
)
# Two or more capitalized words (initials, title abbreviations, particles between them).
_NAME = re.compile(
    _FIRST_NAME_WORD
    + r"(?:[ \t\xa0]+(?:(?:"
    + "|".join(sorted(NAME_PARTICLES))
    + r")[ \t\xa0]+)?(?=[A-Z])"  # every form of a name word opens with a capital
    + _NAME_WORD
    + r")+"
)
# What ends the name part of a speaker phrase: an apposition, a parenthesis, a dash.
_NAME_END = re.compile(r"[,(;—–]| -")
# A person's name has this many words (titles left out); a mention of more is a headline.
_MIN_PERSON_WORDS = 2
_MAX_PERSON_WORDS = 4

Mention = tuple[int, str]  # (position, name)
# Distinct mention texts whose reading is remembered (`_person`).
_MENTION_CACHE = 1 << 14


def _leads(word: str) -> bool:
    """A word that opens a phrase before its name: a title, a determiner, a function word."""
    low = word.lower()
    return (
        low.rstrip(".") in TITLES
        or low in DETERMINERS
        or low in NP_STOP
        or low in PRONOUNS
        or not word[:1].isupper()
    )


def name_words(phrase: str) -> list[str]:
    """The name in a speaker phrase or mention ("Finance Minister Irena Solvang, 54," ->
    [Irena, Solvang]); empty when the phrase holds no capitalized name."""
    m = _NAME_END.search(phrase)
    words = (phrase[: m.start()] if m else phrase).split()
    while words and words[-1].lower() in RELATIVE_PRONOUNS:
        words.pop()
    titles = [i for i, w in enumerate(words[:-1]) if w.lower().rstrip(".") in TITLES]
    if titles:
        words = words[titles[-1] + 1 :]
    while words and _leads(words[0]):
        words.pop(0)
    words = [w[:-2] if w.endswith(("’s", "'s")) else w for w in words]
    if not words or not words[-1][:1].isupper():
        return []
    return words


def _is_org(name: str) -> bool:
    """An organisation or a place rather than a person ("Wall Street", "Fox News")."""
    return any(w.lower().strip(".,") in ORG_WORDS or w.lower() in PLACE_WORDS for w in name.split())


def _mentions(masked: str, genders: dict[str, str]) -> dict[str, list[Mention]]:
    """Person-like mentions (two to four words, no organisation word) by first and last word;
    the gender a mention shows (a title, a first name) is noted for its name."""
    by_word: dict[str, list[Mention]] = {}
    for m in _NAME.finditer(masked):
        person = _person(m.group())
        if person is None:
            continue
        name, known, first, last = person
        if known:
            genders.setdefault(name, known)
        for w in {first, last}:
            by_word.setdefault(w, []).append((m.start(), name))
    return by_word


@lru_cache(maxsize=_MENTION_CACHE)
def _person(mention: str) -> tuple[str, str, str, str] | None:
    """The name a mention gives, its gender ("" unknown), its first and last words; None when
    it is no person. Cached: the same names recur within and across articles."""
    known = gender(mention)
    words = name_words(mention)
    titled = len(words) == 1 and known != ""  # "Mrs. Ilves": a person, her gender known
    if not (titled or _MIN_PERSON_WORDS <= len(words) <= _MAX_PERSON_WORDS):
        return None
    name = " ".join(words)
    if _is_org(name):
        return None
    return name, known, words[0], words[-1]


def _fullest(words: list[str], s: int, by_word: dict[str, list[Mention]]) -> str:
    """A one-word name: the mention beginning or ending with it that the article uses most,
    those before `s` first ("Kwon" -> "Kwon Jong-gun", "Brek" -> "Jonas Brek").

    Most used rather than longest: a capitalized word run into a name once ("Despite Jonas
    Brek" opening a sentence, "Brek Slams" in a title-case headline) is longer than the name
    but rarer. Among names used equally often, one ending with the word (a surname) is
    preferred, then the longest."""
    if len(words) > 1:
        return " ".join(words)
    found = by_word.get(words[0], [])
    pool = [n for p, n in found if p <= s] or [n for _, n in found]
    uses = Counter(n for _, n in found)
    surname_end = " " + words[0]

    def rank(name: str) -> tuple[bool, int, bool, int]:
        return " " in name, uses[name], name.endswith(surname_end), len(name.split())

    return max(pool, key=rank, default=words[0])


def gender(name: str) -> str:
    """ "f", "m", or "" (unknown) from a title or a common first name in the mention."""
    for word in name.split():
        low = word.lower().rstrip(".")
        if low in FEMALE_MARKERS:
            return "f"
        if low in MALE_MARKERS:
            return "m"
    return ""


def _pronoun_name(
    pronoun: str, s: int, people: list[Mention], persons: list[Mention], genders: dict[str, str]
) -> str | None:
    """The last person quoted shortly before `s`, else the last person named before, whose
    gender (when known) fits the pronoun."""
    want = "f" if pronoun in ("she", "her") else "m"
    fits = [n for p, n in people if s - PRONOUN_REACH < p < s and genders.get(n, want) == want]
    if fits:
        return fits[-1]
    before = bisect_left([p for p, _ in persons], s)
    named = [n for _, n in persons[:before] if genders.get(n, want) == want]
    return named[-1] if named else None


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
    genders: dict[str, str] = {}
    by_word = _mentions(masked, genders)
    persons = sorted({m for ms in by_word.values() for m in ms})
    people: list[Mention] = []  # persons named as speakers so far
    for idx in order:
        s, e = attrs[idx].speaker or (0, 0)
        low = text[s:e].strip().lower()
        if low in PERSONAL_PRONOUNS:
            names[idx] = _pronoun_name(low, s, people, persons, genders)
            continue
        words = name_words(text[s:e])
        if not words or low in PRONOUNS:
            continue  # "they", "the official": no name to give
        best = _fullest(words, s, by_word)
        names[idx] = best
        if gender(text[s:e]):
            genders.setdefault(best, gender(text[s:e]))
        if not _is_org(best) and (len(best.split()) > 1 or best in by_word):
            people.append((s, best))  # a full name, or a surname the article spells out
    return names
