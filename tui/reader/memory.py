"""The reader's hold on its database: the file it reads, and what the reader remembers between
sessions (read marks, stars, search history, saved searches).

All of it is kept by tui.db.userstate in the database's own tables. The reader holds one
UserState (on a database it cannot write, its session-only copy must be the same one all
session), opened on the first worker that needs it, never at start-up, and used by one worker
thread at a time.

The file is pinned when the reader starts: `cqdaily load --rebuild` may put another file at the
path (when the reader holds no connection on it, see tui/db/swap.py). Its article ids are not
those the reader shows, so every read and write checks the file first and raises
connection.Replaced instead; the screen then follows the new file (follow()) and reads its lists
again.
"""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from ..db import connection, query
from ..db.userstate import UserState


class Memory:
    def __init__(self, path: str) -> None:
        self.path = path
        self.file = connection.file_id(path)  # the file whose lists the reader shows
        self._state: UserState | None = None
        self._lock = threading.Lock()

    def _check(self) -> None:
        if connection.file_id(self.path) != self.file:
            raise connection.Replaced(f"{self.path} was replaced")

    @contextmanager
    def use(self) -> Iterator[UserState]:
        """The user state, for this thread alone until the block ends (worker threads only)."""
        with self._lock:
            self._check()
            if self._state is None:
                self._state = UserState(self.path)
            if self._state.file != self.file:  # replaced just before it was opened
                self._drop()
                raise connection.Replaced(f"{self.path} was replaced")
            yield self._state

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A read-only connection of this thread's own on the pinned file; Replaced when the file
        at the path is another one before or after the read (the result is then thrown away)."""
        self._check()
        conn = query.connect(self.path)
        try:
            yield conn
        finally:
            conn.close()
        self._check()

    def follow(self) -> bool:
        """Pin the file now at the path (UI thread); False when it is the pinned one already."""
        with self._lock:
            now = connection.file_id(self.path)
            if now == self.file:
                return False
            self._drop()
            self.file = now
            return True

    def _drop(self) -> None:
        if self._state is not None:
            self._state.close()
            self._state = None

    @property
    def saved(self) -> bool | None:
        """Whether marks are kept in the file (None: not opened yet)."""
        return None if self._state is None else self._state.saved

    def close(self) -> None:
        with self._lock:
            self._drop()
