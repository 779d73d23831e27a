"""The learned part of the quote extractor: linear scorers over the rules' candidates.

The rules propose; small logistic models trained on PolNeAR train (benchmarks/quotes_model.py)
choose among the rules' own alternatives: where a reported clause starts and ends (`bounds`) and
which candidate attributions to keep (`keep`). A model is a table of feature weights per head,
shipped as JSON in the package (newscorpus/resources/quotes_model.json, with its card), read once
and never written here. Pure scoring: a sum of weights over string features, no I/O after the
load, no randomness; an absent head or feature weighs nothing, so `RULES_ONLY` (no weights at
all) leaves every rule decision as it was.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from itertools import repeat

from newscorpus import layout

MODEL_FILE = layout.QUOTES_MODEL.name
# The heads a model may hold: candidate ends and starts of a content, and keeping an attribution.
HEADS = ("end", "start", "keep")


@dataclass(frozen=True)
class QuoteModel:
    """Weights per head (`HEADS`), each an intercept and a weight per feature string."""

    weights: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    intercepts: Mapping[str, float] = field(default_factory=dict)
    thresholds: Mapping[str, float] = field(default_factory=dict)
    version: str = "rules-only"

    def has(self, head: str) -> bool:
        return head in self.weights

    def threshold(self, head: str) -> float:
        """The probability a candidate needs to be kept (0.5 unless the model says)."""
        return self.thresholds.get(head, 0.5)

    def logit(self, head: str, features: Iterable[str]) -> float:
        table = self.weights.get(head, {})
        return self.intercepts.get(head, 0.0) + sum(map(table.get, features, repeat(0.0)))

    def probability(
        self, head: str, features: Iterable[str], spans: list[tuple[int, int]] | None = None
    ) -> float:
        """The logistic of the logit; `spans` only matter to a recorder while training."""
        z = self.logit(head, features)
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    def best(
        self,
        head: str,
        candidates: list[list[str]],
        spans: Callable[[], list[tuple[int, int]]] | None = None,
    ) -> int:
        """Index of the highest-scoring candidate (the first on ties: the rules' own choice);
        `spans` (the candidates' offsets, on demand) only matter to a recorder while training."""
        weight = self.weights.get(head, {}).get
        intercept = self.intercepts.get(head, 0.0)
        zeros = repeat(0.0)  # the default of every lookup, shared by the candidates
        scores = [intercept + sum(map(weight, feats, zeros)) for feats in candidates]
        return scores.index(max(scores))

    def as_dict(self) -> dict:
        return {
            "version": self.version,
            "intercepts": dict(self.intercepts),
            "thresholds": dict(self.thresholds),
            "weights": {head: dict(sorted(w.items())) for head, w in self.weights.items()},
        }


RULES_ONLY = QuoteModel()


def from_dict(data: Mapping) -> QuoteModel:
    """A model from its JSON form (see `QuoteModel.as_dict`)."""
    return QuoteModel(
        weights={h: dict(w) for h, w in data.get("weights", {}).items() if h in HEADS},
        intercepts=dict(data.get("intercepts", {})),
        thresholds=dict(data.get("thresholds", {})),
        version=str(data.get("version", "unversioned")),
    )


@cache
def packaged_model() -> QuoteModel:
    """The model shipped with the package, or `RULES_ONLY` when the file is absent."""
    path = layout.QUOTES_MODEL
    if not path.is_file():
        return RULES_ONLY
    return from_dict(json.loads(path.read_text(encoding="utf-8")))
