"""What the archive features read beside the articles, made at load time and kept in step.

- articles.ukey: a stable key per article (see article_key) that survives a `--force` reload of
  the same page, where the article's row id does not. User state (userstate.py) is keyed by it.
- article_terms: the keywords as postings (term, weight, id) for related stories (related.py).
  Kept in step by triggers on articles, so no writer can forget them.
- articles_pinyin: the pinyin of each article's title, district and keywords (pinyin.py).

These tables have their own version in meta ('features_version'), independent of the main
schema version: an older database is brought up to it by ensure(), on load or upgrade.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3

from . import userstate
from .watermark import UPTO, upto  # noqa: F401 - upto is part of this module's interface

FEATURES_VERSION = 3  # 2: pinyin trigram index; read marks carry groups. 3: indexes caught up per load

_TABLES = """
CREATE TABLE IF NOT EXISTS article_terms (
    term TEXT NOT NULL, w REAL NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (term, w, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS articles_pinyin (id INTEGER PRIMARY KEY, full TEXT NOT NULL, ini TEXT NOT NULL);
"""
# Pinyin is searched as substrings (pinyin.py); a trigram index finds them without reading every
# row (a scan took 50-70 ms at 100,000 articles). Contentless: articles_pinyin holds the text.
_TRIGRAMS = ("CREATE VIRTUAL TABLE IF NOT EXISTS pinyin_tri USING fts5(full, ini, content='', "
             "tokenize='trigram')")
# The keyword postings and the pinyin trigrams are not written page by page: each page touched
# ~50 random leaves of the postings and wrote a small trigram segment (about 3.5 ms of a page's
# ~8 ms in the writer at 100,000 articles). catch_up() adds every article above the watermark
# UPTO in one sorted pass when a load ends; articles_pinyin rows (appended in id order, cheap)
# are written with each page, and search scans the few above the watermark (pinyin.py).
# No trigger on inserting articles, and plain INSERTs here: a statement that may need rolling
# back on its own (a trigger, OR REPLACE) opens a savepoint, and FTS5 writes its pending search
# tokens out at every savepoint: a segment per article instead of one per page (+3 to +8 ms a
# page). Read marks are regrouped once a page is stored (after_page).
_TRIGGERS = """
CREATE TRIGGER articles_derived_ad AFTER DELETE ON articles BEGIN
    -- Term and weight as two IN lists with the id fixed: a look-up of the whole primary key each
    -- (a row-value IN searched by term alone and read every posting of a frequent word).
    DELETE FROM article_terms WHERE id = old.id
        AND term IN (SELECT value ->> 0 FROM json_each(coalesce(old.keywords, '[]')))
        AND w IN (SELECT value ->> 1 FROM json_each(coalesce(old.keywords, '[]')));
    DELETE FROM articles_pinyin WHERE id = old.id;
    UPDATE user_reads SET present = 0 WHERE ukey = old.ukey;
END;
CREATE TRIGGER articles_pinyin_ad AFTER DELETE ON articles_pinyin BEGIN
    -- Only rows the index holds: a contentless table told to delete what it never had breaks.
    INSERT INTO pinyin_tri (pinyin_tri, rowid, full, ini)
    SELECT 'delete', old.id, old.full, old.ini
    WHERE old.id <= (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'derived_upto');
END;
"""
_OLD_TRIGGERS = ("articles_terms_ai", "articles_terms_ad", "articles_derived_ai", "articles_derived_ad",
                 "articles_pinyin_ai", "articles_pinyin_ad")


def catch_up(conn: sqlite3.Connection) -> int:
    """Write the keyword postings and pinyin trigrams of every article above the watermark, in
    one transaction, sorted; returns how many articles. Called when a load ends (and safe at
    any time: a load that was interrupted is caught up by the next one)."""
    if needs_upgrade(conn):
        return 0
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN IMMEDIATE")  # the watermark and the rows above it read and written together
    try:
        low = upto(conn)
        high = conn.execute("SELECT COALESCE(MAX(id), 0) FROM articles").fetchone()[0]
        if high > low:
            conn.execute(
                "INSERT OR IGNORE INTO article_terms (term, w, id) SELECT j.value ->> 0, j.value ->> 1, a.id "
                "FROM articles a, json_each(coalesce(a.keywords, '[]')) j WHERE a.id > ? AND a.id <= ? "
                "ORDER BY 1, 2, 3", [low, high])
            conn.execute("INSERT INTO pinyin_tri (rowid, full, ini) SELECT id, full, ini FROM articles_pinyin "
                         "WHERE id > ? AND id <= ? ORDER BY id", [low, high])
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [UPTO, str(high)])
        if own:
            conn.execute("COMMIT")
    except BaseException:
        if own:
            conn.execute("ROLLBACK")
        raise
    return max(high - low, 0)


def features_version(conn: sqlite3.Connection) -> int:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'features_version'").fetchone()
    except sqlite3.OperationalError:
        return 0
    return int(row[0]) if row else 0


def needs_upgrade(conn: sqlite3.Connection) -> bool:
    """True when the database lacks what this cqdaily's archive features read."""
    return features_version(conn) < FEATURES_VERSION


def article_key(source: str, page_date: str | None, title: str | None, body: str | None, seen: int = 0) -> int:
    """A 63-bit key for an article: its page file's name, the page date, its title and first
    paragraph, and how many earlier articles of the page had all of these (0 for almost all).

    The page's base name rather than its full path: a user who moves the archive folder and loads
    it again keeps their marks. Row ids change on every reload; this does not, as long as the
    article's title and first paragraph read the same."""
    name = (source or "").replace("\\", "/").rsplit("/", 1)[-1]
    first = (body or "").split("\n", 1)[0].strip()
    text = "\x1f".join([name, page_date or "", (title or "").strip(), first, str(seen)])
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big") >> 1


def page_keys(source: str, page_date: str | None, articles) -> list[int]:
    """article_key of each article of one page (objects with .title and .body), in page order."""
    seen: dict[tuple, int] = {}
    out = []
    for a in articles:
        sig = (a.title, (a.body or "").split("\n", 1)[0].strip())
        n = seen.get(sig, 0)
        seen[sig] = n + 1
        out.append(article_key(source, page_date, a.title, a.body, n))
    return out


def ensure(conn: sqlite3.Connection) -> None:
    """Create or bring up to date the derived tables of a database whose articles table exists.
    Runs inside the caller's transaction; a no-op when already current. Everything derived is
    made again from the articles (triggers off meanwhile); the user_* tables keep their rows."""
    if not needs_upgrade(conn):
        return
    columns = {r[1] for r in conn.execute("PRAGMA table_info(articles)")}
    if "ukey" not in columns:
        conn.execute("ALTER TABLE articles ADD COLUMN ukey INTEGER")
    for trigger in _OLD_TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    conn.execute("DROP TABLE IF EXISTS pinyin_tri")
    for statement in _split(_TABLES):
        conn.execute(statement)
    _fill(conn)
    conn.execute(_TRIGRAMS)
    conn.execute("INSERT INTO pinyin_tri (rowid, full, ini) SELECT id, full, ini FROM articles_pinyin")
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, (SELECT COALESCE(MAX(id), 0) FROM articles))",
                 [UPTO])
    # Read marks and stars join on the key; unread counts by district and by edition read only this index.
    conn.execute("CREATE INDEX IF NOT EXISTS articles_ukey ON articles (ukey, district, page_date, page_no)")
    userstate.create_tables(conn)
    for statement in _split(_TRIGGERS):
        conn.execute(statement)
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('features_version', ?)", [str(FEATURES_VERSION)])


def _split(script: str) -> list[str]:
    """The statements of a script whose triggers end with 'END;' (executescript would commit)."""
    out, cur = [], []
    for line in script.strip().splitlines():
        cur.append(line)
        text = "\n".join(cur).strip()
        if text.endswith(";") and (not text.upper().startswith("CREATE TRIGGER") or text.endswith("END;")):
            out.append(text)
            cur = []
    return out


def _fill(conn: sqlite3.Connection) -> None:
    """Keys, postings and pinyin for the articles stored before these tables existed."""
    from . import pinyin

    conn.execute("DELETE FROM article_terms")
    conn.execute(
        "INSERT OR IGNORE INTO article_terms (term, w, id) SELECT j.value ->> 0, j.value ->> 1, a.id "
        "FROM articles a, json_each(coalesce(a.keywords, '[]')) j"
    )
    conn.execute("DELETE FROM articles_pinyin")
    sources = [r[0] for r in conn.execute("SELECT DISTINCT source FROM articles")]
    for source in sources:
        rows = conn.execute(
            "SELECT id, page_date, title, body, district, keywords FROM articles WHERE source = ? "
            "ORDER BY position", [source]
        ).fetchall()
        seen: dict[tuple, int] = {}
        for art_id, page_date, title, body, district, kws in rows:
            sig = (title, (body or "").split("\n", 1)[0].strip())
            n = seen.get(sig, 0)
            seen[sig] = n + 1
            conn.execute("UPDATE articles SET ukey = ? WHERE id = ?",
                         [article_key(source, page_date, title, body, n), art_id])
            index_pinyin(conn, art_id, pinyin.title_tokens(title), district, _words(kws))


def _words(keywords_json: str | None) -> list[str]:
    try:
        return [k[0] for k in json.loads(keywords_json or "[]")]
    except (ValueError, TypeError, IndexError):
        return []


def index_pinyin(conn: sqlite3.Connection, art_id: int, title_tokens: list[str], district: str | None,
                 keywords: list[str]) -> None:
    """Store what pinyin search reads for one article (see pinyin.row)."""
    index_pinyin_many(conn, [(art_id, title_tokens, district, keywords)])


def index_pinyin_many(conn: sqlite3.Connection, items: list[tuple[int, list[str], str | None, list[str]]]) -> None:
    """index_pinyin for several articles (id, title tokens, district, keywords): one statement
    a page, written before the page's search tokens (a multi-row statement opens a savepoint,
    where FTS5 writes out what it holds pending: nothing yet at that point)."""
    from . import pinyin

    data = [[art_id, *pinyin.row(tokens, district, kws)] for art_id, tokens, district, kws in items]
    conn.execute(
        "INSERT INTO articles_pinyin (id, full, ini) SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)",
        [json.dumps(data, ensure_ascii=False)],
    )


def after_page(conn: sqlite3.Connection, ukeys: list[int]) -> None:
    """Once a page's articles are stored: read marks of these keys count again, with the
    districts and editions the articles have now (last in the page's transaction: see _TRIGGERS)."""
    if ukeys and conn.execute("SELECT 1 FROM user_reads LIMIT 1").fetchone():
        conn.execute(
            "UPDATE user_reads SET present = 1, district = a.district, day = a.page_date, page_no = a.page_no "
            "FROM articles a WHERE a.ukey = user_reads.ukey AND user_reads.ukey IN (SELECT value FROM json_each(?))",
            [json.dumps(ukeys)])
