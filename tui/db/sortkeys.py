"""Sort keys: one integer per article that orders articles newest first, and the free ones."""
from __future__ import annotations

import sqlite3
import zlib
from datetime import date

from .connection import in_chunks

POS_MAX = (1 << 19) - 1  # articles a page may hold


class NoFreeKey(RuntimeError):
    pass


def sortkey(page_date: str | None, source: str, position: int, salt: int = 0) -> int:
    """An integer that orders articles newest first when taken in descending order: the page's
    date, then its source (by a hash: any fixed order will do), then the position, ascending."""
    days = 0
    if page_date:
        try:
            days = min(date.fromisoformat(page_date).toordinal(), (1 << 20) - 1)  # years up to 2870
        except ValueError:
            days = 0
    h = (zlib.crc32(source.encode("utf-8")) + salt) & 0xFFFFFF
    # 20 bits of days, 24 of page, 19 of position: 63 bits, SQLite's signed integer.
    return (days << 43) | (h << 19) | (POS_MAX - min(position, POS_MAX))


def free_salt(conn: sqlite3.Connection, page_date: str | None, name: str, n: int, source: str) -> int:
    """A salt for which no other page's articles (source: this page) already use the sort keys."""
    for salt in range(0, 1 << 16):
        keys = [sortkey(page_date, name, pos, salt) for pos in range(1, n + 1)]
        sql = "SELECT 1 FROM articles WHERE sortkey IN ({marks}) AND source != ? LIMIT 1"
        if next(in_chunks(conn, sql, keys, [source]), None) is None:
            return salt
    raise NoFreeKey(f"no free sort key for {source}")


def fill(conn: sqlite3.Connection) -> None:
    """Sort keys for articles stored without them (before schema 3), free keys found in memory."""
    taken: set[int] = set()
    updates = []
    for source, page_date, positions in conn.execute(
        "SELECT source, MAX(page_date), GROUP_CONCAT(position) FROM articles GROUP BY source"
    ).fetchall():
        pos = [int(p) for p in str(positions).split(",")]
        for salt in range(0, 1 << 16):
            keys = [sortkey(page_date, source, p, salt) for p in pos]
            if not taken.intersection(keys) and len(set(keys)) == len(keys):
                break
        taken.update(keys)
        updates.append((sortkey(page_date, source, 0, salt), source))
    conn.executemany(f"UPDATE articles SET sortkey = ? - MIN(position, {POS_MAX}) WHERE source = ?", updates)


def fill_reach(conn: sqlite3.Connection) -> None:
    """The reach of every stored article (see store.save_page), in one pass over the ids."""
    reach, updates = None, []
    for art_id, key in conn.execute("SELECT id, sortkey FROM articles ORDER BY id").fetchall():
        reach = key if reach is None else max(reach, key)
        updates.append((reach, art_id))
    conn.executemany("UPDATE articles SET reach = ? WHERE id = ?", updates)
