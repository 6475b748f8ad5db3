"""PartialDate: dates as precise as their source."""

import datetime
import re

import pytest

from editorial.dates import DatePrecision, PartialDate, states_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024", PartialDate(datetime.date(2024, 1, 1), DatePrecision.YEAR)),
        ("2024-10", PartialDate(datetime.date(2024, 10, 1), DatePrecision.MONTH)),
        ("2024-10-22", PartialDate(datetime.date(2024, 10, 22), DatePrecision.DAY)),
        (" 2024-10 ", PartialDate(datetime.date(2024, 10, 1), DatePrecision.MONTH)),
    ],
)
def test_partial_date_parse_reads_each_precision(text, expected):
    parsed = PartialDate.parse(text)
    assert (parsed.date, parsed.precision) == (expected.date, expected.precision)


NOT_ISO = "is not a date written as YYYY, YYYY-MM or YYYY-MM-DD"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-13", "month must be in 1..12"),  # the shape is right; datetime.date refuses the month
        ("2024-02-30", "day is out of range for month"),
        ("24", NOT_ISO),
        ("2024/10", NOT_ISO),
        ("2024-1", NOT_ISO),
        ("October 2024", NOT_ISO),
        ("", NOT_ISO),
        ("20245", NOT_ISO),
    ],
)
def test_partial_date_parse_refuses_what_is_not_an_iso_date(text, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        PartialDate.parse(text)


@pytest.mark.parametrize("text", ["2024", "2024-10", "2024-10-22", "0999-01-05"])
def test_partial_date_isoformat_round_trips_parse(text):
    assert PartialDate.parse(text).isoformat() == text


def test_partial_date_str_is_isoformat():
    assert str(PartialDate(datetime.date(2025, 10, 22), DatePrecision.MONTH)) == "2025-10"


@pytest.mark.parametrize(
    ("partial_date", "expected"),
    [
        (PartialDate(datetime.date(2024, 6, 15), DatePrecision.YEAR), "2024"),
        (PartialDate(datetime.date(2025, 10, 22), DatePrecision.MONTH), "October 2025"),
        (PartialDate(datetime.date(2025, 10, 22), DatePrecision.DAY), "22 October 2025"),
        (PartialDate(datetime.date(2025, 3, 5)), "5 March 2025"),
    ],
)
def test_partial_date_display_writes_what_a_reader_expects(partial_date, expected):
    assert partial_date.display() == expected


@pytest.mark.parametrize(
    ("partial_date", "expected"),
    [
        (PartialDate(datetime.date(2024, 1, 1), DatePrecision.YEAR), datetime.date(2024, 12, 31)),
        (PartialDate(datetime.date(2024, 10, 1), DatePrecision.MONTH), datetime.date(2024, 10, 31)),
        (PartialDate(datetime.date(2024, 4, 1), DatePrecision.MONTH), datetime.date(2024, 4, 30)),
        (PartialDate(datetime.date(2024, 2, 1), DatePrecision.MONTH), datetime.date(2024, 2, 29)),
        (PartialDate(datetime.date(2023, 2, 1), DatePrecision.MONTH), datetime.date(2023, 2, 28)),
        (PartialDate(datetime.date(2024, 10, 22), DatePrecision.DAY), datetime.date(2024, 10, 22)),
    ],
)
def test_partial_date_last_day_is_the_end_of_the_period(partial_date, expected):
    assert partial_date.last_day == expected


@pytest.mark.parametrize(
    ("given", "precision", "stored"),
    [
        (datetime.date(2024, 6, 15), DatePrecision.YEAR, datetime.date(2024, 1, 1)),
        (datetime.date(2024, 6, 15), DatePrecision.MONTH, datetime.date(2024, 6, 1)),
        (datetime.date(2024, 6, 15), DatePrecision.DAY, datetime.date(2024, 6, 15)),
    ],
)
def test_partial_date_normalises_to_the_first_day_of_its_period(given, precision, stored):
    assert PartialDate(given, precision).date == stored


def test_partial_date_equal_periods_compare_equal():
    assert PartialDate(datetime.date(2024, 3, 9), DatePrecision.YEAR) == PartialDate.parse("2024")
    assert hash(PartialDate(datetime.date(2024, 3, 9), DatePrecision.MONTH)) == hash(PartialDate.parse("2024-03"))


def test_partial_date_same_day_at_other_precision_is_not_equal():
    assert PartialDate.parse("2024") != PartialDate.parse("2024-01-01")
    assert PartialDate.parse("2024-01") != PartialDate.parse("2024-01-01")


def test_partial_date_orders_by_date():
    dates = [PartialDate.parse("2025"), PartialDate.parse("2024-10-22"), PartialDate.parse("2024-03")]
    assert sorted(dates) == [PartialDate.parse("2024-03"), PartialDate.parse("2024-10-22"), PartialDate.parse("2025")]
    assert PartialDate.parse("2024-12-31") < PartialDate.parse("2025")


def test_partial_date_refuses_an_unknown_precision():
    with pytest.raises(ValueError, match="precision"):
        PartialDate(datetime.date(2024, 1, 1), "week")


@pytest.mark.parametrize(
    ("date", "precision", "expected"),
    [
        (None, DatePrecision.YEAR, None),
        (datetime.date(2024, 6, 15), DatePrecision.YEAR, PartialDate.parse("2024")),
        (datetime.date(2024, 6, 15), "", PartialDate.parse("2024-06-15")),
        (datetime.date(2024, 6, 15), None, PartialDate.parse("2024-06-15")),
    ],
)
def test_partial_date_from_fields_reads_a_date_and_its_precision(date, precision, expected):
    assert PartialDate.from_fields(date, precision) == expected


# Dates a text states


@pytest.mark.parametrize(
    "text",
    ["on 22 October 2025", "on October 22, 2025", "on 2025-10-22", "on Wednesday, 22nd Oct. 2025", "於2025年10月22日"],
)
def test_a_day_written_any_way_is_stated(text):
    assert states_date(text, PartialDate.parse("2025-10-22"))


@pytest.mark.parametrize("text", ["on 23 October 2025", "on Wednesday", "in October 2025", "on 22 October 2024"])
def test_another_day_or_a_coarser_date_does_not_state_a_day(text):
    assert not states_date(text, PartialDate.parse("2025-10-22"))


def test_a_month_or_year_is_stated_by_itself_or_a_day_in_it():
    assert states_date("in October 2025", PartialDate.parse("2025-10"))
    assert states_date("on 22 October 2025", PartialDate.parse("2025-10"))
    assert states_date("2025年10月", PartialDate.parse("2025-10"))
    assert not states_date("in November 2025", PartialDate.parse("2025-10"))
    assert states_date("launched in 2024", PartialDate.parse("2024"))
    assert not states_date("launched in 2024", PartialDate.parse("2025"))
    assert not states_date("HK$2024 million", PartialDate.parse("2024"))
