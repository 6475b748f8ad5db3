"""The world on a date (valid time): a value derived from dated evidence, with how sure it is.

A fact dated "2024" happened on some day of 2024: by 2025-01-01 it certainly had, by 2023-12-31
it certainly had not, and on 2024-06-01 nobody knows. A derived value says so instead of guessing:
`certain` is False and `between` gives the first and last day on which the deciding event may have
happened; `otherwise` is what holds if it had not happened yet.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from editorial.dates import PartialDate

SURE, NOT_YET, UNKNOWN = "sure", "not yet", "unknown"


class BadAsOf(ValueError):
    """An `as_of` that is not a date written as YYYY, YYYY-MM or YYYY-MM-DD."""


@dataclass(frozen=True)
class AsOf:
    """The date asked for, as written: "2024" asks about the end of 2024 (every fact of 2024 has happened by then)."""

    asked: PartialDate

    @classmethod
    def parse(cls, value: str) -> "AsOf":
        try:
            return cls(PartialDate.parse(value))
        except ValueError as error:  # also datetime's "day is out of range for month"
            raise BadAsOf(str(error)) from None

    @property
    def day(self) -> datetime.date:
        return self.asked.last_day

    def __str__(self):
        return self.asked.isoformat()


def happened(when: PartialDate, on: datetime.date) -> str:
    """SURE when the whole period `when` is on or before `on`, NOT_YET when all of it is after, else UNKNOWN."""
    if when.last_day <= on:
        return SURE
    if when.date > on:
        return NOT_YET
    return UNKNOWN


@dataclass(frozen=True)
class Derived:
    """A value as the sources describe it on a date, and what it rests on."""

    value: Any
    certain: bool
    # First and last day the deciding event may have happened on (None: not known), when not certain.
    between: tuple[datetime.date | None, datetime.date | None] | None = None
    evidence: tuple = ()  # the published citations the value rests on
    otherwise: Any = None  # the value if the uncertain event had not happened by the date
    note: str = ""  # what a reader must know of the answer, in words
    extra: dict = field(default_factory=dict)

    @classmethod
    def during(cls, period: PartialDate, what: str, *, value, evidence: tuple = (), otherwise=None) -> "Derived":
        """A value decided by something that happened during `period`, which spans the date asked about."""
        return cls(
            value=value,
            certain=False,
            between=(period.date, period.last_day),
            evidence=evidence,
            otherwise=otherwise,
            note=f"{what} during {period.display()}: before or after this date is not known",
        )

    @property
    def between_iso(self) -> list[str | None] | None:
        if self.between is None:
            return None
        return [day.isoformat() if day else None for day in self.between]
