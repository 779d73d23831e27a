"""`newscorpus ls status`: the project's counts and overlap, and the campaign's progress per
annotator (pseudonyms) and per push batch; `--json` for scripts.
"""

from __future__ import annotations

import argparse
from typing import Any

from newscorpus.cli.common import Subparsers, add_annotations_out, add_server_options


def add_parser(sub: Subparsers) -> None:
    q = sub.add_parser(
        "status", help="server, project, overlap, progress per annotator and per batch"
    )
    add_server_options(q)
    add_annotations_out(q)  # its salt names annotators by their pseudonyms
    q.add_argument(
        "--json",
        action="store_true",
        help="url, project_id, tasks, annotations, token_file, overlap, annotators, batches",
    )
    q.set_defaults(handler=run_status)


def run_status(args: argparse.Namespace) -> int:
    from newscorpus.annotate.labelstudio import exports, server, status

    conn = server.resolve_connection(args.data_dir)
    facts = status.campaign_status(conn, args.project, annotations=args.out)
    if args.json:
        print(exports.to_json(facts))
        return 0
    print(
        f"{facts['url']}: project {facts['project']!r} (id {facts['project_id']}), "
        f"{facts['tasks']} tasks, {facts['annotations']} annotations"
    )
    o = facts["overlap"]
    if o is not None:
        print(
            f"  overlap: {o['per_task']} annotators per task on {o['percent']}% of the tasks "
            f"({o['tasks_with_overlap']} tasks now)"
            + (", served first" if o["show_overlap_first"] else "")
        )
    for a in facts["annotators"]:
        lead = "n/a" if a["median_lead_time"] is None else f"{a['median_lead_time']:.0f} s"
        print(
            f"  {a['annotator']}: {a['submitted']} submitted, {a['skipped']} skipped, "
            f"median {lead}; with others on {a['tasks_shared']} tasks: {_agreement(a)}"
        )
    for b in facts["batches"]:
        print(
            f"  batch {b['batch']} (tasks {b['first_task']}-{b['last_task']}): {b['done']} of "
            f"{b['tasks']} done, {b['remaining']} remaining; {_agreement(b)}"
        )
    if facts["annotators"] and not facts["pseudonyms"]:
        print(f"  (annotators by user id: no pseudonym salt in {args.out} yet; `ls pull` makes it)")
    return 0


def _agreement(row: dict[str, Any]) -> str:
    """One line of a row's pair agreement."""
    a = row["agreement"]
    if not a["pairs"]:
        return "no shared tasks yet"

    def share(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.2f}"

    return (
        f"stance {share(a['stance']['agreement'])} ({a['stance']['agree']}/"
        f"{a['stance']['pairs']}), quote F1 {share(a['quotes']['f1'])}, speaker "
        f"{share(a['speaker']['agreement'])} ({a['pairs']} pairs)"
    )
