"""Cross-validation of the stance model grouped by article body: no body is in two folds.

A body's pairs share its text, so a split by pair would score the model on bodies it was trained
on. Folds are stratified by stance as far as grouping allows and fixed by a seed, so every run
(and every change tried against them) sees the same folds. Each fold's model is fitted on the
other folds only, its text space included. Reads no file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.model_selection import StratifiedGroupKFold

from newscorpus.errors import UsageError
from newscorpus.preannotate.stance.fnc1 import UNRELATED, Pair
from newscorpus.preannotate.stance.metrics import StanceScores, score

FOLDS = 5
SEED = 0


def claim_groups(pairs: Sequence[Pair], unrelated: str = UNRELATED) -> list[str]:
    """A group per pair such that bodies about one claim fall together (a stricter split).

    Bodies are joined when a related pair links them to one headline; a pair takes its body's
    group. Unrelated pairs may still pair a held-out headline with a training body.
    """
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for p in pairs:
        if p.stance != unrelated:
            parent[root("b:" + p.body_id)] = root("h:" + p.headline)
    return [root("b:" + p.body_id) for p in pairs]


def grouped_folds(
    pairs: Sequence[Pair], folds: int = FOLDS, seed: int = SEED, by: str = "body"
) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train indexes, held-out indexes) of each fold; a body's pairs are all on one side.

    `by="claim"` keeps all bodies about one claim on one side too (see `claim_groups`).
    """
    labels = [p.stance or "" for p in pairs]
    groups = claim_groups(pairs) if by == "claim" else [p.body_id for p in pairs]
    if len(set(groups)) < folds:
        raise UsageError(
            f"{len(set(groups))} groups of bodies cannot make {folds} folds grouped by {by}: "
            "label more articles or ask for fewer folds"
        )
    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    return list(splitter.split(np.zeros(len(pairs)), labels, groups))


@dataclass(frozen=True)
class CVResult:
    """Held-out scores of each fold, and of all held-out predictions pooled."""

    folds: list[StanceScores]
    pooled: StanceScores

    def spread(self, measure: str) -> tuple[float, float, float]:
        """(min, mean, max) of a fold measure: `fnc` or `macro_f1`."""
        values = [getattr(f, measure) for f in self.folds]
        return min(values), sum(values) / len(values), max(values)

    def as_dict(self) -> dict[str, object]:
        return {
            "folds": [f.as_dict() for f in self.folds],
            "pooled": self.pooled.as_dict(),
            "spread": {m: [round(v, 4) for v in self.spread(m)] for m in ("fnc", "macro_f1")},
        }


Fit = Callable[[Sequence[Pair]], Callable[[Sequence[Pair]], list[str]]]


def cross_validate(
    pairs: Sequence[Pair], fit: Fit, folds: int = FOLDS, seed: int = SEED, by: str = "body"
) -> CVResult:
    """Score `fit` on grouped folds: `fit(train)` returns a predictor of held-out pairs.

    Every pair must carry a stance. The pooled scores treat all held-out predictions as one set.
    """
    if any(p.stance is None for p in pairs):
        raise ValueError("cross-validation needs a stance on every pair")
    predicted: list[str | None] = [None] * len(pairs)
    per_fold = []
    for train_idx, test_idx in grouped_folds(pairs, folds, seed, by):
        predict = fit([pairs[i] for i in train_idx])
        held_out = [pairs[i] for i in test_idx]
        guesses = predict(held_out)
        for i, guess in zip(test_idx, guesses, strict=True):
            predicted[i] = guess
        per_fold.append(score([p.stance for p in held_out], guesses))
    gold = [p.stance for p in pairs]
    return CVResult(per_fold, score(gold, predicted))
