"""The publisher a page names: the copyright holder of its footer, as its masthead spells it.

The last notice after the body is the site's own (a wire's notice comes first, right under its
story); a notice naming a wire agency counts only when the page has no other; a page without a
notice may name itself in its logo's alt text. Pure: it must never know a site by name, and
returns None rather than a guess when the page names no publisher.
"""

from __future__ import annotations

from newscorpus.ingest.pagedump.lines import Line, norm_key
from newscorpus.ingest.pagedump.meta_patterns import (
    COPYRIGHT_NOTICE,
    LEGAL_FORM,
    LOGO,
    NAME_FILLER,
    NOT_NAMES,
    NOTICE_END,
    TRADE_WORD,
)
from newscorpus.ingest.pagedump.patterns import AGENCIES
from newscorpus.ingest.pagedump.settings import (
    LOGO_MAX_WORDS,
    MASTHEAD_MAX_WORDS,
    NOTICE_MAX_WORDS,
    OUTLET_KEEP_WORDS,
    OUTLET_MAX_WORDS,
    OUTLET_MIN_WORDS,
)

__all__ = ["find_source"]


def find_source(lines: list[Line], start: int, end: int) -> str | None:
    """The publisher the page around the body `lines[start:end]` names, or None.

    Its copyright notice, else its logo's alt text. A masthead line that says the notice's name
    with "The" in front is how the paper spells itself ("Ostrania Observer Media Ltd." -> "The
    Ostrania Observer").
    """
    name = _notice_holder(lines, start, end)
    if name is None:
        return _logo_name(lines[:start])
    spelled = f"the {norm_key(name)}"
    for line in lines:
        if line.words <= MASTHEAD_MAX_WORDS and line.key.removesuffix(" logo") == spelled:
            return line.text.strip("[]").removesuffix(" logo").removesuffix(" Logo")
    return name


def _notice_holder(lines: list[Line], start: int, end: int) -> str | None:
    """The holder of the last notice after the body, else before it; a wire's as a last resort."""
    name = wire = None
    for line in (*reversed(lines[end:]), *reversed(lines[:start])):
        if line.words > NOTICE_MAX_WORDS or line.kind == "caption" or line.credit:
            continue
        m = COPYRIGHT_NOTICE.match(line.text)
        found = _outlet_name(m.group("name")) if m else None
        if found and found.lower() in AGENCIES:
            wire = wire or found
        elif found:
            name = found
            break
    return name or wire


def _logo_name(head: list[Line]) -> str | None:
    """The name in the first logo's alt text above the body ("[The Harbor Post logo]")."""
    for line in head:
        m = LOGO.match(line.text) if line.words <= LOGO_MAX_WORDS else None
        if m:
            return _outlet_name(m.group("name"))
    return None


def _outlet_name(found: str) -> str | None:
    """A publisher's name from a copyright notice's holder, legal form and trade words dropped.

    None when what follows the notice is not a name ("Designed by ...", "@handle", a policy).
    """
    name = NOTICE_END.split(found, maxsplit=1)[0].strip(" ,.-–—")
    if name.lower().startswith("copyright "):
        name = name[len("copyright ") :]
    legal = LEGAL_FORM.search(name)
    if legal:
        name = name[: legal.start()].strip(" ,.")  # "Quiller Media, Inc., Contact Us"
    while True:
        shorter = TRADE_WORD.sub("", name).strip(" ,")
        kept = [w for w in shorter.split() if w.lower() != "the"]
        if shorter == name or len(kept) < OUTLET_KEEP_WORDS:
            break
        name = shorter
    words = name.split()
    if not OUTLET_MIN_WORDS <= len(words) <= OUTLET_MAX_WORDS or name.isdigit() or "@" in name:
        return None
    if words[0].lower() in NOT_NAMES or any(
        w[0].isalpha() and w[0].islower() and w not in NAME_FILLER for w in words
    ):
        return None  # "Designed by ...", "Policy": not a publisher's name
    return name
