"""Synthetic page dumps for the throughput benchmark (`make bench`): many, fast, deterministic.

The normalize benchmark needs 100,000 pages of about 10 KB that look like the `w3m -dump` pages the
cleaner handles: site menus, a font-size widget, share buttons, photo captions printed twice with
an agency credit, bylines and datelines, advertisements and teasers inside the body, related-story
and top-story boxes, cookie banners and footers, around an article full of direct, interrupted,
multi-paragraph and indirect quotes. A small share of pages are near-duplicates of earlier ones
(the same story under another site's chrome, with a new headline and an added update sentence) so
that deduplication works at scale too.

Everything is assembled from invented word pools (imaginary countries, cities and people): the
output is synthetic and says so in its footer. Page `i` depends only on `i` and `size`, so a
10,000-page corpus is a prefix of the 100,000-page one. This module must never read real data or
the network, and it is for benchmarks only: its pages never belong in the shipped corpus.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TypeVar

__all__ = [
    "SHARD_SIZE",
    "SyntheticCorpus",
    "near_duplicate_page",
    "synthetic_page",
    "synthetic_path",
    "write_synthetic_corpus",
]

SHARD_SIZE = 1000
WRAP_COLS = 100
FOOTER_NOTE = "Synthetic page written for newscorpus; all names are invented."

# Seeds of the independent random streams of page i: chrome and body are separate so that a
# near-duplicate can reuse an earlier page's body under its own chrome.
_CHROME_SEED = 0x5EED_C0DE_0000_0000
_BODY_SEED = 0xB0D1_F00D_0000_0000
_DUP_SEED = 0xD0_0B1E_0000_0000
_TEASER_SEED = 0x7EA5E
_TEASER_POOL = 4096
# Share of a page that is article (the rest is chrome), drawn per page: real dumps range widely.
_BODY_SHARE = (0.35, 0.65)

T = TypeVar("T")

_COUNTRIES = (
    "Veldavia", "Ostrania", "Lunmark", "Pelloria", "Sarvenia", "Dravonia", "Quellmark", "Ardessa",
    "Corvania", "Tessmark",
)  # fmt: skip
_CITIES = (
    "Brenmoor", "Marenza", "Kesh", "Haldby", "Varn", "Dolvek", "Orvel", "Saltmere", "Kirrow",
    "Ostvale", "Lindenhal", "Porto Sereno", "Nerevik", "Castel Ambra", "Yarrowby", "Tolvane",
)  # fmt: skip
# (first name, pronoun): the pronoun lets paragraphs refer back to a speaker as real prose does.
_FIRST_NAMES = (
    ("Irena", "she"), ("Tomas", "he"), ("Célia", "she"), ("Benedek", "he"), ("Józef", "he"),
    ("Sofía", "she"), ("Dario", "he"), ("Henrike", "she"), ("Lev", "he"), ("Nadia", "she"),
    ("Arvid", "he"), ("Margit", "she"), ("Petra", "she"), ("Anselm", "he"), ("Liesl", "she"),
    ("Oskar", "he"), ("Radu", "he"), ("Aki", "he"), ("Oriane", "she"), ("Teodor", "he"),
    ("Linnea", "she"), ("Hamid", "he"), ("Amara", "she"), ("Eliška", "she"), ("Mattias", "he"),
    ("Ingrid", "she"), ("Konrad", "he"), ("Beatriz", "she"), ("Aurel", "he"), ("Hélène", "she"),
)  # fmt: skip
_LAST_NAMES = (
    "Solvang", "Halvik", "Ferrand-Okoye", "Orsós", "Kral", "Llorente", "Vescan", "Dahl",
    "Taranek", "Strelk", "Pelko", "Bray", "Quill", "Greaves", "Hartung", "Lindahl", "Ilinca",
    "Nurmela", "Castel", "Ralić", "Castellano", "Sarrazin", "Nwosu-Fell", "Moravec", "Korrin",
    "Sølvhøj", "Veit", "Quintal", "Kostan", "Aronsen", "Aaltonen", "Vasquier", "Brandão",
    "Okafor-Brandt", "Ibarra-Quint", "Marlowe", "Tessier", "Varga-Holm",
)  # fmt: skip
_ROLES = (
    "the finance minister", "the foreign minister", "the transport minister",
    "a spokesman for the interior ministry", "the leader of the opposition",
    "the mayor of {city}", "chief executive of {company}",
    "an economist at the University of {city}", "president of the {city} Chamber of Commerce",
    "head of the {country} Farmers' Union", "general secretary of the {city} Dockworkers' Union",
    "a senior official at the trade ministry",
    "chairwoman of the {country} Steel Federation", "deputy governor of the National Bank",
)  # fmt: skip
_COMPANIES = (
    "Castellan Maritime", "Pellworth Terminals", "Norvale Energy", "Ambra Rail", "Kirrow Steel",
    "Saltmere Water", "Lindenhal Holdings", "Ostvale Grain",
)  # fmt: skip
_TOPICS = (
    "the fuel levy", "the port concession", "the rail franchise sale", "the water tariff reform",
    "the border trade pact", "the pension reform", "the fishing quota deal",
    "the new airport runway", "the mining licence", "the offshore wind plan",
    "the minimum wage rise", "the housing bill", "the bank merger", "the grain export ban",
    "the tram extension", "the hospital closure plan",
)  # fmt: skip
_BODIES = ("parliament", "cabinet", "city council", "National Assembly", "regional assembly")
_GROUPS = (
    "farmers", "dockworkers", "teachers", "nurses", "taxi drivers", "shop owners",
    "fishing crews", "students", "pensioners", "rail workers",
)  # fmt: skip
_EFFECTS = (
    "cost {n} jobs", "raise €{m} million a year", "cut emissions by {p} percent",
    "push up prices for ordinary households", "save the state €{m} million",
    "hand control of a public asset to foreign investors", "leave rural families worse off",
    "bring new investment to {city}", "breach the {year} treaty with {country2}",
    "double freight traffic within {k} years", "close {k} branches in the north",
)  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip
_QUOTE_OPENERS = (
    "We have waited long enough.", "This is not a tax on families.",
    "Nobody in {city} asked for this.", "The numbers simply do not add up.",
    "We are ready to talk, but not to surrender.", "Every euro will be accounted for.",
    "This plan was written in an office, not on a farm.",
    "We will not sign anything we have not read.", "The people of {city} deserve an answer.",
    "We were promised investment and we got a brochure.", "It is a fair deal for both sides.",
    "Nobody is closing anything tomorrow.", "I have read the report twice.",
    "Our door has been open for a year.", "The market will not wait for us.",
)  # fmt: skip
_QUOTE_CLOSERS = (
    "Let them come and see for themselves.", "That is all we are asking for.",
    "The door remains open.", "We will be back next week, and the week after.",
    "Anyone who says otherwise has not read the report.",
    "I would ask the minister to explain that to the {group}.",
    "We expect a vote before the summer.", "It is that simple.",
    "Nobody should pretend this is easy.", "The rest is politics.",
    "And we will keep saying it until someone listens.",
)  # fmt: skip
_FRAGMENTS = (
    "a tax on distance", "a fire sale", "the only realistic option", "a grave mistake",
    "long overdue", "a step in the right direction", "reckless", "a betrayal of the {group}",
    "balanced and fair", "a plan without a map",
)  # fmt: skip
_SOFT_WORDS = ("temporary", "a partnership", "modernisation", "reform", "a fresh start")
_OUTLETS = ("state radio", "the {city} Herald", "{country} Television", "a local newspaper")
_AGENCIES = ("VPA", "Norland Wire", "KNA", "Coastline Press")
_SECTIONS = (
    "Home", "News", "Politics", "Economy", "World", "Business", "Sport", "Culture", "Opinion",
    "Video", "Weather", "Regions", "Science", "Travel", "Obituaries",
)  # fmt: skip
_SUBSECTIONS = (
    "National", "Regions", "Elections", "Markets", "Companies", "Energy", "Football", "Sailing",
    "Arts", "Books", "Letters", "Podcasts",
)  # fmt: skip
_SITE_WORDS = ("Herald", "Courier", "Ledger", "Gazette", "Observer", "Times", "Post", "Today")


@dataclass(frozen=True)
class SyntheticCorpus:
    """What `write_synthetic_corpus` wrote, so a benchmark can check dedup against the truth.

    Attributes:
        files: Number of page files written.
        bytes: Their total size in bytes.
        near_duplicates: Relative path of each near-duplicate page -> relative path of the page
            whose body it copies.
    """

    files: int
    bytes: int
    near_duplicates: dict[str, str] = field(default_factory=dict)


@dataclass
class _Person:
    full: str
    short: str
    pronoun: str
    role: str
    introduced: bool = False


@dataclass
class _Story:
    headline: str
    author: str
    dateline: str
    captions: list[str]
    paragraphs: list[str]
    context: dict[str, str]
    length: int


def synthetic_path(i: int) -> str:
    """Relative path of page `i` in a synthetic corpus: shards of `SHARD_SIZE` pages."""
    return f"{i // SHARD_SIZE:04d}/page-{i:07d}.txt"


def synthetic_page(i: int, size: int = 10_000) -> str:
    """Page dump number `i`, about `size` bytes, the same every time for the same arguments."""
    story = _story(random.Random(_BODY_SEED + i), size)
    chrome = random.Random(_CHROME_SEED + i)
    head, tail = _chrome(chrome, size - story.length)
    return _assemble(chrome, head, story, tail)


def near_duplicate_page(i: int, of: int, size: int = 10_000) -> str:
    """Page `i` as a syndicated copy of page `of`: its body, a new headline, one added sentence."""
    story = _story(random.Random(_BODY_SEED + of), size)
    chrome = random.Random(_CHROME_SEED + i)
    head, tail = _chrome(chrome, size - story.length)
    ctx = story.context
    story.headline = _fill(
        chrome,
        _pick(
            chrome,
            (
                "{Country} {body} under pressure over {topic}",
                "What {topic} means for {city}",
                "{group_cap} in {city} react to {topic}",
            ),
        ),
        ctx,
    )
    update = _fill(
        chrome,
        _pick(
            chrome,
            (
                "Late on {weekday}, the {body} said it would publish the full text of {topic}.",
                "UPDATE: The {body} postponed a vote on {topic} until next month.",
                "Hours later, {company} said it would respond to the criticism in writing.",
            ),
        ),
        ctx,
    )
    position = chrome.randrange(1, len(story.paragraphs) + 1)
    story.paragraphs.insert(position, update)
    return _assemble(chrome, head, story, tail)


def write_synthetic_corpus(
    directory: str | Path, n: int, size: int = 10_000, near_dup_rate: float = 0.02
) -> SyntheticCorpus:
    """Write pages 0..n-1 under `directory` in shards of `SHARD_SIZE`; see `synthetic_path`.

    About `near_dup_rate` of the pages are near-duplicates of an earlier page; which ones depends
    only on the page number, so the answer is the same for every `n`.
    """
    root = Path(directory)
    total = 0
    duplicates: dict[str, str] = {}
    made_shards: set[int] = set()
    for i in range(n):
        shard = i // SHARD_SIZE
        if shard not in made_shards:
            (root / f"{shard:04d}").mkdir(parents=True, exist_ok=True)
            made_shards.add(shard)
        source = _near_duplicate_source(i, near_dup_rate)
        if source is None:
            page = synthetic_page(i, size)
        else:
            page = near_duplicate_page(i, source, size)
            duplicates[synthetic_path(i)] = synthetic_path(source)
        data = page.encode("utf-8")
        (root / synthetic_path(i)).write_bytes(data)
        total += len(data)
    return SyntheticCorpus(files=n, bytes=total, near_duplicates=duplicates)


def _pick(rng: random.Random, options: Sequence[T]) -> T:
    """`rng.choice`, four times cheaper: the generator makes millions of picks per corpus."""
    return options[int(rng.random() * len(options))]


def _near_duplicate_source(i: int, rate: float) -> int | None:
    """The earlier page whose body page `i` copies, or None; always a page that is no copy."""
    if i == 0 or rate <= 0:
        return None
    rng = random.Random(_DUP_SEED + i)
    if rng.random() >= rate:
        return None
    source = rng.randrange(i)
    # A copy of a copy is a copy of the original: follow the chain so that the recorded source
    # is the page whose body was written (sources only go down, so this ends).
    while (earlier := _near_duplicate_source(source, rate)) is not None:
        source = earlier
    return source


def _length(lines: list[str]) -> int:
    return sum(len(line) + 1 for line in lines)


def _person(rng: random.Random, ctx: dict[str, str]) -> _Person:
    first, pronoun = _pick(rng, _FIRST_NAMES)
    last = _pick(rng, _LAST_NAMES)
    return _Person(f"{first} {last}", last, pronoun, _pick(rng, _ROLES).format_map(ctx))


def _site(rng: random.Random) -> str:
    return f"The {_pick(rng, _CITIES)} {_pick(rng, _SITE_WORDS)}"


def _chrome(rng: random.Random, budget: int) -> tuple[list[str], list[str]]:
    """Lines before and after the article, about `budget` characters: menus, boxes, footer."""
    site = _site(rng)
    head = [f"[{site} logo]", "", "[                    ] [Go]", ""]
    for section in rng.sample(_SECTIONS, rng.randrange(5, 10)):
        head.append(f"  • {section}")
        if rng.random() < 0.3:
            head.extend(f"      ○ {sub}" for sub in rng.sample(_SUBSECTIONS, rng.randrange(2, 5)))
    head.append("")
    if rng.random() < 0.5:
        head += ["Settings", "", "ⓕ font-size", ""]
        head += [f"  • {step}" for step in ("-2", "-1", "0", "+1", "+2")]
        head.append("")
    elif rng.random() < 0.5:
        head += ["Text size  A  A  A", ""]
    if rng.random() < 0.4:
        head += [
            "This website uses cookies to improve your experience. By continuing to browse you "
            "agree to our use of cookies. [Accept] [Settings]",
            "",
        ]
    tail = [""]
    if rng.random() < 0.7:
        tail += ["Related Articles", ""]
        tail += [f"  • {_teaser(rng)}" for _ in range(rng.randrange(3, 6))]
        tail.append("")
    tail += ["X", "CLOSE", "", _pick(rng, ("Top 10 Stories", "Most Read", "Trending now")), ""]
    tail += [f"  {k}. {_teaser(rng)}" for k in range(1, rng.randrange(5, 11))]
    tail += ["", "go top", ""]
    if rng.random() < 0.5:
        tail += [
            f"Subscribe to {site} from €{rng.randrange(1, 10)}.99 a month. Cancel anytime.",
            "",
        ]
    tail += [f"  • {link}" for link in ("About us", "Contact", "Privacy", "Terms", "Advertise")]
    tail += ["", f"© {rng.randrange(2015, 2026)} {site}. All rights reserved.", FOOTER_NOTE]
    menu_at = len(head)
    size = _length(head) + _length(tail)
    while size < budget:
        # Big sites put teaser headlines in their menus and stack "More from ..." boxes at the
        # bottom: that is where the rest of a page's bytes go.
        section = _pick(rng, _SECTIONS)
        if rng.random() < 0.5:
            block = [f"  • {section}"]
            block += [f"          ☆ {sub}" for sub in rng.sample(_SUBSECTIONS, rng.randrange(2, 7))]
            block.append("")
            for _ in range(rng.randrange(2, 5)):
                block += [f"        {_teaser(rng)}", ""]
            head[menu_at:menu_at] = block
            menu_at += len(block)
        else:
            block = [f"More from {section}", ""]
            block += [f"  • {_teaser(rng)}" for _ in range(rng.randrange(3, 7))]
            block.append("")
            tail[1:1] = block
        size += _length(block)
    return head, tail


_TEASERS = (
    "{city} {group} plan march on {weekday}",
    "{country} and {country2} resume talks on {topic}",
    "Weather: storm warning for {city} on {weekday}",
    "Opinion: {topic} deserves a proper debate",
    "{company} shares rise after {city} results",
    "{city} council delays vote on {topic}",
    "Live: {country} {body} debates {topic}",
    "Five things to know about {topic}",
    "{group_cap} in {city} win pay deal",
    "Police close {city} ring road for repairs",
)


def _make_teaser(rng: random.Random) -> str:
    country, country2 = rng.sample(_COUNTRIES, 2)
    group = _pick(rng, _GROUPS)
    return _pick(rng, _TEASERS).format(
        city=_pick(rng, _CITIES),
        group=group,
        group_cap=group.capitalize(),
        weekday=_pick(rng, _WEEKDAYS),
        country=country,
        country2=country2,
        topic=_pick(rng, _TOPICS)[4:],
        company=_pick(rng, _COMPANIES),
        body=_pick(rng, _BODIES),
    )


@cache
def _teaser_pool() -> tuple[str, ...]:
    """Teaser headlines shared by all pages, as sites share them: a page has dozens of them."""
    rng = random.Random(_TEASER_SEED)
    return tuple(_make_teaser(rng) for _ in range(_TEASER_POOL))


def _teaser(rng: random.Random) -> str:
    return _pick(rng, _teaser_pool())


def _context(rng: random.Random) -> dict[str, str]:
    """What a story is about: fixed for the whole article, unlike the numbers of `_fill`."""
    country, country2 = rng.sample(_COUNTRIES, 2)
    group = _pick(rng, _GROUPS)
    topic = _pick(rng, _TOPICS)
    city = _pick(rng, _CITIES)
    return {
        "country": country,
        "Country": country,
        "country2": country2,
        "city": city,
        "CITY": city.upper(),
        "company": _pick(rng, _COMPANIES),
        "topic": topic,
        "topic_cap": topic[0].upper() + topic[1:],
        "body": _pick(rng, _BODIES),
        "group": group,
        "group_cap": group.capitalize(),
        "weekday": _pick(rng, _WEEKDAYS),
        "month": _pick(rng, _MONTHS),
        "day": str(rng.randrange(1, 29)),
    }


def _fill(rng: random.Random, template: str, ctx: dict[str, str]) -> str:
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


def _subject(person: _Person) -> str:
    """How the article names a speaker in subject position: in full once, then by surname."""
    if person.introduced:
        return person.short
    person.introduced = True
    return f"{person.full}, {person.role},"


def _object(person: _Person) -> str:
    """The same at the end of a clause ("said X", "according to X"): no trailing comma."""
    return _subject(person).rstrip(",")


def _story(rng: random.Random, size: int) -> _Story:
    """An article taking its seeded share of a page of `size` characters."""
    budget = int(size * rng.uniform(*_BODY_SHARE))
    ctx = _context(rng)
    people = [_person(rng, ctx) for _ in range(rng.randrange(2, 6))]
    headline = _fill(
        rng,
        _pick(
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
    author = f"{_pick(rng, _FIRST_NAMES)[0]} {_pick(rng, _LAST_NAMES)}"
    agency = _pick(rng, _AGENCIES)
    dateline = f"{ctx['month']} {ctx['day']}, 2025 {rng.randrange(7, 23)}:{rng.randrange(60):02d}"
    photographer = f"{_pick(rng, _FIRST_NAMES)[0]} {_pick(rng, _LAST_NAMES)}"
    credit = _pick(
        rng, (agency, f"({agency} Photo/{photographer})", f"Photo: {photographer}, {agency}")
    )
    speaker = people[0]
    captions = [
        f"{speaker.full}, {speaker.role}, speaks to reporters in {ctx['city']} on "
        f"{ctx['month']} {ctx['day']}, 2025. {credit}"
    ]
    if rng.random() < 0.5:
        captions.append(
            _fill(rng, "{group_cap} gather outside the {body} building in {city}. ", ctx) + credit
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
        builder = _pick(rng, _BUILDERS)
        if builder is _pronoun and not person.introduced:
            builder = _indirect
        elif builder is not _pronoun:
            # A pronoun refers back to the speaker of the paragraph before it, as in real prose.
            person = _pick(rng, people)
        paragraph = builder(rng, ctx, person)
        if paragraph in seen:
            # A repeated line looks like chrome (captions repeat): keep the body free of them.
            continue
        seen.add(paragraph)
        paragraphs.append(paragraph)
        used += len(paragraph) + 2
    if rng.random() < 0.5:
        paragraphs[-1] += f" ({agency})"
    return _Story(headline, author, dateline, captions, paragraphs, ctx, used)


def _say(rng: random.Random) -> str:
    return _pick(rng, ("said", "said", "said", "told reporters", "added", "insisted", "warned"))


def _quote(rng: random.Random, ctx: dict[str, str]) -> str:
    """A two-sentence quotation without its final full stop (the caller punctuates)."""
    return _fill(rng, f"{_pick(rng, _QUOTE_OPENERS)} {_pick(rng, _QUOTE_CLOSERS)}", ctx)[:-1]


def _marks(rng: random.Random) -> tuple[str, str]:
    return ("“", "”") if rng.random() < 0.5 else ('"', '"')


def _lead(rng: random.Random, ctx: dict[str, str], agency: str) -> str:
    dateline = _pick(rng, ("{CITY} — ", "{CITY}, {month} {day} (" + agency + ") — ", ""))
    lead = _pick(
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
    return _fill(rng, dateline + lead, {**ctx, "effect": _fill(rng, _pick(rng, _EFFECTS), ctx)})


def _direct(rng: random.Random, ctx: dict[str, str], person: _Person) -> str:
    left, right = _marks(rng)
    if person.introduced and rng.random() < 0.3:
        return f"{left}{_quote(rng, ctx)},{right} {_say(rng)} {person.full}."
    if rng.random() < 0.2:
        return f"{left}{_quote(rng, ctx)},{right} {_say(rng)} {_object(person)}."
    return f"{left}{_quote(rng, ctx)},{right} {_subject(person)} {_say(rng)}."


def _interrupted(rng: random.Random, ctx: dict[str, str], person: _Person) -> str:
    left, right = _marks(rng)
    first = _fill(rng, _pick(rng, _QUOTE_OPENERS), ctx)[:-1]
    return f"{left}{first},{right} {_subject(person)} said. {left}{_quote(rng, ctx)}.{right}"


def _indirect(rng: random.Random, ctx: dict[str, str], person: _Person) -> str:
    verb = _pick(rng, ("said", "warned", "claimed", "argued", "insisted", "noted", "denied"))
    effect = _pick(rng, _EFFECTS)
    return _fill(rng, f"{_subject(person)} {verb} that {{topic}} would {effect}.", ctx)


def _according(rng: random.Random, ctx: dict[str, str], person: _Person) -> str:
    source = _pick(
        rng, ("the finance ministry", "a report by the statistics office", "", "{company}")
    )
    if not source:
        source = _object(person)
    effect = _pick(rng, _EFFECTS)
    return _fill(rng, f"According to {source}, {{topic}} would {effect} by {{year}}.", ctx)


def _colon(rng: random.Random, ctx: dict[str, str], person: _Person) -> str:
    left, right = _marks(rng)
    intro = f"{_subject(person)} told a news conference in {ctx['city']}:"
    return f"{intro} {left}{_quote(rng, ctx)}.{right}"


def _quoted_as(rng: random.Random, ctx: dict[str, str], person: _Person) -> str:
    left, right = _marks(rng)
    outlet = _fill(rng, _pick(rng, _OUTLETS), ctx)
    fragment = _fill(rng, _pick(rng, _FRAGMENTS), ctx)
    return (
        f"{_subject(person)} was quoted by {outlet} as saying that {ctx['topic']} was "
        f"{left}{fragment}.{right}"
    )


def _mixed(rng: random.Random, ctx: dict[str, str], person: _Person) -> str:
    left, right = _marks(rng)
    fragment = _fill(rng, _pick(rng, _FRAGMENTS), ctx)
    tail = _pick(
        rng,
        (
            "promised to vote against it.",
            "said the government had not listened.",
            "urged both sides to return to the table.",
            "called for a referendum.",
        ),
    )
    return f"{_subject(person)} called {ctx['topic']} {left}{fragment}{right} and {tail}"


def _nested(rng: random.Random, ctx: dict[str, str], person: _Person) -> str:
    soft = _pick(rng, _SOFT_WORDS)
    closer = _fill(rng, _pick(rng, _QUOTE_CLOSERS), ctx)[:-1]
    if rng.random() < 0.5:
        inner = f"They call it ‘{soft}’, but we know what it means. {closer}"
        return f"“{inner},” {_subject(person)} said."
    inner = f"They call it '{soft}', but we know what it means. {closer}"
    return f'"{inner}," {_subject(person)} said.'


def _pronoun(rng: random.Random, ctx: dict[str, str], person: _Person) -> str:
    pronoun = person.pronoun.capitalize()
    verb = _pick(rng, ("added", "said", "warned", "noted"))
    effect = _pick(rng, _EFFECTS)
    return _fill(
        rng, f"{pronoun} {verb} that the {{body}} had been told the plan would {effect}.", ctx
    )


def _background(rng: random.Random, ctx: dict[str, str], person: _Person) -> str:
    return _fill(
        rng,
        _pick(
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


def _multi(rng: random.Random, ctx: dict[str, str], person: _Person) -> str:
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


def _wrap(line: str) -> list[str]:
    """Greedy wrap at `WRAP_COLS` columns as w3m wraps (bullets get a hanging indent), cheaply."""
    if len(line) <= WRAP_COLS:
        return [line]
    indent = "    " if line.startswith("  • ") else ""
    out = []
    while len(line) > WRAP_COLS:
        cut = line.rfind(" ", len(indent) + 1, WRAP_COLS + 1)
        if cut <= 0:
            cut = WRAP_COLS
            out.append(line[:cut])
            line = indent + line[cut:]
        else:
            out.append(line[:cut])
            line = indent + line[cut + 1 :]
    out.append(line)
    return out


def _assemble(rng: random.Random, head: list[str], story: _Story, tail: list[str]) -> str:
    lines = list(head)
    lines += [story.headline, ""]
    lines += [f"By {story.author} | Published {story.dateline}", ""]
    lines += [f"  • {name} share button" for name in ("Facebook", "X", "Mail", "Link")]
    for caption in story.captions[:1]:
        lines += [caption, caption]
    lines.append("")
    wrapped = rng.random() < 0.3
    interrupt_at = rng.randrange(2, max(3, len(story.paragraphs)))
    for k, paragraph in enumerate(story.paragraphs):
        if k == interrupt_at:
            lines += [
                _pick(
                    rng,
                    (
                        "ADVERTISEMENT",
                        f"Read more: {_teaser(rng)}",
                        "You have read 3 of 5 free articles this month. Subscribe now for "
                        "unlimited access.",
                    ),
                ),
                "",
            ]
        for block in paragraph.split("\n\n"):
            lines += [block, ""]
    for caption in story.captions[1:]:
        lines += [caption, caption, ""]
    lines += tail
    if wrapped:
        lines = [part for line in lines for part in _wrap(line)]
    return "\n".join(lines) + "\n"
