"""Word counts for the readers' length thresholds, in every script, spaced or not.

Chinese and Japanese put no spaces between words, nor do Thai, Lao, Khmer and Myanmar: counting
runs of word characters would make a whole paragraph one word and reject every such page as too
short. Those scripts are counted by characters instead, at a typical word length per script.
Korean and the alphabetic scripts separate words by spaces and are counted by runs.

Pure: text in, a number out.
"""

from __future__ import annotations

import re

# Han and kana: a word is about two characters.
_HAN_KANA = "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CHARS_PER_HAN_KANA_WORD = 2
# Thai, Lao, Myanmar, Khmer: a word is about four letters (vowel signs are not counted).
_SOUTHEAST_ASIAN = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
CHARS_PER_SOUTHEAST_ASIAN_WORD = 4

_UNSPACED = re.compile(f"[{_HAN_KANA}{_SOUTHEAST_ASIAN}]")
_WORD = re.compile(r"\w+")
_SPACED_WORD = re.compile(rf"[^\W{_HAN_KANA}{_SOUTHEAST_ASIAN}]+")
_HAN_KANA_CHAR = re.compile(f"[{_HAN_KANA}]")
_SOUTHEAST_ASIAN_LETTER = re.compile(rf"(?=\w)[{_SOUTHEAST_ASIAN}]")


def word_count(text: str) -> int:
    """Words in `text`: runs of word characters, plus unspaced scripts counted by characters."""
    if text.isascii() or not _UNSPACED.search(text):  # most text: no unspaced script at all
        return len(_WORD.findall(text))
    return (
        len(_SPACED_WORD.findall(text))
        + len(_HAN_KANA_CHAR.findall(text)) // CHARS_PER_HAN_KANA_WORD
        + len(_SOUTHEAST_ASIAN_LETTER.findall(text)) // CHARS_PER_SOUTHEAST_ASIAN_WORD
    )


__all__ = ["word_count"]
