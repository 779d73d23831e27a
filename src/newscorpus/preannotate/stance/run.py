"""Stance model runs over files: train from FNC-1 or a labels table, predict a FNC-1 folder.

Each run reads its inputs, calls `model` and writes a model folder or a predictions CSV. Training
first cross-validates on folds grouped by body (`cv`) unless asked not to, and records the
figures in the model card. Never prints: the cli reports what these return.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newscorpus.errors import UsageError
from newscorpus.preannotate.stance import cv
from newscorpus.preannotate.stance.fnc1 import FNC1_LABELS, Pair, read_fnc1, write_predictions
from newscorpus.preannotate.stance.labeled import read_labeled
from newscorpus.preannotate.stance.model import StanceModel, check_labels, load, save, train

DEFAULT_FOLDS = cv.FOLDS


@dataclass(frozen=True)
class TrainSummary:
    """What a training run produced."""

    model_dir: Path
    pairs: int
    cv: cv.CVResult | None


def cross_validate(pairs: Sequence[Pair], folds: int = DEFAULT_FOLDS) -> cv.CVResult:
    """Held-out figures of the model on `folds` folds grouped by body."""
    return cv.cross_validate(pairs, lambda train_pairs: train(train_pairs).predict, folds)


def fit_and_save(
    pairs: Sequence[Pair], out: Path, source: str, folds: int = DEFAULT_FOLDS
) -> TrainSummary:
    """Cross-validate (unless `folds` is 0), fit on every pair, and save to `out`."""
    check_labels((p.stance for p in pairs), FNC1_LABELS, source)
    result = cross_validate(pairs, folds) if folds else None
    model = train(pairs, source)
    if result is not None:
        model.card["cv"] = {"folds": folds, "grouped_by": "body", **result.as_dict()}
    save(model, out)
    return TrainSummary(out, len(pairs), result)


def train_fnc1(folder: Path, out: Path, folds: int = DEFAULT_FOLDS) -> TrainSummary:
    """Train on a labeled FNC-1 folder (bodies and stances CSV files)."""
    pairs = read_fnc1(folder)
    if any(p.stance is None for p in pairs):
        raise UsageError(f"{folder}: the stances file has no Stance column: it cannot train")
    return fit_and_save(pairs, out, f"fnc1:{folder.name}", folds)


def train_labels(
    path: Path,
    out: Path,
    targets: Path | None = None,
    corpus: Path | None = None,
    folds: int = DEFAULT_FOLDS,
) -> TrainSummary:
    """Train on a labels Parquet table (see `labeled.read_labeled`)."""
    pairs = read_labeled(path, targets, corpus)
    return fit_and_save(pairs, out, f"labels:{path.name}", folds)


def predict_fnc1(model_dir: Path, folder: Path, out: Path) -> int:
    """Write `Headline,Body ID,Stance` for every pair of a FNC-1 folder; returns the count."""
    model: StanceModel = load(model_dir)
    pairs = read_fnc1(folder)
    stances = model.predict(pairs, source=str(folder))
    write_predictions(out, pairs, stances)
    return len(pairs)
