"""`newscorpus baseline`: the stance and quote baselines of a published version, printed.

`print_report` is shared with `publish`, which prints the same baselines after a build.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import TYPE_CHECKING

from newscorpus import layout
from newscorpus.cli.common import Subparsers, quiet_datasets

if TYPE_CHECKING:
    from rich.console import Console

    from newscorpus.publish.baseline import BaselineReport

HUB_REPO_ID = re.compile(r"[\w.-]+/[\w.-]+")  # owner/name, as --dataset names a Hub repo


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


def _checked_dataset(dataset: str) -> str:
    """`dataset` when it is a published folder (`publish` writes README.md and data/) or looks
    like a Hub repo id (owner/name, left for the Hub to answer).

    Raises:
        UsageError: a file, a folder that is no published version, or a path that is neither a
            folder nor a repo id.
    """
    from newscorpus.errors import UsageError

    path = Path(dataset)
    if path.is_dir():
        if not (path / "README.md").is_file() or not (path / "data").is_dir():
            raise UsageError(
                f"{dataset}: not a published version (no README.md and data/): give a folder "
                "`newscorpus publish` wrote, e.g. dist/<version>"
            )
        return dataset
    if path.exists():
        raise UsageError(f"{dataset}: a file, not a published version folder or a Hub repo id")
    if not HUB_REPO_ID.fullmatch(dataset):
        raise UsageError(
            f"{dataset}: no such folder (give a published version, e.g. dist/<version>, "
            "or a Hub repo id owner/name)"
        )
    return dataset


def run(args: argparse.Namespace) -> int:
    from rich.console import Console

    dataset = _checked_dataset(args.dataset) if args.dataset is not None else _newest_version()
    quiet_datasets()
    console = Console(soft_wrap=True)
    console.print(f"baselines on {dataset}")
    report = _run_baseline(dataset, args.test_split, args.revision)
    print_report(console, report)
    return 0


def _run_baseline(dataset: str, split: str, revision: str | None) -> BaselineReport:
    """Run the baselines; a repo id the Hub cannot serve (not found, offline, no network) is
    a user's mistake, told in one line."""
    from datasets.exceptions import DatasetNotFoundError

    from newscorpus.errors import UsageError
    from newscorpus.publish.baseline import run_baseline

    try:
        return run_baseline(dataset, test_split=split, revision=revision)
    except (ConnectionError, DatasetNotFoundError) as err:
        if Path(dataset).is_dir():
            raise
        reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise UsageError(
            f"{dataset}: no such folder, and the Hub repo cannot be read ({reason})"
        ) from None


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
