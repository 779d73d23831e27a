"""Label Studio JSON exports as files: streamed in, downloaded or written whole, kept under
`annotations/exports/` with the annotator map beside each.

An export can be large, so it is never loaded whole: `iter_json_array` decodes one task at a
time. A file is an export when it is a JSON array of objects (`iter_tasks`, `check_export`):
anything else is refused before it is kept, and passed over when it is found among the kept ones
(`latest_exports`); what the objects hold is for validation to judge. The latest export is the
one pulled last, as `exports/pulls.jsonl` records it (`record_pull`), not the last by name.
The annotator map (`<export>.annotators.json`) maps `completed_by` to pseudonyms, never to
e-mails. Only `download_export` talks to a server.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from newscorpus.annotate.labelstudio import LabelStudioError
from newscorpus.annotate.labelstudio.client import server_errors
from newscorpus.annotate.labelstudio.server import Connection

_BLANKS = " \t\r\n,"
_EXPORT = "a Label Studio JSON export"
JSON_MIN_KEYS = frozenset({"annotation_id", "annotator"})  # a JSON-MIN row's own keys


def iter_json_array(path: Path, chunk_chars: int = 1 << 20) -> Iterator[Any]:
    """Items of a JSON array file, decoded one at a time (an export can be large).

    Raises:
        LabelStudioError: no such file, a folder or a file that cannot be read, not a JSON
            array, invalid or cut-short JSON, not UTF-8, or an item nested too deep to decode.
    """
    try:
        yield from _json_array_items(path, chunk_chars)
    except IsADirectoryError:
        raise LabelStudioError(f"{path}: a folder, not an export file ({_EXPORT})") from None
    except FileNotFoundError:
        raise LabelStudioError(f"{path}: no such export file ({_EXPORT})") from None
    except OSError as err:
        raise LabelStudioError(f"{path}: cannot be read ({err.strerror})") from None
    except UnicodeDecodeError as err:
        raise LabelStudioError(
            f"{path}: not UTF-8 text ({err.reason} at byte {err.start})"
        ) from None
    except RecursionError:
        raise LabelStudioError(f"{path}: an item is nested too deep to read") from None


def iter_tasks(path: Path) -> Iterator[dict[str, Any]]:
    """The tasks of an export file: items of its JSON array, each an object.

    Raises:
        LabelStudioError: as `iter_json_array`, or an item that is not an object.
    """
    for number, item in enumerate(iter_json_array(path), 1):
        if not isinstance(item, dict):
            raise LabelStudioError(
                f"{path}: item {number} is {type(item).__name__}, not a task object "
                "(a Label Studio JSON export is an array of tasks)"
            )
        if _is_json_min_row(item):
            raise LabelStudioError(
                f"{path}: item {number} is a row of a JSON-MIN export: export the project as "
                "JSON (JSON-MIN has one flat row per annotation, not the tasks newscorpus reads)"
            )
        yield item


def _is_json_min_row(item: Mapping[str, Any]) -> bool:
    """A JSON-MIN row names its annotation (`annotation_id`, `annotator`) beside the task's own
    fields; a JSON export's task holds `data` and a list of `annotations` instead."""
    return "annotations" not in item and "data" not in item and bool(JSON_MIN_KEYS & item.keys())


def check_export(path: Path) -> int:
    """The number of tasks of `path` once it is read through as an export (see `iter_tasks`)."""
    return sum(1 for _ in iter_tasks(path))


def _json_array_items(path: Path, chunk_chars: int) -> Iterator[Any]:
    decoder = json.JSONDecoder()
    with open(path, encoding="utf-8") as fh:
        buf = fh.read(chunk_chars)
        pos = len(buf) - len(buf.lstrip())
        if buf[pos : pos + 1] != "[":
            raise LabelStudioError(f"{path}: not a JSON array (a Label Studio JSON export)")
        pos += 1
        eof = False
        while True:
            while True:
                while pos < len(buf) and buf[pos] in _BLANKS:
                    pos += 1
                if pos < len(buf) or eof:
                    break
                buf, pos = fh.read(chunk_chars), 0
                eof = not buf
            if pos >= len(buf):
                raise LabelStudioError(f"{path}: the JSON array is cut short")
            if buf[pos] == "]":
                return
            try:
                item, end = decoder.raw_decode(buf, pos)
            except json.JSONDecodeError:
                more = fh.read(chunk_chars)
                if not more:
                    raise LabelStudioError(f"{path}: invalid JSON near character {pos}") from None
                buf, pos = buf[pos:] + more, 0
                continue
            yield item
            pos = end
            if pos > chunk_chars:
                buf, pos = buf[pos:], 0


def write_json_array(items: Iterable[Any], dest: Path) -> None:
    """An export-shaped file, one item per line, written whole or not at all."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write("[\n")
        for i, item in enumerate(items):
            fh.write(("," if i else "") + json.dumps(item, ensure_ascii=False) + "\n")
        fh.write("]\n")
    os.replace(tmp, dest)


def download_export(
    ls: Any, conn: Connection, project_id: int, dest: Path, *, all_tasks: bool
) -> int:
    """Stream the project's JSON export into `dest` (written whole or not at all); bytes written."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    size = 0
    with server_errors(conn, f"exporting project {project_id}"), open(tmp, "wb") as fh:
        for chunk in ls.projects.exports.download_sync(
            project_id, export_type="JSON", download_all_tasks=all_tasks, download_resources=False
        ):
            fh.write(chunk)
            size += len(chunk)
    os.replace(tmp, dest)
    return size


# --- the kept exports ---------------------------------------------------------------------------


def stamp() -> str:
    """UTC time for an export's file name; names sort in time order."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


PULLS = "pulls.jsonl"  # under exports/: one line per export pulled or converted, in order


def record_pull(export_file: Path) -> None:
    """Note that the kept `export_file` was pulled (or converted) now, so that it is the latest
    export whatever its name: a file downloaded from the Label Studio UI is named
    `project-<id>-at-<date>-<hash>.json`, which sorts after `ls pull`'s `export-<time>-p<id>`."""
    line = json.dumps({"export": export_file.name, "pulled_at": datetime.now(UTC).isoformat()})
    with open(export_file.parent / PULLS, "a", encoding="utf-8") as fh:
        fh.write(line + "\n")


def _pull_order(folder: Path) -> dict[str, int]:
    """Export file name -> the rank of its last recorded pull (higher is later).

    Raises:
        LabelStudioError: a line of the record is not a pull record.
    """
    path = folder / PULLS
    if not path.is_file():
        return {}
    order: dict[str, int] = {}
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            try:
                name = json.loads(line)["export"]
            except (json.JSONDecodeError, TypeError, KeyError):
                name = None
            if not isinstance(name, str):
                raise LabelStudioError(
                    f"{path} line {number}: not a pull record "
                    '({"export": <file name>, "pulled_at": <time>}): mend or remove the line'
                )
            order[name] = number
    return order


def latest_exports(out: Path) -> list[Path]:
    """The exports kept under `out/exports/`, the one pulled last first; exports with no
    recorded pull (kept before pulls were recorded, or put there by hand) come after, newest
    name first (`ls pull` names sort in time order).

    Raises:
        LabelStudioError: no export is kept, or the pull record is damaged.
    """
    folder = Path(out) / "exports"
    exports = [p for p in folder.glob("*.json") if not p.name.endswith(".annotators.json")]
    if not exports:
        raise LabelStudioError(f"{out}/exports/ holds no export: run `newscorpus ls pull` first")
    order = _pull_order(folder)
    return sorted(exports, key=lambda p: (order.get(p.name, 0), p.name), reverse=True)


def latest_export(out: Path) -> Path:
    """The export under `out/exports/` pulled last (see `latest_exports`)."""
    return latest_exports(out)[0]


def annotator_map_path(export_file: Path) -> Path:
    return export_file.with_name(export_file.stem + ".annotators.json")


def read_annotator_map(export_file: Path) -> dict[str, str]:
    """The export's `completed_by` -> pseudonym map, empty when it has none.

    Raises:
        LabelStudioError: the map is not a JSON object of text to text.
    """
    path = annotator_map_path(export_file)
    if not path.exists():
        return {}
    try:
        annotators = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise LabelStudioError(f"{path}: not a JSON annotator map ({err})") from None
    if not isinstance(annotators, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in annotators.items()
    ):
        raise LabelStudioError(f"{path}: an annotator map is a JSON object of names to pseudonyms")
    return annotators


def write_annotator_map(export_file: Path, annotators: Mapping[str, str]) -> None:
    annotator_map_path(export_file).write_text(
        json.dumps(annotators, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )


# --- JSON text for --json outputs ---------------------------------------------------------------


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def to_json(obj: Any) -> str:
    """JSON for the CLI's --json outputs (datetimes and paths as strings)."""
    return json.dumps(obj, default=_json_default, indent=2, sort_keys=True)
