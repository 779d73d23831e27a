"""`newscorpus ls adjudicate`: every disagreement of the latest pulled export becomes a task of
the review project, showing each annotator's version; `ls pull` folds the reviewer's decisions
into gold.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from newscorpus.cli.common import (
    Subparsers,
    add_annotations_out,
    add_corpus,
    add_server_options,
)


def add_parser(sub: Subparsers) -> None:
    q = sub.add_parser(
        "adjudicate",
        help="disagreements -> tasks of the review project (each annotator's version shown)",
        description="Reads the latest export `ls pull` kept; run `ls pull` again after the "
        "review to fold the reviewer's decisions into gold.",
    )
    add_server_options(q)
    add_annotations_out(q)
    q.add_argument(
        "--review-project",
        default=None,
        metavar="TITLE",
        help="title of the review project (default: <project>-review)",
    )
    q.add_argument("--export", type=Path, default=None, help="export file (default: latest)")
    add_corpus(q, help="the corpus whose current texts count (default corpus/)")
    q.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from newscorpus.annotate.labelstudio import adjudicate, server

    conn = server.resolve_connection(args.data_dir)
    s = adjudicate.adjudicate(
        conn,
        out=args.out,
        title=args.project,
        review=args.review_project,
        export_file=args.export,
        corpus=args.corpus,
    )
    found = ", ".join(f"{item} {n}" for item, n in sorted(s.disagreements.items())) or "none"
    print(f"disagreements in {s.export_file}: {found}")
    print(
        f"  review project {s.review_project!r} (id {s.review_project_id}): "
        f"{s.created} new tasks, {s.already_there} already there"
    )
    if s.outdated:
        print(
            f"  {s.outdated} review tasks show disagreements this export no longer has "
            "(more annotations came); they stay, and their decisions still count"
        )
    print(f"  review at {s.url}/projects/{s.review_project_id}/data; then `newscorpus ls pull`")
    return 0
