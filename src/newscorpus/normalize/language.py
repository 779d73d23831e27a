"""The language an input declares, as an ISO 639 code the Hub accepts, or None.

Readers pass on whatever the input says: `en_US` (a locale), `en-GB` (a BCP 47 tag), `EN`, `eng`,
`English`. The corpus's `language` column, and through it the dataset card's metadata, must hold
only valid codes, the two-letter ISO 639-1 one where there is one (as `detect_language` gives).
The codes, the deprecated and three-letter aliases of two-letter ones, and the English names of
languages come from the Unicode CLDR data shipped with Babel. Anything else is unknown (None):
never an invalid code. Pure: reads no file of the corpus, prints nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale
from babel.core import get_global

# Subtags of a locale or language tag: "en_US", "en-Latn-GB", "zh-Hans".
_SUBTAGS = re.compile(r"[-_]")
# Codes that say the language is not known or not a language: the same as no code.
NOT_A_LANGUAGE = frozenset({"und", "mis", "zxx"})
# ISO 639 codes are two or three ASCII letters.
_CODE = re.compile(r"[a-z]{2,3}")


@lru_cache(maxsize=1)
def _tables() -> tuple[frozenset[str], dict[str, str], dict[str, str]]:
    """(valid codes, alias -> code, lower-cased English name -> code), from CLDR."""
    names = Locale("en").languages
    aliases = {
        alias: _SUBTAGS.split(target)[0].lower()
        for alias, target in get_global("language_aliases").items()
        if _CODE.fullmatch(alias)
    }
    codes = {code for code in names if _CODE.fullmatch(code)} | set(aliases.values())
    by_name = {name.lower(): _SUBTAGS.split(code)[0].lower() for code, name in names.items()}
    return frozenset(codes - NOT_A_LANGUAGE), aliases, by_name


def declared_language(value: str | None) -> str | None:
    """The ISO 639 code of a declared language (locale, tag, code or English name), or None."""
    if value is None or not value.strip():
        return None
    codes, aliases, by_name = _tables()
    text = " ".join(value.split()).lower()
    code = by_name.get(text) or _SUBTAGS.split(text)[0]
    code = aliases.get(code, code)
    return code if code in codes else None


__all__ = ["NOT_A_LANGUAGE", "declared_language"]
