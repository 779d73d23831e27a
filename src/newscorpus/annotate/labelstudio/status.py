"""`ls status`: the project's counts, its overlap settings, and the campaign's progress per
annotator and per push batch (progress.py computes them).

Reads the task list (overlap, done, batch) and one JSON export of the annotated tasks, streamed
to a temporary file and deleted after; keeps nothing. Annotators are named by their pseudonyms
when the annotations folder has its salt, else by their user id (`user-<id>`): status never
creates the salt, `ls pull` does. Never prints.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from newscorpus import layout
from newscorpus.annotate.labelstudio import progress
from newscorpus.annotate.labelstudio.client import api_get, client, server_errors
from newscorpus.annotate.labelstudio.config import DEFAULT_CONFIG_PATH, load_label_config
from newscorpus.annotate.labelstudio.exported import parse_task
from newscorpus.annotate.labelstudio.exports import download_export, iter_json_array
from newscorpus.annotate.labelstudio.project import DEFAULT_PROJECT, Overlap, find_project
from newscorpus.annotate.labelstudio.push import BATCH_KEY
from newscorpus.annotate.labelstudio.server import Connection
from newscorpus.annotate.labelstudio.team import annotator_pseudonyms
from newscorpus.annotate.pseudonyms import SALT_ENV, SALT_FILE, annotator_key
from newscorpus.annotate.shape import well_formed
from newscorpus.annotate.validate import Flattened, flatten_task

TASK_PAGE = 1000


def campaign_status(
    conn: Connection,
    title: str = DEFAULT_PROJECT,
    *,
    annotations: Path = layout.ANNOTATIONS,
    config_path: Path = DEFAULT_CONFIG_PATH,
) -> dict[str, Any]:
    """The JSON of `ls status --json`.

    Keys: url, project, project_id, tasks, annotations, token_file (as before campaigns), then
    overlap (per_task, percent, show_overlap_first, tasks_with_overlap), annotators (progress.
    annotator_progress), batches (progress.batch_progress) and pseudonyms (False when named by
    user id).
    """
    ls = client(conn)
    project = find_project(ls, conn, title)
    facts: dict[str, Any] = {
        "url": conn.url,
        "project": title,
        "project_id": project.id if project else None,
        "tasks": (project.task_number or 0) if project else 0,
        "annotations": (project.total_annotations_number or 0) if project else 0,
        "token_file": str(conn.token_file) if conn.token_file else None,
        "overlap": None,
        "annotators": [],
        "batches": [],
        "pseudonyms": _salt(annotations) is not None,
    }
    if project is None:
        return facts
    states = list(_task_states(ls, conn, project.id))
    facts["overlap"] = Overlap.read(project).as_dict() | {
        "tasks_with_overlap": sum(t.overlap > 1 for t in states)
    }
    who = _namer(ls, conn, project.id, annotations)
    submissions, flat = _read_annotations(ls, conn, project.id, who, config_path)
    facts["annotators"] = progress.annotator_progress(submissions, flat)
    facts["batches"] = progress.batch_progress(states, submissions, flat)
    return facts


def _salt(annotations: Path) -> str | None:
    """The pseudonym salt if there is one already (never created here)."""
    env = os.environ.get(SALT_ENV, "").strip()
    path = Path(annotations) / SALT_FILE
    if env:
        return env
    return path.read_text(encoding="utf-8").strip() if path.exists() else None


def _namer(ls: Any, conn: Connection, project_id: int, annotations: Path) -> Callable[[Any], str]:
    salt = _salt(annotations)
    if salt is None:
        return lambda completed_by: f"user-{annotator_key(completed_by)}"
    with server_errors(conn, "listing annotators"):
        users = ls.projects.list_unique_annotators(project_id)
    names = annotator_pseudonyms(users, salt, annotations)
    return lambda by: names.get(annotator_key(by)) or f"user-{annotator_key(by)}"


def _task_states(ls: Any, conn: Connection, project_id: int) -> Iterator[progress.TaskState]:
    """Every task's overlap, done flag and batch, a page of TASK_PAGE tasks per request."""
    page = 1
    while True:
        with server_errors(conn, f"listing tasks (page {page})"):
            params = {"project": project_id, "page": page, "page_size": TASK_PAGE}
            body = api_get(ls, "api/tasks", params)
        found = body.get("tasks") or []
        for t in found:
            batch = (t.get("meta") or {}).get(BATCH_KEY) or progress.UNBATCHED
            yield progress.TaskState(int(t["id"]), str(batch), int(t["overlap"]), t["is_labeled"])
        # Asking past the last page is an error (HTTP 404), so stop at the total.
        if not found or page * TASK_PAGE >= int(body.get("total") or 0):
            return
        page += 1


def _read_annotations(
    ls: Any, conn: Connection, project_id: int, who: Callable[[Any], str], config_path: Path
) -> tuple[list[progress.Submission], Flattened]:
    """Every annotation (skipped ones too) and the validated rows of one export."""
    config = load_label_config(config_path)
    submissions: list[progress.Submission] = []
    flat = Flattened()
    with tempfile.TemporaryDirectory(prefix="newscorpus-status-") as tmp:
        path = Path(tmp) / "export.json"
        download_export(ls, conn, project_id, path, all_tasks=False)
        for raw in iter_json_array(path):
            shaped = well_formed(raw)  # a malformed part counts as nothing, as in `ls pull`
            if shaped.task is None:
                continue
            task = parse_task(shaped.task)
            submissions += [
                progress.Submission(
                    int(shaped.task["id"]), a.annotation_id, who(a.completed_by), a.was_cancelled,
                    a.lead_time,
                )
                for a in task.annotations
            ]  # fmt: skip
            flatten_task(raw, config, who, flat)
    return submissions, flat
