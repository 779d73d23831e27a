"""Agreement figures kept per origin: `<annotations>/agreement/<origin slug>.json`, one file each.

A corpus can hold labels of several origins (an imported corpus, a Label Studio campaign), each
with its own inter-annotator agreement. Every writer (an import, `ls agreement`) replaces its own
origin's file only, so the figures of the others stay; `publish` reads them all for the card.
A legacy `agreement.json` (one origin's figures, written before the per-origin files) is still
read as the origin it names, unless that origin has a file of its own. This module never computes
figures (annotate/agreement.py does) and never writes the legacy file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from newscorpus import layout
from newscorpus.annotate.origins import origin_slug
from newscorpus.errors import UsageError

# The folder's name under any annotations folder a command is given (annotations/agreement/).
FOLDER = layout.AGREEMENT.name
# One origin's figures, as written before the per-origin files: read, never written.
LEGACY = "agreement.json"
# The origin of legacy figures that name none (written before origins were): the card attributes
# them to the origins whose annotations are published one by one.
UNNAMED = ""

Report = dict[str, Any]


def agreement_path(folder: Path, origin: str) -> Path:
    """Where `origin`'s figures are kept, `folder` being the annotations folder."""
    return Path(folder) / FOLDER / f"{origin_slug(origin)}.json"


def write_agreement_file(folder: Path, origin: str, report: Report) -> Path:
    """`origin`'s figures (naming their origin) in place of its previous ones, written whole or
    not at all (a temporary file replaced atomically); returns the file's path."""
    path = agreement_path(folder, origin)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    named = {"origin": origin} | report | {"origin": origin}  # first, and this origin
    text = json.dumps(named, indent=2) + "\n"
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def remove_agreement_file(folder: Path, origin: str) -> bool:
    """Drop `origin`'s figures (a re-run that measured nothing); whether there were any."""
    path = agreement_path(folder, origin)
    if not path.exists():
        return False
    path.unlink()
    return True


def _read(path: Path) -> Report:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise UsageError(
            f"{path}: not valid JSON ({err}); run the command that wrote it again"
        ) from None
    if not isinstance(data, dict):
        raise UsageError(f"{path}: expected a JSON object of agreement figures")
    return data


def read_agreement_files(folder: Path) -> dict[str, Report]:
    """Every origin's figures under the annotations folder `folder`, by origin (sorted).

    A legacy `agreement.json` counts as the origin it names unless that origin has a file of its
    own; one that names no origin (key UNNAMED) only when there are no per-origin files at all,
    since those were written after it.

    Raises:
        UsageError: a file that is not a JSON object, a per-origin file that names no origin, or
            two files naming the same origin.
    """
    reports: dict[str, Report] = {}
    for path in sorted((Path(folder) / FOLDER).glob("*.json")):
        report = _read(path)
        origin = report.get("origin")
        if not isinstance(origin, str) or not origin:
            raise UsageError(f"{path}: names no origin; run the command that wrote it again")
        if origin in reports:
            raise UsageError(f"{path}: origin {origin!r} has figures in two files; keep one")
        reports[origin] = report
    legacy = Path(folder) / LEGACY
    if legacy.exists():
        report = _read(legacy)
        origin = report.get("origin") or UNNAMED
        if origin not in reports and (origin != UNNAMED or not reports):
            reports[origin] = report
    return dict(sorted(reports.items()))
