"""What the reader remembers between sessions: read marks, stars, search history, saved searches.

All of it is kept by tui.db.userstate in the database's own tables. The reader holds one
UserState (on a database it cannot write, its session-only copy must be the same one all
session), opened on the first worker that needs it, never at start-up, and used by one worker
thread at a time.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from ..db.userstate import UserState


class Memory:
    def __init__(self, path: str) -> None:
        self.path = path
        self._state: UserState | None = None
        self._lock = threading.Lock()

    @contextmanager
    def use(self) -> Iterator[UserState]:
        """The user state, for this thread alone until the block ends (worker threads only)."""
        with self._lock:
            if self._state is None:
                self._state = UserState(self.path)
            yield self._state

    @property
    def saved(self) -> bool | None:
        """Whether marks are kept in the file (None: not opened yet)."""
        return None if self._state is None else self._state.saved

    def close(self) -> None:
        with self._lock:
            if self._state is not None:
                self._state.close()
                self._state = None
