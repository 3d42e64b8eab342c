"""Articles out of the database with all their fields: JSON lines, CSV or Markdown, streamed.

Rows are read from a cursor (or, for a search, by chunks of ids) and written one at a time, so
an export of the whole archive holds one chunk of articles in memory, whatever its size.
Newest first, as everywhere in cqdaily.
"""
from __future__ import annotations

import csv
import json
import sqlite3
from dataclasses import dataclass
from typing import IO, Iterator

from . import dates, query, search, textout

FORMATS = ("jsonl", "csv", "md")
FIELDS = ["id", "key", "date", "page", "position", "district", "kind", "title", "subtitle", "byline",
          "subheads", "keywords", "paragraphs", "chars", "source", "path", "continued"]
_COLUMNS = ("a.id, a.ukey, a.page_date, a.page_no, a.position, a.district, a.kind, a.title, a.subtitle, "
            "a.byline, a.subheads, a.keywords, a.body, a.chars, a.source, p.path, a.continued")
_FROM = "FROM articles a LEFT JOIN pages p ON p.path = a.source"
_CHUNK = 500
EMPTY_QUERY = "the query is empty: give the text to find"


@dataclass
class Selection:
    district: str | None = None
    since: str | None = None
    until: str | None = None
    query: str | None = None
    starred: bool = False


def _record(r: tuple) -> dict:
    def listed(text):
        try:
            return json.loads(text or "[]")
        except ValueError:
            return []

    return {
        "id": r[0], "key": str(r[1]) if r[1] is not None else None, "date": r[2], "page": r[3],
        "position": r[4], "district": r[5], "kind": r[6], "title": r[7],
        "subtitle": [s for s in (r[8] or "").split("\n") if s], "byline": r[9], "subheads": listed(r[10]),
        "keywords": [k[0] for k in listed(r[11])], "paragraphs": [p for p in (r[12] or "").split("\n") if p],
        "chars": r[13], "source": r[14], "path": r[15], "continued": bool(r[16]),
    }


def records(conn: sqlite3.Connection, sel: Selection) -> Iterator[dict]:
    """The selected articles, newest first, one dict at a time. Raises dates.DateError for a bad
    date and ValueError for a selection that cannot be made (stars in a database without them,
    a query with nothing in it). A query of date: words alone selects those days, as search does."""
    when = dates.from_options(sel.since, sel.until)
    words = None
    if sel.query is not None:
        words, in_query = dates.split_query(sel.query)
        if not words.split() and not in_query:
            raise ValueError(EMPTY_QUERY)
        when = when.narrow(in_query)  # a query of date: words alone: every article of those days
    star = ""
    if sel.starred:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'user_stars'").fetchone():
            raise ValueError("this database has no stars yet (star articles with s in the reader)")
        star = " AND a.ukey IN (SELECT ukey FROM user_stars)"
    if words:
        ids, _ = search.matching_ids(conn, sel.query, sel.district, sel.since, sel.until)
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            rows = {r[0]: r for r in conn.execute(
                f"SELECT {_COLUMNS} {_FROM} WHERE a.id IN ({','.join('?' * len(chunk))}){star}", chunk)}
            yield from (_record(rows[j]) for j in chunk if j in rows)
        return
    cond, params = "WHERE 1", []
    if sel.district:
        cond, params = cond + " AND a.district = ?", [sel.district]
    if when:
        cond, params = cond + " AND a.sortkey BETWEEN ? AND ?", params + list(when.keys())
    for r in conn.execute(f"SELECT {_COLUMNS} {_FROM} {cond}{star} ORDER BY a.sortkey DESC", params):
        yield _record(r)


def write(rows: Iterator[dict], fmt: str, out: IO[str]) -> int:
    """Write the records in the format; returns how many."""
    n = 0
    if fmt == "csv":
        w = csv.writer(out)
        w.writerow(FIELDS)
        for rec in rows:
            w.writerow([_cell(rec[f]) for f in FIELDS])
            n += 1
    elif fmt == "jsonl":
        for rec in rows:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "md":
        for rec in rows:
            out.write(("\n---\n\n" if n else "") + textout.markdown(_article(rec)))
            n += 1
    else:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return n


def _cell(value) -> str:
    """A CSV cell: lists one item a line (paragraphs stay paragraphs), None empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(map(str, value))
    return str(value)


def _article(rec: dict) -> query.Article:
    return query.Article(
        rec["id"], rec["source"], rec["date"], rec["page"], rec["position"], rec["kind"], rec["district"],
        rec["title"], "\n".join(rec["subtitle"]) or None, rec["byline"], "\n".join(rec["paragraphs"]),
        rec["subheads"], [], continued=rec["continued"],
    )
