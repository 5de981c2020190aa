"""Event dates: resolve a date phrase of the text against the article's date.

reads: a DATE phrase ("In July", "Nov. 5", "last year", "on Wednesday", "in 1990") and the article's
published/updated date      fills: (ISO date at the text's precision, precision) or (None, None)

A partial article date ("--11-19", no year printed) anchors month and day only: "In July" is then
"--07" (month known, year unknown) and "last year" is unknown. Every form is read with regular
expressions (fast). A phrase without a year or a week is placed by the tense of its clause: news
looks back ("met on Friday" is the last Friday up to the article's day, "agreed in December" the last
December), and a future act looks ahead ("will sign on April 8" is the next April 8). Weekdays and
relative days need a full article date.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

__all__ = ["BaseDate", "base_date", "resolve_date"]

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH_RE = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_RE = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR_RE = r"(?P<year>1[5-9]\d\d|20\d\d)"
_FORMS = [
    re.compile(rf"\b{_MONTH_RE}\s+{_DAY_RE},?\s+{_YEAR_RE}\b", re.I),
    re.compile(rf"\b{_DAY_RE}\s+(?:of\s+)?{_MONTH_RE},?\s+{_YEAR_RE}\b", re.I),
    re.compile(rf"\b{_MONTH_RE},?\s+(?:of\s+)?{_YEAR_RE}\b", re.I),
    re.compile(rf"\b{_MONTH_RE}\s+{_DAY_RE}\b(?!\s*(?:%|percent|million|billion))", re.I),
    re.compile(rf"\b{_DAY_RE}\s+(?:of\s+)?{_MONTH_RE}\b", re.I),
    re.compile(rf"\b{_MONTH_RE}(?:'s)?\b", re.I),
    re.compile(rf"\b{_YEAR_RE}\b(?!s)", re.I),
]
_ISO_BASE = re.compile(r"^(?:(?P<year>\d{4})|-)-(?P<month>\d{2})?(?:-(?P<day>\d{2}))?")
_RELATIVE_YEAR = re.compile(r"\b(last|this|next|past|previous|coming)\s+year\b", re.I)
_RELATIVE_MONTH = re.compile(r"\b(last|this|next)\s+month\b", re.I)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAYWORDS = re.compile(r"\b(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<day>yesterday|today|tonight|tomorrow|"
                       + "|".join(_WEEKDAYS) + r")\b", re.I)
_VAGUE = re.compile(r"\b(decades?|years|months|weeks|days|centur(?:y|ies)|era|recent|ago|since|ages?|"
                    r"from|until|between|\d{4}s)\b", re.I)


@dataclass(frozen=True)
class BaseDate:
    """The article's date, as far as it is known."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @property
    def full(self) -> dt.date | None:
        if self.year and self.month and self.day:
            try:
                return dt.date(self.year, self.month, self.day)
            except ValueError:
                return None
        return None


def base_date(article) -> BaseDate:
    """The anchor for relative dates: the article's published date, else its updated date."""
    for value in (getattr(article, "published", None), getattr(article, "updated", None)):
        if not value:
            continue
        m = _ISO_BASE.match(str(value).strip())
        if m and (m.group("year") or m.group("month")):
            return BaseDate(int(m.group("year")) if m.group("year") else None,
                            int(m.group("month")) if m.group("month") else None,
                            int(m.group("day")) if m.group("day") else None)
    return BaseDate()


def _iso(year: int | None, month: int | None = None, day: int | None = None) -> tuple[str, str]:
    if day is not None and month is not None:
        return (f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"), "day"
    if month is not None:
        return (f"{year:04d}-{month:02d}" if year else f"--{month:02d}"), "month"
    return f"{year:04d}", "year"


def _year_for_month(month: int, day: int | None, base: BaseDate, phrase: str, future: bool) -> int | None:
    """Year of a month named without one: the latest such month not after the article (news looks
    back), or for a future act the first one not before it."""
    if base.year is None:
        return None
    if re.search(r"\bnext\b", phrase, re.I):
        return base.year + (1 if base.month and month <= base.month else 0)
    if re.search(r"\blast\b", phrase, re.I) and base.month and month >= base.month:
        return base.year - 1
    if base.month is None:
        return base.year
    if future:
        ahead = month > base.month or (month == base.month and (day is None or base.day is None or day >= base.day))
        return base.year if ahead else base.year + 1
    if month <= base.month:
        return base.year
    return base.year - 1


def _day_word(m: re.Match, anchor: dt.date, future: bool) -> dt.date:
    """The day a weekday or relative day word names, seen from the article's day."""
    word, rel = m.group("day").lower(), (m.group("rel") or "").lower()
    if word in ("today", "tonight"):
        return anchor
    if word in ("yesterday", "tomorrow"):
        return anchor + dt.timedelta(days=-1 if word == "yesterday" else 1)
    wanted = _WEEKDAYS.index(word)
    if rel in ("next", "coming") or (future and rel not in ("last", "past")):
        ahead = (wanted - anchor.weekday()) % 7
        return anchor + dt.timedelta(days=ahead or (7 if rel in ("next", "coming") else 0))
    back = (anchor.weekday() - wanted) % 7
    return anchor - dt.timedelta(days=back or (7 if rel in ("last", "past") else 0))


@functools.lru_cache(maxsize=4096)
def resolve_date(phrase: str, base: BaseDate, future: bool = False) -> tuple[str | None, str | None]:
    """(ISO date, precision) of a date phrase, or (None, None) when it does not fix a date.
    ``future``: the phrase dates an act still to come (its clause is in the future tense)."""
    text = " ".join(phrase.split())
    if not text or _VAGUE.search(text) and not re.search(_YEAR_RE, text):
        return None, None
    m = _RELATIVE_YEAR.search(text)
    if m:
        if base.year is None:
            return None, None
        shift = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[m.group(1).lower()]
        return _iso(base.year + shift)
    m = _RELATIVE_MONTH.search(text)
    if m:
        if base.year is None or base.month is None:
            return None, None
        shift = {"last": -1, "this": 0, "next": 1}[m.group(1).lower()]
        y, mo = divmod(base.year * 12 + base.month - 1 + shift, 12)
        return _iso(y, mo + 1)
    for form in _FORMS:
        m = form.search(text)
        if not m:
            continue
        g = m.groupdict()
        month = _MONTHS[g["month"].lower()] if g.get("month") else None
        day = int(g["day"]) if g.get("day") else None
        year = int(g["year"]) if g.get("year") else None
        if day is not None and not 1 <= day <= 31:
            continue
        if month is None:
            return _iso(year)
        if year is None:
            year = _year_for_month(month, day, base, text, future)
        return _iso(year, month, day)
    m = _DAYWORDS.search(text)
    if m and base.full is not None:
        when = _day_word(m, base.full, future)
        return _iso(when.year, when.month, when.day)
    return None, None
