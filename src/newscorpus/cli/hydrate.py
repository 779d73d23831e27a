"""`newscorpus hydrate`: a published folder whose withheld texts are filled in from the user's
own copies. Exit 1 when some article or stance target is still without text.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from newscorpus.cli.common import Subparsers

# Ids of articles still without text listed on the summary line; the rest are counted.
SHOWN_MISSING = 10


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser(
        "hydrate",
        help="restore withheld article texts of a published dataset from your own copies",
        description="Copy a published folder to --out, filling in the texts of articles "
        "published without text, from your own copies (a normalized corpus dir, Parquet, JSONL "
        "or CSV files with a `text` field). A copy is used only if its SHA-256 equals the "
        "article's content_sha256, so every offset stays right. Withheld stance targets come "
        "back from copies with a `target` or `Headline` field (annotations/targets/ of "
        "`newscorpus import`, the source's CSV file) whose text gives the target's id.",
    )
    p.add_argument("dataset", type=Path, help="published version folder")
    p.add_argument("--from", dest="copies", type=Path, nargs="+", required=True, metavar="PATH")
    p.add_argument("--out", type=Path, required=True, help="new folder for the hydrated copy")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from newscorpus.publish.hydrate import hydrate

    s = hydrate(args.dataset, args.copies, args.out)
    print(
        f"hydrated {s.restored} of {s.withheld} withheld article(s) into {s.out} "
        f"({s.copies_read} copies read, {s.seconds:.1f} s)"
    )
    for line in s.partials.lines():
        print(line)
    if s.copies_skipped:
        print(
            f"{len(s.copies_skipped)} record(s) of the copies skipped, not JSON objects: "
            f"{', '.join(s.copies_skipped[:SHOWN_MISSING])}"
            f"{' ...' if len(s.copies_skipped) > SHOWN_MISSING else ''}"
        )
    if s.missing:
        shown = ", ".join(s.missing[:SHOWN_MISSING])
        more = " ..." if len(s.missing) > SHOWN_MISSING else ""
        print(f"{len(s.missing)} still without text (no copy with the same SHA-256): {shown}{more}")
    if s.targets_withheld:
        print(f"restored {s.targets_restored} of {s.targets_withheld} withheld stance target(s)")
    if s.targets_missing:
        shown = ", ".join(s.targets_missing[:SHOWN_MISSING])
        more = " ..." if len(s.targets_missing) > SHOWN_MISSING else ""
        print(
            f"{len(s.targets_missing)} target(s) still without text (no copy whose text gives "
            f"the id): {shown}{more}"
        )
    return 0 if not s.missing and not s.targets_missing else 1
