"""Synthetic BRAT corpora for the import tests (made up here, no sentence of a real corpus).

`STORY` has a title line, a blank line and paragraphs, as PolNeAR's text files do; `ann` writes
one attribution per call with offsets found by searching the text, so the fixtures stay right
when a text is edited.
"""

from __future__ import annotations

from pathlib import Path

# Synthetic.
STORY = (
    "Mayor says tram will run by May\n\n"
    "The mayor said the tram would run by May.\n\n"
    '"We will not wait," the union said. "The city must pay."\n\n'
    'Critics called the plan "a fantasy" on Friday.'
)
OTHER = "Council closes the old depot\n\nThe depot closed on Monday."


def offsets(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    """The first `needle` at or after `after`."""
    start = text.index(needle, after)
    return start, start + len(needle)


def attribution(
    n: int,
    text: str,
    source: str | None,
    cue: str,
    content: list[str] | str,
) -> list[str]:
    """`T` and `E` lines of attribution number `n` (content pieces as separate fragments); the
    cue is the first one after the source."""
    pieces = [content] if isinstance(content, str) else content
    t = 10 * n
    lines = []
    roles = []
    after = 0
    if source is not None:
        s, after = offsets(text, source)
        lines.append(f"T{t + 1}\tSource {s} {after}\t{source}")
        roles.append(f"Source:T{t + 1}")
    s, e = offsets(text, cue, after)
    lines.append(f"T{t + 2}\tCue {s} {e}\t{cue}")
    roles.append(f"Cue:T{t + 2}")
    spans = [offsets(text, p) for p in pieces]
    spec = ";".join(f"{s} {e}" for s, e in spans)
    lines.append(f"T{t + 3}\tContent {spec}\t{' '.join(pieces)}")
    roles.append(f"Content:T{t + 3}")
    lines.append(f"E{n}\tAttribution:T{t + 2} " + " ".join(roles))
    return lines


def write_brat(
    root: Path,
    texts: dict[str, str],
    anns: dict[str, list[str]],
    metadata: str | None = None,
    newline: str = "\n",
) -> Path:
    """A BRAT folder: text/NAME.txt, attributions/NAME_CODE.ann, optional metadata.tsv."""
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for name, text in texts.items():
        (root / "text" / f"{name}.txt").write_bytes(text.replace("\n", newline).encode("utf-8"))
    for name, lines in anns.items():
        (root / "attributions" / f"{name}.ann").write_text("\n".join(lines) + "\n", "utf-8")
    if metadata is not None:
        (root / "metadata.tsv").write_text(metadata, encoding="utf-8")
    return root


def story_corpus(root: Path) -> Path:
    """Two articles; the story annotated by two annotators who agree on one attribution."""
    mayor = attribution(1, STORY, "The mayor", "said", "the tram would run by May")
    union = attribution(
        2, STORY, "the union", "said", ['"We will not wait,"', '"The city must pay."']
    )
    critics = attribution(3, STORY, "Critics", "called", 'the plan "a fantasy"')
    return write_brat(
        root,
        {"gazette_2024_tram": STORY, "gazette_2024_depot": OTHER},
        {
            "gazette_2024_tram_aa11": mayor + union,
            "gazette_2024_tram_bb22": mayor + critics,
            "gazette_2024_depot_aa11": [],
        },
        metadata="filename\ttitle\tpublisher\tpublication_date\tauthor\twire\n"
        "gazette_2024_tram\tTram by May\tgazette\t2024-03-01\tA. Writer\tNone\n",
    )
