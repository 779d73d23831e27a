"""`newscorpus ls serve | stop | status`: the local Label Studio server and what it holds.

Prints where the server is and how to log in; never prints a password or a token, only the
files that hold them.
"""

from __future__ import annotations

import argparse

from newscorpus.cli.common import Subparsers, add_server_options


def add_parser(sub: Subparsers) -> None:
    q = sub.add_parser("serve", help="start the local server (SQLite, 127.0.0.1, free port)")
    add_server_options(q, project=False)
    q.add_argument("--port", type=int, default=None, help="port (default: a free one)")
    q.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for it (300)")
    q.set_defaults(handler=run_serve)

    q = sub.add_parser("stop", help="stop the local server")
    add_server_options(q, project=False)
    q.set_defaults(handler=run_stop)

    q = sub.add_parser("status", help="server, project, task and annotation counts")
    add_server_options(q)
    q.add_argument("--json", action="store_true", help="url, project_id, tasks, annotations, ...")
    q.set_defaults(handler=run_status)


def run_serve(args: argparse.Namespace) -> int:
    from newscorpus.annotate.labelstudio import server

    info = server.start(args.data_dir, port=args.port, timeout=args.timeout)
    print(f"Label Studio {info.version or ''} at {info.url}  (pid {info.pid})")
    print(f"  log in as {info.admin_email}; password in {args.data_dir / 'admin.json'}")
    print(f"  API token in {info.token_file} (readable by you only)")
    print("  next: newscorpus ls push; stop with: newscorpus ls stop")
    return 0


def run_stop(args: argparse.Namespace) -> int:
    from newscorpus.annotate.labelstudio import server

    info = server.stop(args.data_dir)
    print(f"stopped Label Studio at {info.url}" if info else "no Label Studio server was running")
    return 0


def run_status(args: argparse.Namespace) -> int:
    from newscorpus.annotate.labelstudio import exports, project, server

    conn = server.resolve_connection(args.data_dir)
    facts = project.status(conn, args.project)
    if args.json:
        print(exports.to_json(facts))
    else:
        print(
            f"{facts['url']}: project {facts['project']!r} (id {facts['project_id']}), "
            f"{facts['tasks']} tasks, {facts['annotations']} annotations"
        )
    return 0
