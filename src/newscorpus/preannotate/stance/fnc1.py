"""Reading and writing the Fake News Challenge stage 1 (FNC-1) CSV files.

A FNC-1 folder holds one bodies file (`Body ID`, `articleBody`) and one stances file (`Headline`,
`Body ID`, and `Stance` when labeled). Files are found by name: `bodies.csv` and `stances.csv`,
or the challenge's own names (`train_bodies.csv`, `competition_test_stances_unlabeled.csv`, ...)
when the folder holds exactly one of each. Every problem is a `UsageError` naming the file and the
row (1-based, the header is row 1). This module never fits or scores anything.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newscorpus.errors import UsageError

BODY_ID, BODY_TEXT = "Body ID", "articleBody"
HEADLINE, STANCE = "Headline", "Stance"
BODY_COLUMNS = (BODY_ID, BODY_TEXT)
STANCE_COLUMNS = (HEADLINE, BODY_ID)
PREDICTION_COLUMNS = (HEADLINE, BODY_ID, STANCE)
# FNC-1's four labels, in the order its scorer lists them.
FNC1_LABELS: tuple[str, ...] = ("agree", "disagree", "discuss", "unrelated")
UNRELATED = "unrelated"


@dataclass(frozen=True)
class Pair:
    """One claim and one article body, with the body's stance toward the claim when known."""

    headline: str
    body_id: str
    body: str
    stance: str | None = None


def find_csv(folder: Path, kind: str) -> Path:
    """`KIND.csv` in folder, or its one `*KIND*.csv` (FNC-1 copies carry split names)."""
    exact = folder / f"{kind}.csv"
    if exact.is_file():
        return exact
    found = sorted(p for p in folder.glob(f"*{kind}*.csv") if p.is_file())
    if len(found) != 1:
        what = "none" if not found else ", ".join(p.name for p in found)
        raise UsageError(
            f"{folder}: expected one {kind} CSV ({kind}.csv or *{kind}*.csv), found {what}"
        )
    return found[0]


def _rows(path: Path, required: Sequence[str]) -> Iterable[tuple[int, dict[str, str]]]:
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as err:
        raise UsageError(f"{path}: cannot read ({err.strerror})") from None
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or ())]
        if missing:
            raise UsageError(f"{path}: row 1: missing column(s) {', '.join(missing)}")
        try:
            for row_number, row in enumerate(reader, start=2):
                if None in row or any(row.get(c) is None for c in required):
                    raise UsageError(f"{path}: row {row_number}: wrong number of fields")
                yield row_number, row
        except (csv.Error, UnicodeDecodeError) as err:
            raise UsageError(f"{path}: row {reader.line_num}: not valid CSV ({err})") from None


def read_bodies(path: Path) -> dict[str, str]:
    """`Body ID` -> article body, refusing duplicate ids and empty bodies."""
    bodies: dict[str, str] = {}
    for row_number, row in _rows(path, BODY_COLUMNS):
        body_id = row[BODY_ID].strip()
        if not body_id:
            raise UsageError(f"{path}: row {row_number}: empty {BODY_ID}")
        if body_id in bodies:
            raise UsageError(f"{path}: row {row_number}: duplicate {BODY_ID} {body_id}")
        bodies[body_id] = row[BODY_TEXT]
    return bodies


def read_pairs(path: Path, bodies: dict[str, str], bodies_path: Path) -> list[Pair]:
    """The stances file's rows joined to their bodies; `stance` is None in an unlabeled file."""
    pairs = []
    for row_number, row in _rows(path, STANCE_COLUMNS):
        body_id = row[BODY_ID].strip()
        if body_id not in bodies:
            raise UsageError(
                f"{path}: row {row_number}: {BODY_ID} {body_id!r} is not in {bodies_path.name}"
            )
        if not row[HEADLINE].strip():
            raise UsageError(f"{path}: row {row_number}: empty {HEADLINE}")
        stance = row.get(STANCE)
        if stance is not None:
            stance = stance.strip()
            if not stance:
                raise UsageError(f"{path}: row {row_number}: empty {STANCE}")
        pairs.append(Pair(row[HEADLINE], body_id, bodies[body_id], stance))
    return pairs


def read_fnc1(folder: Path) -> list[Pair]:
    """Every pair of a FNC-1 folder, in the stances file's order."""
    if not folder.is_dir():
        raise UsageError(f"{folder}: not a folder; give a folder with the FNC-1 CSV files")
    bodies_path = find_csv(folder, "bodies")
    stances_path = find_csv(folder, "stances")
    return read_pairs(stances_path, read_bodies(bodies_path), bodies_path)


def write_predictions(path: Path, pairs: Sequence[Pair], stances: Sequence[str]) -> None:
    """Write `Headline,Body ID,Stance` rows, the format FNC-1's scorer reads."""
    if len(pairs) != len(stances):
        raise ValueError(f"{len(pairs)} pairs but {len(stances)} stances")
    try:
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(PREDICTION_COLUMNS)
            for pair, stance in zip(pairs, stances, strict=True):
                writer.writerow((pair.headline, pair.body_id, stance))
    except OSError as err:
        raise UsageError(f"{path}: cannot write ({err.strerror})") from None
