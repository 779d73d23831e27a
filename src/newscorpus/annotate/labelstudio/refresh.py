"""Replace the predictions of tasks nobody has touched with those of the current predictions dir.

`ls push --refresh-predictions` runs it after a push: a new quote rule set or stance model then
reaches the tasks already in the project. What it guarantees:
  - a task with any annotation (submitted, skipped) or draft is never touched: neither its
    annotations nor its predictions change, so nobody's work is compared against a suggestion
    they did not see;
  - an untouched task gets the prediction `push` would give it now (same builder, the same
    targets asked in the same order, so each target's new stance replaces its old one;
    predictions made on another text left out), with the push's model version; a task whose
    predictions are already exactly that one is left as it is;
  - the project's model version becomes the new one, so annotators are shown it.
The asked targets are the task's own (`data.targets`, or `data.target_id` on a task of label
config v1): a task's data is never rewritten.
It never prints.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newscorpus import layout
from newscorpus.annotate.labelstudio import tasks as lst
from newscorpus.annotate.labelstudio.client import client, server_errors
from newscorpus.annotate.labelstudio.exports import download_export, iter_json_array
from newscorpus.annotate.labelstudio.project import DEFAULT_PROJECT, require_project
from newscorpus.annotate.labelstudio.project_lock import project_writer
from newscorpus.annotate.labelstudio.push import TaskBuilder
from newscorpus.annotate.labelstudio.server import Connection

# Fields of a prediction compared to tell whether it already is the one refresh would make.
_COMPARED = ("model_version", "result")


@dataclass
class RefreshSummary:
    project_id: int
    model_version: str | None
    tasks: int = 0
    annotated: int = 0
    replaced: int = 0
    unchanged: int = 0
    removed: int = 0  # untouched tasks left without a prediction (none made any more)


def is_touched(task: Mapping[str, Any]) -> bool:
    """True when someone has annotated, skipped or started (a draft) the task."""
    return bool(task.get("annotations") or task.get("drafts") or task.get("total_annotations"))


def wanted_prediction(builder: TaskBuilder, data: Mapping[str, Any]) -> dict[str, Any] | None:
    """The prediction a push would give this task now, asking the task's own targets."""
    row = {"id": data["article_id"], "text": data["text"], "content_sha256": data["content_sha256"]}
    row.update({k: data.get(k) for k in ("title", "source", "published", "url")})
    asked = lst.asked_target_ids(data)
    # Their rank as score: the task asks them in the order its data lists them.
    targets = [
        {"target_id": target_id, "target": "", "score": float(len(asked) - rank)}
        for rank, target_id in enumerate(asked)
    ]
    item, _stale = builder.article_task(row, targets)
    return item["predictions"][0] if "predictions" in item else None


def _same(current: list[Any], wanted: dict[str, Any] | None) -> bool:
    if wanted is None:
        return not current
    if len(current) != 1:
        return False
    have = current[0].model_dump() if hasattr(current[0], "model_dump") else dict(current[0])
    return all(have.get(k) == wanted.get(k) for k in _COMPARED)


def refresh_predictions(
    conn: Connection,
    *,
    predictions: Path = layout.PREDICTIONS,
    title: str = DEFAULT_PROJECT,
) -> RefreshSummary:
    """Give every untouched newscorpus task of the project the current predictions.

    Raises:
        LabelStudioError: no such project, or the server refuses a request.
        LockHeld: a push or pull of this project is running.
    """
    builder = TaskBuilder.read(Path(predictions), "refresh")
    ls = client(conn)
    project = require_project(ls, conn, title)
    summary = RefreshSummary(project.id, builder.model_version)
    # Like push and pull, one writer a project at a time.
    with project_writer(conn, title), tempfile.TemporaryDirectory(prefix="newscorpus-ls-") as tmp:
        path = Path(tmp) / f"refresh-{project.id}.json"
        download_export(ls, conn, project.id, path, all_tasks=True)
        for task in iter_json_array(path):
            data = task.get("data") or {}
            if lst.task_key(data) is None:
                continue
            summary.tasks += 1
            if is_touched(task):
                summary.annotated += 1
                continue
            _refresh_task(ls, conn, int(task["id"]), wanted_prediction(builder, data), summary)
    if builder.model_version:
        with server_errors(conn, "setting the model version"):
            ls.projects.update(project.id, model_version=builder.model_version)
    return summary


def _refresh_task(
    ls: Any, conn: Connection, task_id: int, wanted: dict[str, Any] | None, s: RefreshSummary
) -> None:
    with server_errors(conn, f"reading the predictions of task {task_id}"):
        current = list(ls.predictions.list(task=task_id))
    if _same(current, wanted):
        s.unchanged += 1
        return
    with server_errors(conn, f"replacing the predictions of task {task_id}"):
        for old in current:
            ls.predictions.delete(old.id)
        if wanted is None:
            s.removed += 1
            return
        ls.predictions.create(
            task=task_id,
            result=wanted["result"],
            score=wanted["score"],
            model_version=wanted["model_version"],
        )
    s.replaced += 1
