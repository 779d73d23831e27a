"""The rest of the article's own containers: paragraphs trafilatura left out of the story it chose.

trafilatura finds the container of a page's story but sometimes keeps only part of it: a story
set in several chunks of one shape (between ads, around a pull quote) loses the chunks after the
first, and posts embedded in the story (quoted tweets, blockquotes) are pruned as widgets although
the story quotes them. The page's own markup says which paragraphs belong together: the elements
that hold trafilatura's paragraphs, and those shaped like them under the same ancestor. Their
other paragraphs are put back, each after the paragraph that precedes it on the page, unless they
are mostly links (related stories), repeat the body (a paragraph split in two, a pull quote), hold
code, are too short to be prose, or the caller's filter (captions, chrome) rejects them.

Pure: reads the parsed page, never changes it; never fetches or prints.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from lxml import etree

__all__ = ["complete_body"]

# A container holds at least this many of trafilatura's paragraphs before its others count.
MIN_MATCHED = 2
# Containers with the same tags and classes up to this many levels up, below the same ancestor,
# are chunks of one story.
SHAPE_LEVELS = 2
# A paragraph sits at most this many levels below its container (a tweet: container > embed >
# blockquote).
MAX_DEPTH = 3
# A paragraph put back has at least this many words (labels and credits have fewer).
MIN_WORDS = 5
# A paragraph whose text is more than this share of link text is a list of related stories.
MAX_LINK_SHARE = 0.5
# A paragraph more than this share of whose word 4-grams are in the body already repeats it.
MAX_SEEN_SHARE = 0.5
# Elements that are paragraphs on the page, and those of them that are put back.
_BLOCK_TAGS = ("p", "blockquote", "h2", "h3", "h4", "li", "pre")
_ADDED_TAGS = frozenset({"p", "blockquote"})
# A paragraph inside one of these is not the story's text.
_OUTSIDE = frozenset(
    {"figure", "figcaption", "aside", "nav", "footer", "header", "form", "button", "noscript", "a"}
)
# Markup left as text ("&lt;span ...&gt;"): an editor's leftovers, not prose.
_ESCAPED_MARKUP = re.compile(r"&(?:lt|gt|amp);")
_WORD = re.compile(r"\w+")

Gram = tuple[str, ...]


def complete_body(
    tree: etree._Element, paragraphs: list[str], rejects: Callable[[str], bool]
) -> list[str]:
    """trafilatura's paragraphs with the rest of their containers put back in page order.

    Args:
        tree: The parsed page (not the extractor's pruned copy).
        paragraphs: trafilatura's body paragraphs, already filtered by the caller.
        rejects: The caller's filter: True for a paragraph that is no body (caption, chrome).

    Returns:
        `paragraphs`, with each paragraph put back right after the one it follows on the page.
    """
    keys = {_key(p) for p in paragraphs}
    blocks = [(el, _key(_text(el))) for el in tree.iter(*_BLOCK_TAGS)]
    containers = _containers(tree, [el for el, key in blocks if key in keys])
    if not containers:
        return paragraphs
    seen = _grams(keys)
    after: dict[str, list[str]] = {}
    previous = ""
    for el, key in blocks:
        if not key:
            continue
        if key in keys:
            previous = key
            continue
        if not previous or el.tag not in _ADDED_TAGS or not _inside(el, containers):
            continue
        grams = _grams([key])
        if len(grams & seen) > MAX_SEEN_SHARE * len(grams) or _not_prose(el, rejects):
            continue
        after.setdefault(previous, []).extend(_pieces(el))
        seen |= grams
    out: list[str] = []  # what precedes the first of them is the page's header, not the story
    for paragraph in paragraphs:
        out.append(paragraph)
        out.extend(after.pop(_key(paragraph), ()))
    return out


def _containers(tree: etree._Element, matched: list[etree._Element]) -> set[etree._Element]:
    """Parents of at least MIN_MATCHED matched paragraphs, and the elements shaped like them."""
    counts: dict[etree._Element, int] = {}
    for el in matched:
        parent = el.getparent()
        if parent is not None:
            counts[parent] = counts.get(parent, 0) + 1
    found = {c for c, n in counts.items() if n >= MIN_MATCHED}
    shapes = {}
    for container in found:
        shape, ancestor = _shape(container)
        if ancestor is not None:
            shapes[shape] = ancestor
    tags = {shape[0][0] for shape in shapes}
    for el in tree.iter(*tags) if tags else ():
        shape, ancestor = _shape(el)
        if ancestor is not None and shapes.get(shape) is ancestor:
            found.add(el)
    return found


def _shape(el: etree._Element) -> tuple[tuple[tuple[str, str | None], ...], etree._Element | None]:
    """Tags and classes of `el` and SHAPE_LEVELS ancestors, and the ancestor above them."""
    shape = []
    node: etree._Element | None = el
    for _ in range(SHAPE_LEVELS + 1):
        if node is None:
            break
        shape.append((str(node.tag), node.get("class")))
        node = node.getparent()
    return tuple(shape), node


def _inside(el: etree._Element, containers: set[etree._Element]) -> bool:
    """Whether `el` sits within MAX_DEPTH levels of a container, in no figure, aside or link."""
    node = el.getparent()
    depth = 1
    while node is not None and depth <= MAX_DEPTH:
        if node.tag in _OUTSIDE or node.tag in _BLOCK_TAGS:
            return False
        if node in containers:
            return not any(a.tag in _OUTSIDE for a in node.iterancestors())
        node = node.getparent()
        depth += 1
    return False


def _not_prose(el: etree._Element, rejects: Callable[[str], bool]) -> bool:
    """Code, escaped markup, a few words, mostly links, or what the caller rejects."""
    if el.find(".//script") is not None or el.find(".//style") is not None:
        return True
    text = _text(el)
    if len(_WORD.findall(text)) < MIN_WORDS or _ESCAPED_MARKUP.search(text):
        return True
    links = sum(len(_text(a)) for a in el.iter("a"))
    return links > MAX_LINK_SHARE * len(text) or rejects(text)


def _pieces(el: etree._Element) -> list[str]:
    """A paragraph's text; a quote block's paragraphs, then the rest (an embed's attribution)."""
    if el.tag != "blockquote":
        return [_text(el)]
    out = [_text(p) for p in el.findall("p")]
    rest = [el.text or ""]
    for child in el:
        if child.tag != "p":
            rest.append(_text(child))
        rest.append(child.tail or "")
    out.append(" ".join(" ".join(rest).split()))
    return [piece for piece in out if piece]


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _grams(keys: Iterable[str]) -> set[Gram]:
    """Word 4-grams of normalised paragraphs."""
    out: set[Gram] = set()
    for key in keys:
        words = key.split()
        out.update(zip(words, words[1:], words[2:], words[3:], strict=False))
    return out
