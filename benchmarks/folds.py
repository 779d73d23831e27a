"""Cross-validation folds for the quality benchmarks: a document's fold follows from its name alone.

The fold of a document (a PolNeAR article, an extraction-dev page) is a hash of its key modulo the
number of folds, never its position in a listing: adding, removing or reordering documents moves
no other document between folds, and a rule tuned while reading four folds can be checked on the
fifth, which it has not seen. The spread of a figure over the folds (max - min) says how much of a
change smaller than it may be luck. Pure; reads and writes nothing.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

DEFAULT_FOLDS = 5

T = TypeVar("T")


def fold_of(key: str, folds: int = DEFAULT_FOLDS) -> int:
    """The fold (0 .. folds-1) of the document named `key`: sha256 of its UTF-8, mod folds."""
    if folds < 1:
        raise ValueError(f"folds must be at least 1, not {folds}")
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % folds


def split(items: Iterable[T], key: str | None = None, folds: int = DEFAULT_FOLDS) -> list[list[T]]:
    """Items per fold, each fold in the items' own order.

    Args:
        items: strings (their own keys) or records with a string attribute named `key`.
        key: the attribute holding a record's name; None when the items are the names.
        folds: how many folds.
    """
    out: list[list[T]] = [[] for _ in range(folds)]
    for item in items:
        name = item if key is None else getattr(item, key)
        out[fold_of(str(name), folds)].append(item)
    return out


def check_fold(fold: int | None, folds: int) -> None:
    """Refuse a fold index outside 0 .. folds-1 (None means every fold)."""
    if folds < 1:
        raise ValueError(f"--folds must be at least 1, not {folds}")
    if fold is not None and not 0 <= fold < folds:
        raise ValueError(f"--fold {fold} is not a fold of {folds}: use 0 to {folds - 1}")


def spread(values: Sequence[float]) -> float:
    """Largest minus smallest value (0 for fewer than two)."""
    return max(values) - min(values) if len(values) > 1 else 0.0


def chance_spreads(
    items: Sequence[T],
    sizes: Sequence[int],
    figure: Callable[[Sequence[T]], float],
    draws: int = 1000,
    seed: int = 0,
) -> list[float]:
    """Spreads of `figure` over random draws of folds of the given sizes, sorted ascending.

    The folds are fixed by the documents' names, so a spread can be the luck of which documents met
    in a fold: a page that fails outright lowers whichever fold holds it, by more when the fold is
    small. The spreads of random draws of folds, scored with the same per-document outcomes, say how
    large a spread these documents make by themselves; a spread target below most draws cannot be
    met by changing the folds, only by the documents that fail. Seeded, so a report is reproducible.
    """
    if sum(sizes) > len(items):
        raise ValueError(f"folds of sizes {list(sizes)} need {sum(sizes)} items, not {len(items)}")
    rng = random.Random(seed)
    order = list(range(len(items)))
    out = []
    for _ in range(draws):
        rng.shuffle(order)
        values, begin = [], 0
        for size in sizes:
            values.append(figure([items[i] for i in order[begin : begin + size]]))
            begin += size
        out.append(spread(values))
    return sorted(out)
