"""Dates as pages print them, read into ISO 8601 at the precision the text gives.

reads: a line or short text ("Updated at 12:22 p.m. on Nov. 19.", "By Ann Lee | June 4, 2025"),
       optionally the crawl date that anchors dates printed without a year
fills: ``DateMatch`` records (ISO value, span, precision, published/updated cue)

Shared by the flattened-text and the HTML extractors. The common forms are read by our own
regular expressions (fast: the extractors call this on many lines); dateparser is asked only for
relative dates ("3 days ago", "yesterday"), and only when a crawl date gives them a base.

A date with no year stays partial in ISO 8601's year-omitted form (``--11-19``, ``--11-19T12:22``)
unless a crawl date anchors it: then it becomes the most recent such date not after the crawl.
A numeric date that could be read day-first or month-first (``04/06/2025``, ``09.10.2024``) is
not read at all: unknown is None, never a guess.
"""
from __future__ import annotations

import calendar
import functools
import logging
import re
from dataclasses import dataclass
from datetime import datetime

__all__ = ["DateMatch", "find_dates", "parse_date", "anchor_partial", "parse_crawl_date"]

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())


@dataclass(frozen=True)
class DateMatch:
    """One date found in a text."""

    iso: str
    """``2009-11-19``, ``2009-11-19T12:22``, ``2009-11``, or year-less ``--11-19`` / ``--11-19T12:22``."""
    start: int
    end: int
    """Span of the date (and its time, when one is attached) in the text searched."""
    precision: str
    """``month``, ``day``, ``minute`` or ``second``."""
    cue: str | None = None
    """``published`` or ``updated`` when a word before the date says which; else None."""

    @property
    def partial(self) -> bool:
        """True when the year is unknown."""
        return self.iso.startswith("--")


_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
# Longest names first so "June" is not read as "Jun" + "e"; the first letter must be a capital,
# which keeps the verbs "may" and "march" out.
_MONTH = (r"(?P<mon>(?:" + "|".join(sorted((m.capitalize() for m in _MONTHS), key=len, reverse=True))
          + r"|" + "|".join(sorted((m.upper() for m in _MONTHS), key=len, reverse=True)) + r")\.?)")
# A month name starts a word, or is glued to the lower-case word before it ("By Ann LeeMar 5, 2025").
_MONTH_START = r"(?<![A-Z0-9])"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# A year may be glued to the time that follows it in flattened text ("May 2, 20248:23 PM").
_YEAR_END = r"(?:(?!\d)|(?=[0-2]?\d:[0-5]\d))"
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
_TIME = (r"(?P<hour>[0-2]?\d)(?::(?P<minute>[0-5]\d))(?::(?P<second>[0-5]\d))?"
         r"(?:\s*(?P<ampm>[aApP]\.?\s?[mM]\.?)(?![a-zA-Z]))?")
_TIME_AMPM = r"(?P<hour>[01]?\d)\s*(?P<ampm>[aApP]\.?\s?[mM]\.?)(?![a-zA-Z])"

# Where a match can start, as a lookahead in front of each pattern: the engine then passes over
# every other position at once (the patterns' own first steps are long alternations, tried one
# by one at every position, which made a paragraph cost a few hundred microseconds).
_WEEKDAY_FIRST = "FMSTW"  # the first letters of _WEEKDAY's names
_MONTH_FIRST = "".join(sorted({m[0].upper() for m in _MONTHS}))  # capitalised and upper-case names alike
_AT_MONTH = f"(?=[{_MONTH_FIRST}])"
_AT_WEEKDAY_OR_MONTH = f"(?=[{_WEEKDAY_FIRST}{_MONTH_FIRST}])"
_AT_WEEKDAY_OR_DAY = rf"(?=[{_WEEKDAY_FIRST}\d])"
_AT_YEAR = "(?=[12])"
_AT_NUMBER = r"(?=\d)"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(
        _AT_YEAR + r"(?<![\d/.-])" + _YEAR + r"-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)"
        r"(?:[T ](?P<hour>[0-2]\d):(?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d)(?:\.\d+)?)?"
        r"(?P<tz>Z|[+-][0-2]\d:?[0-5]\d)?)?(?![\d])")),
    ("ymd_slash", re.compile(_AT_YEAR + r"(?<![\d/.-])" + _YEAR + r"(?P<sep>[/.•·])(?P<month>[01]?\d)(?P=sep)"
                             r"(?P<day>[0-3]?\d)(?![\d/.])")),
    ("mdy", re.compile(_AT_WEEKDAY_OR_MONTH + _MONTH_START + _WEEKDAY + _MONTH + r"\s*" + _DAY
                       + r"(?:[,.]\s*|\s+|,?\s*'\s*)" + _YEAR + _YEAR_END)),
    ("dmy", re.compile(_AT_WEEKDAY_OR_DAY + r"\b" + _WEEKDAY + _DAY + r"(?:\s+of)?[\s-]+" + _MONTH + r",?[\s-]+"
                       + _YEAR + _YEAR_END)),
    ("numeric", re.compile(_AT_NUMBER + r"(?<![\d/.-])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)"
                           r"(?P<year>(?:19|20)\d\d)(?![\d/.])")),
    ("my", re.compile(_AT_MONTH + _MONTH_START + _MONTH + r",?\s+" + _YEAR + r"(?!\d)")),
    ("md", re.compile(_AT_WEEKDAY_OR_MONTH + _MONTH_START + _WEEKDAY + _MONTH + r"\s*" + _DAY
                      + r"(?![\d:])(?!,?\s*(?:19|20)\d\d)")),
    ("dm", re.compile(_AT_WEEKDAY_OR_DAY + r"\b" + _WEEKDAY + _DAY + r"(?:\s+of)?\s+" + _MONTH
                      + r"(?![a-z])(?!,?\s*(?:19|20)\d\d)")),
]
_TIME_RE = re.compile(r"(?<![\d:])(?:" + _TIME + r")(?![\d:])")
_TIME_AMPM_RE = re.compile(r"(?<![\d:])" + _TIME_AMPM)
# What may sit between a date and its time: "Nov. 19, 2009 at 12:22 p.m.", "12:22 p.m. on Nov. 19",
# "September 4, 2025 - 5:50 am", "2025-09-04, 10:00".
_AFTER_GAP = re.compile(r"^\s*(?:,|at|@|-|–|—|\||·|•)?\s*(?:,|at|@)?\s*$", re.I)
_BEFORE_GAP = re.compile(r"^\s*(?:[A-Z]{2,4}\s*)?(?:,|on|-|–|—|\|)?\s*$")

_UPDATED_WORDS = (r"updated?", r"last\s+updated", r"modified", r"last\s+modified", r"revised", r"edited",
                  r"refreshed", r"reviewed")
_PUBLISHED_WORDS = (r"published", r"posted", r"pub(?:lished)?\s*date", r"date\s+published",
                    r"first\s+published", r"released", r"written", r"created", r"dated")


def _cue_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    # Flattened bylines glue words together ("By Ann LeePublished: May 2"): a capitalised cue
    # right after a lower-case letter counts too.
    glued = "|".join(w[0].upper() + w[1:] for w in words)
    return re.compile(r"(?<![A-Za-z])(?i:" + "|".join(words) + r")(?![a-z])|(?<=[a-z])(?:" + glued + r")(?![a-z])")


_UPDATED_CUE = _cue_regex(_UPDATED_WORDS)
_PUBLISHED_CUE = _cue_regex(_PUBLISHED_WORDS)

_DIGIT = re.compile(r"\d")
# Every absolute date form above has a month name (capitalised or in capitals) or two numbers
# joined by a separator.
_HINT = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)"
                   r"|\d[-/.•·]\d")
# The two halves of _HINT: which patterns can match at all (the others are not run).
_MONTH_HINT = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC")
_NUMERIC_HINT = re.compile(r"\d[-/.•·]\d")
_NUMERIC_KINDS = frozenset({"iso", "ymd_slash", "numeric"})
_RELATIVE = re.compile(
    r"\b(?:(?P<n>\d{1,3}|an?|one)\s+(?P<unit>second|minute|min|hour|hr|day|week)s?\s+ago|"
    r"(?P<word>yesterday|today))\b", re.I)


@functools.lru_cache(maxsize=64)
def parse_crawl_date(value: str | None) -> datetime | None:
    """'2009-11-20T08:00:00Z' (WARC-Date and friends) -> naive datetime; None when unreadable."""
    if not value:
        return None
    m = _PATTERNS[0][1].search(value.strip())
    if not m:
        return None
    try:
        return datetime(int(m["year"]), int(m["month"]), int(m["day"]),
                        int(m["hour"] or 0), int(m["minute"] or 0), int(m["second"] or 0))
    except ValueError:
        return None


def _valid_day(year: int | None, month: int, day: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    # A year-less Feb 29 is a real date in some year.
    last = calendar.monthrange(year if year else 2000, month)[1]
    return day <= last


def _hour24(hour: int, ampm: str | None) -> int | None:
    if ampm:
        if not 1 <= hour <= 12:
            return None
        pm = ampm.strip().lower().startswith("p")
        return (hour % 12) + (12 if pm else 0)
    return hour if 0 <= hour <= 23 else None


def _attached_time(text: str, start: int, end: int) -> tuple[int, int, int, int | None, int, int] | None:
    """A time printed right after or right before the date: (hour, minute, second?, ...span)."""
    after = text[end:end + 24]
    for regex in (_TIME_RE, _TIME_AMPM_RE):
        m = regex.search(after)
        if m and _AFTER_GAP.match(after[:m.start()]):
            hour = _hour24(int(m["hour"]), m["ampm"])
            if hour is not None:
                minute = int(m.groupdict().get("minute") or 0)
                second = m.groupdict().get("second")
                return hour, minute, int(second) if second else None, 0, start, end + m.end()
    before = text[max(0, start - 30):start]
    for regex in (_TIME_RE, _TIME_AMPM_RE):
        found = None
        for m in regex.finditer(before):
            found = m
        if found and _BEFORE_GAP.match(before[found.end():]):
            hour = _hour24(int(found["hour"]), found["ampm"])
            if hour is not None:
                minute = int(found.groupdict().get("minute") or 0)
                second = found.groupdict().get("second")
                return hour, minute, int(second) if second else None, 0, start - len(before) + found.start(), end
    return None


def anchor_partial(iso: str, crawl_date: str | datetime | None) -> str:
    """'--11-19T12:22' + crawl 2009-11-20 -> '2009-11-19T12:22': the most recent such date not
    after the crawl. Without a readable crawl date the partial date is returned unchanged."""
    if not iso.startswith("--"):
        return iso
    crawl = crawl_date if isinstance(crawl_date, datetime) else parse_crawl_date(crawl_date)
    if crawl is None:
        return iso
    m = re.match(r"^--(\d\d)-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d))?)?$", iso)
    if not m:
        return iso
    month, day = int(m[1]), int(m[2])
    hour, minute, second = int(m[3] or 0), int(m[4] or 0), int(m[5] or 0)
    year = crawl.year
    for _ in range(8):  # Feb 29 may need a few years back to find a leap year
        if _valid_day(year, month, day):
            when = datetime(year, month, day, hour, minute, second)
            # Without a time, the whole crawl day counts as "not after".
            limit = crawl if m[3] else crawl.replace(hour=23, minute=59, second=59)
            if when <= limit:
                return f"{year:04d}" + iso[1:]
        year -= 1
    return iso


def _format(year: int | None, month: int, day: int | None, time: tuple | None, tz: str | None) -> tuple[str, str]:
    head = f"{year:04d}-{month:02d}" if year else f"--{month:02d}"
    if day is None:
        return head, "month"
    iso = f"{head}-{day:02d}"
    if not time:
        return iso, "day"
    hour, minute, second = time
    iso += f"T{hour:02d}:{minute:02d}"
    precision = "minute"
    if second is not None:
        iso += f":{second:02d}"
        precision = "second"
    if tz:
        iso += tz
    return iso, precision


def _cue(text: str, start: int) -> str | None:
    before = text[max(0, start - 40):start]
    updated = [m.end() for m in _UPDATED_CUE.finditer(before)]
    published = [m.end() for m in _PUBLISHED_CUE.finditer(before)]
    if not updated and not published:
        return None
    # The nearest cue word to the date wins ("Published May 2 · Updated May 4").
    return "updated" if max(updated or [-1]) > max(published or [-1]) else "published"


def _match_to_date(kind: str, m: re.Match[str]) -> tuple[int | None, int, int | None] | None:
    groups = m.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if kind in ("iso", "ymd_slash"):
        month, day = int(m["month"]), int(m["day"])
    elif kind == "numeric":
        a, b = int(m["a"]), int(m["b"])
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            month, day = a, b
        elif a == b:
            month = day = a
        else:
            return None                # 04/06/2025: could be April or June
    else:
        month = _MONTHS[m["mon"].rstrip(".").lower()]
        day = int(groups["day"]) if groups.get("day") else None
    if day is not None and not _valid_day(year, month, day):
        return None
    if day is None and not 1 <= month <= 12:
        return None
    return year, month, day


def _relative(text: str, crawl: datetime) -> list[DateMatch]:
    found = []
    for m in _RELATIVE.finditer(text):
        when = None
        try:
            import dateparser  # slow to import; only relative dates with a crawl date need it

            when = dateparser.parse(m.group(0), languages=["en"],
                                    settings={"RELATIVE_BASE": crawl, "RETURN_AS_TIMEZONE_AWARE": False})
        except Exception as exc:  # dateparser raises assorted errors on odd input; a date is optional
            log.debug("dateparser failed on %r: %s", m.group(0), exc)
        if when is None:
            continue
        unit = (m["unit"] or "").lower()
        if unit in ("second", "minute", "min", "hour", "hr"):
            iso, precision = when.strftime("%Y-%m-%dT%H:%M"), "minute"
        else:
            iso, precision = when.strftime("%Y-%m-%d"), "day"
        found.append(DateMatch(iso, m.start(), m.end(), precision, _cue(text, m.start())))
    return found


def find_dates(text: str, *, crawl_date: str | datetime | None = None) -> list[DateMatch]:
    """Every date in ``text``, left to right, with an attached time when one is printed next to it.

    Year-less dates are anchored by ``crawl_date`` when it is given (see ``anchor_partial``);
    relative dates ("2 days ago") are read only when it is given.
    """
    if not text:
        return []
    crawl = crawl_date if isinstance(crawl_date, datetime) else parse_crawl_date(crawl_date)
    if not _DIGIT.search(text) or not _HINT.search(text):
        # Without a digit, or with digits but neither a month name nor a d/d, d.d, d-d pair,
        # only a relative date ("yesterday", "3 days ago") can be there, and only with a crawl date.
        return _relative(text, crawl) if crawl is not None else []
    taken: list[tuple[int, int]] = []
    found: list[DateMatch] = []
    months = _MONTH_HINT.search(text) is not None
    numbers = _NUMERIC_HINT.search(text) is not None
    for kind, regex in _PATTERNS:
        if not (numbers if kind in _NUMERIC_KINDS else months):
            continue  # its month name or its separated numbers are not in the text
        for m in regex.finditer(text):
            start, end = m.span()
            if any(start < e and s < end for s, e in taken):
                continue
            parts = _match_to_date(kind, m)
            if parts is None:
                continue
            year, month, day = parts
            time = None
            span = (start, end)
            tz = m.groupdict().get("tz")
            if kind == "iso" and m["hour"]:
                time = (int(m["hour"]), int(m["minute"]), int(m["second"]) if m["second"] else None)
            elif day is not None:
                attached = _attached_time(text, start, end)
                if attached:
                    hour, minute, second, _, s, e = attached
                    if not any(s < te and ts < e for ts, te in taken):
                        time, span = (hour, minute, second), (s, e)
            iso, precision = _format(year, month, day, time, tz)
            if year is None and crawl is not None:
                iso = anchor_partial(iso, crawl)
            taken.append(span)
            found.append(DateMatch(iso, span[0], span[1], precision, _cue(text, span[0])))
    if crawl is not None:
        for rel in _relative(text, crawl):
            if not any(rel.start < e and s < rel.end for s, e in taken):
                found.append(rel)
    found.sort(key=lambda d: d.start)
    return found


def parse_date(text: str, *, crawl_date: str | datetime | None = None) -> str | None:
    """The first date in ``text`` as ISO 8601, or None when the text prints none."""
    dates = find_dates(text, crawl_date=crawl_date)
    return dates[0].iso if dates else None
