"""The project's own words for the card: who curates the dataset, where it lives, how to cite it.

Read from `newscorpus.toml` in the working directory (top-level keys), else from the
`[tool.newscorpus]` table of its `pyproject.toml`. What is absent stays absent: the card leaves
out a field nobody wrote, it never makes one up. Reads those two files only.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newscorpus.errors import UsageError

SETTINGS_FILE = "newscorpus.toml"
PYPROJECT = "pyproject.toml"
KEYS = ("authors", "homepage", "citation", "contact")


@dataclass(frozen=True)
class ProjectSettings:
    """Attributes:
    authors: the dataset's curators, as they want to be named.
    homepage: where the dataset is described (a URL).
    citation: how to cite the dataset (BibTeX or text).
    contact: how to reach the curators.
    source: the file these came from, None when there was none.
    """

    authors: tuple[str, ...] = ()
    homepage: str | None = None
    citation: str | None = None
    contact: str | None = None
    source: Path | None = None


def _table(folder: Path) -> tuple[dict[str, Any], Path] | None:
    own = folder / SETTINGS_FILE
    if own.is_file():
        return _load(own), own
    pyproject = folder / PYPROJECT
    if pyproject.is_file():
        table = _load(pyproject).get("tool", {}).get("newscorpus")
        if table is not None:
            return table, pyproject
    return None


def _load(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise UsageError(f"{path}: not readable TOML ({err})") from None


def _text(path: Path, key: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise UsageError(f"{path}: `{key}` must be a non-empty string")
    return value.strip()


def load_settings(folder: Path = Path(".")) -> ProjectSettings:
    """The settings of the project in `folder` (empty when it has none).

    Raises:
        UsageError: an unreadable file, an unknown key or a value of the wrong type.
    """
    found = _table(Path(folder))
    if found is None:
        return ProjectSettings()
    table, path = found
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise UsageError(
            f"{path}: unknown newscorpus setting(s) {', '.join(unknown)}; known: {', '.join(KEYS)}"
        )
    authors = table.get("authors", [])
    if isinstance(authors, str):
        authors = [authors]
    if not isinstance(authors, list) or not all(isinstance(a, str) and a.strip() for a in authors):
        raise UsageError(f"{path}: `authors` must be a list of names")
    return ProjectSettings(
        authors=tuple(a.strip() for a in authors),
        homepage=_text(path, "homepage", table.get("homepage")),
        citation=_text(path, "citation", table.get("citation")),
        contact=_text(path, "contact", table.get("contact")),
        source=path,
    )
