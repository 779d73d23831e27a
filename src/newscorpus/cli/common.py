"""What the subcommand modules share: the shape of a command module, and argument shapes repeated
across subcommands, written once so their names, defaults and help texts cannot drift apart.

Builds parsers and prints tables only; never runs a stage.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

from newscorpus import layout

# What argparse's add_subparsers() returns; every command module adds its parsers to one.
Subparsers = argparse._SubParsersAction

# A handler runs one subcommand and returns its exit code; it may raise NewscorpusError.
Handler = Callable[[argparse.Namespace], int]


class Command(Protocol):
    """A command module: adds its parser(s) to `sub`, each with `handler=` set as a default."""

    def add_parser(self, sub: Subparsers) -> None: ...


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    """--data-dir: the local Label Studio server's state (every `ls` action but agreement)."""
    parser.add_argument(
        "--data-dir", type=Path, default=layout.LABEL_STUDIO_DATA, help="local server state"
    )


def add_project(parser: argparse.ArgumentParser) -> None:
    """--project: the Label Studio project title an `ls` action works on."""
    parser.add_argument("--project", default="newscorpus", help="project title (newscorpus)")


def add_server_options(parser: argparse.ArgumentParser, project: bool = True) -> None:
    """--data-dir, and --project unless the action is about the server itself."""
    add_data_dir(parser)
    if project:
        add_project(parser)


def add_annotations_out(parser: argparse.ArgumentParser) -> None:
    """--out: the annotations folder that `ls pull` and `ls agreement` write."""
    parser.add_argument("--out", type=Path, default=layout.ANNOTATIONS, help="(annotations/)")


def add_corpus(parser: argparse.ArgumentParser, help: str = "default corpus/") -> None:
    """--corpus: a normalized corpus folder to read."""
    parser.add_argument("--corpus", type=Path, default=layout.CORPUS, help=help)


def print_facts(title: str, rows: Iterable[tuple[str, str]]) -> None:
    """A two-column table without a header: the summary of a stage's run."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_header=False)
    for name, value in rows:
        table.add_row(name, value)
    Console().print(table)


def quiet_datasets() -> None:
    """No progress bars from `datasets`: the commands print their own summary."""
    import datasets

    datasets.disable_progress_bars()
