"""Stance scores: FNC-1's weighted score, per-class F1 and macro-F1. Pure; labels are strings.

FNC-1's score gives 0.25 to each pair correctly told related or unrelated and 0.75 more to each
related pair (gold not `unrelated`) whose agree/disagree/discuss label is right; the relative score
divides by what a perfect prediction would get. The same rules as the challenge's `scorer.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newscorpus.preannotate.stance.fnc1 import FNC1_LABELS, UNRELATED

RELATED_WEIGHT = 0.25
STANCE_WEIGHT = 0.75


def fnc_score(gold: Sequence[str], predicted: Sequence[str], unrelated: str = UNRELATED) -> float:
    """FNC-1's raw score: the points `predicted` earns against `gold`."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    score = 0.0
    for g, p in zip(gold, predicted, strict=True):
        if (g == unrelated) == (p == unrelated):
            score += RELATED_WEIGHT
        if g != unrelated and g == p:
            score += STANCE_WEIGHT
    return score


def relative_fnc_score(
    gold: Sequence[str], predicted: Sequence[str], unrelated: str = UNRELATED
) -> float:
    """FNC-1's score over the best possible score of `gold` (1.0 for a perfect prediction)."""
    best = fnc_score(gold, gold, unrelated)
    if best == 0:
        raise ValueError("no pairs to score")
    return fnc_score(gold, predicted, unrelated) / best


def f1_per_class(
    gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str] = FNC1_LABELS
) -> dict[str, float]:
    """F1 of each label; 0.0 for a label without a single correct prediction."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    scores = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if p == label != g)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label != p)
        scores[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return scores


@dataclass(frozen=True)
class StanceScores:
    """The figures reported for one evaluation."""

    pairs: int
    fnc: float
    macro_f1: float
    f1: dict[str, float]

    def as_dict(self) -> dict[str, object]:
        return {
            "pairs": self.pairs,
            "fnc": round(self.fnc, 4),
            "macro_f1": round(self.macro_f1, 4),
            "f1": {k: round(v, 4) for k, v in self.f1.items()},
        }


def score(
    gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str] = FNC1_LABELS
) -> StanceScores:
    """FNC-1 relative score, macro-F1 and per-class F1 of one prediction.

    `labels` must list the unrelated label last, as `FNC1_LABELS` does.
    """
    per_class = f1_per_class(gold, predicted, labels)
    return StanceScores(
        pairs=len(gold),
        fnc=relative_fnc_score(gold, predicted, labels[-1]),
        macro_f1=sum(per_class.values()) / len(per_class),
        f1=per_class,
    )
