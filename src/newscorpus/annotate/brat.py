"""Reader of BRAT standoff attribution files (PolNeAR style): `.ann` text in, attributions out.

Used to score the quote extractor against human annotation and to import BRAT-annotated articles.
Pure: takes the file's text, never opens a file, and never checks offsets against an article (the
caller knows the text; `check_against` does it when asked).

The format, as PolNeAR writes it:

    T1<TAB>Source 201 220<TAB>O'Malley's campaign
    T3<TAB>Content 226 260;262 297<TAB>first fragment second fragment
    E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1

`T` lines are text-bound spans (one or more `start end` fragments separated by `;`), `E` lines tie
them into one attribution by role (`Source`, `Cue`, `Content`, `Content2`, ...). A span's text may
contain newlines when it crosses a paragraph, so a line that starts with no known id continues the
previous line's text and is skipped. Comment (`#`), attribute (`A`), relation (`R`) and
normalization (`N`) lines carry nothing the scorer needs and are skipped too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

Fragment = tuple[int, int]

_TEXTBOUND = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t?(.*)$")
_EVENT = re.compile(r"^(E\d+)\t(.*)$")
_SKIPPED = re.compile(r"^(?:#|[ARN]\d+\t|\*\t)")
# PolNeAR names an annotator's file after the article: `NAME_ANNOTATOR.ann`.
_ANN_NAME = re.compile(r"^(?P<name>.+)_(?P<annotator>[^_]+)\.ann$")


def split_ann_name(filename: str) -> tuple[str, str] | None:
    """(article name, annotator) of a PolNeAR-style `NAME_ANNOTATOR.ann` file name, None for
    any other name."""
    m = _ANN_NAME.match(filename)
    return (m.group("name"), m.group("annotator")) if m else None


class BratError(ValueError):
    """A `.ann` text the reader cannot make sense of; the message names the line."""


@dataclass(frozen=True)
class TextBound:
    """One `T` line: a typed span made of one or more fragments, in file order."""

    id: str
    type: str
    fragments: tuple[Fragment, ...]
    text: str

    @property
    def start(self) -> int:
        return min(s for s, _ in self.fragments)

    @property
    def end(self) -> int:
        return max(e for _, e in self.fragments)


@dataclass(frozen=True)
class Attribution:
    """One `E` line resolved to its spans: who (source) said (cue) what (content).

    `content` merges every content role (`Content`, `Content2`, ...) because PolNeAR splits a few
    contents over two roles that together are one quotation. Fragments are sorted and never
    overlap.
    """

    id: str
    type: str
    content: tuple[Fragment, ...]
    source: tuple[Fragment, ...] = ()
    cue: tuple[Fragment, ...] = ()
    roles: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, hash=False)

    @property
    def start(self) -> int:
        return self.content[0][0]

    @property
    def end(self) -> int:
        return self.content[-1][1]


@dataclass(frozen=True)
class AnnDocument:
    """Everything read from one `.ann` text."""

    textbounds: dict[str, TextBound]
    attributions: list[Attribution]


def _merge(fragments: Iterable[Fragment]) -> tuple[Fragment, ...]:
    """Sort fragments and merge overlapping or touching ones, dropping empty ones."""
    merged: list[list[int]] = []
    for start, end in sorted(f for f in fragments if f[1] > f[0]):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((s, e) for s, e in merged)


def _parse_fragments(spec: str, lineno: int) -> tuple[Fragment, ...]:
    fragments = []
    for part in spec.split(";"):
        start_s, end_s = part.split()
        start, end = int(start_s), int(end_s)
        if end < start:
            raise BratError(f"line {lineno}: fragment {part!r} ends before it starts")
        fragments.append((start, end))
    return tuple(fragments)


def parse_ann(ann_text: str, content_roles_prefix: str = "Content") -> AnnDocument:
    """Parse the text of one `.ann` file.

    Args:
        ann_text: the whole file, decoded.
        content_roles_prefix: roles whose name starts with this are content (PolNeAR uses
            `Content` and, rarely, `Content2`).

    Returns:
        The text-bound spans by id and the attributions that have at least one content span, in
        file order. An `E` line without a content (PolNeAR has a few empty `Attribution-no-source`
        lines) is not an attribution and is dropped.

    Raises:
        BratError: an `E` line names a `T` id that no `T` line defines, or a fragment is reversed.
    """
    textbounds, events = _read_lines(ann_text)
    attributions = []
    for lineno, eid, body in events:
        attribution = _attribution(lineno, eid, body, textbounds, content_roles_prefix)
        if attribution is not None:
            attributions.append(attribution)
    return AnnDocument(textbounds=textbounds, attributions=attributions)


def _read_lines(ann_text: str) -> tuple[dict[str, TextBound], list[tuple[int, str, str]]]:
    """The `T` spans by id, and the `E` lines as (line number, id, body), in file order."""
    textbounds: dict[str, TextBound] = {}
    events: list[tuple[int, str, str]] = []
    for lineno, line in enumerate(ann_text.splitlines(), start=1):
        if not line.strip() or _SKIPPED.match(line):
            continue
        m = _TEXTBOUND.match(line)
        if m:
            tid, type_, spec, text = m.groups()
            textbounds[tid] = TextBound(tid, type_, _parse_fragments(spec, lineno), text)
            continue
        m = _EVENT.match(line)
        if m:
            events.append((lineno, m.group(1), m.group(2)))
        # Anything else continues a span text that crossed a newline: nothing to read there.
    return textbounds, events


def _attribution(
    lineno: int, eid: str, body: str, textbounds: dict[str, TextBound], content_prefix: str
) -> Attribution | None:
    """One `E` line resolved to its spans; None when it has no content span."""
    args = body.split()
    if not args:
        return None
    roles: dict[str, list[str]] = {}
    for arg in args[1:]:
        role, _, tid = arg.partition(":")
        if tid not in textbounds:
            raise BratError(f"line {lineno}: {eid} refers to {tid!r}, which no T line defines")
        roles.setdefault(role, []).append(tid)

    def spans(prefix: str) -> tuple[Fragment, ...]:
        return _merge(
            f
            for r in roles
            if r.startswith(prefix)
            for t in roles[r]
            for f in textbounds[t].fragments
        )

    content = spans(content_prefix)
    if not content:
        return None
    return Attribution(
        id=eid,
        type=args[0].split(":", 1)[0],
        content=content,
        source=spans("Source"),
        cue=spans("Cue"),
        roles={r: tuple(ts) for r, ts in roles.items()},
    )


def check_against(doc: AnnDocument, text: str) -> list[str]:
    """Problems between an `.ann` and its article text: spans out of range or with other text.

    Returns one message per problem (empty when the file fits the text), so that an importer can
    name every bad span at once instead of stopping at the first.
    """
    problems = []
    for tb in doc.textbounds.values():
        if any(e > len(text) for _, e in tb.fragments):
            problems.append(f"{tb.id}: span {tb.fragments} is outside a text of {len(text)}")
            continue
        joined = " ".join(text[s:e] for s, e in tb.fragments)
        # A span text that crossed a newline was cut at that newline in the file.
        if tb.text and not joined.startswith(tb.text):
            problems.append(f"{tb.id}: file says {tb.text[:40]!r}, text has {joined[:40]!r}")
    return problems
