"""The wire agency a story credits (Yonhap, AP, Reuters, AFP, ...), spelled as we report it.

Also used on its own by the HTML reader, on paragraphs and captions found another way. Pure: it
must never credit a wire the page does not name, and never take the publisher's own credit for
one.
"""

from __future__ import annotations

from collections.abc import Sequence

from newscorpus.ingest.pagedump.lines import norm_key
from newscorpus.ingest.pagedump.meta_patterns import (
    AGENCY_AT_END,
    AGENCY_AT_START,
    AGENCY_TRAILING_WORD,
    NAME_FILLER,
    NOT_AGENCIES,
)
from newscorpus.ingest.pagedump.patterns import AGENCIES, WORD

__all__ = ["find_agency"]


def find_agency(
    paragraphs: Sequence[str],
    captions: Sequence[str] = (),
    authors: Sequence[str] = (),
    source: str | None = None,
) -> str | None:
    """The wire agency a story credits, spelled as we report it (Yonhap, AP, Reuters, AFP, ...).

    The body's own credit counts first ("... (Yonhap)" at its end, "SEOUL (AP) --" at its start),
    then a byline naming an agency, then photo captions ending with one. A credit that is the
    publisher itself ("(NBT)" on the Northgate Business Times' own story, given `source`) is
    the paper's own staff, not a wire, unless it is a known agency.

    Args:
        paragraphs: The body, in reading order.
        captions: Photo captions of the story.
        authors: Names from its byline.
        source: The publisher as the page names it, when known.

    Returns:
        The agency's name, or None when nothing credits one.
    """
    if paragraphs:
        for m in (AGENCY_AT_END.search(paragraphs[-1]), AGENCY_AT_START.search(paragraphs[0])):
            if m and m.group("a").lower() not in NOT_AGENCIES:
                found = m.group("a")
                if found.lower() in AGENCIES or not _same_outlet(found, source):
                    return _agency_name(found)
    for author in authors:
        name = AGENCIES.get(author.strip().lower())
        if name:
            return name
    for caption in captions:
        m = AGENCY_TRAILING_WORD.search(caption)
        if m:
            return _agency_name(m.group("a"))
    return None


def _agency_name(found: str) -> str:
    return AGENCIES.get(found.lower(), found)


def _same_outlet(credit: str, source: str | None) -> bool:
    """Whether a credit names the publisher: its name, or the initials of its name."""
    if not source:
        return False
    credit_key = norm_key(credit)
    words = [w for w in WORD.findall(source) if w.lower() not in NAME_FILLER]
    initials = "".join(w[0] for w in words).lower()
    return credit_key in (norm_key(source), initials) or credit_key == " ".join(
        w.lower() for w in words
    )
