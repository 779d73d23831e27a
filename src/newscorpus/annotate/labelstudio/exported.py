"""One task of a Label Studio JSON export -> typed regions, relations and choices. Pure: no I/O,
no client.

`parse_task` reads one task into `ExportedAnnotation`s, keeping everything it does not understand
as an `Oddity` instead of dropping it, so that validation (validate.py) can report it. It judges
nothing: offsets, labels and links are read as they are, never shifted or repaired.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Region:
    """A labeled span with what per-region controls said about it."""

    id: str
    labels: tuple[str, ...]
    start: int | None
    end: int | None
    text: str | None
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    textareas: dict[str, tuple[str, ...]] = field(default_factory=dict)
    label: str | None = field(init=False)

    def __post_init__(self) -> None:
        # The single label, or None when there are none or several (validation reports both).
        self.label = self.labels[0] if len(self.labels) == 1 else None


@dataclass(frozen=True, slots=True)
class Relation:
    from_id: str
    to_id: str
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Oddity:
    """A result item the parser could not place; validation turns it into a report row."""

    region_id: str | None
    reason: str
    detail: str


@dataclass
class ExportedAnnotation:
    """One annotator's pass over one task, as exported."""

    task_id: int | None
    annotation_id: str
    completed_by: Any
    ground_truth: bool
    was_cancelled: bool
    created_at: str | None
    updated_at: str | None
    lead_time: float | None
    regions: dict[str, Region]
    relations: list[Relation]
    task_choices: dict[str, tuple[str, ...]]
    oddities: list[Oddity]


@dataclass
class ExportedTask:
    """One task of an export: its data and its annotations (cancelled ones included)."""

    task_id: int | None
    data: dict[str, Any]
    annotations: list[ExportedAnnotation]


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(map(str, value))


def parse_annotation(raw: Mapping[str, Any], task_id: int | None) -> ExportedAnnotation:
    """Read one annotation of an export into regions, relations and task-level choices."""
    reading = _Reading()
    per_region: list[Mapping[str, Any]] = []
    for item in raw.get("result") or []:
        if reading.add(item):
            per_region.append(item)
    # Per-region choices and text areas may come before their span: placed once all are read.
    for item in per_region:
        reading.attach(item)
    return ExportedAnnotation(
        task_id=task_id,
        annotation_id=str(raw.get("id")),
        completed_by=raw.get("completed_by"),
        ground_truth=bool(raw.get("ground_truth")),
        was_cancelled=bool(raw.get("was_cancelled")),
        created_at=raw.get("created_at"),
        updated_at=raw.get("updated_at"),
        lead_time=raw.get("lead_time"),
        regions=reading.regions,
        relations=reading.relations,
        task_choices=reading.task_choices,
        oddities=reading.oddities,
    )


@dataclass
class _Reading:
    """What one annotation's result items said so far."""

    regions: dict[str, Region] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    task_choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    oddities: list[Oddity] = field(default_factory=list)

    def add(self, item: Mapping[str, Any]) -> bool:
        """Read one result item; True when it belongs to a region and must wait for `attach`."""
        rtype = item.get("type")
        value = item.get("value") or {}
        if rtype == "relation":
            self.relations.append(
                Relation(
                    str(item.get("from_id")), str(item.get("to_id")), _as_tuple(item.get("labels"))
                )
            )
        elif rtype == "labels":
            self.add_region(str(item.get("id")), value)
        elif rtype in {"choices", "textarea"} and "start" in value and item.get("id"):
            return True
        elif rtype == "choices":
            self.task_choices[str(item.get("from_name"))] = _as_tuple(value.get("choices"))
        else:
            self.oddities.append(
                Oddity(
                    item.get("id"),
                    "unknown_result",
                    f"result of type {rtype!r} from {item.get('from_name')!r} is not in our config",
                )
            )
        return False

    def add_region(self, rid: str, value: Mapping[str, Any]) -> None:
        if rid in self.regions:
            self.oddities.append(Oddity(rid, "duplicate_region", "two span results share this id"))
            return
        self.regions[rid] = Region(
            id=rid,
            labels=_as_tuple(value.get("labels")),
            start=value.get("start"),
            end=value.get("end"),
            text=value.get("text"),
        )

    def attach(self, item: Mapping[str, Any]) -> None:
        """A per-region choice or text area onto its region, or an oddity when there is none."""
        rid = str(item["id"])
        region = self.regions.get(rid)
        name = str(item.get("from_name"))
        value = item.get("value") or {}
        if region is None:
            self.oddities.append(
                Oddity(rid, "orphan_choice", f"{name} result refers to no span region {rid!r}")
            )
        elif item["type"] == "choices":
            region.choices[name] = _as_tuple(value.get("choices"))
        else:
            region.textareas[name] = _as_tuple(value.get("text"))


def parse_task(raw: Mapping[str, Any]) -> ExportedTask:
    """Read one task of a Label Studio JSON export."""
    task_id = raw.get("id")
    return ExportedTask(
        task_id=int(task_id) if task_id is not None else None,
        data=dict(raw.get("data") or {}),
        annotations=[parse_annotation(a, task_id) for a in raw.get("annotations") or []],
    )
