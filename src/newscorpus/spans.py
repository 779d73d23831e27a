"""Spans of an article's text and how two sets of them are matched. Pure; imports nothing of ours.

Every offset the project stores is a Python code point into the article's `text`, half-open
`[start, end)`. Agreement between annotators, the card's baselines and the benchmarks all match
spans the same way (one-to-one, best overlap first), so a figure means the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple, TypeVar

# Two spans are the same quote when their overlap covers at least half of their union.
MATCH_IOU = 0.5


class Span(NamedTuple):
    """A half-open code-point range `[start, end)` of the article text.

    A tuple so that spans sort, hash and compare by position, and `(start, end)` pairs read from
    tables are spans already.
    """

    start: int
    end: int

    def text_of(self, text: str) -> str:
        return text[self.start : self.end]

    def overlaps(self, other: tuple[int, int]) -> bool:
        return self.start < other[1] and other[0] < self.end


def iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Overlap over union of two half-open spans (0 when disjoint)."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


A = TypeVar("A")
B = TypeVar("B")


def match_one_to_one(
    a: Sequence[A],
    b: Sequence[B],
    score: Callable[[A, B], float],
    threshold: float = MATCH_IOU,
) -> list[tuple[int, int]]:
    """One-to-one pairs (index in a, index in b) scoring >= threshold, best first, then by position.

    Greedy by decreasing score, which is optimal whenever no item of one side scores >= 0.5 with
    two of the other (two spans that both cover over half of a third cannot be disjoint, so this
    is the usual case). Pairs scoring 0 are never candidates. Returned in index order.
    """
    candidates = sorted(
        ((s, i, j) for i, x in enumerate(a) for j, y in enumerate(b) if (s := score(x, y)) > 0),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for s, i, j in candidates:
        if s < threshold:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((i, j))
    return sorted(pairs)


def match_spans(
    a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]], threshold: float = MATCH_IOU
) -> list[tuple[int, int]]:
    """`match_one_to_one` of spans by overlap over union."""
    return match_one_to_one(a, b, iou, threshold)
