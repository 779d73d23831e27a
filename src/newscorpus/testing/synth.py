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
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from newscorpus.testing import synth_words as words
from newscorpus.testing.synth_story import Story, fill, make_story, pick

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


def synthetic_path(i: int) -> str:
    """Relative path of page `i` in a synthetic corpus: shards of `SHARD_SIZE` pages."""
    return f"{i // SHARD_SIZE:04d}/page-{i:07d}.txt"


def synthetic_page(i: int, size: int = 10_000) -> str:
    """Page dump number `i`, about `size` bytes, the same every time for the same arguments."""
    story = make_story(random.Random(_BODY_SEED + i), size)
    chrome = random.Random(_CHROME_SEED + i)
    head, tail = _chrome(chrome, size - story.length)
    return _assemble(chrome, head, story, tail)


def near_duplicate_page(i: int, of: int, size: int = 10_000) -> str:
    """Page `i` as a syndicated copy of page `of`: its body, a new headline, one added sentence."""
    story = make_story(random.Random(_BODY_SEED + of), size)
    chrome = random.Random(_CHROME_SEED + i)
    head, tail = _chrome(chrome, size - story.length)
    ctx = story.context
    story.headline = fill(
        chrome,
        pick(
            chrome,
            (
                "{Country} {body} under pressure over {topic}",
                "What {topic} means for {city}",
                "{group_cap} in {city} react to {topic}",
            ),
        ),
        ctx,
    )
    update = fill(
        chrome,
        pick(
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


def _site(rng: random.Random) -> str:
    return f"The {pick(rng, words.CITIES)} {pick(rng, words.SITE_WORDS)}"


def _chrome(rng: random.Random, budget: int) -> tuple[list[str], list[str]]:
    """Lines before and after the article, about `budget` characters: menus, boxes, footer."""
    site = _site(rng)
    head = [f"[{site} logo]", "", "[                    ] [Go]", ""]
    for section in rng.sample(words.SECTIONS, rng.randrange(5, 10)):
        head.append(f"  • {section}")
        if rng.random() < 0.3:
            head.extend(
                f"      ○ {sub}" for sub in rng.sample(words.SUBSECTIONS, rng.randrange(2, 5))
            )
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
    tail += ["X", "CLOSE", "", pick(rng, ("Top 10 Stories", "Most Read", "Trending now")), ""]
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
        section = pick(rng, words.SECTIONS)
        if rng.random() < 0.5:
            block = [f"  • {section}"]
            block += [
                f"          ☆ {sub}" for sub in rng.sample(words.SUBSECTIONS, rng.randrange(2, 7))
            ]
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


def _make_teaser(rng: random.Random) -> str:
    country, country2 = rng.sample(words.COUNTRIES, 2)
    group = pick(rng, words.GROUPS)
    return pick(rng, words.TEASERS).format(
        city=pick(rng, words.CITIES),
        group=group,
        group_cap=group.capitalize(),
        weekday=pick(rng, words.WEEKDAYS),
        country=country,
        country2=country2,
        topic=pick(rng, words.TOPICS)[4:],
        company=pick(rng, words.COMPANIES),
        body=pick(rng, words.BODIES),
    )


@cache
def _teaser_pool() -> tuple[str, ...]:
    """Teaser headlines shared by all pages, as sites share them: a page has dozens of them."""
    rng = random.Random(_TEASER_SEED)
    return tuple(_make_teaser(rng) for _ in range(_TEASER_POOL))


def _teaser(rng: random.Random) -> str:
    return pick(rng, _teaser_pool())


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


def _assemble(rng: random.Random, head: list[str], story: Story, tail: list[str]) -> str:
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
                pick(
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
