"""Databases of earlier cqdaily schemas, made from one of today's, as those versions wrote them:
each function takes a database of the version after it back to its own version."""
from __future__ import annotations

import os
import sqlite3


def to_11(con: sqlite3.Connection) -> None:
    """Schema 11: the hash of a page's text taken over the decoded text as it is (trailing spaces
    and blank lines included), for the page files still there."""
    import hashlib

    from tui.parse.decode import decode

    for path, sha in con.execute("SELECT path, sha256 FROM pages").fetchall():
        try:
            data = open(path, "rb").read()
        except OSError:
            continue
        if hashlib.sha256(data).hexdigest() == sha:
            old = hashlib.sha256(decode(data).text.encode("utf-8")).hexdigest()
            con.execute("UPDATE pages SET text_sha256 = ? WHERE path = ?", [old, path])
    con.execute("UPDATE meta SET value = '11' WHERE key = 'schema_version'")
    con.commit()


def to_10(con: sqlite3.Connection) -> None:
    """Schema 10: the search index folds case only, not widths ("５Ｇ" indexed as "５ｇ")."""
    from tui.db import ftstokens, searchindex

    con.execute("INSERT INTO articles_chars(articles_chars) VALUES ('delete-all')")
    con.execute("INSERT INTO articles_pairs(articles_pairs) VALUES ('delete-all')")
    for i, title, subtitle, body in con.execute("SELECT id, title, subtitle, body FROM articles").fetchall():
        texts = (title, subtitle, body)
        searchindex.add(con, i, ftstokens.chars(*texts, folding=str.lower), ftstokens.pairs(*texts, folding=str.lower))
    con.execute("UPDATE meta SET value = '10' WHERE key = 'schema_version'")
    con.commit()


def to_9(con: sqlite3.Connection) -> None:
    """Schema 9: no articles.continued."""
    con.execute("ALTER TABLE articles DROP COLUMN continued")
    con.execute("UPDATE meta SET value = '9' WHERE key = 'schema_version'")
    con.commit()


def to_8(con: sqlite3.Connection) -> None:
    """Schema 8: pages known by the hash of their bytes only."""
    con.execute("DROP INDEX IF EXISTS idx_pages_text_sha256")
    con.execute("ALTER TABLE pages DROP COLUMN text_sha256")
    con.execute("UPDATE meta SET value = '8' WHERE key = 'schema_version'")
    con.commit()


def to_7(con: sqlite3.Connection) -> None:
    """Schema 7: the words' frequencies in `terms`."""
    con.execute("ALTER TABLE _terms RENAME TO terms")
    con.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")
    con.commit()


def to_6(con: sqlite3.Connection, relative_to: str | None = None) -> None:
    """Schema 6: pages keyed by base name (`source`), the path as it was typed (relative to
    relative_to when given), articles.source the base name."""
    rows = con.execute("SELECT path, name, sha256, date, number, format, loaded_at, warnings, furniture, articles "
                       "FROM pages").fetchall()
    con.executescript(
        "DROP TABLE pages; DROP INDEX IF EXISTS idx_pages_sha256;"
        "CREATE TABLE [pages] ([source] TEXT PRIMARY KEY, [path] TEXT, [sha256] TEXT, [date] TEXT, [number] INTEGER,"
        " [format] TEXT, [loaded_at] TEXT, [warnings] TEXT, [furniture] TEXT, [articles] INTEGER);"
    )
    for path, name, *rest in rows:
        typed = os.path.relpath(path, relative_to) if relative_to else path
        con.execute("INSERT INTO pages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [name, typed, *rest])
        con.execute("UPDATE articles SET source = ? WHERE source = ?", [name, path])
    con.execute("UPDATE meta SET value = '6' WHERE key = 'schema_version'")
    con.commit()


def to_5(con: sqlite3.Connection) -> None:
    """Schema 5: the search index as trigrams keyed by sort key (an empty stand-in: step 6 drops
    it), no reach, no covering index."""
    con.executescript(
        "DROP TABLE articles_chars; DROP TABLE articles_pairs; DROP INDEX articles_keys;"
        "UPDATE articles SET reach = NULL;"
        "CREATE VIRTUAL TABLE articles_tri USING fts5(t, content='', tokenize='trigram');"
        "UPDATE meta SET value = '5' WHERE key = 'schema_version';"
    )


def to_1(con: sqlite3.Connection) -> None:
    """Schema 1: one table of character tokens, no sort keys, a rowid terms table, no article count."""
    con.executescript(
        "DROP TABLE articles_tri; DROP INDEX articles_sortkey; DROP INDEX articles_district_sortkey;"
        "UPDATE articles SET sortkey = NULL, reach = NULL;"
        "CREATE VIRTUAL TABLE articles_fts USING fts5(text, content='');"
        "CREATE TABLE old_terms AS SELECT * FROM terms; DROP TABLE terms;"
        "CREATE TABLE terms (term TEXT PRIMARY KEY, df INTEGER); INSERT INTO terms SELECT * FROM old_terms;"
        "DROP TABLE old_terms; DELETE FROM meta WHERE key = 'docs';"
        "UPDATE meta SET value = '1' WHERE key = 'schema_version';"
    )


def make(db: str, version: int, relative_to: str | None = None) -> None:
    con = sqlite3.connect(db)
    try:
        to_11(con)
        if version <= 10:
            to_10(con)
        if version <= 9:
            to_9(con)
        if version <= 8:
            to_8(con)
        if version <= 7:
            to_7(con)
        if version <= 6:
            to_6(con, relative_to)
        if version <= 5:
            to_5(con)
        if version <= 4:
            to_1(con)
        con.commit()
    finally:
        con.close()
