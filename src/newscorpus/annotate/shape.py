"""The shape of an exported task: which JSON type each field a pull reads may take. Pure.

Label Studio writes exports of one shape, but an export is a file: edited by hand, written by
another tool, cut short and mended. Before validation (validate.py) reads a task, `well_formed`
checks the types of what it will read (the task's id, data and annotations; each annotation's
flags, times and result; each result item and its value) and returns a copy holding only the parts
that have the right shape: a task whose own fields are malformed is left out whole, an annotation
with any malformed result item is left out whole (its other items alone could say what the
annotator did not). Every part left out is a `Problem` that validation turns into an issue row, so
a malformed result costs its own annotation, never the run. Nothing is repaired, coerced
or guessed; times and lead times of the wrong type are dropped with a warning, since the labels do
not depend on them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

# How much of an offending value an issue quotes.
SHOWN_CHARS = 80
# Task ids are stored as int64.
MAX_TASK_ID = 2**63 - 1
_DIGITS = re.compile(r"\A[0-9]{1,19}\Z")
# Data fields that key a task to its article and targets: text or absent (and `targets`, the
# targets asked about, a list of objects with a text `id`, or absent).
_DATA_TEXT_FIELDS = ("article_id", "content_sha256", "target_id", "text")
# Annotation flags: true, false or absent (a string "false" must not read as true).
_FLAGS = ("was_cancelled", "ground_truth")
_TIMES = ("created_at", "updated_at")
# Label lists in a result item (relations) and in its value: a string, a list of strings, absent.
_LABEL_LISTS = ("labels", "choices", "text")


@dataclass(frozen=True)
class Problem:
    """A part of a task left out (or a detail dropped), for the issues report."""

    annotation_id: str | None
    region_id: str | None
    severity: str
    reason: str
    detail: str


@dataclass
class Shaped:
    """A task as far as its shape allows: `task` is None when nothing of it can be read."""

    task: dict[str, Any] | None
    task_id: int | None = None
    article_id: str | None = None
    problems: list[Problem] = field(default_factory=list)


def shown(value: Any) -> str:
    """An offending value for a message, cut to SHOWN_CHARS."""
    text = repr(value)
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 3] + "..."


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string"}.get(
        type(value), type(value).__name__
    )


def _task_id(value: Any) -> int | None:
    """The task id as an int, or -1 when it is none that int64 holds."""
    if value is None:
        return None
    if isinstance(value, str) and _DIGITS.match(value):
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_TASK_ID:
        return value
    return -1


def well_formed(raw: Any) -> Shaped:
    """`raw` (one item of an export) with its malformed parts left out and listed."""
    if not isinstance(raw, Mapping):
        detail = f"the export holds {_kind(raw)} where a task object belongs: {shown(raw)}"
        return Shaped(None, problems=[Problem(None, None, "error", "bad_task", detail)])
    data = raw.get("data")
    article_id = None
    if isinstance(data, Mapping) and isinstance(data.get("article_id"), str):
        article_id = data["article_id"]
    task_id = _task_id(raw.get("id"))
    shaped = Shaped(None, None if task_id == -1 else task_id, article_id)
    task_problem = _task_problem(task_id, raw, data)
    if task_problem:
        shaped.problems.append(Problem(None, None, "error", "bad_task", task_problem))
        return shaped
    annotations = []
    for ann in raw.get("annotations") or []:
        kept = _annotation(ann, shaped.problems)
        if kept is not None:
            annotations.append(kept)
    shaped.task = {**raw, "id": task_id, "data": dict(data or {}), "annotations": annotations}
    return shaped


def _task_problem(task_id: int | None, raw: Mapping[str, Any], data: Any) -> str | None:
    if task_id == -1:
        return f"task id {shown(raw.get('id'))} is not a whole number (an int64)"
    if data is not None and not isinstance(data, Mapping):
        return f"the task's data is {_kind(data)}, not an object: {shown(data)}"
    for name in _DATA_TEXT_FIELDS:
        value = (data or {}).get(name)
        if value is not None and not isinstance(value, str):
            return f"data.{name} is {_kind(value)}, not text: {shown(value)}"
    targets = (data or {}).get("targets")
    if targets is not None and not (
        isinstance(targets, list)
        and all(isinstance(t, Mapping) and isinstance(t.get("id"), str) for t in targets)
    ):
        return f"data.targets is not a list of objects with a text id: {shown(targets)}"
    annotations = raw.get("annotations")
    if annotations is not None and not isinstance(annotations, list):
        return f"the task's annotations are {_kind(annotations)}, not a list: {shown(annotations)}"
    return None


def _annotation(ann: Any, problems: list[Problem]) -> dict[str, Any] | None:
    """The annotation, or None (reported) when it or an item of its result is malformed."""
    if not isinstance(ann, Mapping):
        detail = f"an annotation is {_kind(ann)}, not an object: {shown(ann)}"
        problems.append(Problem(None, None, "error", "bad_annotation", detail))
        return None
    ann_id = str(ann.get("id"))
    result = ann.get("result")
    wrong = [f for f in _FLAGS if ann.get(f) is not None and not isinstance(ann.get(f), bool)]
    if wrong or (result is not None and not isinstance(result, list)):
        detail = (
            f"{wrong[0]} is {shown(ann.get(wrong[0]))}, not true or false"
            if wrong
            else f"its result is {_kind(result)}, not a list: {shown(result)}"
        )
        problems.append(Problem(ann_id, None, "error", "bad_annotation", detail))
        return None
    bad_items = [i for i in result or [] if not _item_ok(ann_id, i, problems)]
    if bad_items:
        return None  # its readable items alone could say something the annotator did not
    kept = dict(ann)
    for name in _TIMES:
        if not _time_ok(kept.get(name)):
            detail = f"{name} {shown(kept[name])} is not an ISO 8601 time; left empty"
            problems.append(Problem(ann_id, None, "warning", "bad_metadata", detail))
            kept[name] = None
    lead = kept.get("lead_time")
    if lead is not None and (isinstance(lead, bool) or not isinstance(lead, int | float)):
        detail = f"lead_time {shown(lead)} is not a number of seconds; left empty"
        problems.append(Problem(ann_id, None, "warning", "bad_metadata", detail))
        kept["lead_time"] = None
    return kept


def _item_ok(ann_id: str, item: Any, problems: list[Problem]) -> bool:
    """Whether a result item has the shape the parser reads; reported when not."""
    if not isinstance(item, Mapping):
        detail = f"a result item is {_kind(item)}, not an object: {shown(item)}"
        problems.append(Problem(ann_id, None, "error", "bad_result", detail))
        return False
    region = item.get("id") if isinstance(item.get("id"), str) else None
    value = item.get("value")
    problem = None
    if value is not None and not isinstance(value, Mapping):
        problem = f"its value is {_kind(value)}, not an object: {shown(value)}"
    else:
        for where, name in [(item, "labels")] + [(value or {}, n) for n in _LABEL_LISTS]:
            if not _label_list_ok(where.get(name)):
                problem = f"{name} is {shown(where.get(name))}, not a string or a list of them"
                break
    if problem:
        problems.append(Problem(ann_id, region, "error", "bad_result", problem))
    return problem is None


def _label_list_ok(value: Any) -> bool:
    if value is None or isinstance(value, str):
        return True
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _time_ok(value: Any) -> bool:
    if value in (None, "") or isinstance(value, datetime):
        return True
    if not isinstance(value, str):
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True
