"""The tables, their columns (named here once), and bringing any cqdaily database up to date.

Tables a person browsing the file (Datasette, sqlite3) reads: `pages` (one row per page file:
where it is, when it was loaded, what the loader warned about) and `articles` (one row per
article, readable columns first). The rest serves the program: `meta` (schema version, article
count), `terms` (keywords' document frequencies) and the search index `articles_chars` /
`articles_pairs` (contentless FTS5 tables, which Datasette hides with their shadow tables)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import derived, migrations, searchindex, terms

if TYPE_CHECKING:  # sqlite-utils loads in 0.1 s (numpy): not for `cqdaily search`
    import sqlite_utils

SCHEMA_VERSION = migrations.LATEST

# A page is identified by its resolved absolute path: two files of the same name in different
# folders (archives laid out by date: 2020-12-07/03.txt) are two pages.
PAGE_COLUMNS: dict[str, type] = {
    "path": str, "name": str, "sha256": str, "text_sha256": str, "date": str, "number": int, "format": str,
    "articles": int, "loaded_at": str, "warnings": str, "furniture": str,
}
# source: the page's path (pages.path); the scorer and Datasette users read its base name.
ARTICLE_COLUMNS: dict[str, type] = {
    "id": int, "source": str, "page_date": str, "page_no": int, "position": int, "kind": str,
    "district": str, "title": str, "subtitle": str, "byline": str, "body": str, "subheads": str,
    "keywords": str, "chars": int, "sortkey": int, "reach": int, "ukey": int,
    "continued": int,  # 1: the rest of a story begun on another page ("（上接第1版）")
}


class StoreError(RuntimeError):
    """The database cannot be used: the message says why and what to do, in one line."""


def schema_version(db: sqlite_utils.Database) -> int:
    if "meta" not in db.table_names():
        return 0
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the tables, or bring a database of an older cqdaily up to this schema (keeping its
    articles), in one transaction: a failed upgrade leaves the file as it was."""
    version = schema_version(db)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"the database was written by a newer cqdaily (schema {version}, this one knows "
            f"{SCHEMA_VERSION}); upgrade cqdaily"
        )
    if version == SCHEMA_VERSION:
        if derived.needs_upgrade(db.conn):
            with db.atomic():
                derived.ensure(db.conn)  # the archive features' tables have a version of their own
        return
    with db.atomic():
        if version == 0 and "articles" not in db.table_names():
            create(db)
        else:
            for step in migrations.after(version):
                step.run(db)
        derived.ensure(db.conn)
        db["meta"].upsert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")


def create(db: sqlite_utils.Database) -> None:
    """The tables of this schema in an empty database."""
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["pages"].create(PAGE_COLUMNS, pk="path")
    db["articles"].create(ARTICLE_COLUMNS, pk="id")
    create_indexes(db)
    terms.create_table(db)
    searchindex.create_tables(db)
    db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('docs', '0')")


def create_indexes(db: sqlite_utils.Database) -> None:
    db["articles"].create_index(["source"], if_not_exists=True)
    db["pages"].create_index(["sha256"], if_not_exists=True)  # a page loaded again under another path
    db["pages"].create_index(["text_sha256"], if_not_exists=True)  # ... or re-encoded
    db.execute("CREATE UNIQUE INDEX IF NOT EXISTS articles_sortkey ON articles (sortkey)")
    # (district, sortkey) serves lookups by district too.
    db.execute("CREATE INDEX IF NOT EXISTS articles_district_sortkey ON articles (district, sortkey)")
    # What search reads for every match (query.py), without touching the wide rows.
    db.execute("CREATE INDEX IF NOT EXISTS articles_keys ON articles (id, sortkey, reach, district)")
