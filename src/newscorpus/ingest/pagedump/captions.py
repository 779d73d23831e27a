"""Photo captions: telling a caption by its credit, and keeping each caption once.

A caption ends with a photo credit ("... on Saturday. Photo: Jane Roe/Harbor Post") or begins
the way wire captions do ("FILE - In this ... photo"). Pure text rules: this module must never
mark lines (that is `context`) and never rewrite a caption's words.
"""

from __future__ import annotations

from newscorpus.ingest.pagedump.lines import Line, norm_key
from newscorpus.ingest.pagedump.patterns import (
    AGENCIES,
    CAPTION_CREDIT,
    CAPTION_START,
    CREDIT_HINTS,
    PHOTO_AGENCIES,
)
from newscorpus.ingest.pagedump.settings import CAPTION_REACH, CREDIT_TAIL_CHARS

__all__ = ["captions_near", "dedupe_captions", "has_photo_credit"]


def has_photo_credit(text: str) -> bool:
    """Whether a line ends with a photo credit or begins like a wire caption.

    The credit pattern is long; it is tried only when the tail has a hint of one (an agency as
    the last word, a slash, a parenthesis, "photo", "Getty", ...).
    """
    if CAPTION_START.match(text):
        return True
    tail = text[-CREDIT_TAIL_CHARS:]
    low = tail.lower()
    last_word = low.rsplit(None, 1)[-1].strip(".)") if low.strip() else ""
    if not (
        last_word in AGENCIES
        or last_word in PHOTO_AGENCIES
        or "/" in low
        or "(" in low
        or any(hint in low for hint in CREDIT_HINTS)
    ):
        return False
    return bool(CAPTION_CREDIT.search(tail))


def dedupe_captions(items: list[str]) -> tuple[str, ...]:
    """Each caption once, in order of first appearance.

    A caption whose words begin another one is that caption cut short (a gallery's "... more"
    variant, or the caption before its credit was added): the longer one is kept in its place.
    """
    out: list[str] = []
    keys: list[str] = []
    for item in items:
        key = norm_key(item)
        if not key:
            continue
        for n, kept in enumerate(keys):
            if kept.startswith(key):
                break
            if key.startswith(kept):
                out[n], keys[n] = item, key
                break
        else:
            out.append(item)
            keys.append(key)
    return tuple(out)


def captions_near(
    lines: list[Line], start: int, end: int, title_key: str | None
) -> tuple[str, ...]:
    """The captions around the body `lines[start:end]`, each once.

    Only captions near the article count (the page's other captions belong to teasers); a
    headline printed twice looked like one until it turned out to be the title (`title_key`).
    """
    near = lines[max(0, start - CAPTION_REACH) : min(len(lines), end + CAPTION_REACH)]
    return dedupe_captions([ln.text for ln in near if ln.kind == "caption" and ln.key != title_key])
