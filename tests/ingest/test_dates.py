"""The shared date parser: only dates the string states in full, in an order that can be told.

Specification (ingest/dates.py docstring): a string missing its day, month or year is None, not a
date completed from today; a numeric date with more than one reading is None; a date later than
now plus a day of clock skew is None; what remains is an aware UTC datetime.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newscorpus.ingest.dates import CLOCK_SKEW, as_published, parse_date

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("found", ["March 2019", "2019", "Friday", "12 March", "2019-03"])
def test_a_date_missing_its_day_month_or_year_is_none(found: str) -> None:
    assert parse_date(found, now=NOW) is None


@pytest.mark.parametrize("found", ["05/06/2019", "5.6.2019", "05-06-2019", "21/06/14"])
def test_a_numeric_date_with_two_readings_is_none(found: str) -> None:
    assert parse_date(found, now=NOW) is None


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        ("19/11/2019", datetime(2019, 11, 19, tzinfo=UTC)),
        ("11/19/2019", datetime(2019, 11, 19, tzinfo=UTC)),
        ("05/05/2019", datetime(2019, 5, 5, tzinfo=UTC)),
        ("2019/05/06", datetime(2019, 5, 6, tzinfo=UTC)),
        ("13.6.2019", datetime(2019, 6, 13, tzinfo=UTC)),
    ],
)
def test_a_numeric_date_with_one_reading_parses(found: str, expected: datetime) -> None:
    assert parse_date(found, now=NOW) == expected


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        ("March 3, 2024 at 09:15 KST", datetime(2024, 3, 3, 0, 15, tzinfo=UTC)),
        ("Nov. 19, 2019 8:03 am ET", datetime(2019, 11, 19, 13, 3, tzinfo=UTC)),
        ("19 November 2019, 09:01 AM", datetime(2019, 11, 19, 9, 1, tzinfo=UTC)),
        ("2018-08-25 15:24", datetime(2018, 8, 25, 15, 24, tzinfo=UTC)),
        ("21/06/2014", datetime(2014, 6, 21, tzinfo=UTC)),
        ("18 Nov 2019 18.54 GMT", datetime(2019, 11, 18, 18, 54, tzinfo=UTC)),
        ("Friday, 12 March 2021", datetime(2021, 3, 12, tzinfo=UTC)),
        ("2024-03-01T10:00:00+01:00", datetime(2024, 3, 1, 9, 0, tzinfo=UTC)),
    ],
)
def test_a_full_date_string_parses_to_utc(found: str, expected: datetime) -> None:
    assert parse_date(found, now=NOW) == expected


def test_a_date_with_a_zone_that_cannot_be_placed_keeps_the_day_only() -> None:
    assert parse_date("Nov 20, 2019 01:41 PM IST", now=NOW) == datetime(2019, 11, 20, tzinfo=UTC)


@pytest.mark.parametrize("found", [None, "", "sometime last week", "9" * 200])
def test_a_string_that_is_no_date_is_none(found: str | None) -> None:
    assert parse_date(found, now=NOW) is None


def test_a_date_more_than_a_day_ahead_of_now_is_none() -> None:
    assert parse_date("December 7, 2026", now=NOW) is None
    assert as_published(NOW + CLOCK_SKEW + CLOCK_SKEW, now=NOW) is None


def test_a_date_within_a_day_of_clock_skew_is_kept() -> None:
    assert parse_date("December 6, 2026", now=NOW) == datetime(2026, 12, 6, tzinfo=UTC)


def test_a_naive_time_is_taken_as_utc() -> None:
    assert as_published(datetime(2020, 1, 2, 3, 4), now=NOW) == datetime(
        2020, 1, 2, 3, 4, tzinfo=UTC
    )
