"""A learned cue detector: scores every word of a sentence as a possible cue the lists lack.

PolNeAR's missed attributions mostly have a cue word no list holds, spread over many small
classes (`support`, `criticism of`, `spoke of`, ...), too many for rules one by one. A logistic
model over the word, a crude stem, its neighbours and what follows (`that`, `to`, a colon, a
quotation) finds such words; `CueModel.finder` hands those scoring above its threshold to the
rules as extra cues (`extract_quotes(cue_finder=...)`), which read them like a speech verb with
a low score. Trained by benchmarks/quote_cues.py; ships no weights. Pure: reads and writes
nothing, must never raise on any token list.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from newscorpus.preannotate.quotes.attribution import CueFinder
from newscorpus.preannotate.quotes.cues import find_cues
from newscorpus.preannotate.quotes.lexicon import CUE_VERBS, PRONOUNS
from newscorpus.preannotate.quotes.tokens import Tok, is_cap, is_word

# Endings stripped for the crude stem, longest first ("supported" -> "support").
STEM_ENDINGS = ("ings", "ing", "ied", "ies", "ed", "es", "s")
# Shortest stem left after stripping an ending.
MIN_STEM = 3
# Letters of the suffix feature.
SUFFIX_LEN = 3
# Words after a cue that open its content.
OPENERS = frozenset({"that", "to", "about", "of", "on", "for", "as", "whether", "if", "how"})
# Punctuation after a cue that opens its content.
OPENING_MARKS = frozenset({":", ",", "—", "--", "-"})
# Sentence position buckets (share of the sentence before the word).
POSITION_BUCKETS = 4
# Threshold of `CueModel.finder` when none is given.
DEFAULT_THRESHOLD = 0.5


def stem(low: str) -> str:
    """The word without its commonest inflection ending, when enough of it is left."""
    for ending in STEM_ENDINGS:
        if low.endswith(ending) and len(low) - len(ending) >= MIN_STEM:
            return low[: -len(ending)]
    return low


def _shape(tok: Tok) -> str:
    if tok.text.isupper() and len(tok.text) > 1:
        return "upper"
    if is_cap(tok):
        return "cap"
    return "lower" if tok.text.isalpha() else "other"


def _neighbour(tok: Tok | None) -> str:
    """A neighbour's class: the edge, a quotation, punctuation, or its lowercase word."""
    if tok is None:
        return "<edge>"
    if tok.unit >= 0:
        return "<quote>"
    return tok.low if is_word(tok) or tok.text in OPENING_MARKS else "<punct>"


def next_class(toks: list[Tok], k: int, i1: int) -> str:
    """What follows the word at `k`, as `lexicon.LEARNED_CUE_PAIRS` names it: a content opener
    (`that`, `about`, a comma, ...), `<quote>`, `<edge>`, `<punct>`, or `w` for any other word."""
    nxt = _neighbour(toks[k + 1] if k + 1 < i1 else None)
    return nxt if nxt in OPENERS or nxt in OPENING_MARKS or nxt.startswith("<") else "w"


def token_features(toks: list[Tok], k: int, i0: int, i1: int) -> list[str]:
    """The features of the word at `k` in the sentence `toks[i0:i1]`."""
    tok = toks[k]
    low = tok.low
    prev = _neighbour(toks[k - 1] if k > i0 else None)
    nxt = _neighbour(toks[k + 1] if k + 1 < i1 else None)
    st = stem(low)
    position = min(POSITION_BUCKETS - 1, (k - i0) * POSITION_BUCKETS // max(1, i1 - i0))
    name_before = k > i0 and is_cap(toks[k - 1]) and toks[k - 1].low not in PRONOUNS
    return [
        f"w:{low}",
        f"stem:{st}",
        f"suf:{low[-SUFFIX_LEN:]}",
        f"shape:{_shape(tok)}",
        f"prev:{prev}",
        f"next:{nxt}",
        f"stem|next:{st}|{nxt if nxt in OPENERS or nxt.startswith('<') else 'w'}",
        f"prev|stem:{prev if prev in PRONOUNS or prev.startswith('<') else 'w'}|{st}",
        f"opens:{nxt in OPENERS or nxt in OPENING_MARKS or nxt == '<quote>'}",
        f"pos:{position}",
        f"first:{k == i0}",
        f"name_before:{name_before}",
        f"listed:{low in CUE_VERBS}",
        f"listed_stem:{st in CUE_VERBS}",
    ]


def candidates(toks: list[Tok], i0: int, i1: int) -> list[int]:
    """The words of a sentence no listed cue covers: the only ones the model may add."""
    covered = {k for c in find_cues(toks, i0, i1) for k in range(c.v, c.v_end)}
    return [k for k in range(i0, i1) if k not in covered and toks[k].unit < 0 and is_word(toks[k])]


@dataclass(frozen=True)
class CueModel:
    """Weights of the cue detector (feature -> weight), its intercept and threshold."""

    weights: Mapping[str, float] = field(default_factory=dict)
    intercept: float = 0.0
    threshold: float = DEFAULT_THRESHOLD

    def probability(self, features: Iterable[str]) -> float:
        w = self.weights
        z = self.intercept + sum(w.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def finder(self, threshold: float | None = None) -> CueFinder:
        """A cue finder giving the uncovered words that score at least the threshold."""
        cut = self.threshold if threshold is None else threshold

        def find(toks: list[Tok], i0: int, i1: int) -> list[int]:
            return [
                k
                for k in candidates(toks, i0, i1)
                if self.probability(token_features(toks, k, i0, i1)) >= cut
            ]

        return find
