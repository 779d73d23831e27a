"""`newscorpus ls ACTION`: the Label Studio group; its actions live in the ls_* modules.

This module only builds the group: ACTIONS lists the modules whose `add_parser(sub)` adds the
group's actions, in the order `newscorpus ls --help` shows them. An action is added like a
command: one module and one line here.
"""

from __future__ import annotations

from newscorpus.cli import (
    ls_adjudicate,
    ls_annotators,
    ls_import_brat,
    ls_pull,
    ls_push,
    ls_server,
    ls_status,
)
from newscorpus.cli.common import Command, Subparsers

ACTIONS: tuple[Command, ...] = (
    ls_server,
    ls_status,
    ls_annotators,
    ls_push,
    ls_pull,
    ls_adjudicate,
    ls_import_brat,
)


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser(
        "ls",
        help="Label Studio: serve, annotators, push, status, pull, agreement, adjudicate",
        description="Talks to the local server of --data-dir, or to LABEL_STUDIO_URL with "
        "LABEL_STUDIO_API_KEY (a legacy token or a personal access token) when set.",
    )
    actions = p.add_subparsers(dest="ls_command", required=True, metavar="ACTION")
    for action in ACTIONS:
        action.add_parser(actions)
