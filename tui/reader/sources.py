"""Which list the article list shows, and reading a window of it with its read marks.

A list is a district (or all of them), a search, the starred articles or an edition (a day's
paper, or one page of it), each optionally "unread only". Read on the listing workers
(listing.Reading) through tui.db: the query layer for articles, the user state (memory.Memory)
for marks.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..db import editions, query
from ..db.search import matching_ids
from .i18n import tr
from .listing import Listing, read_window
from .memory import Memory


@dataclass(frozen=True)
class Scope:
    district: str | None = None
    text: str = ""
    starred: bool = False
    edition: tuple[str | None, int | None] | None = None  # (day, page number; None = the whole day)
    unread_only: bool = False

    @property
    def small(self) -> bool:
        """Lists read whole (an edition: a few dozen articles; the starred ones)."""
        return self.starred or self.edition is not None


def read_scope(conn, memory: Memory, scope: Scope, start: int, limit: int, total: int | None = None) -> Listing:
    """Rows start..start+limit of the scope's list, with which of them are read; the sidebar's
    counts when total is not known yet. The user state is held only while it is read."""
    if not (scope.small or scope.unread_only):
        listing = read_window(conn, scope.text, scope.district, start, limit, total)
        with memory.use() as state:
            listing.read = state.read_ids([r.id for r in listing.rows])
        return listing
    with memory.use() as state:
        if scope.small:
            listing = _small(conn, state, scope, start, limit, total)
        elif query.words_of(scope.text):
            listing = _unread_search(conn, state, scope, start, limit, total)
        else:
            listing = _unread(conn, state, scope, start, limit, total)
        listing.read = state.read_ids([r.id for r in listing.rows])
    return listing


def _small(conn, state, scope: Scope, start: int, limit: int, total: int | None) -> Listing:
    if scope.starred:
        rows = state.starred_rows()
    else:
        rows = editions.items(conn, *scope.edition)
    if scope.unread_only:
        keep = set(state.unread_only([r.id for r in rows]))
        rows = [r for r in rows if r.id in keep]
    counts = query.district_counts(conn) if total is None else {}
    return Listing(rows[start:start + limit], {}, counts, len(rows), None, start)


def _unread(conn, state, scope: Scope, start: int, limit: int, total: int | None) -> Listing:
    counts = {}
    if total is None:
        counts = query.district_counts(conn)
        unread = {d: c.unread for d, c in state.counts_by_district().items()}
        total = unread.get(scope.district, 0) if scope.district else sum(unread.values())
    rows = state.unread_rows(scope.district, limit=limit, offset=start)
    return Listing(rows, {}, counts, total, None, start)


def _unread_search(conn, state, scope: Scope, start: int, limit: int, total: int | None) -> Listing:
    """The search's unread matches, newest first (no hit counts: they are counted for a page of
    results, and this list is cut from all of them)."""
    try:
        ids, reading = matching_ids(conn, scope.text, scope.district)
    except ValueError:  # a date: search alone, or a date that is not one: as without "unread only"
        return read_window(conn, scope.text, scope.district, start, limit, total)
    unread = state.unread_only(ids)
    counts = {}
    if total is None:
        counts = query.search(conn, scope.text, limit=0).by_district
    rows = query.rows_by_id(conn, unread[start:start + limit])
    return Listing(rows, {}, counts, len(unread), None, start, pinyin=reading)


def all_ids(conn, state, scope: Scope) -> list[int]:
    """Every article of the scope's list (for marking the whole list read)."""
    if scope.small:
        rows = state.starred_rows() if scope.starred else editions.items(conn, *scope.edition)
        return [r.id for r in rows]
    if query.words_of(scope.text):
        try:
            return matching_ids(conn, scope.text, scope.district)[0]
        except ValueError:  # date: words alone
            return [h.id for h in query.search(conn, scope.text, scope.district, limit=1 << 30, counts=False).hits]
    return [r.id for r in query.rows(conn, scope.district, limit=1 << 62)]


class Scoping:
    """Mixed into the main screen: the list's scope from the screen's state."""

    district: str | None
    search_text: str
    memory: Memory
    starred: bool = False
    edition: tuple[str | None, int | None] | None = None
    unread_only: bool = False

    def scope(self) -> Scope:
        return Scope(self.district, self.search_text, self.starred, self.edition, self.unread_only)

    def read_list(self, conn, scope: Scope, start: int, limit: int, total: int | None = None) -> Listing:
        return read_scope(conn, self.memory, scope, start, limit, total)

    def scope_label(self) -> str:
        """The status line's name of the list: the edition, the starred articles, the district."""
        if self.edition is not None:
            name = editions.label(*self.edition)
        elif self.starred:
            name = tr("Starred")
        else:
            name = self.district or tr("All")
        return name + (" · " + tr("unread only") if self.unread_only else "")
