"""The Label Studio project: finding it by title, creating it, and keeping its label config ours.

A label config changed by hand on the server is refused unless `force`: those edits would
silently stop matching our parser and guidelines. Talks to the server through the SDK client
only; never touches tasks or annotations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newscorpus.annotate.labelstudio import LabelStudioError
from newscorpus.annotate.labelstudio.client import client, server_errors
from newscorpus.annotate.labelstudio.config import (
    DEFAULT_CONFIG_PATH,
    LabelConfig,
    parse_label_config,
    recorded_fingerprint,
    same_config,
)
from newscorpus.annotate.labelstudio.server import Connection

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


def status(conn: Connection, title: str = DEFAULT_PROJECT) -> dict[str, Any]:
    """url, project_id, tasks, annotations and token_file, for `ls status --json`."""
    ls = client(conn)
    project = find_project(ls, conn, title)
    return {
        "url": conn.url,
        "project": title,
        "project_id": project.id if project else None,
        "tasks": (project.task_number or 0) if project else 0,
        "annotations": (project.total_annotations_number or 0) if project else 0,
        "token_file": str(conn.token_file) if conn.token_file else None,
    }
