"""One way to open the database, and one way to ask about many ids at once."""
from __future__ import annotations

import os
import sqlite3
from typing import Iterable, Iterator, Sequence

BUSY_MS = 10_000  # how long a reader waits for a writer (and the reverse) before giving up
CHUNK = 500  # ids per `IN (…)`: well under SQLite's 999 variables of older builds


def connect(path: str, readonly: bool = False) -> sqlite3.Connection:
    """A connection that waits for another one instead of failing with 'database is locked'.

    readonly opens the file with mode=ro: nothing can be written through it, and a missing file
    is an error instead of a new empty database. A writable one puts the file in WAL mode, so
    the reader and a load can share it."""
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_MS / 1000, check_same_thread=False)
    else:
        conn = sqlite3.connect(path, timeout=BUSY_MS / 1000, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    return conn


class Replaced(sqlite3.OperationalError):
    """The database file was replaced (`load --rebuild`) or removed since it was opened: what was
    read from it may not fit the file at the path now, and nothing may be written through it."""


def file_id(path: str) -> tuple[int, int] | None:
    """Which file is at path (device, inode); None when there is none. A connection keeps the
    file it opened: comparing this before opening and after reading says which one it read."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st.st_dev, st.st_ino


def in_chunks(conn: sqlite3.Connection, sql: str, values: Sequence, params: Iterable = ()) -> Iterator:
    """The rows of sql, whose one "{marks}" is replaced by the placeholders of a chunk of values,
    run once per chunk; params are bound after each chunk's values."""
    params = list(params)
    for i in range(0, len(values), CHUNK):
        chunk = list(values[i : i + CHUNK])
        yield from conn.execute(sql.format(marks=",".join("?" * len(chunk))), chunk + params)
