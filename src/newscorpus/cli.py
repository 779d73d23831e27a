"""The `newscorpus` command: parses arguments, calls the stages, prints.

The only module that prints or exits. Errors a user can cause (`NewscorpusError`) become one line
on stderr and exit code 2; a traceback means a bug.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from newscorpus import __version__
from newscorpus.errors import NewscorpusError

Handler = Callable[[argparse.Namespace], int]


def _add_normalize(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "normalize",
        help="raw pages (text dumps, HTML, WARC, JSONL/Parquet) -> Parquet corpus",
        description="Read every file under INPUT paths and write DIR/articles/*.parquet and "
        "DIR/rejects/*.parquet. Re-runs skip inputs whose bytes did not change.",
    )
    p.add_argument("inputs", nargs="+", type=Path, metavar="INPUT")
    p.add_argument("--out", type=Path, default=Path("corpus"), help="corpus dir (default corpus/)")
    p.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument(
        "--max-bytes",
        type=int,
        default=64 * 1024 * 1024,
        help="inputs larger than this are rejected unread (default 64 MiB)",
    )
    p.set_defaults(handler=_run_normalize)


def _run_normalize(args: argparse.Namespace) -> int:
    from newscorpus.pipeline import NormalizeOptions, run_normalize

    summary = run_normalize(
        NormalizeOptions(
            inputs=tuple(args.inputs),
            out=args.out,
            workers=args.workers,
            progress=not args.no_progress and sys.stderr.isatty(),
            max_bytes=args.max_bytes,
        )
    )
    _print_normalize_summary(summary)
    return 0


def _print_normalize_summary(summary: object) -> None:
    from rich.console import Console
    from rich.table import Table

    s = summary  # newscorpus.pipeline.NormalizeSummary
    console = Console()
    table = Table(title=f"normalize -> {s.out}", show_header=False)
    table.add_row("inputs seen", str(s.inputs_seen))
    table.add_row("inputs unchanged (skipped)", str(s.inputs_skipped))
    table.add_row("inputs read", str(s.inputs_read))
    table.add_row("articles written", str(s.articles_written))
    table.add_row("articles in corpus", str(s.articles_total))
    table.add_row("exact duplicates collapsed", str(s.exact_duplicates))
    table.add_row("near duplicates marked", str(s.near_duplicates))
    table.add_row("rejects", str(sum(s.rejects_by_reason.values())))
    for reason, count in sorted(s.rejects_by_reason.items()):
        table.add_row(f"  rejected: {reason}", str(count))
    table.add_row("seconds", f"{s.seconds:.2f}")
    console.print(table)


# Stage registrations, in pipeline order. Each adds one subcommand.
_STAGES: list[Callable[[argparse._SubParsersAction], None]] = [_add_normalize]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newscorpus",
        description="Turn scraped news pages into an annotated, versioned NLP dataset.",
    )
    parser.add_argument("--version", action="version", version=f"newscorpus {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in _STAGES:
        add(sub)
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


if __name__ == "__main__":
    raise SystemExit(main())
