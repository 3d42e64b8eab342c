"""Migrations: named steps, in order, each bringing a database from the version before its own
to its own. A step is history: it says what that version changed and is never edited to follow
a later schema (schema.create makes new databases). Each is tested from a database of the version
before it (tests/test_migrations.py). They run inside schema.ensure_schema's transaction."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from . import searchindex, sortkeys

if TYPE_CHECKING:  # sqlite-utils loads in 0.1 s (numpy): not for `cqdaily search`
    import sqlite_utils


@dataclass(frozen=True)
class Step:
    version: int  # the schema version this step brings the database to
    name: str
    run: Callable[[sqlite_utils.Database], None]


def _sort_keys(db: sqlite_utils.Database) -> None:
    """Schemas 1-4 -> 5: articles ordered newest first by one integer; word frequencies keyed by
    the word (WITHOUT ROWID); the article count in meta."""
    db["meta"].create({"key": str, "value": str}, pk="key", if_not_exists=True)
    for column in ("sortkey", "reach"):
        if column not in db["articles"].columns_dict:
            db["articles"].add_column(column, int)
    db["articles"].create_index(["source"], if_not_exists=True)
    db.execute("DROP INDEX IF EXISTS idx_articles_district")
    db.execute("DROP INDEX IF EXISTS idx_articles_page_date_source_position")
    sortkeys.fill(db.conn)
    db.execute("CREATE UNIQUE INDEX IF NOT EXISTS articles_sortkey ON articles (sortkey)")
    db.execute("CREATE INDEX IF NOT EXISTS articles_district_sortkey ON articles (district, sortkey)")
    sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 'terms'").fetchone()
    if not sql or "WITHOUT ROWID" not in sql[0].upper():
        db.execute("CREATE TABLE terms_new (term TEXT PRIMARY KEY, df INTEGER) WITHOUT ROWID")
        if sql:
            db.execute("INSERT INTO terms_new SELECT term, df FROM terms")
            db.execute("DROP TABLE terms")
        db.execute("ALTER TABLE terms_new RENAME TO terms")
    db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('docs', '0')")


def _index_by_id(db: sqlite_utils.Database) -> None:
    """5 -> 6: the search index as character sets and character pairs keyed by article id, and
    each article's reach (how search reads newest first without sorting every match)."""
    db.execute("CREATE INDEX IF NOT EXISTS articles_keys ON articles (id, sortkey, reach, district)")
    sortkeys.fill_reach(db.conn)
    searchindex.rebuild(db)


def _resolved(path: str | None, name: str) -> str:
    """A path recorded before schema 7 (as it was typed), made absolute where the file is still
    found from here; else kept as it was, so that a rebuild can name it as missing."""
    if path and os.path.exists(path):
        return os.path.realpath(path)
    return path or name


def _pages_by_path(db: sqlite_utils.Database) -> None:
    """6 -> 7: a page is identified by its absolute path, not its base name (x/03.txt and y/03.txt
    are two pages); articles.source holds that path too."""
    old = db.execute("SELECT source, path FROM pages").fetchall()
    db["pages"].transform(rename={"source": "name"}, pk="path")
    for name, path in old:
        new = _resolved(path, name)
        db.execute("UPDATE pages SET path = ? WHERE name = ?", [new, name])
        db.execute("UPDATE articles SET source = ? WHERE source = ?", [new, name])
    db["pages"].create_index(["sha256"], if_not_exists=True)


def _program_tables_hidden(db: sqlite_utils.Database) -> None:
    """7 -> 8: the words' document frequencies, a table only the program reads, renamed with a
    leading underscore so that Datasette (and a person browsing) sees articles and pages first."""
    db.execute("ALTER TABLE terms RENAME TO _terms")


def _text_hashes(db: sqlite_utils.Database) -> None:
    """8 -> 9: each page's hash of its decoded text beside the hash of its bytes, so that the same
    page re-encoded (GB18030, UTF-16) is a duplicate. Filled from the page files still there
    with the bytes that were loaded; the others get theirs when next loaded."""
    from ..parse.decode import DecodeError, decode, text_digest

    if "text_sha256" not in db["pages"].columns_dict:
        db["pages"].add_column("text_sha256", str)
    db["pages"].create_index(["text_sha256"], if_not_exists=True)
    for path, sha in db.execute("SELECT path, sha256 FROM pages WHERE text_sha256 IS NULL").fetchall():
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError:
            continue  # moved or gone: a rebuild or a new load names it
        if hashlib.sha256(data).hexdigest() != sha:
            continue  # changed since: the next load reads it again and stores its hash
        try:
            text = decode(data).text
        except DecodeError:
            continue
        db.execute("UPDATE pages SET text_sha256 = ? WHERE path = ?", [text_digest(text), path])


def _continued_stories(db: sqlite_utils.Database) -> None:
    """9 -> 10: articles.continued marks the rest of a story begun on another page ("（上接第1版）").
    Found again where it can be: on the pages that print such a line (their furniture says so)
    whose file is still there unchanged, parsed again, the flag goes to the stored article whose
    text begins as the continued item's does. Other articles read 0 until loaded again (--force)."""
    db.execute("ALTER TABLE articles ADD COLUMN continued INTEGER DEFAULT 0")
    pages = db.execute("SELECT path, sha256 FROM pages WHERE furniture LIKE '%上接%'").fetchall()
    for path, sha in pages:
        for first in _continued_openings(path, sha):
            db.execute("UPDATE articles SET continued = 1 WHERE source = ? AND substr(body, 1, ?) = ?",
                       [path, len(first), first])


def _continued_openings(path: str, sha256: str) -> list[str]:
    """The first paragraph of each continued item of the page file, if it still holds what was loaded."""
    from ..parse import parse_page

    try:
        with open(path, "rb") as f:
            data = f.read()
        if hashlib.sha256(data).hexdigest() != sha256:
            return []
        _, articles, _ = parse_page(data)
    except Exception:  # gone, unreadable or no longer a page: the flags stay 0
        return []
    return [a.body.split("\n", 1)[0] for a in articles if a.continued and a.body]


def _index_folds_widths(db: sqlite_utils.Database) -> None:
    """10 -> 11: the search index reads full-width letters, digits and the signs inside Latin
    words and numbers as ASCII (ftstokens.fold), so that "5G" finds "５Ｇ". Only the articles
    that print such a form are indexed again; the others' tokens do not change. (The bench corpus,
    where one article in nine prints "％": 0.2 s for 1,800 articles, a whole rebuild 1.0 s.)"""
    searchindex.refold(db.conn)


def _trimmed_text_hashes(db: sqlite_utils.Database) -> None:
    """11 -> 12: the hash of a page's text leaves out spaces at the ends of lines and blank lines
    at its start and end (decode.text_digest), so that a copy an editor trimmed is a duplicate.
    Hashed again from the page files still there with the bytes that were loaded; the others keep
    the hash they had (no new page matches it unless it reads the same; the next load of their
    file stores the new one)."""
    from ..parse.decode import DecodeError, decode, text_digest

    for path, sha in db.execute("SELECT path, sha256 FROM pages").fetchall():
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError:
            continue
        if hashlib.sha256(data).hexdigest() != sha:
            continue
        try:
            text = decode(data).text
        except DecodeError:
            continue
        db.execute("UPDATE pages SET text_sha256 = ? WHERE path = ?", [text_digest(text), path])


STEPS: list[Step] = [
    Step(5, "sort keys", _sort_keys),
    Step(6, "search index by article id", _index_by_id),
    Step(7, "pages by absolute path", _pages_by_path),
    Step(8, "program tables hidden", _program_tables_hidden),
    Step(9, "page text hashes", _text_hashes),
    Step(10, "continued stories", _continued_stories),
    Step(searchindex.FOLDED_SINCE, "search index folds widths", _index_folds_widths),
    Step(12, "trimmed page text hashes", _trimmed_text_hashes),
]
LATEST = STEPS[-1].version


def after(version: int) -> list[Step]:
    """The steps that bring a database of this version up to date, in order."""
    return [s for s in STEPS if s.version > version]
