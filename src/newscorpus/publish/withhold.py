"""Withholding texts: which articles are published without their text, and how hydrate restores it.

An article's text is published only under a license known to permit redistributing it (an
allow-list of SPDX / Creative Commons ids, matched in their common spellings) or one the curator
names (`--publish-license`). Every other article is published with ids, URLs, hashes and offsets
only: the row builders (rows.py) null its text fields, and the card counts why. A license nobody
recorded is not a permission: texts of unknown license are withheld too unless the curator says
otherwise (`--publish-unknown-license`). A stance target that came with an import (FNC-1's
headlines) is text of that origin: it is withheld as an article's text would be under its
origin's license (`withheld_targets`); targets the curators wrote (targets.yaml) are theirs to
publish. The restorers below are the other side: `newscorpus hydrate` applies a config's
restorers (named in its entry, configs.py) to a withheld row once the user's own copy of the text
matched its SHA-256, so every text comes back cut at the published offsets (a target's text comes
back when it gives the target's id). Pure: reads and writes no files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

Row = dict[str, Any]

# How an absent license is named on the command line (`--withhold-license unknown`) and in
# the card; these spellings of a license value (as license_id spells them) mean the same, and so
# does a value with no letter or digit ('-', '?', '--').
UNKNOWN_LICENSE = "unknown"
_UNKNOWN_SPELLINGS = frozenset(
    {"", UNKNOWN_LICENSE, "none", "null", "n/a", "na", "n.a.", "nil", "tbd", "not-specified"}
    | {"unspecified", "not-stated", "not-given", "not-available", "no-license", "no-licence"}
)

# Licenses known to permit redistributing a text, as license_key spells them: SPDX ids in lower
# case, and the Creative Commons licenses without a version (every version permits it).
_CC_VERSIONS = ("1.0", "2.0", "2.5", "3.0", "4.0")
REDISTRIBUTABLE_LICENSES = frozenset(
    {"cc-by", "cc-by-sa", "cc0", "cc0-1.0", "cc-pddc", "pddl-1.0", "public-domain"}
    | {"odc-by", "odc-by-1.0", "odbl", "odbl-1.0", "gfdl-1.1", "gfdl-1.2", "gfdl-1.3"}
    | {f"{family}-{v}" for family in ("cc-by", "cc-by-sa") for v in _CC_VERSIONS}
)
# A Creative Commons BY or BY-SA license ported to a jurisdiction ('cc-by-3.0-us', 'igo').
_CC_PORT = re.compile(r"^cc-by(?:-sa)?-\d\.\d-(?!(?:nc|nd|sa|by)$)[a-z]{2,3}$")
# NonCommercial / NoDerivatives: verbatim copies are allowed, for non-commercial use only or
# unmodified only. They are withheld unless the curator names them (`--publish-license`): the
# card does not tell each article's license (its sources table stops at 50 sources and the
# dataset's `license` is one id or `other`), and the quotes, quotes_bio and stance configs carry
# cuts of the text with no license beside them, under the annotations' license. A user reading
# one of those rows could not know that its text may not be used commercially.
RESTRICTED_USE_LICENSES = frozenset(
    f"cc-by-{terms}{version}"
    for terms in ("nc", "nd", "nc-sa", "nc-nd", "nd-nc")
    for version in ("", *(f"-{v}" for v in _CC_VERSIONS))
)

# A license naming one of these forbids redistributing the text (whole words, any case: a
# copyright notice without a license reserves every right; "unrestricted" is not "restricted").
RESTRICTIVE_LICENSE_MARKERS = (
    "all rights reserved",
    "proprietary",
    "no redistribution",
    "no-redistribution",
    "not for redistribution",
    "restricted",
    "copyright",
    "©",
    "(c)",
    "tous droits réservés",
    "alle rechte vorbehalten",
    "todos los derechos reservados",
    "todos os direitos reservados",
    "tutti i diritti riservati",
    "alle rechten voorbehouden",
)
_RESTRICTIVE = re.compile(
    "|".join(rf"(?<!\w){re.escape(m)}(?!\w)" for m in RESTRICTIVE_LICENSE_MARKERS)
)

# license_id's form -> license_key's: a Creative Commons URL or long name becomes its id.
_NOTE = re.compile(r"\s*\(.*\)\s*$")


def _word(pattern: str) -> str:
    return rf"(?<![^-]){pattern}(?![^-])"


_SPELLINGS = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (
            r"^(?:https?://)?(?:www\.)?creativecommons\.org/licenses/([a-z-]+)/(\d\.\d)"
            r"(?:/([a-z]{2,3})(?=/|$))?.*$",
            r"cc-\1-\2-\3",
        ),
        (r"^(?:https?://)?(?:www\.)?creativecommons\.org/publicdomain/zero/(\d\.\d).*$", r"cc0-\1"),
        (_word("creative-commons"), "cc"),
        (_word("attribution"), "by"),
        (_word("share-?alike"), "sa"),
        (_word("non-?commercial"), "nc"),
        (_word("no-?deriv(?:ative)?s"), "nd"),
        (_word("(?:international|unported|generic|universal|public-licen[cs]e|licen[cs]e)"), ""),
        (r"^(?=by(?![^-]))", "cc-"),
        (r"^cc-(?:0|zero)(?![^-])", "cc0"),
        (_word(r"(\d)"), r"\1.0"),
        (r"-{2,}", "-"),
    )
)

# Why a text is withheld (counted for the card).
BY_SOURCE = "source withheld on request"
BY_LICENSE = "license withheld on request"
BY_UNKNOWN_LICENSE = "license unknown"
BY_RESTRICTIVE_LICENSE = "license forbids redistribution"
BY_RESTRICTED_USE_LICENSE = "license restricts commercial use or changes"
BY_UNLISTED_LICENSE = "license not known to permit redistribution"


def _spaced(value: str) -> str:
    return re.sub(r"[\s_]+", "-", _NOTE.sub("", value).strip().lower())


def is_unknown_license(license: str | None) -> bool:
    if license is None:
        return True
    spaced = _spaced(license)
    return spaced in _UNKNOWN_SPELLINGS or not any(c.isalnum() for c in spaced)


def license_id(value: str | None) -> str:
    """A license as the Hub spells its ids: 'CC BY 4.0 (synthetic)' -> 'cc-by-4.0'."""
    if value is None or is_unknown_license(value):
        return UNKNOWN_LICENSE
    return _spaced(value)


@lru_cache(maxsize=4096)
def license_key(value: str | None) -> str:
    """The id a license value is matched by: license_id, with a Creative Commons URL or long name
    ('Creative Commons Attribution-ShareAlike 4.0 International') turned into its id. Cached: a
    corpus holds a few license values, each met on every one of its articles."""
    key = license_id(value)
    if key == UNKNOWN_LICENSE:
        return key
    for pattern, replacement in _SPELLINGS:
        key = pattern.sub(replacement, key)
    return key.strip("-")


def is_redistributable(key: str) -> bool:
    """Whether a license_key names a license known to permit redistributing the text."""
    return key in REDISTRIBUTABLE_LICENSES or _CC_PORT.match(key) is not None


def _key(value: str) -> str:
    return value.strip().lower()


@dataclass(frozen=True)
class LicensePolicy:
    """Which articles are published without their text, and why."""

    withhold_licenses: tuple[str, ...] = ()  # as the curator spelled them
    withhold_sources: frozenset[str] = frozenset()
    publish_unknown: bool = False
    publish_licenses: tuple[str, ...] = ()  # as the curator spelled them

    @classmethod
    def of(
        cls,
        licenses: Iterable[str] = (),
        sources: Iterable[str] = (),
        publish_unknown: bool = False,
        publish_licenses: Iterable[str] = (),
    ) -> LicensePolicy:
        return cls(
            tuple(licenses),
            frozenset(_key(x) for x in sources),
            publish_unknown,
            tuple(publish_licenses),
        )

    @cached_property
    def _withheld(self) -> frozenset[str]:
        return frozenset(license_key(x) for x in self.withhold_licenses)

    @cached_property
    def _published(self) -> frozenset[str]:
        return frozenset(license_key(x) for x in self.publish_licenses)

    def reason(self, license: str | None, source: str | None) -> str | None:
        """Why the article's text is withheld, None when it is published. Withholding on
        request wins over naming a license to publish, which wins over everything else."""
        if source and _key(source) in self.withhold_sources:
            return BY_SOURCE
        key = license_key(license)
        if key in self._withheld:
            return BY_LICENSE
        if key == UNKNOWN_LICENSE:
            published = self.publish_unknown or key in self._published
            return None if published else BY_UNKNOWN_LICENSE
        if key in self._published:
            return None
        if _RESTRICTIVE.search(str(license).lower()):  # a note the key leaves out counts too
            return BY_RESTRICTIVE_LICENSE
        if is_redistributable(key):
            return None
        if key in RESTRICTED_USE_LICENSES:
            return BY_RESTRICTED_USE_LICENSE
        return BY_UNLISTED_LICENSE

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

    def unmatched_licenses(self, licenses: Iterable[str | None]) -> list[tuple[str, str]]:
        """(option, value as given) of each license named on the command line that no article
        (or origin) has, matched by license_key: a typo would otherwise change nothing."""
        present = {license_key(x) for x in licenses}
        options = (
            ("--withhold-license", self.withhold_licenses),
            ("--publish-license", self.publish_licenses),
        )
        return [
            (option, value)
            for option, values in options
            for value in values
            if license_key(value) not in present
        ]


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
