"""The paper by edition: years → dates → page numbers (版), with counts; an edition's items in
page order; the edition before or after a date.

An edition is the day's paper: every page of one date. Counts come from the pages table (one
row per page file), the items of a day from the sort-key index (the day is its high bits).
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date

from . import dates
from .query import Row

_WEEKDAYS = "一二三四五六日"


@dataclass
class Page:
    number: int | None
    count: int


@dataclass
class Day:
    date: str | None  # None: pages whose date could not be read
    count: int
    pages: list[Page] = field(default_factory=list)


@dataclass
class Year:
    year: str | None
    count: int
    days: list[Day] = field(default_factory=list)


def tree(conn: sqlite3.Connection) -> list[Year]:
    """Every year, day and page number with its article count, newest year and day first,
    pages in page order; pages without a date last."""
    rows = conn.execute(
        "SELECT date, number, SUM(articles) FROM pages WHERE articles > 0 GROUP BY date, number"
    ).fetchall()
    days: dict[str | None, Day] = {}
    for day, number, count in rows:
        d = days.setdefault(day, Day(day, 0))
        d.count += count
        d.pages.append(Page(number, count))
    years: dict[str | None, Year] = {}
    for d in sorted(days.values(), key=lambda d: (d.date is not None, d.date or ""), reverse=True):
        d.pages.sort(key=lambda p: (p.number is None, p.number or 0))
        y = years.setdefault(d.date[:4] if d.date else None, Year(d.date[:4] if d.date else None, 0))
        y.count += d.count
        y.days.append(d)
    return list(years.values())


def years(conn: sqlite3.Connection) -> list[tuple[str | None, int]]:
    return [(y.year, y.count) for y in tree(conn)]


def days(conn: sqlite3.Connection, year: str | None) -> list[tuple[str | None, int]]:
    return [(d.date, d.count) for y in tree(conn) if y.year == year for d in y.days]


def pages(conn: sqlite3.Connection, day: str | None) -> list[tuple[int | None, int]]:
    return [(p.number, p.count) for y in tree(conn) for d in y.days if d.date == day for p in d.pages]


_ROW = ("SELECT id, title, district, page_date, kind, substr(body, 1, 24), page_no, source, position, continued "
        "FROM articles")


def items(conn: sqlite3.Connection, day: str | None, number: int | None = None) -> list[Row]:
    """The articles of a day's paper (or of one of its pages) in page order: by page number,
    then down each page."""
    if day is None:
        cur = conn.execute(f"{_ROW} WHERE page_date IS NULL")
    else:
        lo, hi = dates.Range(date.fromisoformat(day), date.fromisoformat(day)).keys()
        cur = conn.execute(f"{_ROW} INDEXED BY articles_sortkey WHERE sortkey BETWEEN ? AND ?", [lo, hi])
    found = [r for r in cur.fetchall() if number is None or r[6] == number]
    found.sort(key=lambda r: (r[6] is None, r[6] or 0, r[7], r[8]))
    return [Row(*r[:6], continued=r[9]) for r in found]


def adjacent(conn: sqlite3.Connection, day: str | None, step: int) -> str | None:
    """The date of the edition after (step > 0) or before (step < 0) day; None at either end.
    From the undated pages, the previous edition is the newest one."""
    if day is None:
        return None if step > 0 else newest(conn)
    if step > 0:
        sql = "SELECT MIN(date) FROM pages WHERE articles > 0 AND date > ?"
    else:
        sql = "SELECT MAX(date) FROM pages WHERE articles > 0 AND date < ?"
    return conn.execute(sql, [day]).fetchone()[0]


def newest(conn: sqlite3.Connection) -> str | None:
    return conn.execute("SELECT MAX(date) FROM pages WHERE articles > 0").fetchone()[0]


def of_article(conn: sqlite3.Connection, article_id: int) -> tuple[str | None, int | None]:
    """(date, page number) of the edition an article is in."""
    row = conn.execute("SELECT page_date, page_no FROM articles WHERE id = ?", [article_id]).fetchone()
    return (row[0], row[1]) if row else (None, None)


def label(day: str | None, number: int | None = None) -> str:
    """How an edition is named: "2020年12月7日 星期一", "… 第3版"; undated pages "日期不详"."""
    if not day:
        text = "日期不详"
    else:
        try:
            d = date.fromisoformat(day)
            text = f"{d.year}年{d.month}月{d.day}日 星期{_WEEKDAYS[d.weekday()]}"
        except ValueError:
            text = day
    return f"{text} 第{number}版" if number is not None else text
