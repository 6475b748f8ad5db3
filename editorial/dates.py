"""Dates as precise as their source: "in 2024" is a year, not 1 January 2024.

A partial date is stored in two columns, `<name>` (the first day of the period, so it sorts and
compares) and `<name>_precision`. `PartialDate` is the value pages and the API show, written in
ISO 8601's reduced precision forms: "2024", "2024-10", "2024-10-22".
"""

import calendar
import datetime
import re
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
