"""The `newscorpus` command: parses arguments, calls the stages, prints.

The only module that prints or exits. Errors a user can cause (`NewscorpusError`) become one line
on stderr and exit code 2; a traceback means a bug.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newscorpus import __version__, layout
from newscorpus.errors import NewscorpusError

if TYPE_CHECKING:
    from newscorpus.normalize.run import NormalizeOptions

Handler = Callable[[argparse.Namespace], int]


def _add_normalize(sub: argparse._SubParsersAction) -> None:
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
        default=64 * 1024 * 1024,
        help="inputs larger than this are rejected unread (default 64 MiB)",
    )
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
    p.set_defaults(handler=_run_normalize)


def _run_normalize(args: argparse.Namespace) -> int:
    from newscorpus.errors import UsageError
    from newscorpus.normalize.run import NormalizeOptions, run_normalize

    options = NormalizeOptions(
        inputs=tuple(args.inputs),
        out=args.out,
        workers=args.workers,
        progress=not args.no_progress and sys.stderr.isatty(),
        max_bytes=args.max_bytes,
    )
    if args.engine != "slurm" and (args.partition or args.dry_run or args.slurm_logs):
        raise UsageError("--partition, --slurm-logs and --dry-run go with --engine slurm")
    if args.engine != "ray" and args.ray_address:
        raise UsageError("--ray-address goes with --engine ray")
    if args.engine == "local":
        if args.tasks is not None:
            raise UsageError("--tasks goes with --engine ray or slurm")
        summary = run_normalize(options)
    elif args.engine == "ray":
        from newscorpus.normalize.distributed.ray_engine import RayOptions, run_on_ray

        ray_options = RayOptions(address=args.ray_address, workers=args.workers)
        summary = run_on_ray(options, args.tasks, ray_options)
    else:
        return _submit_normalize(args, options)
    _print_normalize_summary(summary)
    return 0


def _submit_normalize(args: argparse.Namespace, options: NormalizeOptions) -> int:
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


def _print_normalize_summary(summary: object) -> None:
    from rich.console import Console
    from rich.table import Table

    s = summary  # newscorpus.normalize.run.NormalizeSummary
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


# --- preannotate: quote and stance-target suggestions --------------------------------------------


def _add_preannotate(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "preannotate",
        help="corpus -> suggested quotes (speaker, cue) and stance targets for annotators",
        description="Run the rule-based quote extractor and the stance-target rules over "
        "CORPUS/articles/*.parquet and write OUT/quotes.parquet and OUT/targets.parquet.",
    )
    p.add_argument("--corpus", type=Path, default=layout.CORPUS, help="default corpus/")
    p.add_argument(
        "--out",
        type=Path,
        default=layout.PREDICTIONS,
        metavar="DIR",
        help="output dir (default annotations/predictions/)",
    )
    p.add_argument(
        "--targets",
        type=Path,
        default=layout.TARGETS,
        metavar="FILE",
        help="stance target rules (default annotations/targets.yaml)",
    )
    p.set_defaults(handler=_run_preannotate)


def _run_preannotate(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from newscorpus.preannotate.stage import PreannotateOptions, run_preannotate

    s = run_preannotate(PreannotateOptions(corpus=args.corpus, out=args.out, targets=args.targets))
    table = Table(title=f"preannotate {s.corpus} -> {s.quotes_path.parent}", show_header=False)
    table.add_row("articles", str(s.articles))
    table.add_row("articles with quotes", str(s.articles_with_quotes))
    table.add_row("quotes", f"{s.quotes} ({s.quotes_model_version})")
    for kind, n in sorted(s.quotes_by_kind.items()):
        table.add_row(f"  {kind}", str(n))
    table.add_row("quotes with a speaker", str(s.quotes_with_speaker))
    table.add_row("articles with a target", f"{s.articles_with_target} ({s.targets_model_version})")
    for tid, n in sorted(s.targets_by_id.items()):
        table.add_row(f"  {tid}", str(n))
    table.add_row("wrote", f"{s.quotes_path}, {s.targets_path}")
    table.add_row("seconds", f"{s.seconds:.2f}")
    Console().print(table)
    return 0


_STAGES += [_add_preannotate]


# --- ls: Label Studio (serve/stop/status/push/pull/agreement/import-brat) ------------------------


def _add_ls(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "ls",
        help="Label Studio: serve a local server, push tasks, pull annotations, agreement",
        description="Talks to the local server of --data-dir, or to LABEL_STUDIO_URL with "
        "LABEL_STUDIO_API_KEY (a legacy token or a personal access token) when set.",
    )
    ls_sub = p.add_subparsers(dest="ls_command", required=True, metavar="ACTION")

    def common(q: argparse.ArgumentParser, project: bool = True) -> None:
        q.add_argument(
            "--data-dir", type=Path, default=Path(".labelstudio"), help="local server state"
        )
        if project:
            q.add_argument("--project", default="newscorpus", help="project title (newscorpus)")

    q = ls_sub.add_parser("serve", help="start the local server (SQLite, 127.0.0.1, free port)")
    common(q, project=False)
    q.add_argument("--port", type=int, default=None, help="port (default: a free one)")
    q.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for it (300)")
    q.set_defaults(handler=_run_ls_serve)

    q = ls_sub.add_parser("stop", help="stop the local server")
    common(q, project=False)
    q.set_defaults(handler=_run_ls_stop)

    q = ls_sub.add_parser("status", help="server, project, task and annotation counts")
    common(q)
    q.add_argument("--json", action="store_true", help="url, project_id, tasks, annotations, ...")
    q.set_defaults(handler=_run_ls_status)

    q = ls_sub.add_parser("push", help="import articles not yet in the project, with predictions")
    common(q)
    q.add_argument("--corpus", type=Path, default=layout.CORPUS, help="corpus dir (corpus/)")
    q.add_argument(
        "--predictions",
        type=Path,
        default=layout.PREDICTIONS,
        help="dir with quotes.parquet/targets.parquet (annotations/predictions/)",
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
    q.set_defaults(handler=_run_ls_push)

    q = ls_sub.add_parser("pull", help="export annotations -> annotations/{quotes,stance}.parquet")
    common(q)
    q.add_argument("--out", type=Path, default=layout.ANNOTATIONS, help="(annotations/)")
    q.add_argument(
        "--from-export",
        type=Path,
        default=None,
        metavar="FILE",
        help="no server: convert this kept export (e.g. annotations/exports/*.json) instead",
    )
    q.set_defaults(handler=_run_ls_pull)

    q = ls_sub.add_parser("agreement", help="agreement and gold labels from the latest export")
    q.add_argument("--out", type=Path, default=layout.ANNOTATIONS, help="(annotations/)")
    q.add_argument("--export", type=Path, default=None, help="export file (default: latest)")
    q.add_argument("--json", action="store_true", help="print the report as JSON")
    q.set_defaults(handler=_run_ls_agreement)

    q = ls_sub.add_parser("import-brat", help="load BRAT attribution files (PolNeAR)")
    common(q)
    q.add_argument("directory", type=Path, metavar="DIR", help="with text/ and attributions/")
    q.add_argument("--out", type=Path, default=layout.BRAT, help="annotations/brat/")
    q.add_argument("--limit", type=int, default=None, help="first N articles only")
    q.add_argument("--multi-only", action="store_true", help="only articles with 2+ annotators")
    q.add_argument("--push", action="store_true", help="also load them into a project to review")
    q.set_defaults(handler=_run_ls_import_brat, project="newscorpus BRAT import")


def _run_ls_serve(args: argparse.Namespace) -> int:
    from newscorpus.annotate.labelstudio import server

    info = server.start(args.data_dir, port=args.port, timeout=args.timeout)
    print(f"Label Studio {info.version or ''} at {info.url}  (pid {info.pid})")
    print(f"  log in as {info.admin_email}; password in {args.data_dir / 'admin.json'}")
    print(f"  API token in {info.token_file} (readable by you only)")
    print("  next: newscorpus ls push; stop with: newscorpus ls stop")
    return 0


def _run_ls_stop(args: argparse.Namespace) -> int:
    from newscorpus.annotate.labelstudio import server

    info = server.stop(args.data_dir)
    print(f"stopped Label Studio at {info.url}" if info else "no Label Studio server was running")
    return 0


def _run_ls_status(args: argparse.Namespace) -> int:
    from newscorpus.annotate.labelstudio import server, sync

    conn = server.resolve_connection(args.data_dir)
    facts = sync.status(conn, args.project)
    if args.json:
        print(sync.to_json(facts))
    else:
        print(
            f"{facts['url']}: project {facts['project']!r} (id {facts['project_id']}), "
            f"{facts['tasks']} tasks, {facts['annotations']} annotations"
        )
    return 0


def _run_ls_push(args: argparse.Namespace) -> int:
    from newscorpus.annotate.labelstudio import server, sync

    conn = server.resolve_connection(args.data_dir)
    s = sync.push(
        conn,
        corpus=args.corpus,
        predictions=args.predictions,
        title=args.project,
        sample=args.sample,
        where=args.where,
        force=args.force,
        batch_size=args.batch_size,
    )
    print(
        f"pushed to {s.url} project {s.project!r} (id {s.project_id}), "
        f"label config {s.config_version} {s.config_action}"
    )
    print(
        f"  selected {s.selected}, new tasks {s.created}, already there {s.already_present}, "
        f"with predictions {s.predictions}, without {s.without_predictions}"
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
    print(f"  label at {s.url}/projects/{s.project_id}/data")
    return 0


def _run_ls_pull(args: argparse.Namespace) -> int:
    from newscorpus.annotate.labelstudio import server, sync

    if args.from_export is not None:
        s = sync.convert_export(args.from_export, out=args.out)
        print(
            f"converted {args.from_export} offline (kept as {s.export_file}, "
            f"{s.export_bytes / 1e6:.1f} MB)"
        )
    else:
        conn = server.resolve_connection(args.data_dir)
        s = sync.pull(conn, out=args.out, title=args.project)
        print(
            f"exported project {s.project_id} from {s.url} -> {s.export_file} "
            f"({s.export_bytes / 1e6:.1f} MB, {s.export_seconds:.1f} s)"
        )
    print(
        f"  tasks {s.tasks}, annotations {s.annotations}, cancelled/skipped left out {s.cancelled}"
    )
    print(
        f"  {s.out / 'quotes.parquet'}: {s.quotes} rows; {s.out / 'stance.parquet'}: "
        f"{s.stance} rows"
    )
    print(
        f"  validation: {s.errors} errors, {s.warnings} warnings -> {s.out / 'validation.parquet'}"
    )
    for reason, n in s.issue_reasons.items():
        print(f"    {reason}: {n}")
    return 0


def _print_agreement(report: dict) -> None:
    st = report["stance"]
    alpha = "n/a" if st["alpha"] is None else f"{st['alpha']:.3f}"
    print(
        f"  articles with 2+ annotations: {report['articles_with_two_or_more']}, "
        f"pairs: {report['annotation_pairs']}"
    )
    print(f"  stance: Krippendorff alpha {alpha} over {st['units']} units, {st['coders']} coders")
    for label, t in report["spans"].items():
        f1 = "n/a" if t["f1"] is None else f"{t['f1']:.3f}"
        print(f"  span F1 {label}: {f1} ({t['matched']} matched of {t['spans']} spans)")
    for label, r in report["speaker"].items():
        a = "n/a" if r["agreement"] is None else f"{r['agreement']:.3f}"
        print(f"  speaker agreement {label}: {a} ({r['agree']}/{r['pairs']})")


def _run_ls_agreement(args: argparse.Namespace) -> int:
    from newscorpus.annotate.labelstudio import sync

    s = sync.agreement_from_export(args.export, out=args.out)
    if args.json:
        print(sync.to_json(s.report))
        return 0
    print(f"agreement on {s.export_file} -> {s.out / 'agreement.json'}")
    _print_agreement(s.report)
    print(
        f"  gold: {s.gold_quotes} quotes, {s.gold_stance} stance labels; "
        f"{s.ties} ties for adjudication -> {s.out / 'gold'}/"
    )
    return 0


def _run_ls_import_brat(args: argparse.Namespace) -> int:
    from newscorpus.annotate.labelstudio import server, sync

    conn = server.resolve_connection(args.data_dir) if args.push else None
    b = sync.import_brat(
        args.directory,
        out=args.out,
        limit=args.limit,
        multi_only=args.multi_only,
        conn=conn,
        title=args.project,
    )
    print(
        f"read {b.articles} articles, {b.annotation_files} annotation files "
        f"({b.doubly_annotated} articles with 2+ annotators) -> {b.export_file}"
    )
    print(
        f"  {b.quotes} quote rows -> {args.out / 'quotes.parquet'}; validation: {b.errors} "
        f"errors, {b.warnings} warnings"
    )
    for problem in b.problems[:20]:
        print(f"  problem: {problem}")
    if len(b.problems) > 20:
        print(f"  ... {len(b.problems) - 20} more problems")
    if b.pushed_project_id is not None:
        print(
            f"  loaded {b.pushed_tasks} tasks into project {args.project!r} "
            f"(id {b.pushed_project_id}) for review"
        )
    s = sync.agreement_from_export(b.export_file, out=args.out)
    print(f"agreement -> {s.out / 'agreement.json'}")
    _print_agreement(s.report)
    return 0


_STAGES += [_add_ls]


# --- publish, hydrate, baseline ------------------------------------------------------------------


def _add_publish(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "publish",
        help="corpus + annotation tables -> versioned Hugging Face dataset folder (and --push)",
        description="Build dist/<version>/ (README.md card, data/<config>/*.parquet, "
        "croissant.json, CHANGELOG.md) after checking offsets, labels, texts and split "
        "leakage. An existing version is never overwritten.",
    )
    p.add_argument("--version", required=True, dest="dataset_version", metavar="X.Y.Z")
    p.add_argument("--out", type=Path, help="version folder (default dist/<version>)")
    p.add_argument("--corpus", type=Path, default=layout.CORPUS, help="default corpus/")
    p.add_argument("--annotations", type=Path, default=layout.ANNOTATIONS)
    p.add_argument(
        "--splits", default="0.8,0.1,0.1", help="train,validation,test fractions (0.8,0.1,0.1)"
    )
    p.add_argument("--license", default="cc-by-4.0", help="dataset license id (cc-by-4.0)")
    p.add_argument("--pretty-name", default=None, help="the card's title")
    p.add_argument(
        "--withhold-license",
        action="append",
        default=[],
        metavar="LICENSE",
        help="publish articles under this license without text (repeatable); licenses saying "
        "'all rights reserved', 'proprietary' or 'no redistribution' always are",
    )
    p.add_argument("--withhold-source", action="append", default=[], metavar="SOURCE")
    p.add_argument(
        "--previous",
        type=Path,
        help="version folder to compare with (default: the newest older version beside --out)",
    )
    p.add_argument("--template", type=Path, help="card template (default dataset_card.md)")
    p.add_argument("--no-baseline", action="store_true", help="skip the card's baselines")
    p.add_argument("--push", metavar="REPO_ID", help="upload to this Hub dataset repo and tag it")
    p.add_argument("--private", action="store_true", help="create the Hub repo private")
    p.add_argument(
        "--upload-only",
        action="store_true",
        help="push the already-built version folder instead of building it",
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="build and check in a temporary folder, list what would be written, uploaded "
        "and tagged; write and upload nothing",
    )
    p.set_defaults(handler=_run_publish)


def _run_publish(args: argparse.Namespace) -> int:
    from rich.console import Console

    from newscorpus.errors import UsageError
    from newscorpus.publish.build import DEFAULT_PRETTY_NAME, PublishOptions, publish
    from newscorpus.publish.hub import plan_push
    from newscorpus.publish.splits import SplitFractions

    console = Console(soft_wrap=True)
    folder = args.out or layout.dataset_folder(args.dataset_version)
    if args.upload_only:
        if not args.push:
            raise UsageError("--upload-only needs --push REPO_ID")
        plan = plan_push(folder, args.push, args.dataset_version, private=args.private)
        _print_push(console, plan, args.dry_run)
        return 0
    options = PublishOptions(
        version=args.dataset_version,
        corpus=args.corpus,
        annotations=args.annotations,
        out=folder,
        fractions=SplitFractions.parse(args.splits),
        license=args.license,
        pretty_name=args.pretty_name or DEFAULT_PRETTY_NAME,
        withhold_licenses=tuple(args.withhold_license),
        withhold_sources=tuple(args.withhold_source),
        template=args.template,
        previous=args.previous,
        repo_id=args.push,
        baseline=not args.no_baseline,
        dry_run=args.dry_run,
    )
    if args.push:  # check the repo id before spending time on the build
        from huggingface_hub.utils import HFValidationError, validate_repo_id

        try:
            validate_repo_id(args.push)
        except HFValidationError as err:
            raise UsageError(f"--push {args.push!r} is not a Hub repo id: {err}") from None
    import datasets

    datasets.disable_progress_bars()
    summary = publish(options)
    _print_publish_summary(console, summary)
    if args.push and args.dry_run:
        console.print(
            f"dry run: would upload the {len(summary.files)} files above to "
            f"https://huggingface.co/datasets/{args.push} and tag the commit v{summary.version}"
        )
        console.print("then load it with:")
        for config in summary.splits:
            print(f'load_dataset("{args.push}", "{config}", revision="v{summary.version}")')
        return 0
    if args.push:
        plan = plan_push(summary.folder, args.push, summary.version, private=args.private)
        _print_push(console, plan, dry_run=False)
        return 0
    if not summary.dry_run:
        console.print("load it with:")
        for call in summary.load_calls(summary.folder.resolve().as_posix()):
            print(call)
    return 0


def _print_publish_summary(console: object, summary: object) -> None:
    from rich.table import Table

    from newscorpus.publish.features import SPLITS

    s = summary  # newscorpus.publish.build.PublishSummary
    verb = "would write" if s.dry_run else "wrote"
    table = Table(title=f"publish {s.version} -> {s.folder} ({verb})")
    table.add_column("config")
    for split in SPLITS:
        table.add_column(split, justify="right")
    for config, sizes in s.splits.items():
        table.add_row(config, *(str(sizes.get(split, 0)) for split in SPLITS))
    console.print(table)
    size = sum(n for _, n in s.files)
    console.print(
        f"{s.articles} articles ({s.withheld} without text), {len(s.files)} files, "
        f"{size / 1e6:.1f} MB, {s.seconds:.1f} s"
    )
    if s.dry_run:
        for name, n in s.files:
            console.print(f"  {verb}: {name} ({n} bytes)")
    console.print(f"changes: {s.changelog}")
    for table, ids in s.orphans.items():
        console.print(
            f"not published: {len(ids)} article(s) of {table} are no longer in the corpus "
            f"(re-normalized or removed), e.g. {ids[0]}"
        )
    _print_baseline(console, s.baseline)


def _print_push(console: object, plan: object, dry_run: bool) -> None:
    from newscorpus.publish.hub import push

    p = plan  # newscorpus.publish.hub.PushPlan
    verb = "would upload" if dry_run else "uploading"
    console.print(
        f"{verb} {len(p.files)} files ({p.total_bytes / 1e6:.1f} MB) from {p.folder} to "
        f"https://huggingface.co/datasets/{p.repo_id} (created if missing"
        f"{', private' if p.private else ''}), one commit, tagged {p.tag}"
    )
    if dry_run:
        for name, size in p.files:
            console.print(f"  {name} ({size} bytes)")
        console.print(f"dry run: nothing uploaded, tag {p.tag} not created; then load it with:")
    else:
        url = push(p)
        console.print(f"pushed {url}, tagged {p.tag}; load it with:")
    for config in _configs_of(p.folder):
        print(p.load_call(config))


def _configs_of(folder: Path) -> list[str]:
    from newscorpus.publish.features import CONFIGS

    return [c for c in CONFIGS if (folder / "data" / c).is_dir()]


def _print_baseline(console: object, report: object) -> None:
    if report is None:
        return
    r = report  # newscorpus.publish.baseline.BaselineReport
    if r.stance is not None:
        console.print(
            f"stance baseline (TF-IDF + LR) on {r.test_split}: macro F1 favor/against "
            f"{r.stance.f1_favor_against:.3f}, accuracy {r.stance.accuracy:.3f} "
            f"({r.stance.train_rows} train / {r.stance.test_rows} test rows)"
        )
    else:
        console.print(f"stance baseline: {r.stance_note}")
    if r.quotes is not None:
        q = r.quotes
        speaker = "n/a" if q.speaker_accuracy is None else f"{q.speaker_accuracy:.3f}"
        console.print(
            f"quote extractor on {r.test_split}: P {q.precision:.3f} R {q.recall:.3f} "
            f"F1 {q.f1:.3f}, speaker accuracy {speaker} ({q.gold} gold quotes)"
        )
    else:
        console.print(f"quote extractor baseline: {r.quotes_note}")
    for note in r.notes:
        console.print(f"  note: {note}")


def _add_hydrate(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "hydrate",
        help="restore withheld article texts of a published dataset from your own copies",
        description="Copy a published folder to --out, filling in the texts of articles "
        "published without text, from your own copies (a normalized corpus dir, Parquet or "
        "JSONL files with a `text` field). A copy is used only if its SHA-256 equals the "
        "article's content_sha256, so every offset stays right.",
    )
    p.add_argument("dataset", type=Path, help="published version folder")
    p.add_argument("--from", dest="copies", type=Path, nargs="+", required=True, metavar="PATH")
    p.add_argument("--out", type=Path, required=True, help="new folder for the hydrated copy")
    p.set_defaults(handler=_run_hydrate)


def _run_hydrate(args: argparse.Namespace) -> int:
    from newscorpus.publish.hydrate import hydrate

    s = hydrate(args.dataset, args.copies, args.out)
    print(
        f"hydrated {s.restored} of {s.withheld} withheld article(s) into {s.out} "
        f"({s.copies_read} copies read, {s.seconds:.1f} s)"
    )
    if s.missing:
        shown = ", ".join(s.missing[:10]) + (" ..." if len(s.missing) > 10 else "")
        print(f"{len(s.missing)} still without text (no copy with the same SHA-256): {shown}")
    return 0 if not s.missing else 1


def _add_baseline(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "baseline",
        help="stance (TF-IDF + LR) and rule-based quote baselines on a published version",
        description="Train on the train split, score on the test split, human labels only.",
    )
    p.add_argument(
        "--dataset",
        help="published folder or Hub repo id (default: the newest version under dist/)",
    )
    p.add_argument("--revision", help="Hub revision of a repo id, e.g. v1.2.0 (a version tag)")
    p.add_argument("--test-split", default="test")
    p.set_defaults(handler=_run_baseline)


def _run_baseline(args: argparse.Namespace) -> int:
    import datasets
    from rich.console import Console

    from newscorpus.errors import UsageError
    from newscorpus.publish.baseline import run_baseline
    from newscorpus.publish.changelog import SEMVER, parse_version

    dataset = args.dataset
    if dataset is None:
        versions = [
            p for p in layout.DIST.glob("*") if SEMVER.match(p.name) and (p / "README.md").exists()
        ]
        if not versions:
            raise UsageError("no published version under dist/: give --dataset")
        dataset = str(max(versions, key=lambda p: parse_version(p.name)))
    datasets.disable_progress_bars()
    console = Console(soft_wrap=True)
    console.print(f"baselines on {dataset}")
    report = run_baseline(dataset, test_split=args.test_split, revision=args.revision)
    _print_baseline(console, report)
    return 0


_STAGES += [_add_publish, _add_hydrate, _add_baseline]


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
