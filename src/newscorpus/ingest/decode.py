"""Bytes to text for the text-based formats: refuses binary data and unknown encodings.

Must never guess silently: a page whose encoding cannot be established is rejected, because a
wrong guess would put mojibake under a stable id forever. Byte-order marks (UTF-8, UTF-16, UTF-32)
are honoured. A file that is UTF-8 but for a few stray bytes is decoded as UTF-8 with those bytes
replaced by U+FFFD and counted (`Decoded.replaced`), never re-guessed as another code page.
A declared charset is read as browsers read it (WHATWG Encoding Standard): "iso-8859-1" or
"us-ascii" on a page means Windows-1252, whose curly quotes would otherwise become C1 controls.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import Any, NamedTuple

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


# Labels the WHATWG Encoding Standard maps to a superset of the code page they name (or that Python
# spells otherwise), by the Python codec browsers in effect use. Pages labelled "iso-8859-1" are
# nearly always Windows-1252, and so on.
_WHATWG_SUPERSETS: dict[str, tuple[str, ...]] = {
    "cp1252": (
        "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
        "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1",
        "us-ascii", "windows-1252", "x-cp1252",
    ),
    "cp1254": (
        "cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599",
        "iso_8859-9", "iso_8859-9:1989", "l5", "latin5", "windows-1254", "x-cp1254",
    ),
    "cp874": ("dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874"),
    "gbk": (
        "chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk",
        "iso-ir-58", "x-gbk",
    ),
    "cp949": (
        "cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987",
        "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949",
    ),
    "cp932": (
        "csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j",
        "x-sjis",
    ),
    "big5hkscs": ("big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"),
    "iso8859-8": ("csiso88598i", "iso-8859-8-i", "logical"),
}  # fmt: skip
_WEB_CODEC = {label: codec for codec, labels in _WHATWG_SUPERSETS.items() for label in labels}


def _python_name(label: str) -> str | None:
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


# Python's own spellings of the same code pages ("latin_1", "euc_kr"), as detection names them.
_WEB_CODEC_BY_PYTHON_NAME = {
    name: codec for label, codec in _WEB_CODEC.items() if (name := _python_name(label))
}


def web_codec(label: str) -> str:
    """The codec a browser decodes a page labelled `label` with: the label's superset where the
    WHATWG Encoding Standard names one, else the label itself (stripped)."""
    label = label.strip("\t\n\f\r ").lower()
    if label in _WEB_CODEC:
        return _WEB_CODEC[label]
    return _WEB_CODEC_BY_PYTHON_NAME.get(_python_name(label) or label, label)


class Decoded(NamedTuple):
    """Text decoded from bytes, the codec that decoded it, and how many bytes it could not."""

    text: str
    encoding: str
    # Invalid byte sequences (or lone surrogates) replaced by U+FFFD: a warning, not an error.
    replaced: int = 0


# UTF-32's little-endian BOM starts with UTF-16's: it must be tried first.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# A file that is mostly UTF-8 but holds a few stray bytes is UTF-8 with those bytes replaced,
# never another code page: either most of its non-ASCII characters decode as UTF-8, or some are
# three- or four-byte sequences (which legacy single-byte text does not form by chance) and the
# stray bytes are at most this share of the file.
MAX_STRAY_SHARE = 0.005
# Text after a BOM with more replaced characters than this share is binary data, not text.
MAX_REPLACED_SHARE_AFTER_BOM = 0.01
_VALID_NON_ASCII = re.compile("[^\x00-\x7f\ufffd]")
_THREE_OR_FOUR_BYTES = re.compile("[\u0800-\ufffc\ufffe-\U0010ffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def bom_encoding(head: bytes) -> str | None:
    """The codec a byte-order mark at the start of `head` names, or None."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    return None


def _decode_replacing(data: bytes, encoding: str) -> Decoded:
    text = data.decode(encoding, errors="replace")
    replaced = text.count("\ufffd")
    if replaced:  # U+FFFD written in the file itself is not a replacement
        replaced -= data.decode(encoding, errors="ignore").count("\ufffd")
    return Decoded(text, encoding, replaced)


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with its few bad bytes replaced, when the bytes are UTF-8 but for those."""
    decoded = _decode_replacing(data, "utf-8")
    valid = len(_VALID_NON_ASCII.findall(decoded.text))
    if not valid:
        return None
    if decoded.replaced <= valid or (
        _THREE_OR_FOUR_BYTES.search(decoded.text)
        and decoded.replaced <= MAX_STRAY_SHARE * len(data)
    ):
        return decoded
    return None


def _after_bom(data: bytes, encoding: str) -> Decoded:
    decoded = _decode_replacing(data, encoding)
    if not decoded.text.strip():
        raise RejectError("empty", "the input has no content")
    if decoded.replaced > max(8, MAX_REPLACED_SHARE_AFTER_BOM * len(decoded.text)):
        raise RejectError("binary", f"the bytes after the {encoding} byte-order mark are not text")
    return decoded


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode bytes as text: a BOM, then UTF-8 (with a few bad bytes replaced), then a declared
    charset, then detection.

    Raises:
        RejectError: `empty` for no bytes or only whitespace, `binary` for non-text data,
            `encoding` when no encoding explains the bytes with confidence.
    """
    if not data.strip():
        raise RejectError("empty", "the input has no content")
    bom = bom_encoding(data)
    if bom:
        return _after_bom(data, bom)
    if looks_binary(data):
        raise RejectError("binary", "the input is binary data, not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    if declared:
        # The superset browsers use, else (bytes it leaves undefined: cp1252's 0x81) the
        # declared code page itself, never a guess over what the page says it is.
        for codec in dict.fromkeys((web_codec(declared), declared)):
            try:
                return Decoded(data.decode(codec), codec)
            except (LookupError, UnicodeDecodeError):
                pass
    best = _most_likely(data[:200_000])
    if best is None or best.encoding is None or best.chaos > 0.2:
        raise RejectError(
            "encoding",
            f"bytes are not valid UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) "
            "and no other encoding explains them",
        )
    codec = web_codec(best.encoding)
    try:
        return Decoded(data.decode(codec), codec)
    except UnicodeDecodeError:
        pass
    try:  # bytes the superset leaves undefined (cp1252's 0x81): the detected code page itself
        return Decoded(data.decode(best.encoding), best.encoding)
    except UnicodeDecodeError as err:
        raise RejectError(
            "encoding", f"detected {best.encoding} but decoding failed: {err}"
        ) from err


def decode_text(data: bytes, declared: str | None = None) -> str:
    """`decode_bytes(data, declared).text`."""
    return decode_bytes(data, declared).text


def stream_encoding(head: bytes) -> str:
    """The codec for a stream whose first bytes are `head` (which may end mid-character).

    A BOM names it; else UTF-8 when the head is UTF-8 (or mostly is); else what detection finds.

    Raises:
        RejectError: as `decode_bytes`.
    """
    bom = bom_encoding(head)
    if bom:
        return bom
    if looks_binary(head):
        raise RejectError("binary", "the input is binary data, not text")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(head) is not None:
        return "utf-8"
    return decode_bytes(head).encoding


def replace_surrogates(text: str) -> tuple[str, int]:
    """`text` with lone surrogates (from JSON escapes such as "\\ud800") replaced by U+FFFD.

    A lone surrogate is not a character: it cannot be written as UTF-8, so a row holding one
    could not be stored.
    """
    if text.isascii():
        return text, 0
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.subn("\ufffd", text)
    return text, 0


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
