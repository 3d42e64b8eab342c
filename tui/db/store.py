"""Writing pages: a page's articles, their search tokens and keyword frequencies, and the page's
record, replaced together in one transaction."""
from __future__ import annotations

import json
import os
import sqlite3
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from ..parse import keywords
from ..parse.segment import Article
from . import batch, derived, pinyin, searchindex, sortkeys, terms
from .schema import ARTICLE_COLUMNS, PAGE_COLUMNS, StoreError  # noqa: F401 - StoreError: callers catch it from here

if TYPE_CHECKING:  # imported through sqliteutils.load() by whoever opens the database
    import sqlite_utils

# Raw SQL for the article rows: sqlite-utils' insert() looks the table up again on every call (a
# page writes dozens). The row ids are chosen by _insert.
_INSERT_ARTICLE = "INSERT INTO articles ({}) VALUES ({})".format(
    ", ".join(ARTICLE_COLUMNS), ", ".join(f":{c}" for c in ARTICLE_COLUMNS)
)

# The page row likewise: sqlite-utils' insert() reads the table's schema on each call (3 ms a page).
_INSERT_PAGE = "INSERT OR REPLACE INTO pages ({}) VALUES ({})".format(
    ", ".join(PAGE_COLUMNS), ", ".join(f":{c}" for c in PAGE_COLUMNS)
)


@dataclass
class PageRecord:
    path: str  # resolved absolute path: what identifies the page
    sha256: str
    date: str | None
    number: int | None
    format: str
    warnings: list[str]
    furniture: list[str]
    text_sha256: str | None = None  # of the decoded text (decode.text_digest): the same in any encoding


def page_sha(db: sqlite_utils.Database, path: str) -> str | None:
    row = db.execute("SELECT sha256 FROM pages WHERE path = ?", [path]).fetchone()
    return row[0] if row else None


def stored_size(db: sqlite_utils.Database, path: str) -> tuple[int, int] | None:
    """How many articles the stored page of this path holds, and their characters of text
    (articles.chars); None when no page of this path is stored."""
    row = db.execute("SELECT articles, (SELECT COALESCE(SUM(chars), 0) FROM articles WHERE source = ?) "
                     "FROM pages WHERE path = ?", [path, path]).fetchone()
    return (row[0] or 0, row[1]) if row else None


def duplicate_of(db: sqlite_utils.Database, sha256: str, path: str, text_sha256: str | None = None) -> str | None:
    """The path of a stored page with the very same bytes, or the same decoded text (the page
    re-encoded), under another path, if any."""
    row = db.execute("SELECT path FROM pages WHERE (sha256 = ? OR text_sha256 = ?) AND path != ? LIMIT 1",
                     [sha256, text_sha256, path]).fetchone()
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


def prepare(articles: list[Article], counts: list[Counter]) -> list[Prepared]:
    from . import ftstokens

    out = []
    for a, c in zip(articles, counts):
        short, total = keywords.shortlist(c)
        subtitle = "\n".join(a.subtitles)
        out.append(Prepared(TERM_SEP.join(c), short, total, ftstokens.chars(a.title, subtitle, a.body),
                            ftstokens.pairs(a.title, subtitle, a.body)))
    return out


def _remove_articles(conn: sqlite3.Connection, path: str, df_change: Counter) -> int:
    """Take a page's articles out of the table, the index and the frequencies; how many."""
    old = conn.execute("SELECT id, title, subtitle, body FROM articles WHERE source = ?", [path]).fetchall()
    for art_id, title, subtitle, body in old:
        searchindex.remove(conn, art_id, title, subtitle, body)
        for term in keywords.terms("\n".join(t for t in (title, subtitle, body) if t)):
            df_change[term] -= 1
    conn.execute("DELETE FROM articles WHERE source = ?", [path])
    return len(old)


def _rows(conn: sqlite3.Connection, page: PageRecord, articles: list[Article], prepared: list[Prepared],
          docs: int, unwritten: tuple[Counter, ...] = ()) -> list[dict]:
    """The article rows; unwritten: frequency changes not yet in the table (a batch's, the page's)."""
    words = {t for p in prepared for t in p.shortlist}
    df = terms.frequencies(conn, words)
    for change in unwritten:
        for w in words & change.keys():
            df[w] = df.get(w, 0) + change[w]
    # The hash of the base name, not the path: the order of pages of one date stays the same
    # wherever the files live (a same-named page elsewhere gets another salt).
    name = os.path.basename(page.path)
    salt = sortkeys.free_salt(conn, page.date, name, len(articles), page.path) if articles else 0
    ukeys = derived.page_keys(page.path, page.date, articles)
    chosen = [keywords.top(p.shortlist, df, docs, total=p.total) for p in prepared]
    rows = []  # "words": the keywords, for the pinyin rows; not a column
    for pos, (a, p) in enumerate(zip(articles, prepared), 1):
        rows.append({
            "source": page.path, "page_date": page.date, "page_no": page.number, "position": pos,
            "kind": a.kind, "district": a.district, "title": a.title,
            "subtitle": "\n".join(a.subtitles) or None, "byline": a.byline, "body": a.body,
            "subheads": json.dumps(a.subheads, ensure_ascii=False),
            "keywords": json.dumps(chosen[pos - 1], ensure_ascii=False), "words": [k for k, _ in chosen[pos - 1]],
            "chars": sum(len(x) for x in a.paragraphs),
            "sortkey": sortkeys.sortkey(page.date, name, pos, salt), "ukey": ukeys[pos - 1],
            "continued": int(a.continued),
        })
    return rows


def _insert(conn: sqlite3.Connection, rows: list[dict], prepared: list[Prepared]) -> list[tuple[int, str, str]]:
    """Insert the rows; returns their search tokens (id, chars, pairs), not yet indexed."""
    # An article's reach: the largest sort key among it and every article with a smaller id
    # (new ids are always the largest). Search reads matches by descending id and stops once
    # its newest-first page holds nothing older than the reach of the next row (query.py).
    reach = conn.execute("SELECT MAX(sortkey) FROM articles").fetchone()[0]
    # Ids above the watermark too: SQLite's own choice (the largest + 1) gave a reloaded page's
    # articles the ids of the old ones just removed when those were the largest, ids that
    # derived.catch_up counts as done, leaving them without keyword postings and pinyin trigrams.
    # (One MAX a statement: SQLite reads two in one statement by scanning the table.)
    first = max(conn.execute("SELECT COALESCE(MAX(id), 0) FROM articles").fetchone()[0], derived.upto(conn)) + 1
    ids = list(range(first, first + len(rows)))
    for art_id, row in zip(ids, rows):
        reach = row["sortkey"] if reach is None else max(reach, row["sortkey"])
        row["reach"], row["id"] = reach, art_id
        conn.execute(_INSERT_ARTICLE, row)
    # Pinyin rows in one statement, then the search tokens by executemany: fewer statements, and
    # the tokens stay pending in FTS5 until the commit (see derived._TRIGGERS on savepoints).
    derived.index_pinyin_many(conn, [
        (art_id, pinyin.title_tokens(row["title"]), row["district"], row["words"]) for art_id, row in zip(ids, rows)
    ])
    derived.after_page(conn, [row["ukey"] for row in rows])
    return [(art_id, p.chars, p.pairs) for art_id, p in zip(ids, prepared)]


def save_page(
    db: sqlite_utils.Database, page: PageRecord, articles: list[Article], prepared: list | None = None,
    later: batch.Later | None = None,
) -> int:
    """Replace the page's articles with these, in one transaction (a savepoint inside the
    caller's). Returns how many were stored.

    prepared: what prepare() made for the articles, when a worker process made it already.
    later: the articles' search tokens and the frequency changes are added to it instead of the
    tables, once the page is stored whole; the caller writes them before it commits (batch.py)."""
    if prepared is None:
        prepared = prepare(articles, [keywords.terms(article_text(a)) for a in articles])
    conn = db.conn
    with db.atomic():  # the page is stored whole or not at all
        removed: Counter = Counter()
        docs = terms.docs(conn) - _remove_articles(conn, page.path, removed) + len(articles)
        # Counted from a list, in C (Counter.update of a mapping runs in Python).
        added_terms = TERM_SEP.join(p.terms for p in prepared if p.terms).split(TERM_SEP) if prepared else []
        df_change = Counter(added_terms)
        df_change.update(removed)
        if later is None:
            terms.apply(conn, df_change)
        try:
            rows = _rows(conn, page, articles, prepared, docs, () if later is None else (later.df, df_change))
        except sortkeys.NoFreeKey as err:
            raise StoreError(str(err)) from None
        added = _insert(conn, rows, prepared)
        if later is None:
            searchindex.add_many(conn, added)
        conn.execute(_INSERT_PAGE, {
            "path": page.path, "name": os.path.basename(page.path), "sha256": page.sha256,
            "text_sha256": page.text_sha256,
            "date": page.date, "number": page.number, "format": page.format, "articles": len(rows),
            "loaded_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "warnings": json.dumps(page.warnings, ensure_ascii=False),
            "furniture": json.dumps(page.furniture, ensure_ascii=False),
        })
        terms.set_docs(conn, docs)
    if later is not None:
        later.tokens.extend(added)
        later.df.update(added_terms)
        later.df.update(removed)
    return len(rows)


def delete_page(db: sqlite_utils.Database, path: str) -> int:
    """Take a page and its articles out, in one transaction; how many articles it held."""
    with db.atomic():
        df_change: Counter = Counter()
        n = _remove_articles(db.conn, path, df_change)
        terms.apply(db.conn, df_change)
        terms.set_docs(db.conn, terms.docs(db.conn) - n)
        db.execute("DELETE FROM pages WHERE path = ?", [path])
    return n
