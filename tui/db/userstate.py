"""What a reader did: read marks, stars, search history, saved searches.

Kept in tables of their own (user_*), keyed by the article's stable key (derived.article_key),
so that they survive restarts and reloads of the pages. The tables are made with the schema
(derived.ensure, at load or upgrade time); this module only adds and removes rows in them, and
only when the reader asks: marking an article read or starred, searching, saving a search. It
never writes any other table.

Where the database cannot be written (a read-only file), the same tables are made as
TEMP tables on a read-only connection, filled from what the file holds: everything works for
the session, and `saved` is False so the reader can say that nothing will be kept.
"""
from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from . import connection, query

HISTORY_KEEP = 200
_CHUNK = 500

SCHEMA = [
    # A read mark keeps its article's district, day and page, and whether that article is in the
    # database now (kept up to date by triggers on articles, derived.py): unread counts are then
    # read from this table's own indexes, not by looking every mark up among the articles.
    "CREATE TABLE IF NOT EXISTS {s}user_reads (ukey INTEGER PRIMARY KEY, at REAL NOT NULL, district TEXT, "
    "day TEXT, page_no INTEGER, present INTEGER NOT NULL DEFAULT 1)",
    "CREATE INDEX IF NOT EXISTS {s}user_reads_district ON user_reads (present, district)",
    "CREATE INDEX IF NOT EXISTS {s}user_reads_edition ON user_reads (present, day, page_no)",
    "CREATE TABLE IF NOT EXISTS {s}user_stars (ukey INTEGER PRIMARY KEY, at REAL NOT NULL)",
    "CREATE TABLE IF NOT EXISTS {s}user_history (query TEXT PRIMARY KEY, seq INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS {s}user_searches (name TEXT PRIMARY KEY, query TEXT NOT NULL, "
    "seq INTEGER NOT NULL)",
]
TABLES = ("user_reads", "user_stars", "user_history", "user_searches")


def create_tables(conn: sqlite3.Connection, schema: str = "") -> None:
    """The user_* tables (in the TEMP schema with schema="temp."); read marks of an older
    cqdaily get their groups."""
    conn.execute(SCHEMA[0].format(s=schema))
    have = {r[1] for r in conn.execute(f"PRAGMA {schema or 'main.'}table_info(user_reads)")}
    added = [c for c in ("district TEXT", "day TEXT", "page_no INTEGER", "present INTEGER NOT NULL DEFAULT 1")
             if c.split()[0] not in have]
    for column in added:
        conn.execute(f"ALTER TABLE {schema}user_reads ADD COLUMN {column}")
    if added:
        regroup(conn)
    for sql in SCHEMA[1:]:
        conn.execute(sql.format(s=schema))


@dataclass
class SavedSearch:
    name: str
    query: str
    count: int | None = None  # matching articles now (live), when asked for


@dataclass
class Counts:
    """Unread and total articles of one group (a district, an edition, a page)."""
    unread: int
    total: int


def _chunks(ids: list[int]):
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i:i + _CHUNK]
        yield chunk, ",".join("?" * len(chunk))


class UserState:
    """The user-state tables of one database, on a connection of their own."""

    def __init__(self, path: str):
        self.path = path
        self.saved = True
        for _ in range(3):
            # The file this state reads and writes: the same at the path before opening and after
            # the first read, or opened again (it was replaced meanwhile).
            self.file = connection.file_id(path)
            self._open()
            if connection.file_id(path) == self.file:
                return
            self.conn.close()
        raise connection.Replaced(f"{path} keeps being replaced")

    def _open(self) -> None:
        self.saved = True
        self.conn = None
        try:
            # mode=rw: never creates a file.
            self.conn = sqlite3.connect(f"file:{self.path}?mode=rw", uri=True, timeout=10, check_same_thread=False)
            self.conn.execute("PRAGMA busy_timeout = 10000")
            missing = set(TABLES) - {r[0] for r in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'user\\_%' ESCAPE '\\'")}
            # Writable? Ask without writing: a read-only file or folder cannot take a journal.
            if missing or not _writable(self.path):
                raise sqlite3.OperationalError("read-only")
        except sqlite3.OperationalError:
            if self.conn is not None:
                self.conn.close()
            self._session_only()
            return
        try:
            # WAL like every writer of cqdaily: this connection then holds the file as long as it
            # is open, and `load --rebuild` does not swap the file away under it (swap.py).
            self.conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError:
            pass  # busy: marks are still safe (see _writing), only the rebuild is not held off

    def _session_only(self) -> None:
        """TEMP copies of the tables, so that the session works on a database it cannot write."""
        self.saved = False
        self.conn = query.connect(self.path)
        create_tables(self.conn, "temp.")
        have = {r[0] for r in self.conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")}
        for table in TABLES:
            if table in have:
                self.conn.execute(f"INSERT INTO temp.{table} SELECT * FROM main.{table}")
        self.conn.commit()

    def close(self) -> None:
        self.conn.close()

    def replaced(self) -> bool:
        """Whether the file at the path is another one than this state's (or none)."""
        return connection.file_id(self.path) != self.file

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """A write transaction on this state's file, committed at the end; Replaced (nothing
        written) when the path holds another file now: the article ids the reader has are then
        those of the old file. Checked under the write lock, so the file cannot be swapped away
        between the check and the write."""
        # IMMEDIATE: the write lock first (the session-only copy writes only TEMP tables).
        self.conn.execute("BEGIN IMMEDIATE" if self.saved else "BEGIN")
        try:
            if self.replaced():
                raise connection.Replaced(f"{self.path} was replaced since it was opened")
            yield
        except BaseException:
            self.conn.rollback()
            raise
        self.conn.commit()

    # -- read marks ---------------------------------------------------------------------------

    def set_read(self, ids: list[int], read: bool = True) -> int:
        """Mark the articles read (or unread); returns how many changed."""
        return self._set("user_reads", ids, read)

    def toggle_read(self, article_id: int) -> bool:
        """Flip one article's mark; returns whether it is read now."""
        now = not self.read_ids([article_id])
        self.set_read([article_id], now)
        return now

    def mark_read_undoably(self, ids: list[int]) -> tuple[list[int], float]:
        """Mark the articles read, all with one time; (their stable keys, that time): what
        undo_read needs, whatever ids a reload gives the articles meanwhile."""
        at = time.time()
        keys: list[int] = []
        with self._writing():
            for chunk, marks in _chunks(list(ids)):
                rows = self.conn.execute(
                    f"SELECT ukey FROM articles WHERE id IN ({marks}) AND ukey IS NOT NULL "
                    "AND ukey NOT IN (SELECT ukey FROM user_reads)", chunk).fetchall()
                self.conn.execute(
                    f"INSERT OR IGNORE INTO user_reads (ukey, at, district, day, page_no) SELECT ukey, ?, district, "
                    f"page_date, page_no FROM articles WHERE id IN ({marks}) AND ukey IS NOT NULL", [at, *chunk])
                keys += [r[0] for r in rows]
        return keys, at

    def undo_read(self, keys: list[int], at: float) -> int:
        """Unread again the articles mark_read_undoably marked at that time, except those read
        since (read_again gave them a later time); how many."""
        changed = 0
        with self._writing():
            for chunk, marks in _chunks(list(keys)):
                changed += self.conn.execute(
                    f"DELETE FROM user_reads WHERE at = ? AND ukey IN ({marks})", [at, *chunk]).rowcount
        return changed

    def read_again(self, ids: list[int]) -> None:
        """The user read these articles, read already: their mark takes the time of now (so that
        undoing the mark that preceded keeps them read)."""
        with self._writing():
            for chunk, marks in _chunks(list(ids)):
                self.conn.execute(f"UPDATE user_reads SET at = ? WHERE ukey IN (SELECT ukey FROM articles "
                                  f"WHERE id IN ({marks}))", [time.time(), *chunk])

    def read_ids(self, ids: list[int]) -> set[int]:
        """Which of these articles are read (for a page of list rows)."""
        return self._marked("user_reads", ids)

    def unread_only(self, ids: list[int]) -> list[int]:
        """The unread ones of these articles, in their order (`u` on any list: an edition, a
        search, the starred)."""
        read = self.read_ids(ids)
        return [i for i in ids if i not in read]

    def counts_by_district(self) -> dict[str, Counts]:
        """Unread / total per district."""
        totals = query.district_counts(self.conn)
        read = dict(self.conn.execute(
            "SELECT district, COUNT(*) FROM user_reads WHERE present = 1 GROUP BY district").fetchall())
        return {d: Counts(n - read.get(d, 0), n) for d, n in totals.items()}

    def counts_by_edition(self) -> dict[tuple[str | None, int | None], Counts]:
        """Unread / total per (date, page number)."""
        totals = self.conn.execute(
            "SELECT date, number, SUM(articles) FROM pages GROUP BY date, number").fetchall()
        read = {(d, n): c for d, n, c in self.conn.execute(
            "SELECT day, page_no, COUNT(*) FROM user_reads WHERE present = 1 GROUP BY day, page_no")}
        return {(d, n): Counts(t - read.get((d, n), 0), t) for d, n, t in totals}

    def counts_by_year(self) -> dict[str | None, Counts]:
        """Unread / total per year (the top of the sidebar's date tree; None: undated pages)."""
        return self._edition_counts("substr(date, 1, 4)", "substr(day, 1, 4)", "", [])

    def counts_by_day(self, year: str | None) -> dict[str | None, Counts]:
        """Unread / total per day of one year (None: the undated pages)."""
        if year is None:
            return self._edition_counts("date", "day", "{} IS NULL", [])
        return self._edition_counts("date", "day", "{} BETWEEN ? AND ?", [f"{year}-01-01", f"{year}-12-31"])

    def counts_by_page(self, day: str | None) -> dict[int | None, Counts]:
        """Unread / total per page number (版) of one day's paper."""
        return self._edition_counts("number", "page_no", "{} IS ?", [day], where_day=True)

    def _edition_counts(self, page_group: str, read_group: str, cond: str, params: list,
                        where_day: bool = False) -> dict:
        page_col, read_col = ("date", "day") if where_day else (page_group, read_group)
        page_where = f"WHERE {cond.format(page_col)}" if cond else ""
        read_where = f"AND {cond.format(read_col)}" if cond else ""
        totals = self.conn.execute(
            f"SELECT {page_group}, SUM(articles) FROM pages {page_where} GROUP BY 1", params).fetchall()
        read = dict(self.conn.execute(
            f"SELECT {read_group}, COUNT(*) FROM user_reads WHERE present = 1 {read_where} GROUP BY 1", params))
        return {g: Counts(t - read.get(g, 0), t) for g, t in totals if t}

    def unread_total(self) -> Counts:
        total = self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        read = self.conn.execute("SELECT COUNT(*) FROM user_reads WHERE present = 1").fetchone()[0]
        return Counts(total - read, total)

    def unread_rows(self, district: str | None = None, limit: int = 1000, offset: int = 0) -> list[query.Row]:
        """Unread articles newest first, all or of one district (the list's "unread only")."""
        where = "WHERE a.district = ? AND" if district else "WHERE"
        params = [district] if district else []
        counts = self.unread_total()
        # Mostly read: find the few unread ones through the key index instead of walking the
        # newest-first order past every read article (ten times faster with all but a few read).
        hint = "INDEXED BY articles_ukey" if counts.unread * 4 < counts.total else ""
        cur = self.conn.execute(
            f"SELECT a.id, a.title, a.district, a.page_date, a.kind, substr(a.body, 1, 24), a.continued FROM articles a {hint} "
            f"{where} NOT EXISTS (SELECT 1 FROM user_reads r WHERE r.ukey = a.ukey) "
            "ORDER BY a.sortkey DESC LIMIT ? OFFSET ?", params + [limit, offset])
        return [query.Row(*r) for r in cur.fetchall()]

    # -- stars --------------------------------------------------------------------------------

    def set_starred(self, ids: list[int], starred: bool = True) -> int:
        return self._set("user_stars", ids, starred)

    def toggle_star(self, article_id: int) -> bool:
        now = not self.starred_ids([article_id])
        self.set_starred([article_id], now)
        return now

    def starred_ids(self, ids: list[int]) -> set[int]:
        return self._marked("user_stars", ids)

    def starred_rows(self, limit: int = 10_000) -> list[query.Row]:
        """Starred articles still in the database, most recently starred first."""
        cur = self.conn.execute(
            "SELECT a.id, a.title, a.district, a.page_date, a.kind, substr(a.body, 1, 24), a.continued FROM user_stars s "
            "JOIN articles a INDEXED BY articles_ukey ON a.ukey = s.ukey ORDER BY s.at DESC, a.sortkey DESC LIMIT ?",
            [limit])
        return [query.Row(*r) for r in cur.fetchall()]

    def star_count(self) -> int:
        return self.conn.execute(
            "SELECT COUNT(*) FROM user_stars s JOIN articles a INDEXED BY articles_ukey ON a.ukey = s.ukey"
        ).fetchone()[0]

    # -- search history and saved searches ----------------------------------------------------

    def remember_search(self, text: str) -> None:
        """Add a search to the history (moved to the top if there), keeping the last 200."""
        text = text.strip()
        if not text:
            return
        with self._writing():
            self.conn.execute(
                "INSERT OR REPLACE INTO user_history (query, seq) "
                "SELECT ?, COALESCE(MAX(seq), 0) + 1 FROM user_history", [text])
            self.conn.execute(
                "DELETE FROM user_history WHERE seq <= "
                "(SELECT seq FROM user_history ORDER BY seq DESC LIMIT 1 OFFSET ?)", [HISTORY_KEEP])

    def history(self, limit: int = HISTORY_KEEP) -> list[str]:
        """Past searches, newest first (the search box's ↑ walks this list)."""
        return [r[0] for r in self.conn.execute("SELECT query FROM user_history ORDER BY seq DESC LIMIT ?", [limit])]

    def save_search(self, text: str, name: str | None = None) -> SavedSearch:
        """Save a search under a name (the query itself by default); the same name replaces."""
        text = text.strip()
        if not text:
            raise ValueError("an empty search cannot be saved")
        name = (name or text).strip()
        with self._writing():
            self.conn.execute(
                "INSERT OR REPLACE INTO user_searches (name, query, seq) "
                "SELECT ?, ?, COALESCE(MAX(seq), 0) + 1 FROM user_searches", [name, text])
        return SavedSearch(name, text)

    def delete_search(self, name: str) -> bool:
        with self._writing():
            return self.conn.execute("DELETE FROM user_searches WHERE name = ?", [name]).rowcount > 0

    def saved_searches(self, counts: bool = True) -> list[SavedSearch]:
        """Saved searches in the order they were saved, each with its live count if asked."""
        out = [SavedSearch(n, q) for n, q in self.conn.execute("SELECT name, query FROM user_searches ORDER BY seq")]
        if counts:
            for s in out:
                s.count = query.search(self.conn, s.query, limit=0, counts=False).total
        return out

    # -- shared -------------------------------------------------------------------------------

    def _set(self, table: str, ids: list[int], on: bool) -> int:
        changed = 0
        with self._writing():
            for chunk, marks in _chunks(list(ids)):
                if on:
                    groups = (", district, day, page_no", ", district, page_date, page_no") if table == "user_reads" \
                        else ("", "")
                    sql = (f"INSERT OR IGNORE INTO {table} (ukey, at{groups[0]}) SELECT ukey, ?{groups[1]} "
                           f"FROM articles WHERE id IN ({marks}) AND ukey IS NOT NULL")
                    changed += self.conn.execute(sql, [time.time(), *chunk]).rowcount
                else:
                    sql = f"DELETE FROM {table} WHERE ukey IN (SELECT ukey FROM articles WHERE id IN ({marks}))"
                    changed += self.conn.execute(sql, chunk).rowcount
        return changed

    def _marked(self, table: str, ids: list[int]) -> set[int]:
        out: set[int] = set()
        for chunk, marks in _chunks(list(ids)):
            out.update(r[0] for r in self.conn.execute(
                f"SELECT a.id FROM articles a JOIN {table} t ON t.ukey = a.ukey WHERE a.id IN ({marks})", chunk))
        return out


def _writable(path: str) -> bool:
    import os

    folder = os.path.dirname(os.path.abspath(path))
    return os.access(path, os.W_OK) and bool(os.stat(path).st_mode & 0o222) and os.access(folder, os.W_OK)


def regroup(conn: sqlite3.Connection, schema: str = "") -> None:
    """Give every read mark the district, day and page of the loaded article with its key, and
    whether there is one (after marks were copied in from elsewhere, or made by an older cqdaily);
    schema "new." for an attached database."""
    conn.execute(
        f"UPDATE {schema}user_reads SET present = a.ukey IS NOT NULL, district = a.district, day = a.page_date, "
        f"page_no = a.page_no FROM (SELECT r.ukey AS k, a.* FROM {schema}user_reads r LEFT JOIN {schema}articles a "
        "ON a.ukey = r.ukey) a WHERE user_reads.ukey = a.k")


def copy_into(conn: sqlite3.Connection, new: str) -> None:
    """What the reader recorded in conn's database (read marks, stars, searches) goes into the
    database at `new`; it is keyed by stable article keys, not row ids, so it still fits there.
    A damaged database may have lost some of it: what can be read is kept."""
    conn.execute("ATTACH DATABASE ? AS new", [new])
    try:
        conn.execute("BEGIN")
        for table in TABLES:
            try:
                cols = [r[1] for r in conn.execute(f"PRAGMA main.table_info({table})")]
                if cols:
                    names = ", ".join(cols)
                    conn.execute(f"INSERT OR IGNORE INTO new.{table} ({names}) SELECT {names} FROM main.{table}")
            except sqlite3.DatabaseError:
                continue
        regroup(conn, "new.")  # the marks' districts and editions as rebuilt
        conn.execute("COMMIT")
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.execute("DETACH DATABASE new")
