"""The push to the Hub and its revision tag, tested through --dry-run and offline mode only.

No test here contacts the Hub: plans are computed from the folder, one real `push` call runs with
huggingface_hub's offline mode on, which refuses before any request is made, and the others talk
to `FakeHub`, a stand-in for the `HfApi` object `push` makes (the only Hub object it calls).
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from test_publish_build import offline_hf, options_for, write_inputs  # noqa: F401

from newscorpus.cli import main
from newscorpus.errors import UsageError
from newscorpus.publish.build import publish
from newscorpus.publish.hub import plan_push, push, tag_for


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hub")
    write_inputs(root, n=12, human=4)
    publish(options_for(root, "1.2.0", baseline=False, repo_id="someone/newscorpus"))
    return root / "dist" / "1.2.0"


def test_the_tag_is_v_and_the_version():
    assert tag_for("1.2.0") == "v1.2.0"


def test_a_tag_needs_a_semver_version():
    with pytest.raises(UsageError, match="semver"):
        tag_for("1.2")


def test_plan_lists_every_file_of_the_folder_with_its_size(folder):
    plan = plan_push(folder, "someone/newscorpus", "1.2.0")
    names = [name for name, _ in plan.files]
    assert {"README.md", "CHANGELOG.md", "croissant.json"} <= set(names)
    assert any(name.startswith("data/quotes/train-") for name in names)
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert set(names) == on_disk
    assert plan.total_bytes == sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def test_plan_tags_the_version_and_loads_by_revision(folder):
    plan = plan_push(folder, "someone/newscorpus", "1.2.0")
    assert plan.tag == "v1.2.0"
    assert plan.load_call("stance") == (
        'load_dataset("someone/newscorpus", "stance", revision="v1.2.0")'
    )


def test_the_card_of_a_version_for_the_hub_loads_by_its_revision(folder):
    text = (folder / "README.md").read_text()
    assert 'load_dataset("someone/newscorpus", "quotes", revision="v1.2.0")' in text


@pytest.mark.parametrize("repo_id", ["no owner", "a/b/c", "-bad-/name", "owner/"])
def test_plan_refuses_a_bad_repo_id(folder, repo_id):
    with pytest.raises(UsageError, match=r"repo id|owner"):
        plan_push(folder, repo_id, "1.2.0")


def test_plan_refuses_a_folder_that_was_not_published(tmp_path):
    with pytest.raises(UsageError, match="not a published folder"):
        plan_push(tmp_path, "someone/newscorpus", "1.2.0")


def test_push_in_offline_mode_is_a_one_line_error_not_a_request(folder, offline_hf):  # noqa: F811
    plan = plan_push(folder, "someone/newscorpus", "1.2.0")
    with pytest.raises(UsageError, match="cannot push to someone/newscorpus") as info:
        push(plan, token="hf_not_a_real_token")
    assert "\n" not in str(info.value)


def test_publish_push_dry_run_lists_upload_and_tag_and_writes_nothing(
    tmp_path,
    offline_hf,  # noqa: F811
    capsys,
):
    write_inputs(tmp_path, n=12, human=4)
    code = main(
        [
            "publish",
            "--version",
            "2.0.0",
            "--corpus",
            str(tmp_path / "corpus"),
            "--annotations",
            str(tmp_path / "annotations"),
            "--out",
            str(tmp_path / "dist" / "2.0.0"),
            "--splits",
            "0.5,0.25,0.25",
            "--no-baseline",
            "--push",
            "someone/newscorpus",
            "--dry-run",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "would upload" in out and "tag the commit v2.0.0" in out
    assert "data/quotes/train-00000-of-00001.parquet" in out
    assert 'load_dataset("someone/newscorpus", "quotes", revision="v2.0.0")' in out
    assert not (tmp_path / "dist" / "2.0.0").exists()


def test_upload_only_dry_run_plans_the_existing_version(folder, offline_hf, capsys):  # noqa: F811
    code = main(
        [
            "publish",
            "--version",
            "1.2.0",
            "--out",
            str(folder),
            "--push",
            "someone/newscorpus",
            "--upload-only",
            "--dry-run",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "tagged v1.2.0" in out and "nothing uploaded" in out
    calls = re.findall(r'load_dataset\("someone/newscorpus", "(\w+)", revision="v1\.2\.0"\)', out)
    assert "quotes" in calls and "articles" in calls


def test_publishing_an_existing_version_again_points_to_upload_only(folder, capsys):
    code = main(["publish", "--version", "1.2.0", "--out", str(folder), "--no-baseline"])
    assert code == 2
    err = capsys.readouterr().err
    assert "never overwritten" in err and "--upload-only" in err


def test_push_with_a_bad_repo_id_fails_before_building(tmp_path, capsys):
    code = main(
        [
            "publish",
            "--version",
            "1.0.0",
            "--corpus",
            str(tmp_path / "missing"),
            "--push",
            "not a repo",
        ]
    )
    assert code == 2
    assert "not a Hub repo id" in capsys.readouterr().err


def test_plan_refuses_a_folder_with_a_link_out_of_it(folder, tmp_path):
    secret = tmp_path / "key.txt"
    secret.write_text("synthetic private key\n")
    secret.chmod(0o600)
    link = folder / "notes.txt"
    link.symlink_to(secret)
    try:
        with pytest.raises(UsageError, match="outside") as err:
            plan_push(folder, "someone/newscorpus", "1.2.0")
    finally:
        link.unlink()
    assert str(link) in str(err.value)


class FakeHub:
    """Stands in for `huggingface_hub.HfApi`: a repo holding `tags`, recording what is called."""

    def __init__(self, tags: list[str]) -> None:
        self.tags = tags
        self.calls: list[tuple[Any, ...]] = []

    def __call__(self, token: str | None = None) -> FakeHub:  # HfApi(token=...)
        return self

    def create_repo(self, repo_id: str, **kwargs: Any) -> None:
        self.calls.append(("create_repo", repo_id))

    def list_repo_refs(self, repo_id: str, **kwargs: Any) -> SimpleNamespace:
        tags = [SimpleNamespace(name=t, ref=f"refs/tags/{t}") for t in self.tags]
        return SimpleNamespace(tags=tags, branches=[SimpleNamespace(name="main")])

    def create_branch(self, repo_id: str, *, branch: str, **kwargs: Any) -> None:
        self.calls.append(("create_branch", branch, kwargs.get("revision")))

    def delete_branch(self, repo_id: str, *, branch: str, **kwargs: Any) -> None:
        self.calls.append(("delete_branch", branch))

    def upload_folder(self, **kwargs: Any) -> SimpleNamespace:
        self.calls.append(("upload_folder", kwargs.get("revision") or "main"))
        return SimpleNamespace(oid="c0ffee", commit_url="https://hub.example/commit/c0ffee")

    def create_tag(self, repo_id: str, *, tag: str, revision: str, **kwargs: Any) -> None:
        self.calls.append(("create_tag", tag, revision))


def _fake_hub(monkeypatch: pytest.MonkeyPatch, tags: list[str]) -> FakeHub:
    import huggingface_hub

    hub = FakeHub(tags)
    monkeypatch.setattr(huggingface_hub, "HfApi", hub)
    return hub


def test_a_push_above_every_version_tag_goes_to_main_and_is_tagged(folder, monkeypatch):
    hub = _fake_hub(monkeypatch, ["v1.1.0", "v0.9.0", "not-a-version"])
    push(plan_push(folder, "someone/newscorpus", "1.2.0"), token="hf_fake")
    assert hub.calls[1:] == [("upload_folder", "main"), ("create_tag", "v1.2.0", "c0ffee")]


def test_a_push_below_the_highest_version_tag_leaves_main_as_it_is(folder, monkeypatch):
    hub = _fake_hub(monkeypatch, ["v1.1.0", "v1.10.0"])  # 1.10.0 > 1.2.0, though not by name
    with pytest.raises(UsageError, match=r"has v1\.10\.0.*--upload-only --tag-only") as err:
        push(plan_push(folder, "someone/newscorpus", "1.2.0"), token="hf_fake")
    assert "\n" not in str(err.value)
    assert not [call for call in hub.calls if call[0] != "create_repo"]


def test_a_tag_only_push_commits_on_its_own_branch_tags_it_and_leaves_main(folder, monkeypatch):
    hub = _fake_hub(monkeypatch, ["v1.10.0"])
    push(plan_push(folder, "someone/newscorpus", "1.2.0", tag_only=True), token="hf_fake")
    assert hub.calls[1:] == [
        ("create_branch", "newscorpus-1.2.0", None),
        ("upload_folder", "newscorpus-1.2.0"),
        ("create_tag", "v1.2.0", "c0ffee"),
        ("delete_branch", "newscorpus-1.2.0"),
    ]


def test_upload_only_tag_only_dry_run_says_main_stays(folder, offline_hf, capsys):  # noqa: F811
    argv = ["publish", "--version", "1.2.0", "--out", str(folder), "--push", "someone/newscorpus"]
    assert main([*argv, "--upload-only", "--tag-only", "--dry-run"]) == 0
    assert "tag only: main stays as it is" in capsys.readouterr().out
