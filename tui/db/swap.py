"""Putting a database built beside another in its place, with no other program using the old one.

A connection keeps the file it opened (its inode) but finds its -wal, -shm and -journal by
NAME. Swapped under a connection that is still open, the old file would write its WAL frames
or rollback journal beside the new file (damaging it) or into the deleted file (losing them).
So the swap happens only while this process holds the old file exclusively, and the old file
is out of WAL mode by then. What SQLite 3.40.1 does here (measured; tests/test_rebuild_open.py):

- In WAL mode every connection that has read keeps a SHARED lock on the file until it closes.
  Leaving WAL (`PRAGMA journal_mode`) needs the EXCLUSIVE lock: it fails at once with
  "database is locked" (the busy handler is not called) while any other connection is open.
- With `locking_mode = EXCLUSIVE` set first, the connection that left WAL keeps the EXCLUSIVE
  lock: no connection can read the file until it closes. Leaving WAL also checkpoints and
  removes the -wal, so nothing of it is left by name for a connection of the old file to use.
- In rollback mode `BEGIN EXCLUSIVE` waits for the readers and writers to finish; in exclusive
  locking mode the lock stays after COMMIT. An idle rollback-mode connection holds no lock and
  cannot be seen, but its writes to a moved file fail (SQLITE_READONLY_DBMOVED) instead of
  landing anywhere; cqdaily's reader keeps its file in WAL mode, and notices a new file before
  it writes (tui/db/userstate.py, tui/reader/memory.py).
- A connection opened on the old file while it is held waits for the lock and then reads the
  deleted file (in rollback mode: it finds no WAL by name): the reader compares the file it
  opened with the one at the path.

The holding connection is left in MEMORY journal mode: it writes nothing to the old file, and no
-journal of its own appears beside the new file. Holding the file in WAL mode instead (BEGIN
EXCLUSIVE under exclusive locking, as ensure_free does) would not do for the swap: closing that
connection afterwards would checkpoint and remove "-wal" and "-shm" by name, the new file's.
"""
from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable

SWAP_WAIT = 2.0  # seconds to wait for other programs to let go of the old file before giving up
# What opening a file that is no database (any more) says: no connection can be using it.
UNREADABLE = ("SQLITE_NOTADB", "SQLITE_CORRUPT")
_RETRY = 0.05  # seconds between tries to leave WAL mode (SQLite does not wait by itself there)


class InUse(RuntimeError):
    """Another program has the database open: nothing was changed."""


def _locked(err: sqlite3.Error) -> bool:
    return "locked" in str(err) or "busy" in str(err)


def _leave_wal(conn: sqlite3.Connection, wait: float) -> None:
    deadline = time.monotonic() + wait
    while True:
        try:
            conn.execute("PRAGMA journal_mode = MEMORY").fetchone()
            return
        except sqlite3.OperationalError as err:
            if not _locked(err) or time.monotonic() >= deadline:
                raise
            time.sleep(_RETRY)


def _hold(path: str, wait: float) -> tuple[sqlite3.Connection, bool]:
    """A connection holding the database at path exclusively (no other connection can read it)
    until it closes, and whether the file was in WAL mode; InUse when another program keeps it
    open for `wait` seconds."""
    conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True, isolation_level=None,
                           timeout=wait, check_same_thread=False)
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        was_wal = conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        if was_wal:
            _leave_wal(conn, wait)
        else:
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("COMMIT")
            conn.execute("PRAGMA journal_mode = MEMORY")
    except sqlite3.OperationalError as err:
        conn.close()
        if _locked(err):
            raise InUse(str(err)) from None
        raise
    except BaseException:
        conn.close()
        raise
    return conn, was_wal


def ensure_free(path: str, wait: float = SWAP_WAIT) -> None:
    """InUse when another program has the database at path open: asked before a long rebuild,
    which is then not done in vain; replace() asks again at the end. Changes nothing: in WAL mode
    with `locking_mode = EXCLUSIVE`, BEGIN EXCLUSIVE takes the file's EXCLUSIVE lock (and waits
    for it) without leaving WAL."""
    conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True, isolation_level=None,
                           timeout=wait, check_same_thread=False)
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("ROLLBACK")
    except sqlite3.OperationalError as err:
        if _locked(err):
            raise InUse(str(err)) from None
        raise
    finally:
        conn.close()


def replace(new: str, path: str, carry: Callable[[sqlite3.Connection, str], None] | None = None,
            wait: float = SWAP_WAIT) -> None:
    """Move the complete database `new` (no -wal beside it) onto path. While the old file is held
    exclusively, carry(conn, new) may copy from it (conn: the old file as main) into new. InUse
    when another program has the old file open: then nothing was changed."""
    if not os.path.exists(path):
        _check_whole(new)
        os.replace(new, path)
        return
    try:
        conn, was_wal = _hold(path, wait)
    except sqlite3.DatabaseError as err:
        if getattr(err, "sqlite_errorname", "") not in UNREADABLE:
            raise
        _replace_unreadable(new, path)  # not even its first page reads: no connection can use it
        return
    swapped = False
    try:
        if carry is not None:
            carry(conn, new)
        _check_whole(new)
        _remove_beside(path)  # a -shm left by a killed program: no one can be using it now
        os.replace(new, path)
        swapped = True
    finally:
        try:
            if was_wal and not swapped:  # still in place: as it was
                conn.execute("PRAGMA journal_mode = WAL")
        finally:
            conn.close()  # the lock goes only now: the old file is no longer at path


def _check_whole(new: str) -> None:
    if os.path.exists(new + "-wal"):  # what it holds would stay behind under the old name
        raise RuntimeError(f"{new} still has a WAL beside it; nothing was changed")


def _replace_unreadable(new: str, path: str) -> None:
    """A file SQLite cannot open as a database: what lies beside it by name (a WAL, a journal) is
    removed first, so that it is never applied to the new file."""
    _check_whole(new)
    _remove_beside(path)
    os.replace(new, path)


def _remove_beside(path: str) -> None:
    """The files SQLite finds by the database's name. Only before the swap: after it, they may be
    the new file's own."""
    for suffix in ("-wal", "-shm", "-journal"):
        try:
            os.remove(path + suffix)
        except FileNotFoundError:
            pass
