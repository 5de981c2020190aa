"""ISO dates at the precision the text gives, as the periods the store and the dyad index work with.

A record's dates are ISO 8601 strings at their own precision: ``2009``, ``2009-07``, ``2009-07-06``,
``2009-07-06T12:30:00+00:00``, or ``--11-19`` when no year is known. The store turns each into the
period it covers, ``(first day, last day, precision)``, so that a month-dated event can be compared
with a day-dated one; a date with no year has no period (None), never a guessed year.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..errors import DetenteError

__all__ = ["Period", "period_of", "parse_bound", "bucket_of", "BUCKETS", "PRECISION_RANK"]

_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?\s*$")

# How coarse each precision is; a period can be placed in a bucket only when it is not coarser.
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
BUCKETS = ("day", "week", "month", "year")


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    """Last day of the period (inclusive)."""
    precision: str
    """``day``, ``month`` or ``year``."""


def period_of(value: str | None) -> Period | None:
    """The period an ISO date string covers; None when it is missing, yearless or unreadable."""
    if not value:
        return None
    m = _ISO.match(value)
    if not m:
        return None
    year = int(m.group(1))
    try:
        if m.group(3):
            d = date(year, int(m.group(2)), int(m.group(3)))
            return Period(d, d, "day")
        if m.group(2):
            month = int(m.group(2))
            last = calendar.monthrange(year, month)[1]
            return Period(date(year, month, 1), date(year, month, last), "month")
        return Period(date(year, 1, 1), date(year, 12, 31), "year")
    except ValueError:  # 2009-13-45: not a date
        return None


def parse_bound(value: str | date | None, *, end: bool, name: str = "date") -> date | None:
    """A user's ``--from``/``--to`` bound: ``2009``, ``2009-07`` or ``2009-07-06``.

    A lower bound is the first day of the period it names, an upper bound the last, so
    ``--from 2009-03 --to 2009-07`` covers March 1 to July 31.
    """
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    period = period_of(str(value))
    if period is None or not re.match(r"^\s*\d{4}(-\d{1,2}){0,2}\s*$", str(value)):
        raise DetenteError("E306", f"cannot read the {name} {value!r}",
                           "write dates as YYYY, YYYY-MM or YYYY-MM-DD")
    return period.end if end else period.start


def bucket_of(day: date, by: str) -> tuple[str, date, date]:
    """(label, first day, last day) of the ``by`` bucket holding ``day``.

    Weeks are ISO weeks (Monday to Sunday) labelled ``2009-W28``.
    """
    if by == "day":
        return day.isoformat(), day, day
    if by == "week":
        monday = day - timedelta(days=day.weekday())
        iso = monday.isocalendar()
        return f"{iso.year}-W{iso.week:02d}", monday, monday + timedelta(days=6)
    if by == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return f"{day.year:04d}-{day.month:02d}", day.replace(day=1), day.replace(day=last)
    if by == "year":
        return f"{day.year:04d}", date(day.year, 1, 1), date(day.year, 12, 31)
    raise DetenteError("E307", f"unknown period {by!r}", "use one of: " + ", ".join(BUCKETS))


def next_bucket(last_day: date) -> date:
    """First day of the bucket after the one ending on ``last_day``."""
    return last_day + timedelta(days=1)
