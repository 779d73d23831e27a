"""The quote kind of an imported span, derived by a rule from its quotation marks.

BRAT attribution corpora mark who said what, not how it was reported, so an import derives the
kind (labels.QUOTE_KINDS) from the marks in each content piece and records `kind_source` as
`machine`. The rule follows the project guidelines (annotations/guidelines.md): a piece wholly
inside quotation marks is direct (a paragraph of a multi-paragraph quote opens with a mark and
may not close), a paraphrase holding a quoted fragment is mixed, no marks is indirect. Pure.
"""

from __future__ import annotations

# Marks that open or close a quotation; a straight double quote does both. Single quotes are
# left out: the same characters are apostrophes.
OPENING_MARKS = frozenset('"“«„')
CLOSING_MARKS = frozenset('"”»')
# Punctuation and space a content span may carry at its edges, around its marks.
EDGE = " \t\n.,;:!?—–-"


def quote_kind(piece: str) -> str:
    """direct, mixed or indirect (labels.QUOTE_KINDS) for one content piece."""
    core = piece.strip(EDGE)
    marks = [c for c in core if c in OPENING_MARKS or c in CLOSING_MARKS]
    if not marks:
        return "indirect"
    opens = core[:1] in OPENING_MARKS
    closes = core[-1:] in CLOSING_MARKS and len(core) > 1
    if opens and (len(marks) == 1 or (closes and len(marks) == 2)):
        return "direct"
    return "mixed"
