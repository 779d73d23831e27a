"""The only module that talks to the Hugging Face Hub: create the repo, upload a version, tag it.

A push uploads one published folder as one commit and tags that commit `vX.Y.Z`, so that
`load_dataset(repo, config, revision="vX.Y.Z")` returns exactly that version forever. A tag that
already exists is never moved. `plan_push` needs no token and no network: `--dry-run` prints the
plan. Data files of the previous version that are not in the new folder are deleted in the same
commit (the card's data_files globs must not pick up stale shards). A folder whose card was built
for another place (a local path, another repo, no revision) is refused: its load snippets would
send Hub readers elsewhere, and the card is generated, never edited by hand.

`main` holds the highest version: a push of a version below the highest `vX.Y.Z` tag on the repo
is refused, since on `main` it would replace the newer data, card and changelog. A fix to an
older line is pushed as a tag only (`tag_only`): committed on a branch of its own, tagged, and
the branch removed, so `main` stays as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newscorpus.errors import UsageError
from newscorpus.links import require_tree_inside
from newscorpus.publish.changelog import SEMVER, parse_version

REPO_TYPE = "dataset"
_LOAD_CALL = re.compile(r'load_dataset\("([^"]+)", "[^"]+"(?:, revision="([^"]+)")?\)')
DELETE_PATTERNS = ["data/**"]
TAG_ONLY_BRANCH = "newscorpus-{version}"  # the short-lived branch of a tag-only push


def tag_for(version: str) -> str:
    parse_version(version)
    return f"v{version}"


@dataclass(frozen=True)
class PushPlan:
    repo_id: str
    version: str
    tag: str
    folder: Path
    files: tuple[tuple[str, int], ...]  # (path in repo, bytes)
    commit_message: str
    private: bool = False
    tag_only: bool = False  # tag a commit of its own; main stays as it is

    @property
    def total_bytes(self) -> int:
        return sum(size for _, size in self.files)

    def load_call(self, config: str) -> str:
        return f'load_dataset("{self.repo_id}", "{config}", revision="{self.tag}")'


def plan_push(
    folder: Path, repo_id: str, version: str, private: bool = False, tag_only: bool = False
) -> PushPlan:
    """What a push would upload and tag; checks the folder and the repo id, offline."""
    from huggingface_hub.utils import HFValidationError, validate_repo_id

    try:
        validate_repo_id(repo_id)
    except HFValidationError as err:
        raise UsageError(f"--push {repo_id!r} is not a Hub repo id (owner/name): {err}") from None
    if "/" not in repo_id:
        raise UsageError(f"--push {repo_id!r}: give the owner too, as owner/name")
    if not (folder / "README.md").exists():
        raise UsageError(f"{folder} is not a published folder (no README.md): publish it first")
    require_tree_inside(folder)  # a link out would upload whatever file it points to
    _check_card_target(folder, repo_id, tag_for(version))
    files = tuple(
        (path.relative_to(folder).as_posix(), path.stat().st_size)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    )
    return PushPlan(
        repo_id=repo_id,
        version=version,
        tag=tag_for(version),
        folder=folder,
        files=files,
        commit_message=f"newscorpus {version}",
        private=private,
        tag_only=tag_only,
    )


def _check_card_target(folder: Path, repo_id: str, tag: str) -> None:
    """The card's load snippets must name this repo and this version's tag."""
    readme = folder / "README.md"
    targets = sorted(set(_LOAD_CALL.findall(readme.read_text(encoding="utf-8"))))
    if targets != [(repo_id, tag)]:
        found = ", ".join(f"{t}" + (f" at {r}" if r else "") for t, r in targets) or "nothing"
        raise UsageError(
            f"{readme} loads from {found}, not from {repo_id} at {tag}: pushed as it is, its "
            f"snippets would mislead Hub readers. Build the version for the Hub instead: "
            f"`newscorpus publish --version {tag.removeprefix('v')} --push {repo_id}` (remove the "
            f"unpushed folder {folder} first)"
        )


def highest_version_tag(tags: Iterable[str]) -> str | None:
    """The highest `vX.Y.Z` among `tags` (semver order: 1.10.0 is above 1.2.0), else None."""
    versions = [t[1:] for t in tags if t.startswith("v") and SEMVER.match(t[1:])]
    return max(versions, key=parse_version, default=None)


def push(plan: PushPlan, token: str | None = None) -> str:
    """Create the repo if needed, upload the folder as one commit, tag it; returns the commit URL.

    Refuses before uploading anything when the tag already exists (a version is never
    rewritten) or, unless `plan.tag_only`, when a higher version is tagged (main keeps it).
    """
    from huggingface_hub import HfApi
    from huggingface_hub.errors import HfHubHTTPError, LocalTokenNotFoundError, OfflineModeIsEnabled

    api = HfApi(token=token)
    try:
        api.create_repo(plan.repo_id, repo_type=REPO_TYPE, private=plan.private, exist_ok=True)
        tags = {ref.name for ref in api.list_repo_refs(plan.repo_id, repo_type=REPO_TYPE).tags}
        _check_tags(plan, tags)
        commit = _commit(api, plan)
    except (LocalTokenNotFoundError, OfflineModeIsEnabled) as err:
        raise UsageError(
            f"cannot push to {plan.repo_id}: {err} (log in with `hf auth login` or set HF_TOKEN; "
            "--dry-run shows the plan without a token)"
        ) from None
    except HfHubHTTPError as err:
        raise UsageError(f"push to {plan.repo_id} failed: {str(err).splitlines()[0]}") from None
    except OSError as err:  # no network
        raise UsageError(f"push to {plan.repo_id} failed: {err}") from None
    return commit.commit_url


def _check_tags(plan: PushPlan, tags: set[str]) -> None:
    if plan.tag in tags:
        raise UsageError(
            f"{plan.repo_id} already has tag {plan.tag}: a published version is never "
            "overwritten; publish a new version"
        )
    highest = highest_version_tag(tags)
    if plan.tag_only or highest is None or parse_version(highest) < parse_version(plan.version):
        return
    raise UsageError(
        f"{plan.repo_id} has v{highest}, above {plan.version}: pushed to main, {plan.version} "
        f"would replace its data, card and changelog. Push it as a tag only, main unchanged: "
        f"`newscorpus publish --version {plan.version} --out {plan.folder} --push "
        f"{plan.repo_id} --upload-only --tag-only`"
    )


def _commit(api: Any, plan: PushPlan) -> Any:
    """Upload the folder as one commit and tag it: on main, or for a tag-only push on a branch
    of its own that is removed once the tag holds the commit."""
    branch = TAG_ONLY_BRANCH.format(version=plan.version) if plan.tag_only else None
    if branch is not None:
        api.create_branch(plan.repo_id, branch=branch, repo_type=REPO_TYPE, exist_ok=True)
    commit = api.upload_folder(
        repo_id=plan.repo_id,
        repo_type=REPO_TYPE,
        folder_path=plan.folder,
        commit_message=plan.commit_message,
        delete_patterns=DELETE_PATTERNS,
        ignore_patterns=[".*"],
        revision=branch,
    )
    api.create_tag(
        plan.repo_id,
        tag=plan.tag,
        revision=commit.oid,
        repo_type=REPO_TYPE,
        tag_message=plan.commit_message,
    )
    if branch is not None:
        api.delete_branch(plan.repo_id, branch=branch, repo_type=REPO_TYPE)
    return commit
