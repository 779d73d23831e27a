"""`newscorpus normalize`: raw pages in, the Parquet corpus out, locally or on Ray or Slurm.

Checks which options go with which engine and prints the run's summary; the run itself is
newscorpus.normalize's. Stage modules are imported inside the handler so `--help` stays quick.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from newscorpus import layout
from newscorpus.cli.common import Subparsers, print_facts

if TYPE_CHECKING:
    from newscorpus.normalize.run import NormalizeOptions, NormalizeSummary

MAX_BYTES = 64 * 1024 * 1024
# Seconds one record may take; the same default as ingest.limits.DEFAULT_TIMEOUT_SECONDS, kept
# here so `--help` imports no stage.
TIMEOUT_SECONDS = 60.0


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser(
        "normalize",
        help="raw pages (text dumps, HTML, WARC, JSONL/Parquet) -> Parquet corpus",
        description="Read every file under INPUT paths and write DIR/articles/*.parquet and "
        "DIR/rejects/*.parquet. Re-runs skip inputs whose bytes did not change.",
    )
    p.add_argument("inputs", nargs="+", type=Path, metavar="INPUT")
    p.add_argument("--out", type=Path, default=layout.CORPUS, help="corpus dir (default corpus/)")
    p.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument(
        "--max-bytes",
        type=int,
        default=MAX_BYTES,
        help="inputs larger than this are rejected unread (default 64 MiB)",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=TIMEOUT_SECONDS,
        help="seconds one record (a whole page for one-page formats) may take (default 60)",
    )
    p.add_argument(
        "--rehash",
        action="store_true",
        help="hash every input whose size and mtime look unchanged (finds files replaced "
        "with their old mtime, e.g. by cp -p or rsync -t)",
    )
    p.add_argument(
        "--retry",
        action="append",
        default=[],
        metavar="REASON",
        help="read again every input with a reject of this reason, e.g. timeout after raising "
        "--timeout (repeatable)",
    )
    _add_engine_options(p)
    p.set_defaults(handler=run)


def _add_engine_options(p: argparse.ArgumentParser) -> None:
    engine = p.add_argument_group(
        "distributed engines", "run on Ray or Slurm through datatrove (extras [ray], [slurm])"
    )
    engine.add_argument(
        "--engine", choices=("local", "ray", "slurm"), default="local", help="default: local"
    )
    engine.add_argument(
        "--tasks", type=int, help="ray/slurm: normalize tasks (default: one per 1000 inputs)"
    )
    engine.add_argument(
        "--ray-address", help="ray: existing cluster to join (default: a local one, loopback only)"
    )
    engine.add_argument("--partition", help="slurm: partition of every job (required)")
    engine.add_argument("--time", default="02:00:00", help="slurm: time limit of one task")
    engine.add_argument("--slurm-logs", type=Path, help="slurm: folder for Slurm's output files")
    engine.add_argument(
        "--dry-run", action="store_true", help="slurm: write and list the job scripts only"
    )


def _check_engine_options(args: argparse.Namespace) -> None:
    from newscorpus.errors import UsageError

    if args.engine != "slurm" and (args.partition or args.dry_run or args.slurm_logs):
        raise UsageError("--partition, --slurm-logs and --dry-run go with --engine slurm")
    if args.engine != "ray" and args.ray_address:
        raise UsageError("--ray-address goes with --engine ray")
    if args.engine == "local" and args.tasks is not None:
        raise UsageError("--tasks goes with --engine ray or slurm")


def run(args: argparse.Namespace) -> int:
    from newscorpus.normalize.run import NormalizeOptions, run_normalize

    options = NormalizeOptions(
        inputs=tuple(args.inputs),
        out=args.out,
        workers=args.workers,
        progress=not args.no_progress and sys.stderr.isatty(),
        max_bytes=args.max_bytes,
        timeout=args.timeout,
        rehash=args.rehash,
        retry_reasons=frozenset(args.retry),
    )
    _check_engine_options(args)
    if args.engine == "local":
        summary = run_normalize(options)
    elif args.engine == "ray":
        from newscorpus.normalize.distributed.ray_engine import RayOptions, run_on_ray

        ray_options = RayOptions(address=args.ray_address, workers=args.workers)
        summary = run_on_ray(options, args.tasks, ray_options)
    else:
        return _submit(args, options)
    _print_summary(summary)
    return 0


def _submit(args: argparse.Namespace, options: NormalizeOptions) -> int:
    from newscorpus.normalize.distributed.slurm_engine import SlurmOptions, submit_to_slurm

    submission = submit_to_slurm(
        options,
        args.tasks,
        SlurmOptions(
            partition=args.partition,
            time=args.time,
            logs_dir=args.slurm_logs,
            dry_run=args.dry_run,
        ),
    )
    plan = submission.plan
    if plan.tasks == 0:
        print(f"normalize -> {options.out}: all {plan.inputs_seen} inputs unchanged, nothing to do")
        return 0
    verb = "would submit (dry run)" if submission.dry_run else "submitted"
    print(f"normalize -> {plan.out}: run {plan.run_id}, {plan.tasks} normalize tasks, {verb}:")
    for job in submission.jobs:
        print(f"  {job.job_id}  {job.name}  {' '.join(job.command)}")
    if submission.dry_run:
        print(f"scripts and pickled stages: {plan.run_dir} (delete it to drop the planned run)")
    else:
        print("re-run the same command after the jobs end to resume or to add new inputs")
    return 0


def _print_summary(s: NormalizeSummary) -> None:
    rows = [
        ("inputs seen", str(s.inputs_seen)),
        ("inputs unchanged (skipped)", str(s.inputs_skipped)),
        ("inputs read", str(s.inputs_read)),
        ("unchanged inputs read again (their duplicate left the corpus)", str(s.inputs_reread)),
        ("articles written", str(s.articles_written)),
        ("articles in corpus", str(s.articles_total)),
        ("exact duplicates collapsed", str(s.exact_duplicates)),
        ("near duplicates marked", str(s.near_duplicates)),
        ("articles with replaced bytes (U+FFFD)", str(s.articles_with_replacements)),
        ("rejects", str(sum(s.rejects_by_reason.values()))),
    ]
    rows += [(f"  rejected: {r}", str(n)) for r, n in sorted(s.rejects_by_reason.items())]
    rows.append(("seconds", f"{s.seconds:.2f}"))
    print_facts(f"normalize -> {s.out}", rows)
