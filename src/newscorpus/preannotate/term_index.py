"""An index from words to stance targets: which targets an article can match, in one pass. Pure.

A target matches only when each of its term groups has a term in the article (targets.py), and a
term found in a text has each of its words (runs of `\\w`) there as a whole word, equal to it as
`re.IGNORECASE` compares characters. So the words of an article, folded the way the regular
expression engine folds case, name every target that can match: only those are tried with their
own patterns, and the matches are the ones trying every target gives
(tests/preannotate/test_term_index.py compares both on random texts and targets). The cost grows
with the article and the targets it names, little with the number of targets.

Exactness rests on folding as `re` does (simple lowercase, then the engine's own table of
characters sharing an uppercase). Where that cannot be done (a Python without those tables) the
index steps aside and every target is tried. The one character that folds together with word
characters without being one (U+0345, combining ypogegrammeni, with iota) makes a term's target
always tried, and a text holding it is tried against every target.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

try:  # the engine's own case folding (CPython 3.11+: re/_compiler.py uses exactly these)
    from _sre import unicode_tolower as _tolower
    from re._casefix import _EXTRA_CASES as _SAME_UPPERCASE
except ImportError:  # pragma: no cover - another Python: no index, every target is tried
    _tolower = None
    _SAME_UPPERCASE = {}

_WORD = re.compile(r"\w+")
# Not a word character, yet IGNORECASE matches it with iota (a word character) and back.
YPOGEGRAMMENI = "\u0345"
_FOLDED_WORDS = 1 << 16


@lru_cache(maxsize=_FOLDED_WORDS)
def _fold_unicode(word: str) -> str:
    out = []
    for char in word:
        lower = _tolower(ord(char))
        out.append(chr(min((lower, *_SAME_UPPERCASE.get(lower, ())))))
    return "".join(out)


def fold(word: str) -> str:
    """`word` with every character replaced by the representative of its IGNORECASE class:
    two words fold alike exactly when `re.IGNORECASE` matches one with the other."""
    return word.lower() if word.isascii() else _fold_unicode(word)


def _key(term: str) -> str | None:
    """The word of `term` the index files it under (its longest), or None: always tried."""
    if YPOGEGRAMMENI in term:
        return None
    words = _WORD.findall(term)
    return fold(max(words, key=len)) if words else None


class TermIndex:
    """Folded word -> (target, group) whose terms hold it, for the targets given in order."""

    def __init__(self, targets: Sequence[Sequence[Sequence[str]]]) -> None:
        """`targets`: per target, its term groups, each a list of terms (as its pattern reads
        them: apostrophes straightened)."""
        self.size = len(targets)
        self.enabled = _tolower is not None
        self._by_word: dict[str, list[tuple[int, int]]] = {}
        self._needed: list[int] = []  # groups that must be found, per target
        self._always: list[int] = []  # targets whose every group has a term of no key
        for t, groups in enumerate(targets):
            needed = 0
            for g, terms in enumerate(groups):
                keys = {_key(term) for term in terms}
                if None in keys:
                    continue  # a term of no word can match anywhere: the group is no filter
                needed += 1
                for key in keys:
                    self._by_word.setdefault(key, []).append((t, g))  # type: ignore[arg-type]
            self._needed.append(needed)
            if needed == 0:
                self._always.append(t)

    def candidates(self, texts: Iterable[str]) -> list[int]:
        """The targets (by position) that can match an article made of `texts`, in order."""
        texts = list(texts)
        if not self.enabled or any(YPOGEGRAMMENI in text for text in texts):
            return list(range(self.size))
        words: set[str] = set()
        for text in texts:
            words.update(_WORD.findall(text))
        found: dict[int, set[int]] = {}
        for word in words:
            for t, g in self._by_word.get(fold(word), ()):
                found.setdefault(t, set()).add(g)
        ready = [t for t, groups in found.items() if len(groups) == self._needed[t]]
        return sorted({*ready, *self._always})
