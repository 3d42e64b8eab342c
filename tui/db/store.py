"""Write pages and their articles to SQLite (sqlite-utils): one transaction per page."""
from __future__ import annotations

import json
import os
import sqlite3
import zlib
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timezone

import sqlite_utils

from . import derived, ftstokens
from ..parse import keywords
from ..parse.segment import Article
from . import pinyin

SCHEMA_VERSION = 6


class StoreError(RuntimeError):
    """The database cannot be used: the message says why and what to do, in one line."""


def connect(path: str, readonly: bool = False) -> sqlite3.Connection:
    """A connection in WAL mode with a busy timeout, so the reader and a load can share the file."""
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10, check_same_thread=False)
    else:
        conn = sqlite3.connect(path, timeout=10, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 10000")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def open_db(path: str) -> sqlite_utils.Database:
    """The database for writing, schema ensured; StoreError with what to do if it cannot be."""
    # The write bit, not only access(): root may write anywhere, but a file made read-only
    # was made so on purpose.
    if os.path.exists(path) and (not os.access(path, os.W_OK) or not os.stat(path).st_mode & 0o222):
        raise StoreError(f"{path} is read-only; make it writable (chmod u+w) or load into another file with --db")
    directory = os.path.dirname(os.path.abspath(path))
    if not os.access(directory, os.W_OK):
        raise StoreError(f"cannot write in {directory}; choose another place with --db")
    try:
        db = sqlite_utils.Database(connect(path))
        ensure_schema(db)
    except StoreError:
        raise
    except sqlite3.DatabaseError as err:
        raise StoreError(
            f"{path} is not a usable cqdaily database ({err}); move it away, or run "
            f"'cqdaily load --rebuild' to re-create it from the pages it recorded"
        ) from None
    return db


def check_readable(path: str) -> str | None:
    """None when the reader can use the database at path, else a one-line reason and remedy."""
    if not os.path.exists(path):
        return f"no database at {path}; run 'cqdaily load PATH…' first"
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
        try:
            conn.execute("SELECT COUNT(*) FROM articles").fetchone()
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if row and int(row[0]) == SCHEMA_VERSION:
                conn.execute("SELECT rowid FROM articles_chars LIMIT 1").fetchall()
            older_features = derived.needs_upgrade(conn)
        finally:
            conn.close()
    except (sqlite3.DatabaseError, ValueError) as err:
        return (f"{path} is not a usable cqdaily database ({err}); run 'cqdaily load --rebuild' "
                f"to re-create it, or move it away")
    version = int(row[0]) if row else 0
    if version < SCHEMA_VERSION or (version == SCHEMA_VERSION and older_features):
        return f"{path} is from an older cqdaily (schema {version}); run 'cqdaily load' to upgrade it"
    if version > SCHEMA_VERSION:
        return f"{path} was written by a newer cqdaily (schema {version}); upgrade cqdaily"
    return None


def upgrade_in_place(path: str) -> bool:
    """Bring a database from an older cqdaily up to this schema, saying so on stderr (a large
    one takes a while: the search index is built again). False when it is not older, or cannot
    be written."""
    import sys

    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            version = int(row[0]) if row else 0
            older_features = derived.needs_upgrade(conn)
        finally:
            conn.close()
    except (sqlite3.DatabaseError, ValueError):
        return False
    if version > SCHEMA_VERSION or (version == SCHEMA_VERSION and not older_features):
        return False
    print(f"cqdaily: upgrading {path} from schema {version} to {SCHEMA_VERSION} (once; rebuilds the search index) …",
          file=sys.stderr, flush=True)
    try:
        open_db(path).conn.close()
    except StoreError as err:
        print(f"cqdaily: {err}", file=sys.stderr)
        return False
    return True


def schema_version(db: sqlite_utils.Database) -> int:
    if "meta" not in db.table_names():
        return 0
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the tables, or bring an older database up to this schema (keeping its articles)."""
    version = schema_version(db)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"the database was written by a newer cqdaily (schema {version}, this one knows "
            f"{SCHEMA_VERSION}); upgrade cqdaily"
        )
    if version == SCHEMA_VERSION:
        with db.conn:
            derived.ensure(db.conn)  # the archive features' tables have a version of their own
        return
    with db.conn:
        db["meta"].create({"key": str, "value": str}, pk="key", if_not_exists=True)
        db["pages"].create(
            {
                "source": str, "path": str, "sha256": str, "date": str, "number": int,
                "format": str, "loaded_at": str, "warnings": str, "furniture": str, "articles": int,
            },
            pk="source", if_not_exists=True,
        )
        db["articles"].create(
            {
                "id": int, "source": str, "page_date": str, "page_no": int, "position": int,
                "kind": str, "district": str, "title": str, "subtitle": str, "byline": str,
                "body": str, "subheads": str, "keywords": str, "chars": int, "sortkey": int,
                "reach": int,
            },
            pk="id", if_not_exists=True,
        )
        for column in ("sortkey", "reach"):
            if column not in db["articles"].columns_dict:
                db.execute(f"ALTER TABLE articles ADD COLUMN {column} INTEGER")
        db["articles"].create_index(["source"], if_not_exists=True)
        # (district, sortkey) below serves lookups by district too.
        db.execute("DROP INDEX IF EXISTS idx_articles_district")
        db.execute("DROP INDEX IF EXISTS idx_articles_page_date_source_position")
        if version < 5:
            _fill_sortkeys(db)
        db.execute("CREATE UNIQUE INDEX IF NOT EXISTS articles_sortkey ON articles (sortkey)")
        db.execute("CREATE INDEX IF NOT EXISTS articles_district_sortkey ON articles (district, sortkey)")
        # What search reads for every match (query.py), without touching the wide rows.
        db.execute("CREATE INDEX IF NOT EXISTS articles_keys ON articles (id, sortkey, reach, district)")
        _ensure_terms(db)
        db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('docs', '0')")
        if version < 6:
            _fill_reach(db)
            _build_search_index(db)
        derived.ensure(db.conn)
        db["meta"].upsert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")


POS_MAX = (1 << 19) - 1  # articles a page may hold


def sortkey(page_date: str | None, source: str, position: int, salt: int = 0) -> int:
    """An integer that orders articles newest first when taken in descending order: the page's
    date, then its source (by a hash: any fixed order will do), then the position, ascending."""
    days = 0
    if page_date:
        try:
            days = min(date.fromisoformat(page_date).toordinal(), (1 << 20) - 1)  # years up to 2870
        except ValueError:
            days = 0
    h = (zlib.crc32(source.encode("utf-8")) + salt) & 0xFFFFFF
    # 20 bits of days, 24 of page, 19 of position: 63 bits, SQLite's signed integer.
    return (days << 43) | (h << 19) | (POS_MAX - min(position, POS_MAX))


def _free_salt(conn: sqlite3.Connection, page_date: str | None, source: str, n: int) -> int:
    """A salt for which no other page's articles already use the sort keys."""
    for salt in range(0, 1 << 16):
        keys = [sortkey(page_date, source, pos, salt) for pos in range(1, n + 1)]
        taken = conn.execute(
            f"SELECT 1 FROM articles WHERE sortkey IN ({','.join('?' * len(keys))}) AND source != ? LIMIT 1",
            keys + [source],
        ).fetchone()
        if not taken:
            return salt
    raise StoreError(f"no free sort key for {source}")


def _fill_sortkeys(db: sqlite_utils.Database) -> None:
    """Sort keys for articles stored before schema 3, free keys found in memory."""
    conn = db.conn
    taken: set[int] = set()
    updates = []
    for source, page_date, positions in conn.execute(
        "SELECT source, MAX(page_date), GROUP_CONCAT(position) FROM articles GROUP BY source"
    ).fetchall():
        pos = [int(p) for p in str(positions).split(",")]
        for salt in range(0, 1 << 16):
            keys = [sortkey(page_date, source, p, salt) for p in pos]
            if not taken.intersection(keys) and len(set(keys)) == len(keys):
                break
        taken.update(keys)
        updates.append((sortkey(page_date, source, 0, salt), source))
    conn.executemany(f"UPDATE articles SET sortkey = ? - MIN(position, {POS_MAX}) WHERE source = ?", updates)


def _ensure_terms(db: sqlite_utils.Database) -> None:
    """Words' document frequencies, keyed by the word itself (WITHOUT ROWID: one b-tree to
    update per word instead of a table and its index; every page updates a thousand)."""
    sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 'terms'").fetchone()
    if sql and "WITHOUT ROWID" in sql[0].upper():
        return
    db.execute("CREATE TABLE terms_new (term TEXT PRIMARY KEY, df INTEGER) WITHOUT ROWID")
    if sql:
        db.execute("INSERT INTO terms_new SELECT term, df FROM terms")
        db.execute("DROP TABLE terms")
    db.execute("ALTER TABLE terms_new RENAME TO terms")


def _fill_reach(db: sqlite_utils.Database) -> None:
    """The reach of every stored article (see save_page), in one pass over the ids."""
    reach, updates = None, []
    for art_id, key in db.execute("SELECT id, sortkey FROM articles ORDER BY id").fetchall():
        reach = key if reach is None else max(reach, key)
        updates.append((reach, art_id))
    db.conn.executemany("UPDATE articles SET reach = ? WHERE id = ?", updates)


def _build_search_index(db: sqlite_utils.Database) -> None:
    """The search index (see ftstokens), made from the articles already stored.

    Earlier schemas: one table of single-character tokens (too slow for frequent characters at
    100,000 articles), then trigrams plus 1-2 character sets keyed by sort key (5x the text)."""
    for old in ("articles_fts", "articles_grams", "articles_tri", "articles_chars", "articles_pairs"):
        db.execute(f"DROP TABLE IF EXISTS {old}")
    _create_search_tables(db)
    rows = db.execute("SELECT id, title, subtitle, body FROM articles ORDER BY id")
    for art_id, title, subtitle, body in rows.fetchall():
        _index(db.conn, art_id, ftstokens.chars(title, subtitle, body), ftstokens.pairs(title, subtitle, body))


def _create_search_tables(db: sqlite_utils.Database) -> None:
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


def _index(conn: sqlite3.Connection, art_id: int, chars: str, pairs: str, delete: bool = False) -> None:
    """Add an article's tokens to the search tables, or take them out (contentless tables are
    told the very tokens they were given)."""
    if delete:
        conn.execute("INSERT INTO articles_chars(articles_chars, rowid, c) VALUES ('delete', ?, ?)", [art_id, chars])
        conn.execute("INSERT INTO articles_pairs(articles_pairs, rowid, p) VALUES ('delete', ?, ?)", [art_id, pairs])
    else:
        conn.execute("INSERT INTO articles_chars(rowid, c) VALUES (?, ?)", [art_id, chars])
        conn.execute("INSERT INTO articles_pairs(rowid, p) VALUES (?, ?)", [art_id, pairs])


def _docs(db: sqlite_utils.Database) -> int:
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'docs'").fetchone()
    except sqlite3.OperationalError:
        return 0
    return int(row[0]) if row else 0


@dataclass
class PageRecord:
    source: str
    path: str
    sha256: str
    date: str | None
    number: int | None
    format: str
    warnings: list[str]
    furniture: list[str]


def page_sha(db: sqlite_utils.Database, source: str) -> str | None:
    row = db.execute("SELECT sha256 FROM pages WHERE source = ?", [source]).fetchone()
    return row[0] if row else None


def article_text(a: Article) -> str:
    """The text keywords are counted in: headlines and body."""
    return "\n".join(filter(None, [a.title, *a.subtitles, a.body]))


# Words hold no control characters (the decoder strips them). One string of words crosses from
# a worker process ten times faster than a list of them.
TERM_SEP = "\x00"


@dataclass
class Prepared:
    """The CPU-heavy part of storing an article, done where it was parsed."""
    terms: str  # distinct words, for the corpus document frequencies, joined by TERM_SEP
    shortlist: Counter  # the words its keywords are chosen from, with counts
    total: int  # words in the article
    chars: str  # the article's tokens for the search index (ftstokens)
    pairs: str
    title_py: str = ""  # the title's pinyin tokens, space-separated (derived.index_pinyin)


def prepare(articles: list[Article], counts: list[Counter]) -> list[Prepared]:
    out = []
    for a, c in zip(articles, counts):
        short, total = keywords.shortlist(c)
        subtitle = "\n".join(a.subtitles)
        out.append(Prepared(TERM_SEP.join(c), short, total, ftstokens.chars(a.title, subtitle, a.body),
                            ftstokens.pairs(a.title, subtitle, a.body), " ".join(pinyin.title_tokens(a.title))))
    return out


def save_page(
    db: sqlite_utils.Database, page: PageRecord, articles: list[Article], prepared: list | None = None
) -> int:
    """Replace the page's articles with these, in one transaction. Returns how many were stored.

    prepared: what prepare() made for the articles, when a worker process made it already."""
    if prepared is None:
        prepared = prepare(articles, [keywords.terms(article_text(a)) for a in articles])
    conn = db.conn
    with conn:  # one transaction: the page is stored whole or not at all
        old = conn.execute(
            "SELECT id, title, subtitle, body FROM articles WHERE source = ?", [page.source]
        ).fetchall()
        docs = _docs(db)
        df_change: Counter = Counter()
        for art_id, title, subtitle, body in old:
            _index(conn, art_id, ftstokens.chars(title, subtitle, body), ftstokens.pairs(title, subtitle, body),
                   delete=True)
            for term in keywords.terms("\n".join(t for t in (title, subtitle, body) if t)):
                df_change[term] -= 1
        conn.execute("DELETE FROM articles WHERE source = ?", [page.source])
        docs -= len(old)

        for p in prepared:
            if p.terms:
                df_change.update(p.terms.split(TERM_SEP))
        docs += len(articles)
        _apply_df(conn, df_change)
        df = _df_for(conn, {t for p in prepared for t in p.shortlist})

        rows = []
        salt = _free_salt(conn, page.date, page.source, len(articles)) if articles else 0
        ukeys = derived.page_keys(page.source, page.date, articles)
        for pos, (a, p) in enumerate(zip(articles, prepared), 1):
            rows.append(
                {
                    "source": page.source, "page_date": page.date, "page_no": page.number,
                    "position": pos, "kind": a.kind, "district": a.district, "title": a.title,
                    "subtitle": "\n".join(a.subtitles) or None, "byline": a.byline, "body": a.body,
                    "subheads": json.dumps(a.subheads, ensure_ascii=False),
                    "keywords": json.dumps(keywords.top(p.shortlist, df, docs, total=p.total), ensure_ascii=False),
                    "chars": sum(len(p) for p in a.paragraphs),
                    "sortkey": sortkey(page.date, page.source, pos, salt), "ukey": ukeys[pos - 1],
                }
            )
        # An article's reach: the largest sort key among it and every article with a smaller id
        # (new ids are always the largest). Search reads matches by descending id and stops once
        # its newest-first page holds nothing older than the reach of the next row (query.py).
        reach = conn.execute("SELECT MAX(sortkey) FROM articles").fetchone()[0]
        for row, p in zip(rows, prepared):
            reach = row["sortkey"] if reach is None else max(reach, row["sortkey"])
            row["reach"] = reach
            cur = conn.execute(
                "INSERT INTO articles (source, page_date, page_no, position, kind, district, title, "
                "subtitle, byline, body, subheads, keywords, chars, sortkey, reach, ukey) VALUES "
                "(:source, :page_date, :page_no, :position, :kind, :district, :title, :subtitle, "
                ":byline, :body, :subheads, :keywords, :chars, :sortkey, :reach, :ukey)",
                row,
            )
            _index(conn, cur.lastrowid, p.chars, p.pairs)
            derived.index_pinyin(conn, cur.lastrowid, p.title_py.split(), row["district"],
                                 [k for k, _ in json.loads(row["keywords"])])
        conn.execute(
            "INSERT OR REPLACE INTO pages (source, path, sha256, date, number, format, loaded_at, "
            "warnings, furniture, articles) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                page.source, page.path, page.sha256, page.date, page.number, page.format,
                datetime.now(timezone.utc).isoformat(timespec="seconds"),
                json.dumps(page.warnings, ensure_ascii=False),
                json.dumps(page.furniture, ensure_ascii=False), len(rows),
            ],
        )
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('docs', ?)", [str(max(docs, 0))])
    return len(rows)


def _apply_df(conn: sqlite3.Connection, change: Counter) -> None:
    items = {t: n for t, n in change.items() if n}
    # One statement over a JSON object: a third faster than executemany for a thousand words.
    conn.execute(
        "INSERT INTO terms (term, df) SELECT key, value FROM json_each(?) WHERE true "
        "ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
        [json.dumps(items, ensure_ascii=False)],
    )
    fallen = [t for t, n in items.items() if n < 0]
    if fallen:  # words no stored article holds any more
        conn.execute(
            "DELETE FROM terms WHERE term IN (SELECT value FROM json_each(?)) AND df <= 0",
            [json.dumps(fallen, ensure_ascii=False)],
        )


def _df_for(conn: sqlite3.Connection, words: set[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    words_l = list(words)
    for i in range(0, len(words_l), 500):
        chunk = words_l[i : i + 500]
        marks = ",".join("?" * len(chunk))
        out.update(conn.execute(f"SELECT term, df FROM terms WHERE term IN ({marks})", chunk).fetchall())
    return out
