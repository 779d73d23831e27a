"""Re-anchoring imported offsets: an annotated text's canonical form and the map from the offsets
made on the file to offsets into that form.

An annotated text is taken as written: it is never page-cleaned, never re-wrapped. The only
changes made are the project's documented text normalizations that keep every word where it is:
line endings become `\\n` (normalize.text's line-ending rule) and the text is put in Unicode NFC.
Each change is an `Edit` that is counted; an offset outside every edit moves by the length the
edits before it gained or lost, an offset at an edit's edge lands on the replacement's edge, and
an offset strictly inside an edit (between `\\r` and `\\n`, between a letter and the accent NFC
joins to it) has no exact image: `OffsetMap.position` says None, and the importer lists the span
instead of shifting it. Pure: no file, no I/O.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from newscorpus.normalize.text import LINE_ENDINGS

# The kinds of change, as the import report counts them.
LINE_ENDING, NFC = "line_ending", "nfc"
# NFC never joins a character to an ASCII character that follows it, nor reorders across one, so
# the text is normalized in pieces: a run of non-ASCII characters with the one character before
# it (the base an accent may join to).
_NFC_PIECE = re.compile(r".?[^\x00-\x7f]+", re.DOTALL)


@dataclass(frozen=True)
class Edit:
    """`text[start:end]` of the source became `replacement`."""

    start: int
    end: int
    replacement: str
    kind: str

    @property
    def delta(self) -> int:
        return len(self.replacement) - (self.end - self.start)


@dataclass(frozen=True)
class OffsetMap:
    """Source offsets -> offsets into the edited text, for sorted, non-overlapping edits."""

    edits: tuple[Edit, ...] = ()
    _ends: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _shift: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_ends", tuple(e.end for e in self.edits))
        shifts = accumulate((e.delta for e in self.edits), initial=0)
        object.__setattr__(self, "_shift", tuple(shifts))

    def position(self, offset: int) -> int | None:
        """Where `offset` lands in the edited text; None when it falls inside an edit."""
        i = bisect.bisect_right(self._ends, offset)  # edits wholly at or before `offset`
        if i < len(self.edits) and self.edits[i].start < offset:
            return None
        return offset + self._shift[i]


def apply(text: str, edits: Sequence[Edit]) -> str:
    """`text` with each edit's range replaced (edits sorted and non-overlapping)."""
    out, at = [], 0
    for e in edits:
        out += [text[at : e.start], e.replacement]
        at = e.end
    out.append(text[at:])
    return "".join(out)


def line_ending_edits(text: str) -> list[Edit]:
    """`\\r\\n`, `\\r` and the Unicode line and paragraph separators -> `\\n`."""
    return [Edit(m.start(), m.end(), "\n", LINE_ENDING) for m in LINE_ENDINGS.finditer(text)]


def nfc_edits(text: str) -> list[Edit]:
    """The pieces of `text` that NFC changes, each with its normalized form.

    Falls back to one edit over the whole text if the pieces ever disagree with NFC of the whole
    (no offset inside it is then exact, and the importer says so rather than guess).
    """
    if unicodedata.is_normalized("NFC", text):
        return []
    edits = []
    for m in _NFC_PIECE.finditer(text):
        normalized = unicodedata.normalize("NFC", m.group())
        if normalized != m.group():
            edits.append(_narrowed(m.start(), m.group(), normalized))
    if apply(text, edits) != unicodedata.normalize("NFC", text):
        return [Edit(0, len(text), unicodedata.normalize("NFC", text), NFC)]
    return edits


def _narrowed(start: int, piece: str, normalized: str) -> Edit:
    """The edit of one piece without the characters NFC left as they were at either end, so
    that an offset next to a changed character (a mark joined to its letter) stays exact."""
    prefix = 0
    while prefix < min(len(piece), len(normalized)) and piece[prefix] == normalized[prefix]:
        prefix += 1
    suffix = 0
    limit = min(len(piece), len(normalized)) - prefix
    while suffix < limit and piece[-1 - suffix] == normalized[-1 - suffix]:
        suffix += 1
    return Edit(
        start + prefix,
        start + len(piece) - suffix,
        normalized[prefix : len(normalized) - suffix],
        NFC,
    )


@dataclass(frozen=True)
class Canonical:
    """An imported text in its canonical form, and how to carry offsets of the source to it."""

    source: str
    text: str
    steps: tuple[OffsetMap, ...]

    @property
    def changes(self) -> Counter[str]:
        """Edits made, by kind (LINE_ENDING, NFC)."""
        return Counter(e.kind for step in self.steps for e in step.edits)

    @property
    def changed(self) -> bool:
        return self.text != self.source

    def position(self, offset: int) -> int | None:
        """The image of a source offset, None when no offset of the text is exactly it."""
        at: int | None = offset
        for step in self.steps:
            if at is None:
                return None
            at = step.position(at)
        return at

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The image of a source span: None unless both ends have an exact image and the text
        between them is the source's, normalized the same way (a check, not an assumption)."""
        s, e = self.position(start), self.position(end)
        if s is None or e is None:
            return None
        if self.text[s:e] != normalized(self.source[start:end]):
            return None
        return s, e


def normalized(text: str) -> str:
    """`text` with the changes `canonical` makes, without the offset map."""
    return unicodedata.normalize("NFC", LINE_ENDINGS.sub("\n", text))


def canonical(source: str) -> Canonical:
    """Line endings, then NFC: the only changes an imported annotated text undergoes."""
    endings = line_ending_edits(source)
    unified = apply(source, endings)
    nfc = nfc_edits(unified)
    return Canonical(
        source, apply(unified, nfc), (OffsetMap(tuple(endings)), OffsetMap(tuple(nfc)))
    )
