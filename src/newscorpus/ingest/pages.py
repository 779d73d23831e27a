"""Reader for page text dumps (.txt): the whole page as text in, the cleaned article out.

Decodes the bytes, hands the text to the pure cleaner (`ingest.pagedump.clean_page`) and turns
its result into a RawArticle. A dump with no article body (an index of teasers, an error page) is
rejected as `no_article` rather than yielding chrome as text.

Must never write files or guess a date: a published string that is ambiguous (05/06/2019) or
unparseable gives None.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

from dateutil import parser as date_parser
from dateutil.parser import UnknownTimezoneWarning

from newscorpus.errors import RejectError
from newscorpus.ingest.decode import decode_bytes, repair_text
from newscorpus.ingest.pagedump import RULES_VERSION, clean_page
from newscorpus.ingest.raw import RawArticle
from newscorpus.ingest.words import word_count

__all__ = ["parse_published", "read"]

INPUT_FORMAT = "pages"
# Fewer words than this is a stub or a notice, not an article.
MIN_BODY_WORDS = 30

# What an error page says. Its title may be just "404"; its text says what went wrong.
_ERROR_TITLE = re.compile(r"\b(?:404|410)\b|\bnot found\b|\berror\b", re.I)
_ERROR_TEXT = re.compile(
    r"\bpage (?:was |is )?(?:not found|cannot be found|can't be found|does not exist)\b"
    r"|\bthe page you (?:are|were|’re|'re) looking for\b|\bno longer available\b",
    re.I,
)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})\b")
_DOTTED_TIME = re.compile(r"(?<=\s)(\d{1,2})\.(\d{2})(?=\s|$)")  # "18.54 GMT"
_TIME_AND_ZONE = re.compile(r"\s*(?:at\s+)?\d{1,2}:\d{2}.*$", re.I)

# Zone abbreviations news sites print after a time; dateutil does not know them by itself.
_ZONES = {
    name: timezone(timedelta(hours=hours))
    for name, hours in {
        "UTC": 0,
        "GMT": 0,
        "Z": 0,
        "ET": -5,
        "EST": -5,
        "EDT": -4,
        "CT": -6,
        "CST": -6,
        "CDT": -5,
        "MT": -7,
        "MST": -7,
        "MDT": -6,
        "PT": -8,
        "PST": -8,
        "PDT": -7,
        "BST": 1,
        "CET": 1,
        "CEST": 2,
        "KST": 9,
        "JST": 9,
    }.items()
}


def parse_published(found: str | None) -> datetime | None:
    """A date string as printed on a page, as an aware UTC datetime; None when not clear.

    A date without a time zone is taken as UTC. Day-month order must be unambiguous: "19/11/2019"
    parses, "05/06/2019" does not.
    """
    if not found or not found.strip():
        return None
    numeric = _NUMERIC_DATE.search(found)
    if numeric:
        first, second = int(numeric.group(1)), int(numeric.group(2))
        if first <= 12 and second <= 12 and first != second:
            return None
    found = _DOTTED_TIME.sub(r"\1:\2", found)
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnknownTimezoneWarning)
        try:
            stamp = date_parser.parse(found, tzinfos=_ZONES)
        except UnknownTimezoneWarning:
            # A zone we cannot place ("IST" is India's, Ireland's or Israel's): keep the day only.
            day = _date_only(found)
            return datetime(day.year, day.month, day.day, tzinfo=UTC) if day else None
        except (ValueError, OverflowError, TypeError):
            return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone(UTC)


def _date_only(found: str) -> datetime | None:
    without_time = _TIME_AND_ZONE.sub("", found)
    try:
        return date_parser.parse(without_time)
    except (ValueError, OverflowError, TypeError):
        return None


def read(data: bytes, source_file: str, raw_sha256: str) -> Iterator[RawArticle]:
    """Read one page dump into one RawArticle.

    Raises:
        RejectError: empty, binary or encoding (from decoding); no_article when the page has no
            article body.
    """
    # Mojibake is undone before cleaning: the cleaner reads "©", curly quotes and dashes, which a
    # page of UTF-8 read as cp1252 spells "Â©", "â€œ", "â€”".
    decoded = decode_bytes(data)
    page = clean_page(repair_text(decoded.text))
    words = sum(word_count(p) for p in page.paragraphs)
    if words < MIN_BODY_WORDS:
        raise RejectError(
            "no_article",
            f"{source_file}: no article body in the page text ({words} words of prose)",
        )
    title = page.title or ""
    error_title = len(title.split()) <= 10 and _ERROR_TITLE.search(title)
    if words < 150 and (error_title or any(_ERROR_TEXT.search(p) for p in page.paragraphs[:2])):
        raise RejectError("no_article", f"{source_file}: an error page, not an article")
    yield RawArticle(
        source_file=source_file,
        input_format=INPUT_FORMAT,
        raw_sha256=raw_sha256,
        text="\n\n".join(page.paragraphs),
        title=page.title,
        source=page.source,
        authors=page.authors,
        agency=page.agency,
        published=parse_published(page.published),
        captions=page.captions,
        decode_replacements=decoded.replaced,
        extractor=RULES_VERSION,
    )
