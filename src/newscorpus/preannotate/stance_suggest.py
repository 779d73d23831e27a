"""Stance suggestions: a saved stance model's label and probability for (article, target) pairs.

The stage (`stage.py`) hands it the targets an article matched; each pair becomes a
`schema.STANCE_PREDICTIONS` row whose `stance` is the project's label (`labels.STANCE_LABELS`,
through the model card's label map) and whose `score` is the model's probability of its label:
P(unrelated) for an unrelated pair, P(related) x P(label | related) otherwise. The label is the
one `StanceModel.predict` gives (the argmax of each stage). It only reads a model folder; it never
trains, never writes, and never sees Label Studio.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newscorpus.preannotate.stance.fnc1 import Pair
from newscorpus.preannotate.stance.model import StanceModel, load, pair_features

# What to do with a pair the model calls unrelated: suggest `none`, or drop the target for
# that article (no stance row and no target row, so no task asks about it).
UNRELATED_AS_NONE = "none"
UNRELATED_DROPPED = "drop"
UNRELATED_CHOICES = (UNRELATED_AS_NONE, UNRELATED_DROPPED)


@dataclass(frozen=True)
class ArticleTarget:
    """One article and one target it matched, waiting for a stance."""

    article_id: str
    content_sha256: str
    text: str
    target_id: str
    target: str


@dataclass
class StanceSuggester:
    """A loaded stance model and the version its suggestions carry."""

    model: StanceModel
    version: str

    @classmethod
    def from_folder(cls, folder: Path) -> StanceSuggester:
        """Load `folder` (see `stance.model.load`, which raises UsageError on a bad folder)."""
        model = load(Path(folder))
        return cls(model, str(model.card.get("version") or "stance-unknown"))

    def labels_and_scores(self, pairs: Sequence[Pair]) -> list[tuple[str, float]]:
        """(model label, probability of it) per pair, in order."""
        if not pairs:
            return []
        m = self.model
        features = pair_features(m.vectors, pairs)
        related_col = list(m.related.classes_).index(True)
        p_related = m.related.predict_proba(features)[:, related_col]
        p_stance = m.stance.predict_proba(features)
        stance_classes = [str(c) for c in m.stance.classes_]
        out = []
        for p_rel, row in zip(p_related, p_stance, strict=True):
            if p_rel <= 0.5:  # the related stage's own decision (argmax of two classes)
                out.append((m.unrelated, float(1.0 - p_rel)))
            else:
                best = int(np.argmax(row))
                out.append((stance_classes[best], float(p_rel * row[best])))
        return out

    def rows(self, items: Sequence[ArticleTarget]) -> list[dict[str, Any]]:
        """STANCE_PREDICTIONS rows of `items`, in order."""
        pairs = [Pair(headline=i.target, body_id=i.article_id, body=i.text) for i in items]
        return [
            {
                "article_id": item.article_id,
                "content_sha256": item.content_sha256,
                "target_id": item.target_id,
                "target": item.target,
                "stance": self.model.label_map[label],
                "model_label": label,
                "score": round(score, 4),
                "model_version": self.version,
            }
            for item, (label, score) in zip(items, self.labels_and_scores(pairs), strict=True)
        ]
