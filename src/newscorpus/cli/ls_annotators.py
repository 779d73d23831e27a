"""`newscorpus ls annotators add EMAIL... | list | remove EMAIL`: the team's accounts.

Prints e-mails beside pseudonyms for the curator, and where each account's password and token
are kept; never a password or a token.
"""

from __future__ import annotations

import argparse

from newscorpus.cli.common import Subparsers, add_annotations_out, add_server_options


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser(
        "annotators",
        help="annotator accounts: add (invite link), list (with pseudonyms), remove (deactivate)",
        description="Accounts live on the server; each added account's password and API token "
        "go to <data-dir>/annotators/<pseudonym>.json (readable by you only).",
    )
    actions = p.add_subparsers(dest="annotators_command", required=True, metavar="ACTION")

    q = actions.add_parser("add", help="sign annotators up through the invite link")
    q.add_argument("emails", nargs="+", metavar="EMAIL")
    _options(q)
    q.set_defaults(handler=run_add)

    q = actions.add_parser("list", help="members with their pseudonyms (for the curator only)")
    _options(q)
    q.set_defaults(handler=run_list)

    q = actions.add_parser("remove", help="deactivate an annotator (their annotations stay)")
    q.add_argument("email", metavar="EMAIL")
    _options(q)
    q.set_defaults(handler=run_remove)


def _options(q: argparse.ArgumentParser) -> None:
    add_server_options(q, project=False)
    add_annotations_out(q)  # where the pseudonym salt is (annotations/.annotator-salt)


def run_add(args: argparse.Namespace) -> int:
    from newscorpus.annotate.labelstudio import server, team

    conn = server.resolve_connection(args.data_dir)
    for a in team.add_annotators(conn, args.emails, data_dir=args.data_dir, annotations=args.out):
        kept = a.credentials and a.action != "deactivated"
        where = f"; password and token in {a.credentials}" if kept else ""
        said = {
            "added": "added",
            "present": "already a member",
            "deactivated": "was removed (Label Studio Community cannot reactivate an account)",
        }[a.action]
        print(f"{a.email} ({a.pseudonym}): {said}{where}")
    print(f"  they log in at {conn.url}/user/login/ and label in the label stream")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from newscorpus.annotate.labelstudio import server, team

    conn = server.resolve_connection(args.data_dir)
    found = team.list_annotators(conn, data_dir=args.data_dir, annotations=args.out)
    if not found:
        print(f"no members at {conn.url} but you: add some with `newscorpus ls annotators add`")
    for a in found:
        state = "active" if a.active else "removed"
        print(f"{a.pseudonym}  {a.email or '(e-mail unknown here)'}  {state}  user {a.user_id}")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from newscorpus.annotate.labelstudio import server, team

    conn = server.resolve_connection(args.data_dir)
    a = team.remove_annotator(conn, args.email, data_dir=args.data_dir, annotations=args.out)
    print(f"{a.email} ({a.pseudonym}) deactivated at {conn.url}: their annotations stay")
    print(f"  {a.credentials} no longer holds their password or token")
    return 0
