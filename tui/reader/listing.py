"""What the article list shows and how it is read: worker threads, each with its own connection,
all reading through tui.db.query, so the screen never waits for the database.

The list is a window onto the whole list (all articles of a district, or a search's results):
PAGE rows are fetched at a time; the cursor nearing either end of the window fetches the next
page that way, and G / g fetch the tail / head of the whole list directly.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from functools import wraps

from textual import work
from textual.app import ScreenStackError
from textual.css.query import NoMatches
from textual.worker import get_current_worker

from ..db import query
from ..db.connection import Replaced
from .articleview import ArticleView
from .i18n import tr
from .lists import ArticleList
from .memory import Memory

PAGE = 300  # rows fetched at a time (a screen shows at most ~50; more come as the cursor nears an end)
NEAR = 50  # rows from either end of the window at which the next page is fetched


def unless_gone(method):
    """For callbacks that may arrive after the screen is torn down (a worker finishing, a
    message queued as the user quits): do nothing then, rather than fail."""

    @wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (NoMatches, IndexError, ScreenStackError):
            return None

    return wrapper


@dataclass
class Listing:
    """A window of the list: `rows` are rows start.. of the whole list of `total` rows."""
    rows: list[query.Row]
    hits: dict[int, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    total: int = 0
    total_hits: int | None = None
    start: int = 0
    version: tuple[int, int] | None = None
    read: set[int] | None = None  # the rows' articles marked read (None: not known)
    pinyin: str | None = None  # how the search was read as pinyin, when it matched that way
    error: str | None = None  # what is wrong with the search (a date that is not one)


def read_window(conn, text: str, district: str | None, start: int, limit: int, total: int | None = None) -> Listing:
    """Rows start..start+limit of the list (search results when text has words); counts when
    total is not known yet. A window at the very end of a plain list reads the tail directly."""
    if query.words_of(text):
        result = query.search(conn, text, district=district, limit=limit, offset=start, counts=total is None)
        rows = query.rows_by_id(conn, [h.id for h in result.hits])
        # Date words alone list those days: there are no hits to count then.
        hits = {h.id: h.hits for h in result.hits} if result.words else {}
        # Hits in all articles are known when all of them are in this page.
        total_hits = sum(hits.values()) if hits and start == 0 and result.total <= len(result.hits) else None
        return Listing(rows, hits, result.by_district, result.total, total_hits, start,
                       pinyin=result.pinyin, error=result.error)
    counts = query.district_counts(conn) if total is None else {}
    if total is None:
        total = counts.get(district, 0) if district else sum(counts.values())
    if start > 0 and start + limit >= total:
        rows = query.rows_tail(conn, district, limit=total - start)
    else:
        rows = query.rows(conn, district, limit=limit, offset=start)
    return Listing(rows, {}, counts, total, None, start)


class Reading:
    """The reading workers of the main screen (mixed into it)."""

    db_path: str
    search_text: str
    district: str | None
    memory: Memory  # the pinned file, and connections on it
    # scope() and read_list(conn, scope, start, limit, total): which list, and a window of it
    # (sources.Scoping, mixed in beside this)

    def _read(self, read, then, *args) -> None:
        """The body of every reading worker: read(conn) on this thread's own connection, then
        then(result, *args) on the UI thread unless the worker was cancelled meanwhile (a newer
        request replaced it); a database error is reported instead."""
        worker = get_current_worker()
        try:
            with self.memory.reading() as conn:
                result = read(conn)
        except Replaced:
            self.app.call_from_thread(self.database_replaced)
            return
        except sqlite3.DatabaseError as err:
            self.app.call_from_thread(self.report_db_error, err)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(then, result, *args)

    @work(thread=True, exclusive=True, group="listing")
    def load_listing(self, keep: int | None = None, land: str = "first", notify_new: bool = False,
                     near: int = 0, choice: str = "") -> None:
        """The list with its counts: from its start, or its end (land="last"), or around place
        `near` of the list (a refresh keeps the reader where they are); keep: an article to
        select if it is in the window; choice: whether the user chose the article it lands on
        (main.MainScreen.show_listing)."""
        scope = self.scope()

        def read(conn):
            listing = self.read_list(conn, scope, 0, PAGE)
            place = near
            if keep is not None and not query.words_of(scope.text) and not (scope.small or scope.unread_only):
                place = query.place_of(conn, keep, scope.district) or near
            if land == "last" and listing.total > PAGE:
                start = listing.total - PAGE
            else:
                # Around the place, so that rows added or removed before it keep it in the window.
                start = min(max(0, place - PAGE // 2), max(0, listing.total - PAGE))
            if start:
                listing = _merge(self.read_list(conn, scope, start, PAGE, listing.total), listing)
            listing.version = query.data_version(conn)
            return listing

        self._read(read, self.show_listing, keep, land, notify_new, choice)

    @work(thread=True, exclusive=True, group="more")
    def load_more(self, start: int, limit: int, before: bool) -> None:
        """The page after (or before) the window, when the cursor comes near its end."""
        scope, total = self.scope(), self.listing.total

        def read(conn):
            return self.read_list(conn, scope, start, limit, total)

        self._read(read, self.add_rows, before)

    @unless_gone
    def report_db_error(self, err: Exception) -> None:
        self._pending = None
        self.query_one(ArticleList).jumping = None  # keys move the cursor again
        self.notify(tr("Cannot read {db}: {err}. Run 'cqdaily load --rebuild'.", db=self.db_path, err=err),
                    severity="error", timeout=10)

    def database_replaced(self, lost: bool = False) -> None:
        """(UI thread) Another file is at the path (`load --rebuild`): follow it. lost: a mark
        or a search was not kept (its article ids were the old file's)."""
        self.follow_file(lost)

    @work(thread=True, group="follow")
    def follow_file(self, lost: bool) -> None:
        changed = self.memory.follow()  # waits for a worker using the user state: not on the UI thread
        self.app.call_from_thread(self._followed, changed, lost)

    @unless_gone
    def _followed(self, changed: bool, lost: bool) -> None:
        """Everything shown read again from the new file: the list where the reader was in it,
        the open article, the counts, the search history."""
        if lost:
            self.notify(tr("{db} was rebuilt by another program: that change was not kept, make it again",
                           db=self.db_path), severity="warning", timeout=8)
        elif changed and self.memory.file is not None:  # removed, not replaced: reading it says so
            self.notify(tr("{db} was rebuilt by another program: its lists were read again", db=self.db_path),
                        timeout=5)
        if not changed:
            return
        self._pending = None
        self.query_one(ArticleView).show(None, self.words)  # its id may be another article's now
        self.article_shown(None)  # no read mark for it by that id (marking.py)
        self._kept_unread = self._undo = None
        self.load_listing(near=self.query_one(ArticleList).position)
        self.user_state_changed()
        self.load_history()

    @work(thread=True, exclusive=True, group="article")
    def fetch_article(self, article_id: int, land: str = "first") -> None:
        self._read(lambda conn: query.article(conn, article_id), self.show_article, land)

    @work(thread=True, exclusive=True, group="poll")
    def poll_version(self) -> None:
        self._read(query.data_version, self._version_seen)


def _merge(tail: Listing, head: Listing) -> Listing:
    """The tail window with the head's counts (read once, for the whole list)."""
    tail.counts, tail.total_hits = head.counts, head.total_hits
    return tail

