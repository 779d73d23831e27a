"""Bytes to text for the text-based formats: refuses binary data and unknown encodings.

Must never guess silently: a page whose encoding cannot be established is rejected, because a
wrong guess would put mojibake under a stable id forever.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import Any

import ftfy
from charset_normalizer import from_bytes

from newscorpus.errors import RejectError

# Control characters other than tab, newline, carriage return and form feed: text has few of these,
# binary files have many.
_CONTROL = set(range(0, 9)) | {11} | set(range(14, 32))
_BINARY_SIGNATURES = (
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"%PDF",
    b"PK\x03\x04",
    b"\x7fELF",
    b"\x1f\x8b",
)


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: known binary signatures, NUL bytes or many control bytes."""
    head = data[:8192]
    if head.startswith(_BINARY_SIGNATURES) or b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b in _CONTROL)
    return controls / len(head) > 0.05


# On short Western pages several single-byte code pages explain the bytes equally well; the web's
# most common one wins such ties, so "à" stays "à" rather than becoming cp1250's "ŕ".
_PREFERRED = ("cp1252", "iso8859_15", "latin_1")


def _most_likely(data: bytes) -> Any:
    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    for match in matches:
        if match.encoding in _PREFERRED and match.chaos <= best.chaos:
            return match
    return best


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode bytes as text: a BOM, then UTF-8, then a declared charset, then detection.

    Raises:
        RejectError: `empty` for no bytes or only whitespace, `binary` for non-text data,
            `encoding` when no encoding explains the bytes with confidence.
    """
    if not data.strip():
        raise RejectError("empty", "the input has no content")
    if looks_binary(data):
        raise RejectError("binary", "the input is binary data, not text")
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    best = _most_likely(data[:200_000])
    if best is None or best.encoding is None or best.chaos > 0.2:
        raise RejectError(
            "encoding",
            f"bytes are not valid UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) "
            "and no other encoding explains them",
        )
    try:
        return data.decode(best.encoding)
    except UnicodeDecodeError as err:
        raise RejectError(
            "encoding", f"detected {best.encoding} but decoding failed: {err}"
        ) from err


# ftfy repairs mojibake but, by default, also straightens curly quotes: keep them as written.
_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, normalization="NFC", explain=False)
# UTF-8 read as Latin-1/cp1252 always leaves a lead byte (Â-ô) right before a continuation byte
# (U+0080-U+00BF or a cp1252 special). Text without such a pair cannot hold that mojibake, so ftfy
# (slow: ~5 ms on a 10 KB page) runs only where this finds one; ftfy still decides what to fix.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    "\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039"
    "\u203a\u20ac\u2122]"
)


def repair_text(text: str) -> str:
    """Mojibake repaired (ftfy, where there can be any) and Unicode NFC."""
    if _MOJIBAKE_HINT.search(text):
        text = ftfy.fix_text(text, _FTFY_CONFIG)
    return unicodedata.normalize("NFC", text)
