"""Reading the database: article lists, district counts, one article; literal search (search.py,
whose names are also here: the reader and the command line read everything through this module).

It imports nothing heavy (no sqlite-utils, Textual or jieba) so that `cqdaily search` and the
reader start at once. Columns are named once per dataclass below and rows are read by name.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, fields

from . import connection
from .connection import in_chunks
from .search import (  # noqa: F401 - the search names, read through this module
    SNIPPET,
    Hit,
    SearchResult,
    _plan,
    find_spans,
    search,
    text_count,
    words_of,
)


@dataclass
class Article:
    id: int
    source: str
    page_date: str | None
    page_no: int | None
    position: int
    kind: str
    district: str
    title: str | None
    subtitle: str | None
    byline: str | None
    body: str
    subheads: list[str]
    keywords: list[tuple[str, float]]
    continued: bool = False  # the rest of a story begun on another page ("（上接第1版）")

    @property
    def label(self) -> str:
        """What a list shows: the title, or the first words of the body where there is none."""
        if self.title:
            return self.title
        first = (self.body or "").split("\n", 1)[0]
        return first[:24] + ("…" if len(first) > 24 else "")


@dataclass
class Row:
    """One line of an article list."""
    id: int
    title: str | None
    district: str
    page_date: str | None
    kind: str
    first_words: str
    continued: bool = False

    @property
    def label(self) -> str:
        return self.title or (self.first_words + "…")


def connect(path: str) -> sqlite3.Connection:
    """A read-only connection that waits for a writer instead of failing with 'database is locked'."""
    return connection.connect(path, readonly=True)


# ---------------------------------------------------------------------------------------------
# Columns: what each dataclass is read from, by field name (an SQL expression where the field is
# not a column). Rows are built by name, so a column added or moved cannot shift the fields.

# The first words of the body: of its first paragraph only (a line break in a list row made it two rows).
ROW_COLUMNS: dict[str, str] = {f.name: f.name for f in fields(Row)} | {
    "first_words": "substr({a}body, 1, CASE WHEN instr({a}body, char(10)) BETWEEN 1 AND 24 "
                   "THEN instr({a}body, char(10)) - 1 ELSE 24 END)"}
# subheads and keywords are JSON in the table (store.py), decoded in article().
ARTICLE_COLUMNS: dict[str, str] = {f.name: f.name for f in fields(Article)}


def select_list(columns: dict[str, str], alias: str = "") -> str:
    """The SELECT list of columns, for a table under alias ("a" reads a.id, a.title, …)."""
    prefix = f"{alias}." if alias else ""
    return ", ".join(
        (expr.format(a=prefix) if "{a}" in expr else prefix + expr) + ("" if expr == name else f" AS {name}")
        for name, expr in columns.items()
    )


def read_rows(cur: sqlite3.Cursor) -> list[Row]:
    """List rows from a cursor over select_list(ROW_COLUMNS, …)."""
    names = list(ROW_COLUMNS)
    return [Row(**dict(zip(names, r))) for r in cur.fetchall()]


# ---------------------------------------------------------------------------------------------
# Lists

_ROW = f"SELECT {select_list(ROW_COLUMNS)} FROM articles"
# Newest first: the sort key orders by page date, page and position (see sortkeys.py).
_ORDER = "ORDER BY sortkey DESC"


def district_counts(conn: sqlite3.Connection) -> dict[str, int]:
    return dict(conn.execute("SELECT district, COUNT(*) FROM articles GROUP BY district").fetchall())


def rows(conn: sqlite3.Connection, district: str | None = None, limit: int = 100_000, offset: int = 0) -> list[Row]:
    """Articles newest first, all or of one district; a page of them."""
    if district:
        cur = conn.execute(f"{_ROW} WHERE district = ? {_ORDER} LIMIT ? OFFSET ?", (district, limit, offset))
    else:
        cur = conn.execute(f"{_ROW} {_ORDER} LIMIT ? OFFSET ?", (limit, offset))
    return read_rows(cur)


def rows_tail(conn: sqlite3.Connection, district: str | None = None, limit: int = 1000) -> list[Row]:
    """The last `limit` rows of rows(): the oldest articles, read from that end of the index
    (an OFFSET near the end of a long list would step through every row before it)."""
    where, params = ("WHERE district = ?", [district]) if district else ("", [])
    cur = conn.execute(f"{_ROW} {where} ORDER BY sortkey ASC LIMIT ?", [*params, limit])
    return [Row(*r) for r in reversed(cur.fetchall())]


def place_of(conn: sqlite3.Connection, article_id: int, district: str | None = None) -> int | None:
    """Where an article stands in rows() (0 = newest), or None if it is not there."""
    row = conn.execute("SELECT sortkey, district FROM articles WHERE id = ?", [article_id]).fetchone()
    if row is None or (district and row[1] != district):
        return None
    where, params = ("AND district = ?", [district]) if district else ("", [])
    return conn.execute(f"SELECT COUNT(*) FROM articles WHERE sortkey > ? {where}", [row[0], *params]).fetchone()[0]


def rows_by_id(conn: sqlite3.Connection, ids: list[int]) -> list[Row]:
    """The list rows of these articles, in the order given (ids no longer stored are left out)."""
    names = list(ROW_COLUMNS)
    found = {r[0]: Row(**dict(zip(names, r))) for r in in_chunks(conn, _ROW + " WHERE id IN ({marks})", ids)}
    return [found[i] for i in ids if i in found]


def article(conn: sqlite3.Connection, article_id: int) -> Article | None:
    r = conn.execute(f"SELECT {select_list(ARTICLE_COLUMNS)} FROM articles WHERE id = ?", (article_id,)).fetchone()
    if r is None:
        return None
    values = dict(zip(ARTICLE_COLUMNS, r))
    values["subheads"] = json.loads(values["subheads"] or "[]")
    values["keywords"] = [tuple(k) for k in json.loads(values["keywords"] or "[]")]
    return Article(**values)


def titles(conn: sqlite3.Connection) -> list[tuple[int, str, str]]:
    """(id, title, district) of every titled article: for jumping to one by name."""
    return conn.execute(f"SELECT id, title, district FROM articles WHERE title IS NOT NULL {_ORDER}").fetchall()


def data_version(conn: sqlite3.Connection) -> tuple[int, int]:
    """Changes when another connection commits: (article count, largest id)."""
    return conn.execute("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM articles").fetchone()
