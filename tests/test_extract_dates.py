"""Dates as pages print them -> ISO 8601 at the printed precision (detente/extract/dates.py)."""
from __future__ import annotations

import pytest

from detente.extract.dates import anchor_partial, find_dates, parse_crawl_date, parse_date


@pytest.mark.parametrize("text, expected", [
    ("March 26, 2010", "2010-03-26"),
    ("Friday, March 26, 2010", "2010-03-26"),
    ("26 March 2010", "2010-03-26"),
    ("26th of March, 2010", "2010-03-26"),
    ("Mar. 26, 2010", "2010-03-26"),
    ("Sept. 18, 2009", "2009-09-18"),
    ("SEP 18, 2009", "2009-09-18"),
    ("2010-04-08", "2010-04-08"),
    ("2010-04-08T14:05:09Z", "2010-04-08T14:05:09Z"),
    ("2010/04/08", "2010-04-08"),
    ("April 2010", "2010-04"),
    ("Apr. 8, 2010 at 2:05 p.m.", "2010-04-08T14:05"),
    ("12:22 p.m. on Nov. 19, 2009", "2009-11-19T12:22"),
    ("April 8, 2010, 9:30 AM EDT", "2010-04-08T09:30"),
    ("13/06/2010", "2010-06-13"),
    ("06/13/2010", "2010-06-13"),
    ("By Dana WhitfieldApr 8, 2010", "2010-04-08"),
])
def test_parse_date_reads_printed_forms(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", [
    "04/06/2010",            # April 6 or June 4: not guessed
    "09.10.2010",            # the same with dots
    "February 30, 2010",     # no such day
    "We may march on in 2010",  # the verbs "may" and "march" are not months
    "The treaty has 1,550 warheads.",
    "",
])
def test_parse_date_returns_none_when_no_date_is_certain(text):
    assert parse_date(text) is None


def test_find_dates_keeps_year_less_date_partial():
    [found] = find_dates("Updated at 9:05 a.m. on Sept. 18.")
    assert found.iso == "--09-18T09:05"
    assert found.partial and found.precision == "minute" and found.cue == "updated"


def test_find_dates_anchors_year_less_date_on_crawl_date():
    [found] = find_dates("Updated at 9:05 a.m. on Sept. 18.", crawl_date="2009-09-20T08:00:00Z")
    assert found.iso == "2009-09-18T09:05"


def test_find_dates_reads_published_and_updated_cues():
    dates = find_dates("Published April 8, 2010 · Updated April 9, 2010")
    assert [(d.iso, d.cue) for d in dates] == [("2010-04-08", "published"), ("2010-04-09", "updated")]


def test_find_dates_reads_relative_date_only_with_crawl_date():
    assert find_dates("Posted 3 days ago") == []
    [found] = find_dates("Posted 3 days ago", crawl_date="2010-04-11T12:00:00Z")
    assert found.iso == "2010-04-08"
    [found] = find_dates("Posted yesterday", crawl_date="2010-04-11T12:00:00Z")
    assert found.iso == "2010-04-10"


@pytest.mark.parametrize("partial, crawl, expected", [
    ("--11-19T12:22", "2009-11-20T08:00:00Z", "2009-11-19T12:22"),
    # the printed time is later than the crawl on the same day: it was last year's Nov. 19
    ("--11-19T12:22", "2009-11-19T10:00:00Z", "2008-11-19T12:22"),
    ("--11-19", "2009-11-19T10:00:00Z", "2009-11-19"),
    ("--12-30", "2010-01-02T00:00:00Z", "2009-12-30"),
    ("--02-29", "2010-03-01T00:00:00Z", "2008-02-29"),
    ("--02-29", None, "--02-29"),
    ("2010-04-08", "2011-01-01T00:00:00Z", "2010-04-08"),
])
def test_anchor_partial_takes_latest_date_not_after_crawl(partial, crawl, expected):
    assert anchor_partial(partial, crawl) == expected


def test_parse_crawl_date_reads_warc_date():
    assert parse_crawl_date("2009-11-20T08:00:00Z").isoformat() == "2009-11-20T08:00:00"
    assert parse_crawl_date("not a date") is None
