"""Re-create a database from the pages it recorded: built beside it, swapped in when complete.

The old file is never touched until the new one holds every page: a missing page, a page that
no longer loads, or an interruption leaves it as it was (and the half-built file is removed).
Nor while another program (the reader) has it open: the swap holds it exclusively and copies the
reader's marks under that hold (db/swap.py); otherwise the rebuild is refused, nothing changed."""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from typing import Callable

from .db import connection, files, swap, userstate
from .loading import PageResult, load


class RebuildError(RuntimeError):
    """The rebuild did not happen: the first line says why; `missing` lists pages not found."""

    def __init__(self, message: str, missing: list[str] | None = None):
        super().__init__(message)
        self.missing = missing or []


@dataclass
class Rebuilt:
    results: list[PageResult] = field(default_factory=list)


def recorded_paths(db_path: str) -> list[str]:
    """The pages a cqdaily database recorded (absolute since schema 7; older ones as typed)."""
    conn = connection.connect(db_path, readonly=True)
    try:
        return [r[0] for r in conn.execute("SELECT path FROM pages ORDER BY path") if r[0]]
    finally:
        conn.close()


def _sources(db_path: str, extra: list[str]) -> list[str]:
    found = files.identify(db_path)
    if found.kind == "missing":
        if extra:
            return []
        raise RebuildError(f"no database at {db_path} to rebuild; load pages with 'cqdaily load PATH…'")
    if found.kind in ("folder", "foreign"):
        raise RebuildError(f"{files.problem(db_path, found)}; --rebuild re-creates only cqdaily databases")
    try:
        paths = recorded_paths(db_path)
    except sqlite3.DatabaseError as err:
        if extra:
            return []
        raise RebuildError(f"cannot read the pages {db_path} recorded ({err}); name them: "
                           f"cqdaily load --rebuild PATH… --db {db_path}") from None
    missing = [p for p in paths if not os.path.isfile(p)]
    if missing:
        hint = ("; an older cqdaily recorded them as typed: run the rebuild from the folder they were loaded from"
                if any(not os.path.isabs(p) for p in missing) else "")
        raise RebuildError(f"{len(missing)} recorded page(s) not found; {db_path} left as it was{hint}", missing)
    return paths


def _remove(path: str) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.remove(path + suffix)
        except FileNotFoundError:
            pass


def _settle(path: str) -> None:
    """Everything in the main file, no WAL beside it: the file can be moved as it is. It stays in
    WAL mode (kept in the file's header), like every database cqdaily writes."""
    conn = connection.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()  # the last connection: SQLite removes the WAL and its index


def _in_use(db_path: str) -> RebuildError:
    return RebuildError(f"{db_path} is open in another program (the reader?): nothing was changed; "
                        "close it and run the same command again")


def _check_free(db_path: str) -> None:
    """Before loading: a database another program has open is not rebuilt (it could not be
    swapped at the end)."""
    if not os.path.isfile(db_path):
        return
    files.check_writable(db_path)  # a file made read-only is not replaced either
    try:
        swap.ensure_free(db_path)
    except swap.InUse:
        raise _in_use(db_path) from None
    except sqlite3.DatabaseError as err:
        if getattr(err, "sqlite_errorname", "") not in swap.UNREADABLE:
            raise RebuildError(f"cannot open {db_path} ({err}); nothing was changed") from None


def _swap(new: str, db_path: str) -> None:
    """The new file in place of the old one, with the reader's marks made meanwhile (swap.py: only
    while no other program has the old file open)."""
    try:
        swap.replace(new, db_path, carry=_carry_user_state)
    except swap.InUse:
        raise _in_use(db_path) from None
    except (sqlite3.DatabaseError, RuntimeError) as err:
        raise RebuildError(f"cannot replace {db_path} ({err}); nothing was changed") from None


def _carry_user_state(conn: sqlite3.Connection, new: str) -> None:
    """Read marks, stars and searches of the old file (held by conn) into the new one; a damaged
    old file may not give them all."""
    try:
        userstate.copy_into(conn, new)
    except sqlite3.DatabaseError:
        pass


def rebuild(
    db_path: str, extra: list[str] | None = None,
    on_page: Callable[[PageResult], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> Rebuilt:
    """Load the recorded pages (and extra ones) into a new file beside db_path, then swap it in.
    RebuildError when it cannot be done; db_path is then as it was."""
    extra = list(extra or [])
    paths = _sources(db_path, extra) + extra
    _check_free(db_path)
    new = os.path.join(os.path.dirname(os.path.abspath(db_path)),
                       f".{os.path.basename(db_path)}.rebuild-{os.getpid()}")
    _remove(new)
    try:
        results = load(paths, new, force=True, on_page=on_page, on_start=on_start)
        failed = [r for r in results if not r.ok]
        if failed:
            raise RebuildError(f"{len(failed)} page(s) failed to load; {db_path} left as it was")
        _settle(new)
        _swap(new, db_path)
    finally:
        _remove(new)
    return Rebuilt(results)
