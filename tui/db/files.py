"""Which file the user named: a cqdaily database (current, older, newer, damaged) or something
cqdaily must not touch; opening it for writing; one-line reasons and remedies."""
from __future__ import annotations

import os
import re
import sqlite3
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import derived
from .connection import connect
from ..terminal import printable
from .schema import SCHEMA_VERSION, StoreError, ensure_schema

if TYPE_CHECKING:
    import sqlite_utils

SQLITE_MAGIC = b"SQLite format 3\x00"
# Tables every cqdaily database has had, from the first schema on.
OUR_TABLES = {"articles", "pages"}


@dataclass
class Found:
    kind: str  # missing | folder | foreign | cqdaily | damaged
    version: int = 0
    detail: str = ""
    features_old: bool = False  # the archive features' tables (derived.py) need an upgrade

    @property
    def older(self) -> bool:
        return self.kind == "cqdaily" and (self.version < SCHEMA_VERSION
                                           or (self.version == SCHEMA_VERSION and self.features_old))


# How the table list (kept in the file's first pages) names a table cqdaily creates, in any
# quoting; read raw when SQLite cannot read the file any more.
_OUR_CREATE = re.compile(rb'CREATE TABLE ["\[`]?(articles|pages)["\]`]?\s*\(')


def _names_our_tables(path: str) -> bool:
    try:
        with open(path, "rb") as f:
            head = f.read(1 << 20)
    except OSError:
        return False
    return {m.group(1) for m in _OUR_CREATE.finditer(head)} == {b"articles", b"pages"}


def _header(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(len(SQLITE_MAGIC))
    except OSError as err:
        return err.strerror.encode() if err.strerror else b""


def identify(path: str) -> Found:
    """What is at path. Damaged: an SQLite file whose table list names cqdaily's tables but that
    cannot be read whole. Foreign: anything else that is not a cqdaily database."""
    if not os.path.exists(path):
        return Found("missing")
    if os.path.isdir(path):
        return Found("folder")
    if _header(path) != SQLITE_MAGIC:
        return Found("foreign", detail="not an SQLite database")
    try:
        conn = connect(path, readonly=True)
        try:
            found = _inspect(conn)
        finally:
            conn.close()
    except sqlite3.Error as err:
        found = Found("foreign", detail=str(err))
    if found.kind == "foreign" and _names_our_tables(path):
        return Found("damaged", detail=found.detail)
    return found


def _inspect(conn: sqlite3.Connection) -> Found:
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as err:
        return Found("foreign", detail=str(err))
    if not OUR_TABLES <= tables:
        return Found("foreign", detail="an SQLite database of another program")
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() if "meta" in tables else None
        version = int(row[0]) if row else 0
        conn.execute("SELECT COUNT(*) FROM articles").fetchone()
        conn.execute("SELECT COUNT(*) FROM pages").fetchone()
        if version == SCHEMA_VERSION:
            conn.execute("SELECT rowid FROM articles_chars LIMIT 1").fetchall()
        features_old = derived.needs_upgrade(conn)
    except (sqlite3.DatabaseError, ValueError) as err:
        return Found("damaged", detail=str(err))
    return Found("cqdaily", version, features_old=features_old)


def problem(path: str, found: Found) -> str | None:
    """One line saying why the database at path cannot be read as it is, and what to do."""
    if found.kind == "missing":
        return f"no database at {path}; run 'cqdaily load PATH…' first"
    if found.kind == "folder":
        return f"{path} is a folder; --db names a database file"
    if found.kind == "foreign":
        return f"{path} is not a cqdaily database ({found.detail}); name another file with --db"
    if found.kind == "damaged":
        return (f"{path} is a damaged cqdaily database ({found.detail}); re-create it from its pages "
                f"with 'cqdaily load --rebuild --db {path}'")
    if found.older:
        return f"{path} is from an older cqdaily (schema {found.version}); run 'cqdaily load' to upgrade it"
    if found.version > SCHEMA_VERSION:
        return f"{path} was written by a newer cqdaily (schema {found.version}); upgrade cqdaily"
    return None


def check_readable(path: str) -> str | None:
    """None when the reader can use the database at path, else a one-line reason and remedy."""
    return problem(path, identify(path))


def check_writable(path: str) -> None:
    """StoreError with what to do when the database at path (or a new one there) cannot be written."""
    # The write bit, not only access(): root may write anywhere, but a file made read-only
    # was made so on purpose.
    if os.path.exists(path) and (not os.access(path, os.W_OK) or not os.stat(path).st_mode & 0o222):
        raise StoreError(f"{path} is read-only; make it writable (chmod u+w) or load into another file with --db")
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise StoreError(f"no folder {directory} for the database; create it or choose another place with --db")
    if not os.access(directory, os.W_OK):
        raise StoreError(f"cannot write in {directory}; choose another place with --db")


def open_db(path: str) -> sqlite_utils.Database:
    """The database for writing, schema ensured (created when there is no file); StoreError with
    what to do if it cannot be. A file that is not a cqdaily database is never written."""
    found = identify(path)
    if found.kind in ("folder", "foreign", "damaged") or found.version > SCHEMA_VERSION:
        raise StoreError(problem(path, found))
    check_writable(path)
    from . import sqliteutils  # here: reading never needs it, and it takes 0.1 s to import

    sqlite_utils = sqliteutils.load()

    try:
        db = sqlite_utils.Database(connect(path))
        ensure_schema(db)
    except sqlite3.DatabaseError as err:
        raise StoreError(
            f"{path} is a damaged cqdaily database ({err}); re-create it from its pages "
            f"with 'cqdaily load --rebuild --db {path}'"
        ) from None
    return db


def upgrade_in_place(path: str) -> bool:
    """Bring a database from an older cqdaily up to this schema, saying so on stderr first (a
    large one takes a while: the search index may be built again). False when it is not older,
    or cannot be written."""
    found = identify(path)
    if not found.older:
        return False
    print(f"cqdaily: upgrading {printable(path)} from schema {found.version} to {SCHEMA_VERSION} (once) …",
          file=sys.stderr, flush=True)
    try:
        open_db(path).conn.close()
    except StoreError as err:
        print(f"cqdaily: {err}", file=sys.stderr)
        return False
    return True
