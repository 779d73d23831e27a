"""The stance model: train, predict, save and load; two gradient-boosted stages on CPU.

Stage one tells related pairs from unrelated ones (claim/body overlap, TF-IDF, BM25); stage two
gives each related pair agree, disagree or discuss (stance cues, text-space coordinates). Both
are scikit-learn `HistGradientBoostingClassifier`s with fixed seeds, so the same training data
gives the same model and the same predictions. Labels are FNC-1's; `LABEL_MAP` turns them into the
project's stance labels (`labels.STANCE_LABELS`). A model folder holds `model.joblib` (the fitted
text space and both stages) and `model.json` (its card); predicting needs nothing else, never
the training data. A model file is a pickle: load only model folders you made or trust.
"""

from __future__ import annotations

import hashlib
import json
import platform
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import joblib
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from threadpoolctl import threadpool_limits

from newscorpus.errors import UsageError
from newscorpus.labels import STANCE_LABELS
from newscorpus.preannotate.stance.features import FEATURE_NAMES, body_parts, hand_features
from newscorpus.preannotate.stance.fnc1 import FNC1_LABELS, UNRELATED, Pair
from newscorpus.preannotate.stance.vectors import (
    SVD_COMPONENTS,
    TFIDF_MAX_FEATURES,
    TextVectors,
    vector_names,
)

MODEL_VERSION = "stance-fnc1-v1"
MODEL_FILE = "model.joblib"
CARD_FILE = "model.json"
SEED = 0
# The model's labels (FNC-1's) and the project's stance label each one stands for.
# (agree -> favor, disagree -> against, discuss -> neutral, unrelated -> none: the first four of
# STANCE_LABELS, whose order never changes.)
LABEL_MAP: dict[str, str] = dict(zip(FNC1_LABELS, STANCE_LABELS[: len(FNC1_LABELS)], strict=True))
RELATED_PARAMS: dict[str, Any] = {"max_iter": 300, "learning_rate": 0.1}
STANCE_PARAMS: dict[str, Any] = {"max_iter": 300, "learning_rate": 0.05}
LIBRARIES = ("scikit-learn", "numpy", "scipy", "joblib")
PREDICT_THREADS = 1  # OpenMP threads of the trees at prediction (see `StanceModel.predict`)


def _classifier(params: Mapping[str, Any], seed: int) -> HistGradientBoostingClassifier:
    return HistGradientBoostingClassifier(**params, early_stopping=False, random_state=seed)


def feature_names() -> tuple[str, ...]:
    """Columns of `pair_features`: hand features, then the fitted text space's."""
    return (*FEATURE_NAMES, *vector_names())


def pair_features(vectors: TextVectors, pairs: Sequence[Pair]) -> np.ndarray:
    """The feature matrix of `pairs` (one row each); each distinct body is split once."""
    parts = {}
    rows = []
    for pair in pairs:
        if pair.body not in parts:
            parts[pair.body] = body_parts(pair.body)
        rows.append(hand_features(pair.headline, parts[pair.body]))
    hand = np.asarray(rows, dtype=np.float32).reshape(len(pairs), len(FEATURE_NAMES))
    split = {body: part.texts for body, part in parts.items()}
    text = vectors.transform([p.headline for p in pairs], [p.body for p in pairs], split)
    return np.hstack([hand, text])


def check_labels(labels: Iterable[str | None], known: Sequence[str], source: str) -> None:
    """Refuse data whose labels the model does not know, naming the first such row.

    Rows are counted from 1 in data order; `source` names the file or data set.
    """
    for row, label in enumerate(labels, start=1):
        if label is not None and label not in known:
            raise UsageError(
                f"{source}: pair {row}: unknown stance {label!r}; this model knows "
                f"{', '.join(known)}: relabel the row or drop it"
            )


@dataclass
class StanceModel:
    """A fitted two-stage stance model and what its card says about it."""

    vectors: TextVectors
    related: HistGradientBoostingClassifier
    stance: HistGradientBoostingClassifier
    labels: tuple[str, ...] = FNC1_LABELS
    unrelated: str = UNRELATED
    label_map: dict[str, str] = field(default_factory=lambda: dict(LABEL_MAP))
    card: dict[str, Any] = field(default_factory=dict)

    def predict(self, pairs: Sequence[Pair], source: str = "prediction data") -> list[str]:
        """A label of `self.labels` for each pair; labels the data carries are checked first."""
        check_labels((p.stance for p in pairs), self.labels, source)
        if not pairs:
            return []
        features = pair_features(self.vectors, pairs)
        out = np.full(len(pairs), self.unrelated, dtype=object)
        # One thread per tree: each of the 1,200 trees is a parallel region of its own, whose
        # start and barrier cost more than the work on a few thousand rows, and far more when
        # other processes hold the cores. Rows are independent: the labels do not change.
        with threadpool_limits(PREDICT_THREADS, user_api="openmp"):
            related = self.related.predict(features).astype(bool)
            if related.any():
                out[related] = self.stance.predict(features[related])
        return [str(label) for label in out]

    def project_labels(self, predicted: Sequence[str]) -> list[str]:
        """The project's stance labels (`labels.STANCE_LABELS`) for the model's labels."""
        return [self.label_map[label] for label in predicted]


def _require_every_label(pairs: Sequence[Pair], labels: Sequence[str], source: str) -> None:
    counts = Counter(p.stance for p in pairs)
    missing = [label for label in labels if counts[label] == 0]
    if missing:
        raise UsageError(
            f"{source}: no training pair labeled {', '.join(missing)}; the model needs "
            f"examples of every label ({', '.join(labels)})"
        )


def train(pairs: Sequence[Pair], source: str = "training data", seed: int = SEED) -> StanceModel:
    """Fit the text space and both stages on labeled pairs.

    Raises:
        UsageError: a pair without a stance, an unknown label, or a label with no example.
    """
    unlabeled = next((i for i, p in enumerate(pairs, start=1) if p.stance is None), None)
    if unlabeled is not None:
        raise UsageError(f"{source}: pair {unlabeled} has no stance; training needs labels")
    check_labels((p.stance for p in pairs), FNC1_LABELS, source)
    _require_every_label(pairs, FNC1_LABELS, source)
    vectors = TextVectors(seed).fit([p.headline for p in pairs], [p.body for p in pairs])
    features = pair_features(vectors, pairs)
    gold = np.array([p.stance for p in pairs], dtype=object)
    is_related = gold != UNRELATED
    related = _classifier(RELATED_PARAMS, seed).fit(features, is_related)
    stance = _classifier(STANCE_PARAMS, seed).fit(features[is_related], gold[is_related])
    model = StanceModel(vectors, related, stance)
    model.card = _card(pairs, source, seed)
    return model


def data_sha256(pairs: Iterable[Pair]) -> str:
    """Fingerprint of labeled pairs (claim, body, stance, in order), whatever their source file."""
    digest = hashlib.sha256()
    for p in pairs:
        digest.update(json.dumps([p.headline, p.body, p.stance]).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def library_versions() -> dict[str, str]:
    """Versions of Python and the libraries a saved model depends on."""
    versions = {"python": platform.python_version()}
    versions.update({name: metadata.version(name) for name in LIBRARIES})
    return versions


def _card(pairs: Sequence[Pair], source: str, seed: int) -> dict[str, Any]:
    counts = Counter(p.stance for p in pairs)
    return {
        "version": MODEL_VERSION,
        "labels": list(FNC1_LABELS),
        "unrelated_label": UNRELATED,
        "label_map": dict(LABEL_MAP),
        "training_data": {
            "source": source,
            "sha256": data_sha256(pairs),
            "pairs": len(pairs),
            "bodies": len({p.body for p in pairs}),
            "claims": len({p.headline for p in pairs}),
            "label_counts": {label: counts[label] for label in FNC1_LABELS},
        },
        "features": {
            "names": list(feature_names()),
            "tfidf": {"ngram_range": [1, 2], "max_features": TFIDF_MAX_FEATURES},
            "svd_components": SVD_COMPONENTS,
        },
        "classifiers": {
            "kind": "HistGradientBoostingClassifier",
            "related": RELATED_PARAMS,
            "stance": STANCE_PARAMS,
            "seed": seed,
        },
        "cv": None,
        "libraries": library_versions(),
    }


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def save(model: StanceModel, folder: Path) -> Path:
    """Write `model.joblib` and `model.json` into `folder` (created); returns the card's path."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        joblib.dump(
            {"vectors": model.vectors, "related": model.related, "stance": model.stance},
            folder / MODEL_FILE,
        )
        card = {
            **model.card,
            "model_file": MODEL_FILE,
            "model_sha256": _file_sha256(folder / MODEL_FILE),
        }
        (folder / CARD_FILE).write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    except OSError as err:
        raise UsageError(f"{folder}: cannot write the model ({err.strerror})") from None
    return folder / CARD_FILE


def _read_card(folder: Path) -> dict[str, Any]:
    path = folder / CARD_FILE
    try:
        card = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(
            f"{path}: no model card; train one with `newscorpus stance train`"
        ) from None
    except (OSError, ValueError) as err:
        raise UsageError(f"{path}: unreadable model card ({err})") from None
    version = str(card.get("version", ""))
    if not version.startswith("stance-"):
        raise UsageError(f"{path}: not a stance model card (version {version!r})")
    return card


def load(folder: Path) -> StanceModel:
    """The model saved in `folder`, checked against its card (file hash, labels, label map)."""
    card = _read_card(folder)
    path = folder / card.get("model_file", MODEL_FILE)
    if not path.is_file():
        raise UsageError(f"{path}: model file missing; the folder holds only its card")
    if _file_sha256(path) != card.get("model_sha256"):
        raise UsageError(f"{path}: does not match the sha256 in {CARD_FILE}; retrain or re-save")
    parts = joblib.load(path)
    labels = tuple(card["labels"])
    if (*(str(c) for c in parts["stance"].classes_), card["unrelated_label"]) != labels:
        raise UsageError(f"{folder / CARD_FILE}: labels {labels} differ from the model's classes")
    return StanceModel(
        parts["vectors"],
        parts["related"],
        parts["stance"],
        labels=labels,
        unrelated=card["unrelated_label"],
        label_map=dict(card["label_map"]),
        card=card,
    )
