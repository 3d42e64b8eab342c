"""Dates in searches: `--since`/`--until`, and `date:` inside a query string.

    date:2020            the year          date:2020-12..2021-02   December to February
    date:2020-12         the month         date:2020-12-07..       from that day on
    date:2020-12-07      the day           date:..2020-12-31       up to that day

A bound names a year, a month or a day (2020-12-07, 2020/12/7, 2020.12.7); a start means its
first day, an end its last. Several date: words narrow each other. A range becomes a range of
sort keys (sortkeys.sortkey puts the page's day above bit DAY_SHIFT), which the indexes that
search reads already hold.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

DAY_SHIFT = 43  # sortkeys.sortkey: (days << 43) | page hash << 19 | position
_BOUND = re.compile(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?")
_WORD = re.compile(r"(?i)^date:(.*)$")
HELP = "use date:2020-12, date:2020-12-07 or date:2020-12-01..2020-12-31"


class DateError(ValueError):
    """A date the user wrote that is not one; the message says what to write."""


@dataclass
class Range:
    since: date | None = None
    until: date | None = None

    def __bool__(self) -> bool:
        return self.since is not None or self.until is not None

    def narrow(self, other: Range) -> Range:
        since = max(filter(None, [self.since, other.since]), default=None)
        until = min(filter(None, [self.until, other.until]), default=None)
        return Range(since, until)

    def keys(self) -> tuple[int, int]:
        """The sort keys of the articles of these days, inclusive: (lowest, highest). An article
        without a date has day 0, outside any range."""
        lo = self.since.toordinal() << DAY_SHIFT if self.since else 1 << DAY_SHIFT
        hi = ((self.until.toordinal() + 1) << DAY_SHIFT) - 1 if self.until else (1 << 63) - 1
        return lo, hi

    def contains(self, day: str | None) -> bool:
        if not day:
            return False
        try:
            d = date.fromisoformat(day)
        except ValueError:
            return False
        return (self.since is None or d >= self.since) and (self.until is None or d <= self.until)

    def label(self) -> str:
        a = self.since.isoformat() if self.since else ""
        b = self.until.isoformat() if self.until else ""
        return a if a == b else f"{a}..{b}"


def bound(text: str, end: bool = False, hint: str = HELP) -> date:
    """The first (or, for an end, the last) day of the year, month or day written; a DateError
    that ends with hint (how to write one) otherwise."""
    m = _BOUND.fullmatch(text.strip())
    if not m:
        raise DateError(f"'{text}' is not a date; {hint}")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day:
            return date(year, int(month), int(day))
        if month:
            last = calendar.monthrange(year, int(month))[1] if 1 <= int(month) <= 12 else 0
            return date(year, int(month), last if end else 1)
        return date(year, 12, 31) if end else date(year, 1, 1)
    except ValueError:
        raise DateError(f"'{text}' is not a date; {hint}") from None


def span(text: str) -> Range:
    """A date: word's value: one period, or a range with '..' (either end may be left open)."""
    if ".." in text:
        a, _, b = text.partition("..")
        out = Range(bound(a) if a.strip() else None, bound(b, end=True) if b.strip() else None)
        if not out:
            raise DateError(f"'date:{text}' names no date; {HELP}")
    else:
        out = Range(bound(text), bound(text, end=True))
    if out.since and out.until and out.since > out.until:
        raise DateError(f"'date:{text}' ends before it starts")
    return out


def split_query(query: str) -> tuple[str, Range]:
    """The query without its date: words, and the range they name (empty when none)."""
    rest, rng = [], Range()
    for word in query.split():
        m = _WORD.match(word)
        if m:
            rng = rng.narrow(span(m.group(1)))
        else:
            rest.append(word)
    return " ".join(rest), rng


def _flag_help(flag: str) -> str:
    """How to write the flag's date (the flags take no date: prefix and no range)."""
    return f"use {flag} 2020, {flag} 2020-12 or {flag} 2020-12-07"


def from_options(since: str | None, until: str | None) -> Range:
    """--since / --until: a year, month or day each; --until a month means to its last day."""
    out = Range(bound(since, hint=_flag_help("--since")) if since else None,
                bound(until, end=True, hint=_flag_help("--until")) if until else None)
    if out.since and out.until and out.since > out.until:
        raise DateError(f"--since {since} is after --until {until}")
    return out
