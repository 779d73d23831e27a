"""How predicted quotations are scored against PolNeAR attributions: the measures of quotes.py.

Two families of measures, both on character offsets into the article text:

- attribution level (the gate's measures): a gold attribution's whole content, possibly
  discontinuous, matched one-to-one against a predicted attribution's content by overlap over
  union >= 0.5 ("overlap") or by the same characters once whitespace, punctuation and quotation
  marks are left out ("trimmed"); speaker accuracy over the overlap-matched pairs;
- role level (the report of CofeNet, Wang et al., COLING 2022, `exe/eval/evaluation.py`): the
  contiguous spans of one role (content, source, cue) in an article, each span once, however many
  attributions share it (as a BIO tagging sees them), matched by the same start and end
  ("exact"), the same start ("begin") or overlap over union >= 0.5, one-to-one, best first
  ("overlap"; CofeNet's third measure is a mean Jaccard instead). Spans are compared with
  surrounding whitespace left out, as token spans are.

The kind of a content (direct, indirect, mixed) is read from its quotation marks, the same way on
both sides: see `content_kind`. Pure: no file, no extractor; imports only the label vocabulary.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from newscorpus.labels import QUOTE_KINDS

OVERLAP = 0.5
DIRECT, INDIRECT, MIXED = "direct", "indirect", "mixed"
assert set(QUOTE_KINDS) == {DIRECT, INDIRECT, MIXED}
ROLES = ("content", "source", "cue")
SPAN_MATCHES = ("exact", "begin", "overlap")

Fragments = tuple[tuple[int, int], ...]
Span = tuple[int, int]


class Gold(NamedTuple):
    """One gold attribution: its content, source and cue fragments (source and cue may be empty)."""

    content: Fragments
    source: Fragments = ()
    cue: Fragments = ()


@dataclass(frozen=True)
class Predicted:
    """One predicted attribution: the quotes sharing a cue, their speaker and cue."""

    content: Fragments
    speaker: Span | None
    direct: bool  # a quote of kind direct or mixed (the extractor's own kind)
    cue: Span | None = None


@dataclass
class Counts:
    """Matched pairs and totals of one measure."""

    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0
    speaker_ok: int = 0
    speaker_n: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.n_pred += other.n_pred
        self.n_gold += other.n_gold
        self.speaker_ok += other.speaker_ok
        self.speaker_n += other.speaker_n

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_ok / self.speaker_n if self.speaker_n else 0.0


# --- Fragment geometry -------------------------------------------------------------------------


def _length(frags: Fragments) -> int:
    return sum(e - s for s, e in frags)


def _intersection(a: Fragments, b: Fragments) -> int:
    total = 0
    for s1, e1 in a:
        for s2, e2 in b:
            lo, hi = max(s1, s2), min(e1, e2)
            if hi > lo:
                total += hi - lo
    return total


def overlap_ratio(a: Fragments, b: Fragments) -> float:
    """Characters in both over characters in either (fragments within one side never overlap)."""
    inter = _intersection(a, b)
    union = _length(a) + _length(b) - inter
    return inter / union if union else 0.0


def merge(frags: Iterable[Span]) -> Fragments:
    """Sorted fragments, overlapping or touching ones joined."""
    out: list[list[int]] = []
    for s, e in sorted(frags):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return tuple((s, e) for s, e in out)


def is_trimmed(ch: str) -> bool:
    """Whitespace, punctuation, symbols and quote-like marks: what "trimmed" leaves out."""
    return ch.isspace() or unicodedata.category(ch)[0] in "PS" or ch in "'`"


def core_chars(text: str, frags: Fragments) -> frozenset[int]:
    """Positions of a content once whitespace, punctuation and quotation marks are left out."""
    return frozenset(i for s, e in frags for i in range(s, e) if not is_trimmed(text[i]))


# --- Quotation marks and kinds -----------------------------------------------------------------

_QUOTATION_MARKS = set('"“”„«»‘')
_OPENING_STRAIGHT_SINGLE = re.compile(r"(?:^|[\s(\[—–-])'\w")
_DOUBLE_OPEN = frozenset("“„«")
_DOUBLE_CLOSE = frozenset("”»")
# A straight mark after one of these (or at the start, or after a space) opens a quotation.
_OPEN_CONTEXT = frozenset("([{—–-/:;")


def has_quotation_mark(text: str, frags: Fragments) -> bool:
    """Does a content contain a quotation mark (not an apostrophe)? The gate's "direct" subset."""
    content = " ".join(text[s:e] for s, e in frags)
    return (
        any(ch in _QUOTATION_MARKS for ch in content)
        or "''" in content
        or _OPENING_STRAIGHT_SINGLE.search(content) is not None
    )


def _opens_here(text: str, i: int) -> bool:
    return i == 0 or text[i - 1].isspace() or text[i - 1] in _OPEN_CONTEXT


def _mark_at(text: str, i: int, single_open: bool) -> tuple[str, bool, int] | None:
    """(level, opens, width) of a quotation mark at text[i], or None (an apostrophe, a letter).

    Double marks: curly and guillemets by their shape, a straight `"`, a doubled `''` or a `` ``
    by what precedes them. Single marks: `‘` opens; `’` and a straight `'` close only an open
    single quotation and only before a non-letter (otherwise they are apostrophes); a straight `'`
    opens before a letter after a space.
    """
    ch = text[i]
    if ch in _DOUBLE_OPEN:
        return ("double", True, 1)
    if ch in _DOUBLE_CLOSE:
        return ("double", False, 1)
    pair = text[i : i + 2]
    if pair == "``":
        return ("double", True, 2)
    if pair == "''":
        return ("double", _opens_here(text, i), 2)
    if ch == '"':
        return ("double", _opens_here(text, i), 1)
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch == "‘":
        return ("single", True, 1)
    if ch == "'" and _opens_here(text, i) and (nxt.isalnum() or nxt == "_"):
        return ("single", True, 1)
    if ch in "’'" and single_open and not nxt.isalnum():
        return ("single", False, 1)
    return None


def _marks(text: str, start: int, end: int) -> list[tuple[int, str, bool, int]]:
    """(position, level, opens, width) of the quotation marks in text[start:end], in order."""
    out = []
    single_open = False
    i = start
    while i < end:
        mark = _mark_at(text, i, single_open)
        if mark is None:
            i += 1
            continue
        level, opens, width = mark
        if level == "single":
            single_open = opens
        out.append((i, level, opens, width))
        i += width
    return out


def inside_outside(text: str, start: int, end: int) -> tuple[int, int]:
    """Core characters of text[start:end] inside and outside quotation marks.

    A piece whose first double mark closes after some words began inside a quotation opened before
    it (a paragraph ending one); one that starts with a closing shape (`”Yes,”`) uses it to open.
    A double mark opening while one is open is a continued paragraph's mark, not a nested one.
    """
    marks = _marks(text, start, end)
    at = {pos: (level, opens, width) for pos, level, opens, width in marks}
    first = next((m for m in marks if m[1] == "double"), None)
    double = False
    if first is not None and not first[2]:
        if any(not is_trimmed(text[i]) for i in range(start, first[0])):
            double = True  # began inside a quotation opened before this piece
        else:
            at[first[0]] = ("double", True, first[3])  # a closing shape used to open
    single = False
    inside = outside = 0
    i = start
    while i < end:
        if i in at:
            level, opens, width = at[i]
            if level == "double":
                double = opens
            else:
                single = opens
            i += width
            continue
        if not is_trimmed(text[i]):
            if double or single:
                inside += 1
            else:
                outside += 1
        i += 1
    return inside, outside


def content_kind(text: str, frags: Fragments) -> str:
    """direct when quotation marks cover all of a content, mixed when part, indirect when none.

    "Cover" counts letters and digits only: the comma after a closing mark or the space between
    two fragments of an interrupted quote does not make it mixed. Used for gold and predicted
    contents alike, so a kind is a property of the span, not of who labelled it.
    """
    inside = outside = 0
    for s, e in frags:
        i, o = inside_outside(text, s, e)
        inside += i
        outside += o
    if inside == 0:
        return INDIRECT
    return DIRECT if outside == 0 else MIXED


# --- Attribution level -------------------------------------------------------------------------


def one_to_one(candidates: Iterable[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """(gold, predicted) pairs, best score first then by position, each index used once."""
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return pairs


def _trimmed_candidates(
    text: str, gold: Sequence[Gold], pred: Sequence[Predicted]
) -> list[tuple[float, int, int]]:
    index: dict[frozenset[int], list[int]] = {}
    for gi, g in enumerate(gold):
        core = core_chars(text, g.content)
        if core:
            index.setdefault(core, []).append(gi)
    return [
        (1.0, gi, pi)
        for pi, p in enumerate(pred)
        for gi in index.get(core_chars(text, p.content), ())
    ]


def _overlap_candidates(
    gold: Sequence[Gold], pred: Sequence[Predicted]
) -> list[tuple[float, int, int]]:
    out = []
    for gi, g in enumerate(gold):
        g_lo, g_hi = g.content[0][0], g.content[-1][1]
        for pi, p in enumerate(pred):
            if p.content[0][0] >= g_hi or p.content[-1][1] <= g_lo:
                continue
            r = overlap_ratio(g.content, p.content)
            if r >= OVERLAP:
                out.append((r, gi, pi))
    return out


def match(text: str, gold: Sequence[Gold], pred: Sequence[Predicted], trimmed: bool) -> Counts:
    """One-to-one matching of whole contents; speaker checked on overlap matching only."""
    counts = Counts(n_pred=len(pred), n_gold=len(gold))
    if trimmed:
        candidates = _trimmed_candidates(text, gold, pred)
    else:
        candidates = _overlap_candidates(gold, pred)
    for gi, pi in one_to_one(candidates):
        counts.tp += 1
        source = gold[gi].source
        if not trimmed and source:
            counts.speaker_n += 1
            sp = pred[pi].speaker
            if sp is not None and _intersection((sp,), source) > 0:
                counts.speaker_ok += 1
    return counts


# --- Role level (CofeNet-style) ----------------------------------------------------------------


def strip_span(text: str, start: int, end: int) -> Span | None:
    """The span without surrounding whitespace (None when nothing is left)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def role_spans(text: str, fragment_lists: Iterable[Fragments]) -> list[Span]:
    """The distinct contiguous spans of one role, whitespace-stripped, sorted."""
    spans = {strip_span(text, s, e) for frags in fragment_lists for s, e in frags}
    return sorted(sp for sp in spans if sp is not None)


def _iou(a: Span, b: Span) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter / (max(a[1], b[1]) - min(a[0], b[0])) if inter > 0 else 0.0


def overlap_pairs(gold: Sequence[Span], pred: Sequence[Span]) -> list[tuple[int, int]]:
    """One-to-one pairs with overlap over union >= OVERLAP; `pred` must be sorted by start."""
    if not gold or not pred:
        return []
    starts = [s for s, _ in pred]
    longest = max(e - s for s, e in pred)
    candidates = []
    for gi, g in enumerate(gold):
        lo = bisect_left(starts, g[0] - longest)
        for pi in range(lo, bisect_left(starts, g[1])):
            r = _iou(g, pred[pi])
            if r >= OVERLAP:
                candidates.append((r, gi, pi))
    return one_to_one(candidates)


def span_counts(gold: Sequence[Span], pred: Sequence[Span]) -> dict[str, Counts]:
    """Exact, begin and overlap matches between two sets of distinct spans of one role."""
    gold, pred = sorted(set(gold)), sorted(set(pred))
    begins = Counter(s for s, _ in gold) & Counter(s for s, _ in pred)
    tps = {
        "exact": len(set(gold) & set(pred)),
        "begin": sum(begins.values()),
        "overlap": len(overlap_pairs(gold, pred)),
    }
    return {how: Counts(tp=tp, n_pred=len(pred), n_gold=len(gold)) for how, tp in tps.items()}


def role_fragments(
    gold: Sequence[Gold], pred: Sequence[Predicted], role: str
) -> tuple[list[Fragments], list[Fragments]]:
    """The fragment lists of one role on both sides (speaker is the predicted source)."""
    if role == "content":
        return [g.content for g in gold], [p.content for p in pred]
    if role == "source":
        return [g.source for g in gold], [(p.speaker,) for p in pred if p.speaker]
    return [g.cue for g in gold], [(p.cue,) for p in pred if p.cue]


def role_counts(text: str, gold: Sequence[Gold], pred: Sequence[Predicted]) -> dict[str, Counts]:
    """`roles/KIND/ROLE/MATCH` counts of one article, KIND being all or one of QUOTE_KINDS."""
    gold_kind = [content_kind(text, g.content) for g in gold]
    pred_kind = [content_kind(text, p.content) for p in pred]
    out: dict[str, Counts] = {}
    for kind in ("all", *QUOTE_KINDS):
        g_sub = [g for g, k in zip(gold, gold_kind, strict=True) if kind in ("all", k)]
        p_sub = [p for p, k in zip(pred, pred_kind, strict=True) if kind in ("all", k)]
        for role in ROLES:
            g_frags, p_frags = role_fragments(g_sub, p_sub, role)
            counts = span_counts(role_spans(text, g_frags), role_spans(text, p_frags))
            for how, c in counts.items():
                out[f"roles/{kind}/{role}/{how}"] = c
    return out
