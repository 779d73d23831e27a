"""The card's account of where the data came from: sources and licenses, the dataset's license,
source datasets, and how each origin's labels were made, all from the published rows' figures
and the origin descriptions (annotate/origins.py). Nothing here is typed for a particular corpus:
an origin nobody described is said to be undescribed. Pure: reads and writes no files.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from newscorpus.annotate.origins import (
    BRAT_PREFIX,
    FNC1,
    IMPORTED,
    LABELSTUDIO,
    LABELSTUDIO_PREFIX,
    STANCE_PREFIX,
    WORKED_EXAMPLES,
    WORKED_EXAMPLES_ORIGIN,
    Origin,
    default_description,
)
from newscorpus.publish.figures import UNRECORDED, CardFigures
from newscorpus.publish.withhold import license_id

_HUB_DATASET = re.compile(r"^https://huggingface\.co/datasets/([^/?#]+/[^/?#]+)")
# The Hub's name for a license of several parts (with `license: other`).
MIXED_LICENSE_NAME = "mixed-per-source"
# annotations_creators per origin process (the Hub's vocabulary): imported labels were already in
# the source ("found"); worked examples are neither a study nor found labels ("other").
CREATORS = {LABELSTUDIO: "expert-generated", IMPORTED: "found", WORKED_EXAMPLES: "other"}


@dataclass(frozen=True)
class DatasetLicense:
    """The card's `license` (one id, or `other` with a name and details) and every license that
    applies to something published."""

    hub: str
    name: str | None = None
    details: str | None = None
    parts: tuple[str, ...] = ()


def dataset_license(figures: CardFigures, annotations_license: str) -> DatasetLicense:
    """One license when the published texts share the annotations' license; else `other`."""
    texts = sorted({license_id(lic) for (_, lic, _, withheld) in figures.sources if not withheld})
    own = license_id(annotations_license)
    if not texts or texts == [own]:
        return DatasetLicense(hub=own, parts=(own,))
    details = (
        f"Annotations and dataset structure: {own}. Article texts: each under its source's "
        f"license ({', '.join(texts)}; see the table under Sources and licenses)."
    )
    return DatasetLicense("other", MIXED_LICENSE_NAME, details, tuple(sorted({own, *texts})))


def process_of(origin: str, described: Origin | None) -> str | None:
    if described is not None:
        return described.process
    if origin == WORKED_EXAMPLES_ORIGIN:
        return WORKED_EXAMPLES
    if origin.startswith(LABELSTUDIO_PREFIX):
        return LABELSTUDIO
    if origin == FNC1 or origin.startswith((BRAT_PREFIX, STANCE_PREFIX)):
        return IMPORTED
    return None


@dataclass
class OriginAccount:
    """One origin as the card tells it: its description (if any) and what it labeled here."""

    origin: str
    described: Origin | None
    rows: dict[str, int] = field(default_factory=dict)  # config -> human rows

    @property
    def process(self) -> str | None:
        return process_of(self.origin, self.described)


def origin_accounts(
    figures: CardFigures, descriptions: Mapping[str, Origin]
) -> list[OriginAccount]:
    """Every origin of the published human labels, with its description: the curators' file,
    else the one the project writes itself (Label Studio, worked examples), else none."""
    accounts: dict[str, OriginAccount] = {}
    for (config, origin), count in sorted(figures.origins.items()):
        if origin not in accounts:
            described = descriptions.get(origin) or default_description(origin)
            accounts[origin] = OriginAccount(origin, described)
        accounts[origin].rows[config] = count
    return list(accounts.values())


def _upstream_name(origin: str) -> str:
    for prefix in (BRAT_PREFIX, STANCE_PREFIX):
        if origin.startswith(prefix):
            return origin.removeprefix(prefix)
    return origin


def source_datasets(figures: CardFigures, accounts: list[OriginAccount]) -> list[str]:
    """`original` for collected pages (no citation), the upstream dataset of each import."""
    out = []
    if any(not citation for (_, _, citation, _) in figures.sources):
        out.append("original")
    for account in accounts:
        if account.process != IMPORTED:
            continue
        url = account.described.url if account.described else None
        hub = _HUB_DATASET.match(url or "")
        name = hub[1] if hub else f"other-{_upstream_name(account.origin)}"
        out.append(f"extended|{name}")
    return sorted(set(out), key=out.index) or ["original"]


def annotations_creators(figures: CardFigures, accounts: list[OriginAccount]) -> list[str]:
    creators = [CREATORS.get(a.process or "", "other") for a in accounts]
    if any(source == "machine" for (_, source) in figures.label_sources):
        creators.append("machine-generated")
    if any(source == "machine" for (_, source) in figures.kind_sources):
        creators.append("machine-generated")  # kinds derived by a rule on import
    return sorted(set(creators)) or ["no-annotation"]


def citations(figures: CardFigures, accounts: list[OriginAccount]) -> list[str]:
    """Every citation the data asks for, once each: the articles' collections, then the
    origins' labels, in the order first met."""
    seen: dict[str, None] = {}
    for (_, _, citation, _), _count in sorted(figures.sources.items()):
        if citation:
            seen.setdefault(citation.strip(), None)
    for account in accounts:
        if account.described and account.described.citation:
            seen.setdefault(account.described.citation.strip(), None)
    return list(seen)


def _cite(citation: str) -> str:
    fence = "bibtex" if citation.lstrip().startswith("@") else "text"
    return f"```{fence}\n{citation}\n```"


def citations_section(cited: list[str]) -> str:
    if not cited:
        return ""
    return "\n\n".join(f"[{n}]\n\n{_cite(c)}" for n, c in enumerate(cited, start=1))


def _rows_text(rows: Mapping[str, int]) -> str:
    return ", ".join(f"{n} `{config}` row(s)" for config, n in rows.items())


def _imported_text(account: OriginAccount, origin: Origin, cited: list[str]) -> list[str]:
    lines = [f"Imported from **{origin.title}**. {origin.description}"]
    if origin.annotators:
        lines.append(f"Annotators (as the source describes them): {origin.annotators}.")
    agreement = origin.published_agreement
    if agreement is not None:
        lines.append(
            f"Published agreement: {agreement.measure} {agreement.value:g} ({agreement.where}); "
            "quoted from the source, not recomputed here."
        )
    else:
        lines.append("The source published no agreement figure that this card could quote.")
    if origin.citation:
        lines.append(f"Cite it as [{cited.index(origin.citation.strip()) + 1}] below.")
    if origin.url:
        lines.append(f"Described at <{origin.url}>.")
    if origin.license:
        lines.append(f"License of the source: {origin.license}.")
    if origin.label_map:
        mapped = ", ".join(f"`{k}` -> `{v}`" for k, v in origin.label_map.items())
        lines.append(f"Labels were renamed on import: {mapped}.")
    return lines


def _account_text(
    account: OriginAccount, cited: list[str], kind_sources: Mapping[tuple[str, str], int]
) -> str:
    origin = account.described
    heading = f"##### `{account.origin}` ({_rows_text(account.rows)})"
    if account.origin == UNRECORDED:
        lines = [
            "Labels from tables written before their origin was recorded: where they came from "
            "is not stated in the data."
        ]
    elif origin is None:
        lines = [
            f"No description of this origin was found (expected "
            f"`annotations/origins/{account.origin.replace(':', '-').replace('/', '-')}.json`): "
            "this card cannot say how these labels were made."
        ]
    elif origin.process == IMPORTED:
        lines = _imported_text(account, origin, cited)
    elif origin.process == WORKED_EXAMPLES:
        lines = [origin.description, "Do not evaluate a model against them as if they were gold."]
    else:
        lines = [origin.description, "Agreement figures, when measured, are under Agreement."]
    machine = kind_sources.get((account.origin, "machine"), 0)
    if machine:
        lines.append(
            f"`kind` of {machine} quote(s) was derived by a rule (quotation marks), not chosen by "
            "a person: `kind_source = machine` on those quotes."
        )
    return heading + "\n\n" + " ".join(lines)


def annotation_process(
    figures: CardFigures, accounts: list[OriginAccount], cited: list[str]
) -> str:
    """How each origin's labels were made, one paragraph each."""
    if not accounts:
        return (
            "**This version has no human annotations.** Every label in it is a machine suggestion "
            "(`label_source = machine`), published so that annotators and researchers can see "
            "what the suggestions look like. Do not evaluate against them."
        )
    parts = [
        "Human labels in this version come from the origins below (the `origin` field of each "
        "row names its origin):"
    ]
    parts += [_account_text(a, cited, figures.kind_sources) for a in accounts]
    return "\n\n".join(parts)


def annotators_by_origin(accounts: list[OriginAccount]) -> str:
    """Who made each origin's labels, as its description says (nothing when it says nothing)."""
    lines = [
        f"- `{a.origin}`: {a.described.annotators}."
        for a in accounts
        if a.described is not None and a.described.annotators
    ]
    return "By origin:\n\n" + "\n".join(lines) if lines else ""


def agreement_origins(accounts: list[OriginAccount]) -> list[OriginAccount]:
    """Origins whose annotations are published one by one (`annotations_raw`): those the
    agreement report (`ls agreement`) measures."""
    return [a for a in accounts if a.rows.get("annotations_raw")]


def sources_table_rows(figures: CardFigures, cited: list[str]) -> list[list[object]]:
    rows = []
    for (source, lic, citation, withheld), count in sorted(
        figures.sources.items(), key=lambda kv: (-kv[1], kv[0])
    ):
        reference = f"[{cited.index(citation.strip()) + 1}]" if citation else "-"
        text = "withheld" if withheld else "published"
        rows.append([source or "(unknown)", count, lic or "(unknown)", reference, text])
    return rows


@dataclass(frozen=True)
class Provenance:
    """Everything the card says about where the data came from, derived once."""

    accounts: list[OriginAccount]
    cited: list[str]
    license: DatasetLicense
    source_datasets: list[str]
    creators: list[str]


def provenance_of(
    figures: CardFigures, descriptions: Mapping[str, Origin], annotations_license: str
) -> Provenance:
    accounts = origin_accounts(figures, descriptions)
    return Provenance(
        accounts=accounts,
        cited=citations(figures, accounts),
        license=dataset_license(figures, annotations_license),
        source_datasets=source_datasets(figures, accounts),
        creators=annotations_creators(figures, accounts),
    )
