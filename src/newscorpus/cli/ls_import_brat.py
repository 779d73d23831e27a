"""`newscorpus ls import-brat`: BRAT attribution files (PolNeAR) in; an export, the quote table
and agreement out, and with --push a project to review them in.

Articles are read by the importer of `newscorpus import brat`, so the tasks carry the ids the
import gives the articles in the corpus: import first, then review. Reads the label config that
ships in the package, so it runs from any folder.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from newscorpus import layout
from newscorpus.cli.common import Subparsers, add_server_options
from newscorpus.cli.ls_pull import print_agreement

# Problems listed one per line; the rest are counted.
SHOWN_PROBLEMS = 20


def add_parser(sub: Subparsers) -> None:
    q = sub.add_parser("import-brat", help="load BRAT attribution files (PolNeAR)")
    add_server_options(q)
    q.add_argument("directory", type=Path, metavar="DIR", help="with text/ and attributions/")
    q.add_argument("--out", type=Path, default=layout.BRAT, help="annotations/brat/")
    q.add_argument(
        "--annotations",
        type=Path,
        default=layout.ANNOTATIONS,
        help="annotations folder whose salt names the annotators, as `import brat` does "
        "(annotations/)",
    )
    q.add_argument("--limit", type=int, default=None, help="first N articles only")
    q.add_argument("--multi-only", action="store_true", help="only articles with 2+ annotators")
    q.add_argument("--push", action="store_true", help="also load them into a project to review")
    q.add_argument("--name", default="polnear", help="the corpus's name, as `import brat --name`")
    q.add_argument("--metadata", type=Path, default=None, help="TSV/CSV (DIR/metadata.tsv)")
    q.set_defaults(handler=run, project="newscorpus BRAT import")


def run(args: argparse.Namespace) -> int:
    from newscorpus.annotate.labelstudio import agreement_report, import_brat, server

    conn = server.resolve_connection(args.data_dir) if args.push else None
    b = import_brat.import_brat(
        args.directory,
        out=args.out,
        limit=args.limit,
        multi_only=args.multi_only,
        conn=conn,
        title=args.project,
        name=args.name,
        metadata=args.metadata,
        annotations=args.annotations,
    )
    print(
        f"read {b.articles} articles, {b.annotation_files} annotation files "
        f"({b.doubly_annotated} articles with 2+ annotators) -> {b.export_file}"
    )
    print(
        f"  {b.quotes} quote rows -> {args.out / 'quotes.parquet'}; validation: {b.errors} "
        f"errors, {b.warnings} warnings"
    )
    for problem in b.problems[:SHOWN_PROBLEMS]:
        print(f"  problem: {problem}")
    if len(b.problems) > SHOWN_PROBLEMS:
        print(f"  ... {len(b.problems) - SHOWN_PROBLEMS} more problems")
    if b.pushed_project_id is not None:
        print(
            f"  loaded {b.pushed_tasks} tasks into project {args.project!r} "
            f"(id {b.pushed_project_id}) for review"
        )
    s = agreement_report.agreement_from_export(
        b.export_file, out=args.out, annotations=args.annotations
    )
    print(f"agreement -> {s.agreement_file}")
    print_agreement(s.report)
    return 0
