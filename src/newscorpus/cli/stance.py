"""`newscorpus stance train|predict`: the stance model, trained on labels, run on FNC-1 pairs.

Prints the cross-validation figures and what was written; the model is
newscorpus.preannotate.stance's.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from newscorpus import layout
from newscorpus.cli.common import Subparsers, add_corpus, print_facts

if TYPE_CHECKING:
    from newscorpus.preannotate.stance.run import TrainSummary


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser(
        "stance",
        help="stance model: train on labeled pairs, predict FNC-1 pairs",
        description="A CPU model of an article body's stance toward a claim (agree, disagree, "
        "discuss, unrelated = favor, against, neutral, none).",
    )
    actions = p.add_subparsers(dest="stance_command", required=True, metavar="ACTION")
    _add_train(actions)
    _add_predict(actions)


def _add_train(actions: Subparsers) -> None:
    p = actions.add_parser(
        "train",
        help="cross-validate, then train on every labeled pair and save MODEL_DIR",
        description="Train from a labels Parquet table (stance favor/against/neutral/none; "
        "target or target_id; text or article_id) or from a labeled FNC-1 folder.",
    )
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--labels", type=Path, metavar="PARQUET", help="labels table")
    source.add_argument("--fnc1", type=Path, metavar="DIR", help="FNC-1 bodies + stances CSVs")
    p.add_argument("--out", type=Path, required=True, metavar="MODEL_DIR", help="model folder")
    p.add_argument(
        "--targets",
        type=Path,
        default=layout.TARGETS,
        metavar="FILE",
        help="targets file for rows with a target_id (default annotations/targets.yaml)",
    )
    add_corpus(p, help="corpus for rows with an article_id but no text (default corpus/)")
    p.add_argument(
        "--cv-folds",
        type=int,
        default=5,
        metavar="N",
        help="folds grouped by body for the card's figures (default 5; 0 skips)",
    )
    p.set_defaults(handler=run_train)


def _add_predict(actions: Subparsers) -> None:
    p = actions.add_parser(
        "predict",
        help="write Headline,Body ID,Stance for every pair of a FNC-1 folder",
        description="Predict with a trained MODEL_DIR; the FNC-1 folder's labels, if any, "
        "must be ones the model knows.",
    )
    p.add_argument("--model", type=Path, required=True, metavar="MODEL_DIR")
    p.add_argument("--fnc1", type=Path, required=True, metavar="DIR")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.csv")
    p.set_defaults(handler=run_predict)


def run_train(args: argparse.Namespace) -> int:
    import time

    from newscorpus.errors import UsageError
    from newscorpus.preannotate.stance import run

    if args.cv_folds < 0 or args.cv_folds == 1:
        raise UsageError(f"--cv-folds {args.cv_folds}: give 0 (no cross-validation) or >= 2")
    start = time.perf_counter()
    if args.fnc1 is not None:
        summary = run.train_fnc1(args.fnc1, args.out, args.cv_folds)
    else:
        summary = run.train_labels(args.labels, args.out, args.targets, args.corpus, args.cv_folds)
    _print_summary(summary, time.perf_counter() - start)
    return 0


def _print_summary(summary: TrainSummary, seconds: float) -> None:
    rows = [("pairs", str(summary.pairs))]
    if summary.cv is not None:
        for i, fold in enumerate(summary.cv.folds, start=1):
            rows.append((f"fold {i}", f"FNC {fold.fnc:.4f}  macro-F1 {fold.macro_f1:.4f}"))
        pooled = summary.cv.pooled
        rows.append(("held out", f"FNC {pooled.fnc:.4f}  macro-F1 {pooled.macro_f1:.4f}"))
        rows += [(f"  F1 {label}", f"{value:.4f}") for label, value in pooled.f1.items()]
    rows += [("wrote", str(summary.model_dir)), ("seconds", f"{seconds:.1f}")]
    print_facts(f"stance train -> {summary.model_dir}", rows)


def run_predict(args: argparse.Namespace) -> int:
    from newscorpus.preannotate.stance.run import predict_fnc1

    count = predict_fnc1(args.model, args.fnc1, args.out)
    print_facts(f"stance predict {args.fnc1}", [("pairs", str(count)), ("wrote", str(args.out))])
    return 0
