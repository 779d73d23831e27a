"""The one date parser of every reader: a publication date as written -> a UTC datetime, or None.

`published` is what researchers filter and sort a corpus by, and the same string must give the
same date whichever file holds it, so page dumps, JSONL/Parquet records and HTML pages all go
through here. A date is returned only when the string states its year, month and day, in an order
that can be told: anything less is None, not a guess.

Must never make up a part of a date: dateutil fills what a string lacks from its default (today's
day for "March 2019", today's year for "12 March", the coming Friday for "Friday"), so every
string is parsed with two defaults that differ in year, month and day, and one that comes out
differently lacks a part. Must never return a date later than now plus a day of clock skew.
"""

from __future__ import annotations

import re
import warnings
from datetime import UTC, date, datetime, timedelta, timezone

from dateutil import parser as date_parser
from dateutil.parser import UnknownTimezoneWarning

__all__ = ["CLOCK_SKEW", "as_published", "parse_date", "written_day"]

# No written date is longer; dateutil is slow on long strings.
MAX_DATE_CHARS = 100
# How far past now a stated date may be: a server's clock or a time zone, not a future article.
CLOCK_SKEW = timedelta(days=1)
# Two defaults that differ in every part of a date: a part the string lacks shows as a difference.
_DEFAULTS = (datetime(2001, 1, 1), datetime(2002, 2, 2))

# A date of three numbers ("05/06/2019", "5.6.19", "21-06-2014"), not the tail of a longer one.
_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,4})([/.-])(\d{1,2})\2(\d{2,4})(?![\d/.-])")
# The orders a numeric date is written in, by region; a year of two digits may also come first.
_DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _YEAR_MONTH_DAY = (0, 1, 2), (1, 0, 2), (2, 1, 0)
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


def parse_date(found: str | None, now: datetime | None = None) -> datetime | None:
    """A date string as written, as an aware UTC datetime; None when it is not clearly a date.

    A date without a time zone is taken as UTC; one whose zone cannot be placed ("IST" is
    India's, Ireland's or Israel's) keeps its day only. A numeric date must have one reading:
    "19/11/2019" parses, "05/06/2019" (May or June) does not, nor "21/06/14" (2014 or 2021).
    """
    stamp = _stated(found)
    return as_published(stamp, now) if stamp else None


def written_day(found: str | None) -> date | None:
    """The calendar day a string states, by the same rules, in its own zone (its UTC date may be
    the day before or after)."""
    stamp = _stated(found)
    return stamp.date() if stamp else None


def as_published(stamp: datetime | date | None, now: datetime | None = None) -> datetime | None:
    """A stated date or time as an aware UTC datetime (naive ones taken as UTC); None for one
    later than `now` (the current time by default) plus CLOCK_SKEW, or beyond what UTC holds."""
    if stamp is None:
        return None
    if not isinstance(stamp, datetime):
        stamp = datetime(stamp.year, stamp.month, stamp.day)
    try:
        stamp = stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)
    except (OverflowError, ValueError):  # an offset that carries it past year 1 or 9999
        return None
    if stamp > (now or datetime.now(UTC)) + CLOCK_SKEW:
        return None
    return stamp


def _stated(found: str | None) -> datetime | None:
    """The date and time `found` states in full and in one reading, in its own zone if any."""
    if not found or not found.strip() or len(found) > MAX_DATE_CHARS:
        return None
    readings = _numeric_readings(found)
    if len(readings) > 1:
        return None
    stamp = _parse_with_zone(_DOTTED_TIME.sub(r"\1:\2", found))
    if stamp is None or (readings and stamp.date() not in readings):
        return None
    return stamp


def _parse_with_zone(found: str) -> datetime | None:
    """The stated date and time; the date alone when the zone cannot be placed."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnknownTimezoneWarning)
        try:
            return _parse_whole(found)
        except UnknownTimezoneWarning:
            pass
        try:
            day = _parse_whole(_TIME_AND_ZONE.sub("", found))
        except UnknownTimezoneWarning:
            return None
    return None if day is None else datetime(day.year, day.month, day.day)


def _parse_whole(found: str) -> datetime | None:
    """The date dateutil reads when the string states all of year, month and day; else None."""
    try:
        first = date_parser.parse(found, default=_DEFAULTS[0], tzinfos=_ZONES)
        second = date_parser.parse(found, default=_DEFAULTS[1], tzinfos=_ZONES)
    except (ValueError, OverflowError, TypeError):
        return None
    return first if first == second else None


def _numeric_readings(found: str) -> set[date]:
    """The calendar dates a numeric date in `found` can be, one per order it may be written in
    (none without a numeric date)."""
    match = _NUMERIC_DATE.search(found)
    if match is None:
        return set()
    parts = (match.group(1), match.group(3), match.group(4))
    orders = [_DAY_MONTH_YEAR, _MONTH_DAY_YEAR]
    if len(parts[0]) > 2:
        orders = [_YEAR_MONTH_DAY]
    elif len(parts[2]) == 2:
        orders.append(_YEAR_MONTH_DAY)
    readings = {_calendar_date(*(parts[i] for i in order)) for order in orders}
    return {reading for reading in readings if reading is not None}


def _calendar_date(day: str, month: str, year: str) -> date | None:
    full_year = int(year) + (2000 if int(year) < 70 else 1900) if len(year) == 2 else int(year)
    try:
        return date(full_year, int(month), int(day))
    except ValueError:
        return None
