"""The search index tables (what they hold: ftstokens.py), kept in step with the articles."""
from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from . import ftstokens
from .connection import in_chunks

if TYPE_CHECKING:  # sqlite-utils loads in 0.1 s (numpy): not for `cqdaily search`
    import sqlite_utils


# The schema from which the index folds widths (ftstokens.fold); before it, only case.
FOLDED_SINCE = 11


def folds_widths(conn: sqlite3.Connection) -> bool:
    """Whether the database's index was written folding widths (an older cqdaily's database is
    searched as it is by `cqdaily search`, before any upgrade)."""
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.OperationalError:  # no meta table: a database made by today's create()
        return True
    return row is None or int(row[0]) >= FOLDED_SINCE


def create_tables(db: sqlite_utils.Database) -> None:
    # Raw SQL: sqlite-utils' enable_fts makes content tables with triggers; these are contentless.
    tokenize = ftstokens.tokenize_option().replace("'", "''")
    # Row id = article id: dense ids keep FTS5's document lists small (sparse sort keys as row
    # ids made them 2-4 times larger). The pairs keep no token counts (columnsize=0): nothing needs
    # them. The characters table keeps its small per-row record, so it can be counted and scanned.
    db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS articles_chars USING fts5("
        f"c, content='', detail='none', tokenize='{tokenize}')"
    )
    db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS articles_pairs USING fts5("
        f"p, content='', columnsize=0, tokenize='{tokenize}')"
    )


def add(conn: sqlite3.Connection, art_id: int, chars: str, pairs: str) -> None:
    conn.execute("INSERT INTO articles_chars(rowid, c) VALUES (?, ?)", [art_id, chars])
    conn.execute("INSERT INTO articles_pairs(rowid, p) VALUES (?, ?)", [art_id, pairs])


def add_many(conn: sqlite3.Connection, items: list[tuple[int, str, str]]) -> None:
    """add() for several articles: (id, chars, pairs)."""
    conn.executemany("INSERT INTO articles_chars(rowid, c) VALUES (?, ?)", [(i, c) for i, c, _ in items])
    conn.executemany("INSERT INTO articles_pairs(rowid, p) VALUES (?, ?)", [(i, p) for i, _, p in items])


def remove(conn: sqlite3.Connection, art_id: int, title: str | None, subtitle: str | None, body: str,
           folding=ftstokens.fold) -> None:
    """Take a stored article out: contentless tables are told the very tokens they were given
    (folding: how they were folded, str.lower before schema 11)."""
    chars = ftstokens.chars(title, subtitle, body, folding=folding)
    pairs = ftstokens.pairs(title, subtitle, body, folding=folding)
    conn.execute("INSERT INTO articles_chars(articles_chars, rowid, c) VALUES ('delete', ?, ?)", [art_id, chars])
    conn.execute("INSERT INTO articles_pairs(articles_pairs, rowid, p) VALUES ('delete', ?, ?)", [art_id, pairs])


def rebuild(db: sqlite_utils.Database) -> None:
    """The index made again from the articles stored, dropping the tables of earlier schemas.

    Earlier schemas: one table of single-character tokens (too slow for frequent characters at
    100,000 articles), then trigrams plus 1-2 character sets keyed by sort key (5x the text)."""
    for old in ("articles_fts", "articles_grams", "articles_tri", "articles_chars", "articles_pairs"):
        db.execute(f"DROP TABLE IF EXISTS {old}")
    create_tables(db)
    rows = db.execute("SELECT id, title, subtitle, body FROM articles ORDER BY id").fetchall()
    for art_id, title, subtitle, body in rows:
        add(db.conn, art_id, ftstokens.chars(title, subtitle, body), ftstokens.pairs(title, subtitle, body))


def refold(conn: sqlite3.Connection) -> int:
    """Index again, folding widths, the articles an index of an older schema holds unfolded:
    those that print a full-width form ftstokens.fold changes (for the others the tokens are the
    same). Returns how many."""
    wide = [art_id for art_id, *texts in conn.execute("SELECT id, title, subtitle, body FROM articles")
            if any(map(ftstokens.has_wide, texts))]
    for art_id, title, subtitle, body in in_chunks(
            conn, "SELECT id, title, subtitle, body FROM articles WHERE id IN ({marks})", wide):
        remove(conn, art_id, title, subtitle, body, folding=str.lower)
        add(conn, art_id, ftstokens.chars(title, subtitle, body), ftstokens.pairs(title, subtitle, body))
    return len(wide)
