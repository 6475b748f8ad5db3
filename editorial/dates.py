"""Dates as precise as their source: "in 2024" is a year, not 1 January 2024.

A partial date is stored in two columns, `<name>` (the first day of the period, so it sorts and
compares) and `<name>_precision`. `PartialDate` is the value pages and the API show, written in
ISO 8601's reduced precision forms: "2024", "2024-10", "2024-10-22".
"""

import calendar
import datetime
import re
import unicodedata
from dataclasses import dataclass

from django.db import models


class DatePrecision(models.TextChoices):
    YEAR = "year", "Year"
    MONTH = "month", "Month"
    DAY = "day", "Day"


_ISO = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    date: datetime.date
    precision: str = DatePrecision.DAY

    def __post_init__(self):
        if self.precision not in DatePrecision.values:
            raise ValueError(f"Unknown date precision {self.precision!r}.")
        # Normalise so that equal periods compare equal: 2024 at year precision is 2024-01-01.
        normalised = self.date
        if self.precision == DatePrecision.YEAR:
            normalised = self.date.replace(month=1, day=1)
        elif self.precision == DatePrecision.MONTH:
            normalised = self.date.replace(day=1)
        object.__setattr__(self, "date", normalised)

    @classmethod
    def parse(cls, value: str) -> "PartialDate":
        """Read "2024", "2024-10" or "2024-10-22"; anything else is a ValueError."""
        match = _ISO.match(value.strip())
        if not match:
            raise ValueError(f"{value!r} is not a date written as YYYY, YYYY-MM or YYYY-MM-DD.")
        year, month, day = match["year"], match["month"], match["day"]
        if day:
            return cls(datetime.date(int(year), int(month), int(day)), DatePrecision.DAY)
        if month:
            return cls(datetime.date(int(year), int(month), 1), DatePrecision.MONTH)
        return cls(datetime.date(int(year), 1, 1), DatePrecision.YEAR)

    @classmethod
    def from_fields(cls, date: datetime.date | None, precision: str | None) -> "PartialDate | None":
        if date is None:
            return None
        return cls(date, precision or DatePrecision.DAY)

    @property
    def last_day(self) -> datetime.date:
        """The last day of the period: what "until 2024" reaches."""
        if self.precision == DatePrecision.YEAR:
            return self.date.replace(month=12, day=31)
        if self.precision == DatePrecision.MONTH:
            return self.date.replace(day=calendar.monthrange(self.date.year, self.date.month)[1])
        return self.date

    def isoformat(self) -> str:
        if self.precision == DatePrecision.YEAR:
            return f"{self.date.year:04d}"
        if self.precision == DatePrecision.MONTH:
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return self.date.isoformat()

    def display(self) -> str:
        """As a reader writes it: "2024", "October 2025", "22 October 2025"."""
        if self.precision == DatePrecision.YEAR:
            return str(self.date.year)
        if self.precision == DatePrecision.MONTH:
            return f"{calendar.month_name[self.date.month]} {self.date.year}"
        return f"{self.date.day} {calendar.month_name[self.date.month]} {self.date.year}"

    def __str__(self):
        return self.isoformat()


_MONTHS = (
    {name.casefold(): number for number, name in enumerate(calendar.month_name) if name}
    | {name.casefold(): number for number, name in enumerate(calendar.month_abbr) if name}
    | {"sept": 9}
)
_MONTH = rf"(?P<month>{'|'.join(sorted(_MONTHS, key=len, reverse=True))})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
# Each way a source writes a date out, and the precision it gives ("22 October 2025" also states October 2025).
_WRITTEN = [
    (DatePrecision.DAY, re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")),
    (DatePrecision.DAY, re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE)),
    (DatePrecision.DAY, re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE)),
    (DatePrecision.DAY, re.compile(r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*[日号號]")),
    (DatePrecision.MONTH, re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})\b(?!-\d)")),
    (DatePrecision.MONTH, re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE)),
    (DatePrecision.MONTH, re.compile(r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月")),
    (DatePrecision.YEAR, re.compile(r"(?<![\d.,$])(?P<year>\d{4})(?![\d])")),
]


def dates_in(text: str) -> list[PartialDate]:
    """Every date the text writes out ("22 Oct 2025", "2025-10", "2025年10月22日"); "on Wednesday" is none."""
    text = unicodedata.normalize("NFKC", text)  # full-width digits
    found = []
    for precision, pattern in _WRITTEN:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            month = groups.get("month")
            if month is not None and not month.isdigit():
                month = _MONTHS[month.casefold()]
            try:
                date = datetime.date(int(groups["year"]), int(month or 1), int(groups.get("day") or 1))
            except ValueError:
                continue  # "2025-13", "31 February": not a date
            found.append(PartialDate(date, precision))
    return found


def states_date(text: str, date: PartialDate) -> bool:
    """Whether the text states the date at its precision: a month by the month or a day in it, and so on."""
    rank = {str(DatePrecision.YEAR): 0, str(DatePrecision.MONTH): 1, str(DatePrecision.DAY): 2}
    return any(
        rank[written.precision] >= rank[date.precision] and PartialDate(written.date, date.precision) == date
        for written in dates_in(text)
    )
