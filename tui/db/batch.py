"""Pages written in batches: one transaction, and one search-index segment, for many pages.

FTS5 writes the search tokens it holds pending as a new segment at every commit and every
savepoint, and merges segments as they pile up: stored page by page, that writing was about a
third of the writer's time. A batch stores each page in a savepoint of its own (whole or not at
all, as before), keeps the pages' search tokens aside and writes them last, just before the
commit, so FTS5 makes one segment for the batch. A page counts as stored once its batch is
committed; a batch whose commit fails is rolled back whole and its pages said to be not stored.

The keywords' document frequencies (terms.py) likewise: each page updated about a thousand rows
of them; a batch keeps the changes in memory, reads them over the stored counts (what a page's
keywords are weighed with is the same as page by page) and writes their sum once.
"""
from __future__ import annotations

import sqlite3
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import searchindex, terms

if TYPE_CHECKING:
    import sqlite_utils

BATCH_PAGES = 32  # pages in one transaction at most
BATCH_SECONDS = 0.5  # and never held longer: a reader sharing the file sees the load progress


@dataclass
class Later:
    """What the pages stored in a batch leave to its commit."""
    tokens: list[tuple[int, str, str]] = field(default_factory=list)  # (article id, chars, pairs)
    df: Counter = field(default_factory=Counter)  # document frequency changes


class PageBatch:
    def __init__(self, db: sqlite_utils.Database, pages: int | None = None, seconds: float | None = None):
        self.conn = db.conn
        self.pages = pages or BATCH_PAGES
        self.seconds = BATCH_SECONDS if seconds is None else seconds
        self.later = Later()
        self.count = 0
        self.started = 0.0

    def begin(self) -> None:
        """Open the batch's transaction, unless one is open: call before storing each page."""
        if not self.conn.in_transaction:
            # IMMEDIATE: the write lock now, waited for (busy timeout) while the reader writes a
            # read mark. Begun deferred, the batch's first write after its reads failed at once
            # ("database is locked") whenever another connection had committed in between.
            self.conn.execute("BEGIN IMMEDIATE")
            self.started = time.monotonic()
            self.count = 0

    def stored(self) -> bool:
        """Count a page stored in the batch; True when the batch is full and should be committed."""
        self.count += 1
        return self.count >= self.pages or time.monotonic() - self.started >= self.seconds

    def time_left(self) -> float | None:
        """Seconds until the open batch is due to be committed; None when none is open."""
        if not self.conn.in_transaction:
            return None
        return max(0.0, self.seconds - (time.monotonic() - self.started))

    def commit(self) -> str:
        """Index the batch's articles and commit; '' when done, else why nothing was kept."""
        later, self.later, count, self.count = self.later, Later(), self.count, 0
        if not self.conn.in_transaction:
            # SQLite rolls a whole transaction back on some errors (a full disk, an I/O error):
            # the pages stored in the batch before the page that failed went with it.
            return "not stored: its batch was rolled back by a later page's error" if count else ""
        try:
            # The frequencies first: a statement over many rows makes FTS5 write out what it
            # holds pending, and it must hold the whole batch's tokens at the commit.
            terms.apply(self.conn, later.df)
            searchindex.add_many(self.conn, later.tokens)
            self.conn.execute("COMMIT")
        except sqlite3.Error as err:
            self._rollback()
            return f"not stored: {err}"
        except BaseException:
            self._rollback()
            raise
        return ""

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
