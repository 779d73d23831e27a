"""Withholding texts: which articles are published without their text, and how hydrate restores it.

An article whose license (or source) forbids redistribution is published with ids, URLs, hashes
and offsets only: the row builders (rows.py) null its text fields. The restorers below are the
other side: `newscorpus hydrate` applies a config's restorers (named in its entry, configs.py)
to a withheld row once the user's own copy of the text matched its SHA-256, so every text comes
back cut at the published offsets. Pure: reads and writes no files.
"""

from __future__ import annotations

from collections.abc import Iterable
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


@dataclass(frozen=True)
class LicensePolicy:
    """Which articles are published without their text."""

    withhold_licenses: frozenset[str] = frozenset()
    withhold_sources: frozenset[str] = frozenset()

    @classmethod
    def of(cls, licenses: Iterable[str] = (), sources: Iterable[str] = ()) -> LicensePolicy:
        return cls(
            frozenset(x.strip().lower() for x in licenses),
            frozenset(x.strip().lower() for x in sources),
        )

    def withholds(self, license: str | None, source: str | None) -> bool:
        if source and source.strip().lower() in self.withhold_sources:
            return True
        if not license:
            return False
        lowered = license.strip().lower()
        return lowered in self.withhold_licenses or any(
            marker in lowered for marker in RESTRICTIVE_LICENSE_MARKERS
        )


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
