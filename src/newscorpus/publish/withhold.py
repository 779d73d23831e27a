"""Withholding texts: which articles are published without their text, and how hydrate restores it.

An article whose license (or source) forbids redistribution is published with ids, URLs, hashes
and offsets only: the row builders (rows.py) null its text fields. A license nobody recorded is
not a permission: texts of unknown license are withheld too unless the curator says otherwise
(`--publish-unknown-license`). A stance target that came with an import (FNC-1's headlines) is
text of that origin: it is withheld as an article's text would be under its origin's license
(`withheld_targets`); targets the curators wrote (targets.yaml) are theirs to publish. The
restorers below are the other side: `newscorpus hydrate` applies a config's restorers (named in
its entry, configs.py) to a withheld row once the user's own copy of the text matched its
SHA-256, so every text comes back cut at the published offsets (a target's text comes back when
it gives the target's id). Pure: reads and writes no files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

Row = dict[str, Any]

# A license naming one of these forbids redistributing the text (matched case-insensitively).
RESTRICTIVE_LICENSE_MARKERS = (
    "all rights reserved",
    "proprietary",
    "no redistribution",
    "no-redistribution",
    "not for redistribution",
    "restricted",
)
# How an absent license is named on the command line (`--withhold-license unknown`) and in
# the card; these spellings of a license value mean the same.
UNKNOWN_LICENSE = "unknown"
_UNKNOWN_SPELLINGS = frozenset({"", UNKNOWN_LICENSE, "none", "null", "n/a"})

# Why a text is withheld (counted for the card).
BY_SOURCE = "source withheld on request"
BY_LICENSE = "license withheld on request"
BY_UNKNOWN_LICENSE = "license unknown"
BY_RESTRICTIVE_LICENSE = "license forbids redistribution"


def is_unknown_license(license: str | None) -> bool:
    return license is None or license.strip().lower() in _UNKNOWN_SPELLINGS


def _key(value: str) -> str:
    return value.strip().lower()


@dataclass(frozen=True)
class LicensePolicy:
    """Which articles are published without their text, and why."""

    withhold_licenses: frozenset[str] = frozenset()
    withhold_sources: frozenset[str] = frozenset()
    publish_unknown: bool = False

    @classmethod
    def of(
        cls,
        licenses: Iterable[str] = (),
        sources: Iterable[str] = (),
        publish_unknown: bool = False,
    ) -> LicensePolicy:
        return cls(
            frozenset(_key(x) for x in licenses),
            frozenset(_key(x) for x in sources),
            publish_unknown,
        )

    def reason(self, license: str | None, source: str | None) -> str | None:
        """Why the article's text is withheld, None when it is published."""
        if source and _key(source) in self.withhold_sources:
            return BY_SOURCE
        if license is None or is_unknown_license(license):
            if UNKNOWN_LICENSE in self.withhold_licenses:
                return BY_LICENSE
            return None if self.publish_unknown else BY_UNKNOWN_LICENSE
        lowered = _key(license)
        if lowered in self.withhold_licenses:
            return BY_LICENSE
        if any(marker in lowered for marker in RESTRICTIVE_LICENSE_MARKERS):
            return BY_RESTRICTIVE_LICENSE
        return None

    def withholds(self, license: str | None, source: str | None) -> bool:
        return self.reason(license, source) is not None

    def target_reason(self, license: str | None) -> str | None:
        """Why an imported target's text is withheld (its origin's license), None when published.

        Sources name articles, not targets: `--withhold-source` leaves targets alone."""
        return self.reason(license, None)

    def unmatched_sources(self, sources: Iterable[str | None]) -> list[str]:
        """The withheld sources no article has (a typo would otherwise withhold nothing)."""
        present = {_key(s) for s in sources if s}
        return sorted(s for s in self.withhold_sources if s not in present)


def withheld_targets(
    policy: LicensePolicy,
    target_origins: Mapping[str, str],
    licenses: Mapping[str, str | None],
) -> dict[str, str]:
    """Imported target id -> why its text is withheld, for the targets whose origin's license
    (`licenses`: origin -> license; an origin nobody described has none) withholds it."""
    withheld = {}
    for tid, origin in target_origins.items():
        reason = policy.target_reason(licenses.get(origin))
        if reason is not None:
            withheld[tid] = reason
    return withheld


@dataclass(frozen=True)
class TextCopy:
    """A withheld article's text (and title, captions) from the user's own copy."""

    text: str
    title: str | None
    captions: list[str] | None


def restore_article_fields(row: Row, copy: TextCopy) -> None:
    row["text"] = copy.text
    row["title"] = copy.title
    row["captions"] = copy.captions or []


def restore_text(row: Row, copy: TextCopy) -> None:
    row["text"] = copy.text


def restore_quote_texts(row: Row, copy: TextCopy) -> None:
    """Each quote's content, speaker and cue texts, cut from the text at their offsets."""
    text = copy.text
    for quote in row["quotes"]:
        quote["text"] = text[quote["start"] : quote["end"]]
        for role in ("speaker", "cue"):
            start, end = quote.get(f"{role}_start"), quote.get(f"{role}_end")
            quote[f"{role}_text"] = (
                text[start:end] if start is not None and end is not None else None
            )


def restore_tokens(row: Row, copy: TextCopy) -> None:
    row["tokens"] = [copy.text[o["start"] : o["end"]] for o in row["offsets"]]
