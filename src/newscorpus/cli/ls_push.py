"""`newscorpus ls push`: articles not yet in the project become tasks, with predictions.

Prints what was imported and where to label it; the import itself is annotate.labelstudio's.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from newscorpus import layout
from newscorpus.cli.common import Subparsers, add_corpus, add_server_options
from newscorpus.errors import UsageError


def add_parser(sub: Subparsers) -> None:
    q = sub.add_parser("push", help="import articles not yet in the project, with predictions")
    add_server_options(q)
    add_corpus(q, help="corpus dir (corpus/)")
    q.add_argument(
        "--predictions",
        type=Path,
        default=layout.PREDICTIONS,
        help="dir with quotes.parquet/targets.parquet/stance.parquet (annotations/predictions/)",
    )
    q.add_argument(
        "--refresh-predictions",
        action="store_true",
        help="after the push, give tasks nobody has annotated, skipped or started the current "
        "predictions (annotated tasks are never touched)",
    )
    q.add_argument(
        "--order-by-uncertainty",
        action="store_true",
        help="import first the articles whose suggested stance the model is least sure of",
    )
    q.add_argument("--sample", type=int, default=None, metavar="N", help="push N articles only")
    q.add_argument(
        "--where",
        default=None,
        metavar="EXPR",
        help="row filter, e.g. \"source == 'Example Gazette' and published >= '2024-01-01'\"",
    )
    q.add_argument("--force", action="store_true", help="replace a config edited on the server")
    q.add_argument("--batch-size", type=int, default=500, help="tasks per import request (500)")
    q.add_argument(
        "--batch",
        default=None,
        metavar="NAME",
        help="name this push's tasks carry for `ls status` (default: push-<UTC time>)",
    )
    q.add_argument(
        "--per-task",
        type=int,
        default=None,
        metavar="N",
        help="annotators per task in the overlap share (1: every task labeled once)",
    )
    q.add_argument(
        "--overlap",
        type=float,
        default=None,
        metavar="FRACTION",
        help="share of the tasks labeled by --per-task annotators, served first (default 1.0)",
    )
    q.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from newscorpus.annotate.labelstudio import push, server
    from newscorpus.annotate.labelstudio.project import Overlap

    overlap = None
    if args.overlap is not None and args.per_task is None:
        raise UsageError("--overlap needs --per-task N (how many annotators label those tasks)")
    if args.per_task is not None:
        overlap = Overlap.of(args.per_task, 1.0 if args.overlap is None else args.overlap)
    conn = server.resolve_connection(args.data_dir)
    s = push.push(
        conn,
        corpus=args.corpus,
        predictions=args.predictions,
        title=args.project,
        sample=args.sample,
        where=args.where,
        force=args.force,
        batch_size=args.batch_size,
        overlap=overlap,
        batch=args.batch,
        order_by_uncertainty=args.order_by_uncertainty,
    )
    print(
        f"pushed to {s.url} project {s.project!r} (id {s.project_id}), "
        f"label config {s.config_version} {s.config_action}"
    )
    print(
        f"  selected {s.selected}, new tasks {s.created}, already there {s.already_present}, "
        f"with predictions {s.predictions}, without {s.without_predictions}"
    )
    print(f"  batch {s.batch!r}")
    if s.overlap is not None:
        o = s.overlap
        print(
            f"  overlap {s.overlap_action}: {o['per_task']} annotators per task on "
            f"{o['percent']}% of the tasks" + (", served first" if o["show_overlap_first"] else "")
        )
    if s.stale_predictions:
        print(f"  left out {s.stale_predictions} predictions made on an older text")
    for c in s.changed:
        print(
            f"  text changed: article {c['article_id']} is a new task; "
            f"old task(s) {c['old_tasks']} kept as they were"
        )
    rate = s.created / s.import_seconds if s.import_seconds and s.created else 0.0
    print(f"  {s.batches} import requests, {s.seconds:.1f} s ({rate:.0f} tasks/s imported)")
    if args.refresh_predictions:
        from newscorpus.annotate.labelstudio.refresh import refresh_predictions

        r = refresh_predictions(conn, predictions=args.predictions, title=args.project)
        print(
            f"  refreshed predictions ({r.model_version}): {r.replaced} replaced, "
            f"{r.unchanged} already current, {r.removed} removed, "
            f"{r.annotated} annotated tasks left as they were"
        )
    print(f"  label at {s.url}/projects/{s.project_id}/data")
    return 0
