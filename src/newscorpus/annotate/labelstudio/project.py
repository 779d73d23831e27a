"""The Label Studio project: finding it by title, creating it, keeping its label config ours, and
its overlap settings (how many annotators label which share of the tasks).

A label config changed by hand on the server is refused unless `force`: those edits would
silently stop matching our parser and guidelines. Talks to the server through the SDK client
only; never touches tasks or annotations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newscorpus.annotate.labelstudio import LabelStudioError
from newscorpus.annotate.labelstudio.client import server_errors
from newscorpus.annotate.labelstudio.config import (
    DEFAULT_CONFIG_PATH,
    LabelConfig,
    parse_label_config,
    recorded_fingerprint,
    same_config,
)
from newscorpus.annotate.labelstudio.server import Connection
from newscorpus.errors import UsageError

DEFAULT_PROJECT = "newscorpus"


def find_project(ls: Any, conn: Connection, title: str) -> Any | None:
    """The project titled exactly `title`, or None."""
    with server_errors(conn, f"looking for project {title!r}"):
        for project in ls.projects.list(title=title, page_size=100):
            if project.title == title:
                return ls.projects.get(project.id)
    return None


def require_project(ls: Any, conn: Connection, title: str) -> Any:
    """The project titled `title`; an error saying to push first when there is none."""
    project = find_project(ls, conn, title)
    if project is None:
        raise LabelStudioError(
            f"Label Studio at {conn.url} has no project {title!r}: run `newscorpus ls push` first"
        )
    return project


@dataclass
class ProjectState:
    id: int
    config_action: str  # created | unchanged | updated | forced


def ensure_project(
    ls: Any,
    conn: Connection,
    title: str,
    config: LabelConfig,
    instructions: str,
    *,
    force: bool = False,
) -> ProjectState:
    """Create the project, or check its label config against ours.

    The project's description records the fingerprint of the config push last set. When the
    server's config differs from ours: if it is still the one we recorded, our file has a new
    version and the server is updated; otherwise someone edited it on the server, which is refused
    unless `force` (their edits would silently stop matching our parser and guidelines).
    """
    description = f"newscorpus quotation attribution and stance. {config.marker}"
    project = find_project(ls, conn, title)
    if project is None:
        with server_errors(conn, f"creating project {title!r}"):
            created = ls.projects.create(
                title=title,
                label_config=config.xml,
                description=description,
                expert_instruction=instructions,
                show_instruction=True,
                show_collab_predictions=True,
            )
        return ProjectState(created.id, "created")
    action = _config_action(project, conn, title, config, force=force)
    updates: dict[str, Any] = {}
    if action != "unchanged":
        updates.update(label_config=config.xml, description=description)
    if (project.expert_instruction or "") != instructions:
        updates.update(expert_instruction=instructions, show_instruction=True)
    if updates:
        with server_errors(conn, f"updating project {title!r}"):
            ls.projects.update(project.id, **updates)
    return ProjectState(project.id, action)


def _config_action(
    project: Any, conn: Connection, title: str, config: LabelConfig, *, force: bool
) -> str:
    """unchanged, updated (our file has a new version) or forced; refuses a hand edit."""
    server_xml = project.label_config or ""
    if same_config(server_xml, config.xml):
        return "unchanged"
    server_fp = parse_label_config(server_xml).fingerprint if server_xml.strip() else None
    recorded = recorded_fingerprint(project.description)
    if recorded is not None and recorded == server_fp:
        return "updated"
    if force:
        return "forced"
    raise LabelStudioError(
        f"the label config of project {title!r} at {conn.url} was changed on the server "
        f"(server sha256:{server_fp}, last pushed sha256:{recorded}); re-run with --force "
        f"to replace it with {DEFAULT_CONFIG_PATH} {config.version}, or copy the server's "
        "config into that file under a new version"
    )


@dataclass(frozen=True)
class Overlap:
    """How many annotators label a task, on what share of the tasks (the overlap cohort).

    Label Studio Community's settings underneath: `maximum_annotations` (annotators per task in
    the cohort), `overlap_cohort_percentage` (which share of the tasks is in it, drawn by the
    server again at each import: started tasks first, ties at random) and
    `show_overlap_first` (the label stream serves the cohort before the other tasks).
    """

    per_task: int
    percent: int
    show_first: bool

    @classmethod
    def of(cls, per_task: int, fraction: float = 1.0) -> Overlap:
        """The settings for `per_task` annotators on `fraction` of the tasks, shown first.

        Raises:
            UsageError: fewer than one annotator per task, or a fraction outside [0, 1].
        """
        if per_task < 1:
            raise UsageError(f"--per-task {per_task}: a task needs at least one annotator")
        if not 0.0 <= fraction <= 1.0:
            raise UsageError(f"--overlap {fraction}: a share of the tasks, from 0 to 1")
        if per_task == 1:
            return cls(1, 100, False)
        return cls(per_task, round(fraction * 100), True)

    @classmethod
    def read(cls, project: Any) -> Overlap:
        return cls(
            int(project.maximum_annotations or 1),
            int(project.overlap_cohort_percentage if project.overlap_cohort_percentage is not None
                else 100),
            bool(project.show_overlap_first),
        )  # fmt: skip

    def as_dict(self) -> dict[str, Any]:
        return {
            "per_task": self.per_task,
            "percent": self.percent,
            "show_overlap_first": self.show_first,
        }


def ensure_overlap(ls: Any, conn: Connection, project_id: int, wanted: Overlap) -> str:
    """Give the project `wanted` overlap settings unless it has them: unchanged | updated.

    Only a change is sent: saving the same settings again would make the server draw a new
    cohort.
    """
    with server_errors(conn, "reading the overlap settings"):
        current = Overlap.read(ls.projects.get(project_id))
    if current == wanted:
        return "unchanged"
    with server_errors(conn, "setting the overlap"):
        ls.projects.update(
            project_id,
            maximum_annotations=wanted.per_task,
            overlap_cohort_percentage=wanted.percent,
            show_overlap_first=wanted.show_first,
        )
    return "updated"
