"""`newscorpus ls serve | stop`: the local Label Studio server (`ls status`: ls_status.py).

Prints where the server is and how to log in; never prints a password or a token, only the
files that hold them.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from newscorpus.cli.common import Subparsers, add_server_options
from newscorpus.errors import UsageError

if TYPE_CHECKING:
    from newscorpus.annotate.labelstudio.postgres import Database

# --pg-* options and the environment variables that give their defaults (an existing PostgreSQL).
PG_OPTIONS = {
    "pg_host": "NEWSCORPUS_PG_HOST",
    "pg_port": "NEWSCORPUS_PG_PORT",
    "pg_name": "NEWSCORPUS_PG_NAME",
    "pg_user": "NEWSCORPUS_PG_USER",
    "pg_password_file": "NEWSCORPUS_PG_PASSWORD_FILE",
}


def _add_postgres_options(q: argparse.ArgumentParser) -> None:
    q.add_argument(
        "--database",
        choices=("sqlite", "postgresql"),
        default="sqlite",
        help="sqlite (embedded, default) or postgresql (our own cluster under --data-dir, "
        "or an existing server with --pg-host)",
    )
    env = os.environ.get
    g = q.add_argument_group("existing PostgreSQL (with --database postgresql)")
    g.add_argument("--pg-host", default=env(PG_OPTIONS["pg_host"]), help="($NEWSCORPUS_PG_HOST)")
    g.add_argument("--pg-port", type=int, default=env(PG_OPTIONS["pg_port"]), help="(5432)")
    g.add_argument("--pg-name", default=env(PG_OPTIONS["pg_name"]), help="database (labelstudio)")
    g.add_argument("--pg-user", default=env(PG_OPTIONS["pg_user"]), help="(labelstudio)")
    g.add_argument(
        "--pg-password-file",
        type=Path,
        default=env(PG_OPTIONS["pg_password_file"]),
        help="file holding the password alone, mode 0600",
    )


def add_parser(sub: Subparsers) -> None:
    q = sub.add_parser("serve", help="start the local server (SQLite or PostgreSQL, 127.0.0.1)")
    add_server_options(q, project=False)
    q.add_argument("--port", type=int, default=None, help="port (default: a free one)")
    q.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for it (300)")
    _add_postgres_options(q)
    q.set_defaults(handler=run_serve)

    q = sub.add_parser("stop", help="stop the local server (and its own PostgreSQL)")
    add_server_options(q, project=False)
    q.set_defaults(handler=run_stop)


def existing_postgres(args: argparse.Namespace) -> Database | None:
    """The team's PostgreSQL the --pg-* options (or their variables) name, None for our own.

    Raises:
        UsageError: --pg-* options without --database postgresql, or a host without a password.
    """
    from newscorpus.annotate.labelstudio import postgres

    given = [name for name in PG_OPTIONS if getattr(args, name) not in (None, "")]
    if args.database != "postgresql":
        if given:
            flags = ", ".join("--" + name.replace("_", "-") for name in given)
            raise UsageError(f"{flags}: only with --database postgresql (or unset NEWSCORPUS_PG_*)")
        return None
    if not args.pg_host:
        if given:
            raise UsageError("--pg-port/--pg-name/--pg-user/--pg-password-file need --pg-host")
        return None
    if not args.pg_password_file:
        raise UsageError("--pg-host needs --pg-password-file (a file holding the password, 0600)")
    return postgres.external(
        args.pg_host,
        args.pg_password_file,
        port=int(args.pg_port or postgres.DEFAULT_PORT),
        name=args.pg_name or postgres.DB_NAME,
        user=args.pg_user or postgres.DB_USER,
    )


def run_serve(args: argparse.Namespace) -> int:
    from newscorpus.annotate.labelstudio import server

    info = server.start(
        args.data_dir,
        port=args.port,
        timeout=args.timeout,
        database=args.database,
        postgres=existing_postgres(args),
    )
    print(f"Label Studio {info.version or ''} at {info.url}  (pid {info.pid})")
    print(f"  database: {info.postgres_url or 'SQLite in ' + str(args.data_dir / 'data')}")
    print(f"  log in as {info.admin_email}; password in {args.data_dir / 'admin.json'}")
    print(f"  API token in {info.token_file} (readable by you only)")
    print("  next: newscorpus ls push; stop with: newscorpus ls stop")
    return 0


def run_stop(args: argparse.Namespace) -> int:
    from newscorpus.annotate.labelstudio import server

    info = server.stop(args.data_dir)
    print(f"stopped Label Studio at {info.url}" if info else "no Label Studio server was running")
    return 0
