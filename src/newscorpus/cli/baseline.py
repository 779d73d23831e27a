"""`newscorpus baseline`: the stance and quote baselines of a published version, printed.

`print_report` is shared with `publish`, which prints the same baselines after a build.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from newscorpus import layout
from newscorpus.cli.common import Subparsers, quiet_datasets

if TYPE_CHECKING:
    from rich.console import Console

    from newscorpus.publish.baseline import BaselineReport


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser(
        "baseline",
        help="stance (TF-IDF + LR) and rule-based quote baselines on a published version",
        description="Train on the train split, score on the test split, human labels only.",
    )
    p.add_argument(
        "--dataset",
        help="published folder or Hub repo id (default: the newest version under dist/)",
    )
    p.add_argument("--revision", help="Hub revision of a repo id, e.g. v1.2.0 (a version tag)")
    p.add_argument("--test-split", default="test")
    p.set_defaults(handler=run)


def _newest_version() -> str:
    from newscorpus.errors import UsageError
    from newscorpus.publish.changelog import SEMVER, parse_version

    versions = [
        p for p in layout.DIST.glob("*") if SEMVER.match(p.name) and (p / "README.md").exists()
    ]
    if not versions:
        raise UsageError("no published version under dist/: give --dataset")
    return str(max(versions, key=lambda p: parse_version(p.name)))


def run(args: argparse.Namespace) -> int:
    from rich.console import Console

    from newscorpus.publish.baseline import run_baseline

    dataset = args.dataset if args.dataset is not None else _newest_version()
    quiet_datasets()
    console = Console(soft_wrap=True)
    console.print(f"baselines on {dataset}")
    report = run_baseline(dataset, test_split=args.test_split, revision=args.revision)
    print_report(console, report)
    return 0


def print_report(console: Console, report: BaselineReport | None) -> None:
    if report is None:
        return
    r = report
    if r.stance is not None:
        console.print(
            f"stance baseline (TF-IDF + LR) on {r.test_split}: macro F1 favor/against "
            f"{r.stance.f1_favor_against:.3f}, accuracy {r.stance.accuracy:.3f} "
            f"({r.stance.train_rows} train / {r.stance.test_rows} test rows)"
        )
    else:
        console.print(f"stance baseline: {r.stance_note}")
    if r.fnc1 is not None:
        console.print(
            f"  on the {r.fnc1.test_rows} {r.test_split} rows imported from FNC-1: "
            f"FNC-1 score {r.fnc1.fnc:.3f}, macro F1 {r.fnc1.macro_f1:.3f}"
        )
    if r.quotes is not None:
        q = r.quotes
        speaker = "n/a" if q.speaker_accuracy is None else f"{q.speaker_accuracy:.3f}"
        console.print(
            f"quote extractor on {r.test_split}: P {q.precision:.3f} R {q.recall:.3f} "
            f"F1 {q.f1:.3f}, speaker accuracy {speaker} ({q.gold} gold quotes)"
        )
    else:
        console.print(f"quote extractor baseline: {r.quotes_note}")
    for note in r.notes:
        console.print(f"  note: {note}")
