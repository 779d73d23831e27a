"""The `newscorpus` command: parses arguments, calls the stages, prints.

The only package that prints or exits. Errors a user can cause (`NewscorpusError`) become one
line on stderr and exit code 2; a traceback means a bug.

One module per subcommand, listed in COMMANDS in pipeline order (the order `--help` shows). A
command module has `add_parser(sub)`, which adds its parser to `sub` with `handler=` set as a
default; a handler takes the parsed arguments, returns the exit code, and imports its stage
inside itself so `--help` stays quick. Argument shapes used by several commands (--corpus,
--data-dir, --project, ...) are in `common`. To add a subcommand: write `cli/<name>.py` with
`add_parser` and its handler, then add the module to COMMANDS (one line). The `ls` group works
the same way, with its actions listed in `ls.ACTIONS`.

Default paths come from newscorpus.layout: data folders are relative to the working directory,
the label config and the card template ship in the package, so every command runs from any
folder.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from newscorpus import __version__
from newscorpus.cli import baseline, hydrate, import_, ls, normalize, preannotate, publish, stance
from newscorpus.cli.common import Command, Handler
from newscorpus.errors import NewscorpusError

COMMANDS: tuple[Command, ...] = (
    normalize,
    preannotate,
    stance,
    import_,
    ls,
    publish,
    hydrate,
    baseline,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newscorpus",
        description="Turn scraped news pages into an annotated, versioned NLP dataset.",
    )
    parser.add_argument("--version", action="version", version=f"newscorpus {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except NewscorpusError as err:
        print(f"newscorpus {args.command}: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"newscorpus {args.command}: interrupted; re-run to resume", file=sys.stderr)
        return 130
