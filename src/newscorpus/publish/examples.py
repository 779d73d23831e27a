"""Example instances for the card: one real published row per config, readable at a glance.

The row is the one figures.offer_example kept (its text published, human labels when there are
any). Class labels are shown by name (the files store their ClassLabel index), long strings and
long lists are cut and say how much was cut. Pure: reads and writes no files.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from datasets import ClassLabel, Features, List

TEXT_CHARS = 160
LIST_ITEMS = 4


def _cut_text(value: str) -> str:
    if len(value) <= TEXT_CHARS:
        return value
    return f"{value[:TEXT_CHARS]}... [{len(value) - TEXT_CHARS} more characters]"


def _as_list(value: Any) -> list[Any]:
    """Offsets may arrive as (starts, ends) column lists (rows.bio_rows): back to records."""
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, list) for v in value):
        return [{"start": s, "end": e} for s, e in zip(*value, strict=True)]
    return list(value)


def render_value(value: Any, feature: Any) -> Any:
    """A value as the card shows it: names for class labels, cut strings and lists."""
    if value is None:
        return None
    if isinstance(feature, ClassLabel):
        return feature.names[value]
    if isinstance(feature, List):
        items = _as_list(value)
        shown = [render_value(v, feature.feature) for v in items[:LIST_ITEMS]]
        if len(items) > LIST_ITEMS:
            shown.append(f"... [{len(items) - LIST_ITEMS} more]")
        return shown
    if isinstance(feature, dict):
        return {key: render_value(value.get(key), sub) for key, sub in feature.items()}
    if isinstance(value, str):
        return _cut_text(value)
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def example_json(row: dict[str, Any], features: Features) -> str:
    """The row as JSON, one field a line (a list of records, one record a line), fields in
    feature order."""
    lines = []
    for name, feature in features.items():
        value = render_value(row.get(name), feature)
        if isinstance(value, list) and any(isinstance(v, dict) for v in value):
            items = ",\n".join(f"    {_compact(v)}" for v in value)
            lines.append(f'  "{name}": [\n{items}\n  ]')
        else:
            lines.append(f'  "{name}": {_compact(value)}')
    return "{\n" + ",\n".join(lines) + "\n}"
