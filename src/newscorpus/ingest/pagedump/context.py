"""Lines judged by their neighbours: captions, the page's repeated template, menus of bullets.

A line repeated right after itself is a caption shown twice (image and its overlay), and so is a
line above a credit of its own ("Photo: ..."); a line repeated elsewhere on the page is template
(teaser lists at the top and bottom, headlines in breadcrumbs) unless one of its copies is a
caption. A prose-looking bullet in a list of mostly non-prose bullets is a teaser; the short items
of a list a paragraph announces with a colon are the story's. Runs after
`classify`; it must never split or unwrap lines, and changes a line's words only to drop a
caption's "Image caption" label or to join a photo credit to the caption above it.
"""

from __future__ import annotations

from collections import Counter

from newscorpus.ingest.pagedump.captions import has_photo_credit
from newscorpus.ingest.pagedump.lines import Line, bullet_runs, norm_key
from newscorpus.ingest.pagedump.patterns import (
    CAPTION_LABEL,
    CAPTION_LABEL_FIRST,
    EXPANDER,
    SENTENCE_END,
    SENTENCE_INSIDE,
    TABLE_GAP,
)
from newscorpus.ingest.pagedump.settings import (
    ALL_ON,
    CAPTION_MIN_WORDS,
    EXPANDER_MIN_STEM,
    GALLERY_CAPTION_MIN_WORDS,
    HEADLINE_MAX_WORDS,
    LIST_ITEM_GAP,
    TAIL_CHARS,
    TWICE_MAX_REPEATS,
)

__all__ = ["mark_context"]


def mark_context(lines: list[Line], off: frozenset[str] = ALL_ON) -> None:
    """Mark captions, template lines, teaser lists and announced lists (see the module doc).

    Families named in `off` ("captions", "template", "teaser_lists", "announced_lists") are not
    applied.
    """
    counts = Counter(line.key for line in lines)
    for i, line in enumerate(lines):
        line.repeats = counts[line.key]
        _mark_line(lines, i, off)
    if "captions" not in off:
        caption_keys = {line.key for line in lines if line.kind == "caption"}
        for line in lines:
            _mark_away_from_image(line, caption_keys)
    if "teaser_lists" not in off:
        _demote_teaser_lists(lines)
    if "announced_lists" not in off:
        _promote_announced_lists(lines)


def _promote_announced_lists(lines: list[Line]) -> None:
    """The items of a list a paragraph announces with a colon are the story's, however short.

    A menu is not announced by a sentence; a story's list ("... at three places:") is, and its
    items (a product, a place, a name) are too short to read as prose. Items may be set apart by
    up to `LIST_ITEM_GAP` other lines (a link, a price, a picture); a template line (the page
    repeats it) stays chrome.
    """
    for i, line in enumerate(lines):
        if line.kind != "good" or not line.text.endswith(":"):
            continue
        gap = 0
        for item in lines[i + 1 :]:
            if item.kind in ("section", "end", "good") or gap > LIST_ITEM_GAP:
                break
            gap = 0 if item.bullet else gap + 1
            if item.bullet and item.kind == "bad" and not item.template:
                item.kind = "good"


def _mark_line(lines: list[Line], i: int, off: frozenset[str]) -> None:
    """A caption by its label, credit or neighbours; else template when the page repeats it."""
    line = lines[i]
    captions = "captions" not in off
    label = captions and line.text[0] in CAPTION_LABEL_FIRST and CAPTION_LABEL.match(line.text)
    if label and line.kind != "bad":
        line.text = line.text[label.end() :]
        line.kind = "caption"
        return
    if captions and line.kind == "bad" and line.bullet and line.words >= GALLERY_CAPTION_MIN_WORDS:
        # A gallery's caption, set as a list item, that ends with its credit.
        if not line.credit and has_photo_credit(line.text):
            line.kind = "caption"
        return
    if line.kind in ("bad", "section", "end", "image"):
        return
    table_row = "   " in line.text and TABLE_GAP.search(line.text)
    if captions and line.words >= CAPTION_MIN_WORDS and not table_row and _mark_caption(lines, i):
        return
    if line.repeats > 1 and not table_row and "template" not in off:
        line.kind = "bad"  # template: teasers, headlines and labels the page repeats
        line.template = True


def _mark_caption(lines: list[Line], i: int) -> bool:
    """Mark `lines[i]` a caption when its credit or its neighbours say it is one."""
    line = lines[i]
    last = len(lines) - 1
    adjacent = (i < last and lines[i + 1].key == line.key) or (
        i > 0 and lines[i - 1].key == line.key
    )
    if has_photo_credit(line.text):
        line.kind = "caption"
        return True
    if adjacent and line.repeats <= TWICE_MAX_REPEATS:
        line.kind = "caption"
        line.twice = _headline_shaped(line)
        return True
    below = lines[i + 1] if i < last else None
    if below and below.credit and not below.gap and not line.bullet and "|" not in line.text:
        if not line.key.endswith(below.key):
            line.text = f"{line.text} {below.text}"
            line.key = f"{line.key} {below.key}"
        line.kind = "caption"
        return True
    if (
        line.repeats > 1
        and i > 0
        and lines[i - 1].kind == "image"
        and (SENTENCE_END.search(line.text[-TAIL_CHARS:]) or SENTENCE_INSIDE.search(line.text))
    ):
        line.kind = "caption"  # under its image here, printed again elsewhere
        return True
    return False


def _headline_shaped(line: Line) -> bool:
    """No sentence punctuation and no credit: a line printed twice like this may be a headline."""
    text = line.text
    return (
        line.words <= HEADLINE_MAX_WORDS
        and not text.endswith(".")
        and not SENTENCE_INSIDE.search(text)
    )


def _mark_away_from_image(line: Line, caption_keys: set[str]) -> None:
    """A caption's copy away from its image is a caption; its copy cut short ("... more") is not."""
    if line.template and line.key in caption_keys:
        line.kind = "caption"  # the same caption away from its image (after the story)
    elif line.text.endswith((" less", " more")) and line.kind != "caption":
        m = EXPANDER.search(line.text)
        if m:
            stem = norm_key(line.text[: m.start()])
            if len(stem) >= EXPANDER_MIN_STEM and any(
                k != line.key and k.startswith(stem) for k in caption_keys
            ):
                line.kind = "bad"  # a caption again, cut short, with a more/less button


def _demote_teaser_lists(lines: list[Line]) -> None:
    """In a run of bullets mostly not prose, the prose-looking ones are teasers too."""
    for i, j in bullet_runs(lines):
        run = lines[i:j]
        if len(run) > 1 and sum(ln.kind == "good" for ln in run) * 2 < len(run):
            for ln in run:
                if ln.kind == "good":
                    ln.kind = "bad"
