"""Label origins: where a set of labels came from, described once, for the card to explain.

Every annotation table row carries an `origin` (schema column): `labelstudio:<project title>`,
`brat:<name>`, `fnc1`, `stance:<file stem>` or `worked-examples`. Each origin is described once in
`<annotations>/origins/<slug>.json` by whatever created the labels (an import command, `ls pull`,
the sample script); `newscorpus publish` reads the descriptions to say, per origin, how the labels
were made, by whom, with what published agreement and how to cite them. This module reads and
writes those files only; it never reads a label table and never guesses a description.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from newscorpus.errors import UsageError

# Under the annotations folder (e.g. annotations/origins/brat-polnear.json).
ORIGINS_FOLDER = "origins"

# How labels came to be: imported from a published corpus, made in a Label Studio campaign, or
# worked examples made by the project's developers (the shipped sample).
IMPORTED, LABELSTUDIO, WORKED_EXAMPLES = "imported", "labelstudio", "worked-examples"
PROCESSES: tuple[str, ...] = (IMPORTED, LABELSTUDIO, WORKED_EXAMPLES)

# Origin values with a fixed spelling; the others are a prefix and a name.
LABELSTUDIO_PREFIX = "labelstudio:"
BRAT_PREFIX = "brat:"
STANCE_PREFIX = "stance:"
FNC1 = "fnc1"
WORKED_EXAMPLES_ORIGIN = "worked-examples"


def labels_quotes(origin: str | None) -> bool:
    """Whether this origin's annotators were asked for quotes: every origin but the stance
    imports (`fnc1`, `stance:<file stem>`), whose labels say nothing about an article's quotes.
    An unrecorded origin (tables written before origins were) is a Label Studio campaign's."""
    return not (origin == FNC1 or str(origin or "").startswith(STANCE_PREFIX))


class OriginError(UsageError):
    """An origin file that cannot be read as a description of an origin."""


@dataclass(frozen=True)
class PublishedAgreement:
    """Agreement the labels' makers published (e.g. in their paper), quoted, never recomputed."""

    measure: str
    value: float
    where: str  # e.g. "Newell et al. 2018, section 4"


@dataclass(frozen=True)
class Origin:
    """One origin of labels, as the card explains it.

    Attributes:
        origin: the value of the tables' `origin` column (e.g. "brat:polnear").
        process: one of PROCESSES.
        title: a short name (e.g. "PolNeAR 1.0.0 (train split)").
        description: how the labels were made, in a few sentences.
        citation: how to cite the labels' source (bibtex or text), None when there is none.
        url: where the source is described, None when unknown.
        license: the source's license, None when unknown.
        annotators: who made the labels (e.g. "several trained annotators"), None when unknown.
        published_agreement: agreement as published by the source, None when none was.
        label_map: source label -> our label, when labels were renamed on import.
    """

    origin: str
    process: str
    title: str
    description: str
    citation: str | None = None
    url: str | None = None
    license: str | None = None
    annotators: str | None = None
    published_agreement: PublishedAgreement | None = None
    label_map: dict[str, str] | None = None

    def __post_init__(self) -> None:
        if self.process not in PROCESSES:
            raise OriginError(
                f"origin {self.origin!r}: process {self.process!r} is not one of "
                f"{', '.join(PROCESSES)}"
            )
        if not self.origin:
            raise OriginError("an origin needs a non-empty `origin` value")

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def origin_slug(origin: str) -> str:
    """File stem of an origin's description: ':' and '/' become '-'."""
    return origin.replace(":", "-").replace("/", "-")


def origin_path(folder: Path, origin: str) -> Path:
    """Where `origin` is described, `folder` being the annotations folder (e.g. annotations/)."""
    return Path(folder) / ORIGINS_FOLDER / f"{origin_slug(origin)}.json"


def write_origin(folder: Path, origin: Origin) -> Path:
    """Write (or replace) the description of `origin` under `folder`/origins/; returns its path.

    `folder` is the annotations folder the labels are written to (the `--out` of the command).
    """
    path = origin_path(folder, origin.origin)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    text = json.dumps(origin.to_json(), indent=2, ensure_ascii=False) + "\n"
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path


def _parse(path: Path, data: Any) -> Origin:
    if not isinstance(data, dict):
        raise OriginError(f"{path}: expected a JSON object describing one origin")
    known = {f.name for f in fields(Origin)}
    unknown = sorted(set(data) - known)
    missing = sorted({"origin", "process", "title", "description"} - set(data))
    if unknown or missing:
        raise OriginError(
            f"{path}: "
            + "; ".join(
                part
                for part in (
                    f"unknown key(s) {', '.join(unknown)}" if unknown else "",
                    f"missing key(s) {', '.join(missing)}" if missing else "",
                )
                if part
            )
            + f" (keys are {', '.join(sorted(known))})"
        )
    agreement = data.get("published_agreement")
    if agreement is not None:
        try:
            data = data | {"published_agreement": PublishedAgreement(**agreement)}
        except TypeError as err:
            raise OriginError(
                f"{path}: published_agreement needs measure, value and where ({err})"
            ) from None
    try:
        return Origin(**data)
    except OriginError as err:
        raise OriginError(f"{path}: {err}") from None


def read_origin(path: Path) -> Origin:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise OriginError(f"{path}: not a readable origin description ({err})") from None
    return _parse(Path(path), data)


def read_origins(folder: Path) -> dict[str, Origin]:
    """Every origin described under `folder`/origins/, by origin value (none: empty)."""
    origins: dict[str, Origin] = {}
    for path in sorted((Path(folder) / ORIGINS_FOLDER).glob("*.json")):
        origin = read_origin(path)
        if origin.origin in origins:
            raise OriginError(f"{path}: origin {origin.origin!r} is described twice")
        origins[origin.origin] = origin
    return origins


# --- the descriptions the project writes itself ---------------------------------------------------


def labelstudio_origin(project_title: str) -> str:
    """The origin of labels pulled from a Label Studio project."""
    return f"{LABELSTUDIO_PREFIX}{project_title}"


def labelstudio_description(origin: str) -> Origin:
    """A Label Studio campaign: who annotated is for the curators to add (annotators.md)."""
    title = origin.removeprefix(LABELSTUDIO_PREFIX) or origin
    return Origin(
        origin=origin,
        process=LABELSTUDIO,
        title=f"Label Studio project {title!r}",
        description=(
            "Annotators labeled one article at a time in a Label Studio project, following the "
            "project guidelines (annotations/guidelines.md), correcting pre-filled machine "
            "suggestions; gold labels were resolved from their annotations by `newscorpus ls "
            "agreement`."
        ),
    )


def worked_examples_description() -> Origin:
    """The shipped sample's labels: examples, said as such, never passed off as a study."""
    return Origin(
        origin=WORKED_EXAMPLES_ORIGIN,
        process=WORKED_EXAMPLES,
        title="Worked examples of the shipped sample",
        description=(
            "Worked examples made by the project's developers following the project guidelines "
            "(annotations/guidelines.md), to show what the labels look like and to run the "
            "pipeline end to end. They are not a human annotation study: no annotators were "
            "recruited or trained, and the second pass over some articles was made by the same "
            "developers, so agreement between passes measures the examples' consistency, not "
            "agreement between independent people."
        ),
        annotators="the project's developers",
    )


def default_description(origin: str) -> Origin | None:
    """The description the project can write itself for `origin`, None for imports (their
    commands know the source and write it)."""
    if origin == WORKED_EXAMPLES_ORIGIN:
        return worked_examples_description()
    if origin.startswith(LABELSTUDIO_PREFIX):
        return labelstudio_description(origin)
    return None
