"""The article of a synthetic page: headline, byline, captions and paragraphs full of quotes of
every form the quote extractor reads (direct, interrupted, multi-paragraph, indirect, "according
to", colon, mixed, nested, pronoun speakers), drawn from the invented pools of synth_words.

Depends only on its random stream, so a near-duplicate page can retell an earlier page's story
under other chrome (testing/synth.py). Never reads real data.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from newscorpus.testing import synth_words as words

# Share of a page that is article (the rest is chrome), drawn per page: real dumps range widely.
_BODY_SHARE = (0.35, 0.65)

T = TypeVar("T")


@dataclass
class Person:
    full: str
    short: str
    pronoun: str
    role: str
    introduced: bool = False


@dataclass
class Story:
    headline: str
    author: str
    dateline: str
    captions: list[str]
    paragraphs: list[str]
    context: dict[str, str]
    length: int


def pick(rng: random.Random, options: Sequence[T]) -> T:
    """`rng.choice`, four times cheaper: the generator makes millions of picks per corpus."""
    return options[int(rng.random() * len(options))]


def _person(rng: random.Random, ctx: dict[str, str]) -> Person:
    first, pronoun = pick(rng, words.FIRST_NAMES)
    last = pick(rng, words.LAST_NAMES)
    return Person(f"{first} {last}", last, pronoun, pick(rng, words.ROLES).format_map(ctx))


def _context(rng: random.Random) -> dict[str, str]:
    """What a story is about: fixed for the whole article, unlike the numbers of `fill`."""
    country, country2 = rng.sample(words.COUNTRIES, 2)
    group = pick(rng, words.GROUPS)
    topic = pick(rng, words.TOPICS)
    city = pick(rng, words.CITIES)
    return {
        "country": country,
        "Country": country,
        "country2": country2,
        "city": city,
        "CITY": city.upper(),
        "company": pick(rng, words.COMPANIES),
        "topic": topic,
        "topic_cap": topic[0].upper() + topic[1:],
        "body": pick(rng, words.BODIES),
        "group": group,
        "group_cap": group.capitalize(),
        "weekday": pick(rng, words.WEEKDAYS),
        "month": pick(rng, words.MONTHS),
        "day": str(rng.randrange(1, 29)),
    }


def fill(rng: random.Random, template: str, ctx: dict[str, str]) -> str:
    """The template with the story's context and fresh numbers (one random draw for all five)."""
    bits = rng.getrandbits(48)
    return template.format_map(
        {
            **ctx,
            "n": f"{(bits & 0x7F) % 90 * 100 + 200:,}",
            "m": f"{(bits >> 7 & 0x7FF) % 1900 + 5:,}",
            "p": str((bits >> 18 & 0x3F) % 55 + 2),
            "k": str((bits >> 24 & 0xF) + 2),
            "year": str((bits >> 28 & 0x3F) % 35 + 1990),
        }
    )


def _subject(person: Person) -> str:
    """How the article names a speaker in subject position: in full once, then by surname."""
    if person.introduced:
        return person.short
    person.introduced = True
    return f"{person.full}, {person.role},"


def _object(person: Person) -> str:
    """The same at the end of a clause ("said X", "according to X"): no trailing comma."""
    return _subject(person).rstrip(",")


def make_story(rng: random.Random, size: int) -> Story:
    """An article taking its seeded share of a page of `size` characters."""
    budget = int(size * rng.uniform(*_BODY_SHARE))
    ctx = _context(rng)
    people = [_person(rng, ctx) for _ in range(rng.randrange(2, 6))]
    headline = fill(
        rng,
        pick(
            rng,
            (
                "{Country} {body} backs {topic} despite protests by {group}",
                "Talks on {topic} stall as {country2} rejects {country} proposal",
                "{group_cap} in {city} walk out over {topic}",
                "{topic_cap} would cost {n} jobs, {company} warns",
                "{topic_cap}: {body} vote set for {month} {day}",
                "{company} bids €{m} million as {topic} divides {city}",
            ),
        ),
        ctx,
    )
    author = f"{pick(rng, words.FIRST_NAMES)[0]} {pick(rng, words.LAST_NAMES)}"
    agency = pick(rng, words.AGENCIES)
    dateline = f"{ctx['month']} {ctx['day']}, 2025 {rng.randrange(7, 23)}:{rng.randrange(60):02d}"
    photographer = f"{pick(rng, words.FIRST_NAMES)[0]} {pick(rng, words.LAST_NAMES)}"
    credit = pick(
        rng, (agency, f"({agency} Photo/{photographer})", f"Photo: {photographer}, {agency}")
    )
    speaker = people[0]
    captions = [
        f"{speaker.full}, {speaker.role}, speaks to reporters in {ctx['city']} on "
        f"{ctx['month']} {ctx['day']}, 2025. {credit}"
    ]
    if rng.random() < 0.5:
        captions.append(
            fill(rng, "{group_cap} gather outside the {body} building in {city}. ", ctx) + credit
        )
    paragraphs = [_lead(rng, ctx, agency), _direct(rng, ctx, speaker)]
    # Byline, share buttons and the mid-body interruption take about 250 characters; each
    # caption is printed twice.
    used = sum(len(p) + 2 for p in paragraphs) + len(headline) + 250
    used += sum(2 * len(c) + 3 for c in captions)
    seen = set(paragraphs)
    person = speaker
    attempts = 0
    while used < budget and attempts < 10_000:
        attempts += 1
        builder = pick(rng, _BUILDERS)
        if builder is _pronoun and not person.introduced:
            builder = _indirect
        elif builder is not _pronoun:
            # A pronoun refers back to the speaker of the paragraph before it, as in real prose.
            person = pick(rng, people)
        paragraph = builder(rng, ctx, person)
        if paragraph in seen:
            # A repeated line looks like chrome (captions repeat): keep the body free of them.
            continue
        seen.add(paragraph)
        paragraphs.append(paragraph)
        used += len(paragraph) + 2
    if rng.random() < 0.5:
        paragraphs[-1] += f" ({agency})"
    return Story(headline, author, dateline, captions, paragraphs, ctx, used)


def _say(rng: random.Random) -> str:
    return pick(rng, ("said", "said", "said", "told reporters", "added", "insisted", "warned"))


def _quote(rng: random.Random, ctx: dict[str, str]) -> str:
    """A two-sentence quotation without its final full stop (the caller punctuates)."""
    return fill(rng, f"{pick(rng, words.QUOTE_OPENERS)} {pick(rng, words.QUOTE_CLOSERS)}", ctx)[:-1]


def _marks(rng: random.Random) -> tuple[str, str]:
    return ("“", "”") if rng.random() < 0.5 else ('"', '"')


def _lead(rng: random.Random, ctx: dict[str, str], agency: str) -> str:
    dateline = pick(rng, ("{CITY} — ", "{CITY}, {month} {day} (" + agency + ") — ", ""))
    lead = pick(
        rng,
        (
            "{Country}'s {body} on {weekday} approved {topic} by a narrow margin, "
            "despite warnings from {group} that it would {effect}.",
            "Hundreds of {group} gathered in {city} on {weekday} to protest against {topic}, "
            "which the government says will {effect}.",
            "{Country} and {country2} failed on {weekday} to agree on {topic}, "
            "after two days of talks in {city} ended without a joint statement.",
            "{company} said on {weekday} that {topic} would {effect}, the first time the "
            "company has put a figure on the plan.",
        ),
    )
    return fill(rng, dateline + lead, {**ctx, "effect": fill(rng, pick(rng, words.EFFECTS), ctx)})


def _direct(rng: random.Random, ctx: dict[str, str], person: Person) -> str:
    left, right = _marks(rng)
    if person.introduced and rng.random() < 0.3:
        return f"{left}{_quote(rng, ctx)},{right} {_say(rng)} {person.full}."
    if rng.random() < 0.2:
        return f"{left}{_quote(rng, ctx)},{right} {_say(rng)} {_object(person)}."
    return f"{left}{_quote(rng, ctx)},{right} {_subject(person)} {_say(rng)}."


def _interrupted(rng: random.Random, ctx: dict[str, str], person: Person) -> str:
    left, right = _marks(rng)
    first = fill(rng, pick(rng, words.QUOTE_OPENERS), ctx)[:-1]
    return f"{left}{first},{right} {_subject(person)} said. {left}{_quote(rng, ctx)}.{right}"


def _indirect(rng: random.Random, ctx: dict[str, str], person: Person) -> str:
    verb = pick(rng, ("said", "warned", "claimed", "argued", "insisted", "noted", "denied"))
    effect = pick(rng, words.EFFECTS)
    return fill(rng, f"{_subject(person)} {verb} that {{topic}} would {effect}.", ctx)


def _according(rng: random.Random, ctx: dict[str, str], person: Person) -> str:
    source = pick(
        rng, ("the finance ministry", "a report by the statistics office", "", "{company}")
    )
    if not source:
        source = _object(person)
    effect = pick(rng, words.EFFECTS)
    return fill(rng, f"According to {source}, {{topic}} would {effect} by {{year}}.", ctx)


def _colon(rng: random.Random, ctx: dict[str, str], person: Person) -> str:
    left, right = _marks(rng)
    intro = f"{_subject(person)} told a news conference in {ctx['city']}:"
    return f"{intro} {left}{_quote(rng, ctx)}.{right}"


def _quoted_as(rng: random.Random, ctx: dict[str, str], person: Person) -> str:
    left, right = _marks(rng)
    outlet = fill(rng, pick(rng, words.OUTLETS), ctx)
    fragment = fill(rng, pick(rng, words.FRAGMENTS), ctx)
    return (
        f"{_subject(person)} was quoted by {outlet} as saying that {ctx['topic']} was "
        f"{left}{fragment}.{right}"
    )


def _mixed(rng: random.Random, ctx: dict[str, str], person: Person) -> str:
    left, right = _marks(rng)
    fragment = fill(rng, pick(rng, words.FRAGMENTS), ctx)
    tail = pick(
        rng,
        (
            "promised to vote against it.",
            "said the government had not listened.",
            "urged both sides to return to the table.",
            "called for a referendum.",
        ),
    )
    return f"{_subject(person)} called {ctx['topic']} {left}{fragment}{right} and {tail}"


def _nested(rng: random.Random, ctx: dict[str, str], person: Person) -> str:
    soft = pick(rng, words.SOFT_WORDS)
    closer = fill(rng, pick(rng, words.QUOTE_CLOSERS), ctx)[:-1]
    if rng.random() < 0.5:
        inner = f"They call it ‘{soft}’, but we know what it means. {closer}"
        return f"“{inner},” {_subject(person)} said."
    inner = f"They call it '{soft}', but we know what it means. {closer}"
    return f'"{inner}," {_subject(person)} said.'


def _pronoun(rng: random.Random, ctx: dict[str, str], person: Person) -> str:
    pronoun = person.pronoun.capitalize()
    verb = pick(rng, ("added", "said", "warned", "noted"))
    effect = pick(rng, words.EFFECTS)
    return fill(
        rng, f"{pronoun} {verb} that the {{body}} had been told the plan would {effect}.", ctx
    )


def _background(rng: random.Random, ctx: dict[str, str], person: Person) -> str:
    return fill(
        rng,
        pick(
            rng,
            (
                "{topic_cap} was first proposed in {year} and has divided the governing "
                "coalition ever since.",
                "The {body} is due to vote on {topic} within {k} weeks.",
                "Polls suggest that {p} percent of voters in {country} support {topic}.",
                "{Country}'s economy grew by {k}.{p} percent last year, and unemployment in "
                "{city} stands at {k} percent.",
                "Talks between {country} and {country2} on {topic} have stalled twice since "
                "{year}.",
                "{company} employs about {n} people in {city} and reported a profit of "
                "€{m} million last year.",
                "About {n} {group} live within {k} kilometres of the site, according to census "
                "figures from {year}.",
            ),
        ),
        ctx,
    )


def _multi(rng: random.Random, ctx: dict[str, str], person: Person) -> str:
    """A quotation over three paragraphs: the mark opens each one and closes only the last."""
    left, right = _marks(rng)
    return (
        f"{_subject(person)} said: {left}{_quote(rng, ctx)}.\n\n"
        f"{left}{_quote(rng, ctx)}.\n\n"
        f"{left}{_quote(rng, ctx)}.{right}"
    )


_BUILDERS = (
    _direct, _direct, _interrupted, _indirect, _indirect, _according, _colon, _quoted_as,
    _mixed, _nested, _pronoun, _background, _background, _multi,
)  # fmt: skip
