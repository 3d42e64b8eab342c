"""How far the derived tables (keyword postings, pinyin trigrams) are written: derived.py moves
the mark when a load ends, and pinyin search reads it to scan only the rows above it. Its own
module so that the search side does not import the writer."""
from __future__ import annotations

import sqlite3

UPTO = "derived_upto"  # the key in meta


def upto(conn: sqlite3.Connection) -> int:
    """The largest article id whose postings and trigrams are written (see derived.catch_up)."""
    try:
        row = conn.execute("SELECT CAST(value AS INTEGER) FROM meta WHERE key = ?", [UPTO]).fetchone()
    except sqlite3.OperationalError:
        return 0
    return row[0] if row and row[0] is not None else 0
