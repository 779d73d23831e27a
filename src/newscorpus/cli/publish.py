"""`newscorpus publish`: the corpus and annotation tables become a versioned dataset folder, and
with --push a tagged Hub dataset repo.

Prints what was written (or would be, with --dry-run), the baselines and how to load the result.
Building is newscorpus.publish's; this module only checks the option combinations and prints.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from newscorpus import layout
from newscorpus.cli.baseline import print_report
from newscorpus.cli.common import Subparsers, add_corpus, quiet_datasets

if TYPE_CHECKING:
    from rich.console import Console

    from newscorpus.publish.build import PublishOptions, PublishSummary
    from newscorpus.publish.hub import PushPlan


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser(
        "publish",
        help="corpus + annotation tables -> versioned Hugging Face dataset folder (and --push)",
        description="Build dist/<version>/ (README.md card, data/<config>/*.parquet, "
        "croissant.json, CHANGELOG.md) after checking offsets, labels, texts and split "
        "leakage. An existing version is never overwritten.",
    )
    p.add_argument("--version", required=True, dest="dataset_version", metavar="X.Y.Z")
    p.add_argument("--out", type=Path, help="version folder (default dist/<version>)")
    add_corpus(p)
    p.add_argument("--annotations", type=Path, default=layout.ANNOTATIONS)
    p.add_argument(
        "--splits", default="0.8,0.1,0.1", help="train,validation,test fractions (0.8,0.1,0.1)"
    )
    p.add_argument(
        "--license",
        default="cc-by-4.0",
        help="license of the annotations and the structure (cc-by-4.0); texts keep their own, "
        "and the card says `other` when they differ",
    )
    p.add_argument(
        "--config",
        action="append",
        default=[],
        dest="configs",
        metavar="NAME",
        help="publish only this config (repeatable; `articles` always comes along); refused "
        "when it would be empty (default: every config with rows)",
    )
    p.add_argument("--pretty-name", default=None, help="the card's title")
    _add_withholding(p)
    p.add_argument(
        "--previous",
        type=Path,
        help="version folder to compare with (default: the newest older version beside --out)",
    )
    p.add_argument("--template", type=Path, help="card template (default dataset_card.md)")
    p.add_argument("--no-baseline", action="store_true", help="skip the card's baselines")
    _add_hub_options(p)
    p.set_defaults(handler=run)


def _add_withholding(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--withhold-license",
        action="append",
        default=[],
        metavar="LICENSE",
        help="publish articles under this license without text (repeatable; `unknown` for "
        "articles without a license; 'CC BY 4.0' matches cc-by-4.0); refused when no article "
        "has it",
    )
    p.add_argument(
        "--publish-license",
        action="append",
        default=[],
        metavar="LICENSE",
        help="publish the text of articles under this license too (repeatable). Texts are "
        "published only under licenses known to permit it (CC BY, CC BY-SA, CC0, public "
        "domain, ODC-By, ODbL, GFDL, in their usual spellings): NC/ND licenses, copyright "
        "notices and every other value are withheld unless named here; refused when no article "
        "has it",
    )
    p.add_argument(
        "--withhold-source",
        action="append",
        default=[],
        metavar="SOURCE",
        help="publish this source's articles without text (repeatable; refused when no article "
        "has it)",
    )
    p.add_argument(
        "--publish-unknown-license",
        action="store_true",
        help="publish the text of articles whose license nobody recorded (withheld by default)",
    )


def _add_hub_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--push", metavar="REPO_ID", help="upload to this Hub dataset repo and tag it")
    p.add_argument("--private", action="store_true", help="create the Hub repo private")
    p.add_argument(
        "--upload-only",
        action="store_true",
        help="push the already-built version folder instead of building it",
    )
    p.add_argument(
        "--tag-only",
        action="store_true",
        help="with --push: tag the version on a commit of its own and leave main as it is (for "
        "a version below the highest one on the Hub, e.g. a fix to an older line)",
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="build and check in a temporary folder, list what would be written, uploaded "
        "and tagged; write and upload nothing",
    )


def run(args: argparse.Namespace) -> int:
    from rich.console import Console

    from newscorpus.errors import UsageError
    from newscorpus.publish.build import publish
    from newscorpus.publish.hub import plan_push

    console = Console(soft_wrap=True)
    folder = args.out or layout.dataset_folder(args.dataset_version)
    if args.upload_only:
        if not args.push:
            raise UsageError("--upload-only needs --push REPO_ID")
        plan = plan_push(
            folder, args.push, args.dataset_version, private=args.private, tag_only=args.tag_only
        )
        _print_push(console, plan, args.dry_run)
        return 0
    options = _options(args, folder)
    if args.push:  # check the repo id before spending time on the build
        _check_repo_id(args.push)
    elif args.tag_only:
        raise UsageError("--tag-only goes with --push REPO_ID")
    quiet_datasets()
    summary = publish(options)
    _print_summary(console, summary)
    if args.push and args.dry_run:
        _print_dry_push(console, summary, args.push)
    elif args.push:
        plan = plan_push(
            summary.folder, args.push, summary.version, private=args.private, tag_only=args.tag_only
        )
        _print_push(console, plan, dry_run=False)
    elif not summary.dry_run:
        console.print("load it with:")
        for call in summary.load_calls(summary.folder.resolve().as_posix()):
            print(call)
    return 0


def _options(args: argparse.Namespace, folder: Path) -> PublishOptions:
    from newscorpus.publish.build import DEFAULT_PRETTY_NAME, PublishOptions
    from newscorpus.publish.splits import SplitFractions

    return PublishOptions(
        version=args.dataset_version,
        corpus=args.corpus,
        annotations=args.annotations,
        out=folder,
        fractions=SplitFractions.parse(args.splits),
        license=args.license,
        pretty_name=args.pretty_name or DEFAULT_PRETTY_NAME,
        withhold_licenses=tuple(args.withhold_license),
        withhold_sources=tuple(args.withhold_source),
        publish_unknown_license=args.publish_unknown_license,
        publish_licenses=tuple(args.publish_license),
        configs=tuple(args.configs),
        template=args.template,
        previous=args.previous,
        repo_id=args.push,
        baseline=not args.no_baseline,
        dry_run=args.dry_run,
    )


def _check_repo_id(repo_id: str) -> None:
    from huggingface_hub.utils import HFValidationError, validate_repo_id

    from newscorpus.errors import UsageError

    try:
        validate_repo_id(repo_id)
    except HFValidationError as err:
        raise UsageError(f"--push {repo_id!r} is not a Hub repo id: {err}") from None


def _print_summary(console: Console, s: PublishSummary) -> None:
    from rich.table import Table

    from newscorpus.publish.features import SPLITS

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
    against = f" (against {s.previous})" if s.previous else ""
    console.print(f"changes{against}: {s.changelog}")
    for line in s.partials.lines():
        console.print(line)
    for name, ids in s.orphans.items():
        console.print(
            f"not published: {len(ids)} article(s) of {name} are no longer in the corpus "
            f"(re-normalized or removed), e.g. {ids[0]}"
        )
    print_report(console, s.baseline)


def _print_dry_push(console: Console, s: PublishSummary, repo_id: str) -> None:
    console.print(
        f"dry run: would upload the {len(s.files)} files above to "
        f"https://huggingface.co/datasets/{repo_id} and tag the commit v{s.version}"
    )
    console.print("then load it with:")
    for config in s.splits:
        print(f'load_dataset("{repo_id}", "{config}", revision="v{s.version}")')


def _print_push(console: Console, p: PushPlan, dry_run: bool) -> None:
    from newscorpus.publish.hub import push

    verb = "would upload" if dry_run else "uploading"
    console.print(
        f"{verb} {len(p.files)} files ({p.total_bytes / 1e6:.1f} MB) from {p.folder} to "
        f"https://huggingface.co/datasets/{p.repo_id} (created if missing"
        f"{', private' if p.private else ''}), one commit, tagged {p.tag}"
        + ("; tag only: main stays as it is" if p.tag_only else "")
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
    from newscorpus.publish.configs import CONFIG_NAMES

    return [c for c in CONFIG_NAMES if (folder / "data" / c).is_dir()]
