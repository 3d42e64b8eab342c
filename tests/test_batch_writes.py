"""Pages written in batches (db/batch.py, loading._Writer): the same database whatever the batch
size; each page whole or not at all inside its batch; a batch whose commit fails rolled back whole
and its pages said to be not stored; an interrupted load keeping what it committed; a page
reported only once another connection can see it; the search index holding exactly the articles.

Each test's docstring names the bugs it is there to catch. The loads call loading.load in this
process with fewer than 8 pages (no worker pool) except test_pool_load_reports_only_committed_pages."""
from __future__ import annotations

import functools
import json
import os
import shutil
import signal
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from bench import corpus
from tests.test_hardening import consistent
from tui import loading, workers
from tui.cjk import is_cjk
from tui.db import batch, derived, files, pinyin, search, searchindex, store, terms
from tui.parse import keywords

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PAGE_BATCH = batch.PageBatch  # the real one, whatever a test puts in its place
INDEXES = ("articles_chars", "articles_pairs")  # the article search index (searchindex.py)
FTS_TABLES = (*INDEXES, "pinyin_tri")


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """Pages in the seeds' broken layouts (bench/corpus.py), made once for the module."""
    out = tmp_path_factory.mktemp("generated")
    corpus.main(["--articles", "30", "--per-page", "6", "--out", str(out), "--seed", "11"])
    return out


@pytest.fixture
def pages(tmp_path, generated) -> dict[str, Path]:
    return fresh_pages(tmp_path, generated)


def fresh_pages(tmp_path, generated) -> dict[str, Path]:
    """s0..s4: the seed pages; g0..g4: generated pages; copied afresh to tmp_path/pages."""
    folder = tmp_path / "pages"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    out = {}
    for i, f in enumerate(sorted(SEEDS.glob("*.txt"))):
        out[f"s{i}"] = Path(shutil.copy(f, folder / f.name))
    for i, f in enumerate(sorted(generated.glob("*.txt"))):
        out[f"g{i}"] = Path(shutil.copy(f, folder / f.name))
    return out


class PageByPage(PAGE_BATCH):
    """Writing as before batches: each page's index rows and frequencies written with it (no
    batch.Later), and the page committed on its own."""

    def __init__(self, db):
        super().__init__(db, pages=1, seconds=3600)
        self.later = None

    def commit(self) -> str:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")
        return ""


def batches_of(monkeypatch, n: int | None, conn_wrapper=None) -> None:
    """Loads write batches of n pages (None: the default size and time limit; 0: page by page,
    as before batches); conn_wrapper, if given, wraps the connection the batch commits through."""
    def make(db):
        if n == 0:
            b = PageByPage(db)
        else:
            b = PAGE_BATCH(db) if n is None else PAGE_BATCH(db, pages=n, seconds=3600)
        if conn_wrapper is not None:
            b.conn = conn_wrapper(b.conn)
        return b

    monkeypatch.setattr(batch, "PageBatch", make)


def load(paths, db, force: bool = False, reports: list | None = None) -> list[loading.PageResult]:
    """loading.load; the results, checked to be the pages reported, in the same order."""
    seen = [] if reports is None else reports
    results = loading.load([str(p) for p in paths], str(db), force=force, on_page=seen.append)
    assert seen == results
    return results


def outcome(results) -> list[tuple]:
    return [(os.path.basename(r.path), r.ok, r.items, r.skipped, os.path.basename(r.duplicate_of), r.reason)
            for r in results]


def fail_on(monkeypatch, name: str, effect) -> None:
    """effect(conn) runs at the end of storing the page named name, the first time it is stored:
    its articles and page row written, inside its savepoint (in terms.set_docs, the savepoint's
    last statement)."""
    insert, set_docs, storing, done = store._insert, terms.set_docs, [], []

    def inserting(conn, rows, prepared):
        storing[:] = [os.path.basename(rows[0]["source"])] if rows else []
        return insert(conn, rows, prepared)

    def setting_docs(conn, n):
        set_docs(conn, n)
        if storing == [name] and not done:
            done.append(name)
            effect(conn)

    monkeypatch.setattr(store, "_insert", inserting)
    monkeypatch.setattr(terms, "set_docs", setting_docs)


def raising(exc):
    def effect(*_args, **_kwargs):
        raise exc
    return effect


def once_then(real, exc):
    """real, which raises exc after doing its work the first time it is called."""
    calls = []

    def wrapper(*args, **kwargs):
        out = real(*args, **kwargs)
        if not calls:
            calls.append(1)
            raise exc
        return out
    return wrapper


class FailingCommit:
    """A connection whose COMMIT raises exc (and commits nothing) when left[0], shared by the
    connections of a test's loads and counted down at each COMMIT, reaches 0."""

    def __init__(self, conn, exc, left: list[int]):
        self._conn, self._exc, self._left = conn, exc, left

    def __getattr__(self, name):
        return getattr(self._conn, name)

    def execute(self, sql, *args):
        if sql == "COMMIT":
            self._left[0] -= 1
            if self._left[0] == 0:
                raise self._exc
        return self._conn.execute(sql, *args)


# What the database holds ------------------------------------------------------------------------

def vocab(con: sqlite3.Connection, table: str) -> list[tuple]:
    """Every term of an FTS5 table with the number of rows holding it: the index's whole content."""
    con.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.v_{table} USING fts5vocab(main, '{table}', 'row')")
    return con.execute(f"SELECT term, doc, cnt FROM temp.v_{table} ORDER BY term").fetchall()


def rebuilt_vocab(db) -> dict[str, list]:
    """The article index as searchindex.rebuild makes it from the stored articles, and the pinyin
    trigrams as derived.catch_up writes them from the pinyin rows up to its watermark."""
    con = sqlite3.connect(":memory:")
    src = sqlite3.connect(db)
    src.backup(con)
    src.close()
    from tui.db import sqliteutils

    searchindex.rebuild(sqliteutils.load().Database(con))
    con.execute("INSERT INTO pinyin_tri (pinyin_tri) VALUES ('delete-all')")
    con.execute("INSERT INTO pinyin_tri (rowid, full, ini) SELECT id, full, ini FROM articles_pinyin "
                "WHERE id <= ? ORDER BY id", [derived.upto(con)])
    out = {t: vocab(con, t) for t in FTS_TABLES}
    con.close()
    return out


def derived_in_step(con: sqlite3.Connection) -> None:
    """What a load writes beside the articles (derived.py) is theirs: the keyword postings of every
    article up to the watermark (all of them once a load is over), one pinyin row per article."""
    assert con.execute("SELECT COALESCE(MAX(id), 0) FROM articles").fetchone()[0] <= derived.upto(con)
    want = sorted((t, w, i) for i, kws in con.execute("SELECT id, keywords FROM articles")
                  for t, w in json.loads(kws or "[]"))
    assert con.execute("SELECT term, w, id FROM article_terms ORDER BY 1, 2, 3").fetchall() == want
    assert con.execute("SELECT id FROM articles_pinyin ORDER BY id").fetchall() == \
        con.execute("SELECT id FROM articles ORDER BY id").fetchall()


def words(con: sqlite3.Connection, n: int = 12) -> list[str]:
    """Chinese words to search for: the starts of titles, of 2 and 3 characters."""
    out = []
    for (title,) in con.execute("SELECT title FROM articles WHERE title IS NOT NULL ORDER BY sortkey LIMIT ?", [n]):
        out += [w for w in (title[:2], title[1:4]) if len(w) >= 2 and all(is_cjk(c) for c in w)]
    return sorted(set(out))


def like_ids(con: sqlite3.Connection, word: str) -> list[int]:
    return sorted(r[0] for r in con.execute(
        "SELECT id FROM articles WHERE instr(coalesce(title, '') || char(10) || coalesce(subtitle, '') "
        "|| char(10) || body, ?) > 0", [word]))


def snapshot(db) -> dict:
    """What a load leaves, all of it but the pages' loaded_at times."""
    con = sqlite3.connect(db)
    try:
        page_cols = ", ".join(r[1] for r in con.execute("PRAGMA table_info(pages)") if r[1] != "loaded_at")
        out = {
            "articles": con.execute("SELECT * FROM articles ORDER BY id").fetchall(),
            "pages": con.execute(f"SELECT {page_cols} FROM pages ORDER BY path").fetchall(),
            "terms": con.execute(f"SELECT term, df FROM {terms.TABLE} ORDER BY term").fetchall(),
            "meta": con.execute("SELECT key, value FROM meta WHERE key IN ('docs', 'derived_upto') "
                                "ORDER BY key").fetchall(),
            "article_terms": con.execute("SELECT * FROM article_terms ORDER BY 1, 2, 3").fetchall(),
            "articles_pinyin": con.execute("SELECT * FROM articles_pinyin ORDER BY id").fetchall(),
        }
        out.update({t: vocab(con, t) for t in FTS_TABLES})
        out["search"] = {w: search.matching_ids(con, w) for w in words(con)}
    finally:
        con.close()
    return out


def frequencies_in_step(con: sqlite3.Connection) -> None:
    """The keyword frequencies are those of the stored articles, counted again from their text."""
    df: Counter = Counter()
    for row in con.execute("SELECT title, subtitle, body FROM articles"):
        df.update(keywords.terms("\n".join(t for t in row if t)).keys())
    assert dict(con.execute(f"SELECT term, df FROM {terms.TABLE}").fetchall()) == dict(df)
    assert terms.docs(con) == con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]


def index_in_step(db) -> None:
    """The database is whole (test_hardening.consistent), the keyword frequencies those of its
    articles, and the search index holds exactly the stored articles, once each: the same terms
    and counts as an index rebuilt from them, and a search finds what LIKE finds; the keyword
    postings and pinyin trigrams are those of the articles too."""
    consistent(str(db))
    con = sqlite3.connect(db)
    try:
        frequencies_in_step(con)
        n = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        assert con.execute("SELECT COUNT(*) FROM articles_chars").fetchone()[0] == n
        assert {t: vocab(con, t) for t in FTS_TABLES} == rebuilt_vocab(db)
        derived_in_step(con)
        found = words(con, 30)
        assert found or not n
        for w in found:
            assert sorted(search.matching_ids(con, w)[0]) == like_ids(con, w), w
    finally:
        con.close()


def truthful(db, reports) -> None:
    """Every page reported stored is stored, with as many articles as reported; every page
    reported not stored is not (the pages in these tests are new to the database)."""
    con = sqlite3.connect(db)
    try:
        for r in reports:
            path = os.path.realpath(r.path)
            row = con.execute("SELECT articles FROM pages WHERE path = ?", [path]).fetchone()
            n = con.execute("SELECT COUNT(*) FROM articles WHERE source = ?", [path]).fetchone()[0]
            if r.ok and not r.skipped and not r.duplicate_of:
                assert row == (r.items,) and n == r.items, r
            elif not r.ok:
                assert row is None and n == 0, r
    finally:
        con.close()


def reference(tmp_path, monkeypatch, paths, name: str = "ref") -> dict:
    """The snapshot of a fresh database loaded with these pages alone, a page per batch."""
    batches_of(monkeypatch, 1)
    db = tmp_path / f"{name}.db"
    assert all(r.ok for r in load(paths, db))
    return snapshot(db)


# 1. The same database whatever the batching --------------------------------------------------

def _two_loads(p: dict[str, Path], db) -> list:
    """Seven pages, one of them twice (a copy under another name, in the same batch); then forced:
    unchanged pages, a page cut short, a path that held a page now holding a copy of another,
    new pages. What each load reported and left."""
    folder = p["s0"].parent
    dup, moved = folder / "dup.txt", folder / "moved.txt"
    dup.write_bytes(p["s1"].read_bytes())
    moved.write_bytes(p["g3"].read_bytes())
    first = load([p["s0"], p["s1"], dup, p["s2"], moved, p["s3"], p["s4"]], db)
    after_first = snapshot(db)
    lines = p["s2"].read_text(encoding="utf-8").splitlines(keepends=True)
    p["s2"].write_text("".join(lines[: len(lines) // 2]), encoding="utf-8")
    moved.write_bytes(p["s3"].read_bytes())
    second = load([p["s0"], p["g0"], p["s2"], moved, p["g1"], p["s4"]], db, force=True)
    return [outcome(first), after_first, outcome(second), snapshot(db)]


def test_same_database_whatever_the_batch_size(tmp_path, generated, monkeypatch):
    """Batches of 1 page, of 3, and the default leave the very same rows, keywords, frequencies,
    search index and reports as writing page by page did before batches.

    Catches: a page's keywords weighed without the frequency changes of the batch's earlier pages
    (store._rows not given later.df), or of its own removed articles; a batch's frequency changes
    or removed articles' frequencies not written at the commit; a duplicate not seen when its
    original is in the same, uncommitted batch; old articles of a forced reload left in the index."""
    runs = {}
    for n in (0, 1, 3, None):
        p = fresh_pages(tmp_path, generated)
        batches_of(monkeypatch, n)
        db = tmp_path / f"batch{n}.db"
        runs[n] = _two_loads(p, db)
        index_in_step(db)
    assert runs[1] == runs[0]
    assert runs[3] == runs[0]
    assert runs[None] == runs[0]
    first, before, second, after = runs[0]
    # The loads did what they are here for: duplicates seen, frequencies gone down, articles removed.
    assert ("dup.txt", True, 0, False, p["s1"].name, "") in first
    assert ("moved.txt", True, 0, False, p["s3"].name, "") in second
    assert all(r[1] for r in first + second)
    old_df, new_df = dict(before["terms"]), dict(after["terms"])
    assert any(new_df.get(t, 0) < df for t, df in old_df.items())
    assert not any(os.path.realpath(p["s0"].parent / "moved.txt") in row for row in after["articles"])
    assert before["meta"] != after["meta"]


# 2. A page that fails inside its batch --------------------------------------------------------

def articles_of(db, page: Path) -> list[tuple]:
    con = sqlite3.connect(db)
    rows = con.execute("SELECT * FROM articles WHERE source = ? ORDER BY id", [os.path.realpath(page)]).fetchall()
    con.close()
    return rows


def found_by_title(db, page: Path) -> None:
    """Each titled article of the page is found by a search for the start of its title."""
    con = sqlite3.connect(db)
    try:
        rows = con.execute("SELECT id, title FROM articles WHERE source = ? AND title IS NOT NULL",
                           [os.path.realpath(page)]).fetchall()
        assert rows
        for art_id, title in rows:
            assert art_id in search.matching_ids(con, title[:4])[0], title
    finally:
        con.close()


def test_a_page_failing_mid_batch_leaves_no_trace(pages, tmp_path, monkeypatch):
    """A page that fails after writing its articles, between two pages of its batch, is reported
    failed with the reason; the database is exactly that of a load without it (no article, page,
    index or frequency row of it), and its neighbours are stored and found.

    Catches: a page's search tokens or frequency changes kept for the commit before the page is
    stored whole (added to batch.Later inside the savepoint); the savepoint not rolled back (the
    page's articles committed with the batch); a failing page stopping or failing its batch."""
    p = pages
    others = [p["s0"], p["s2"], p["s3"], p["s4"], p["g0"]]
    expected = reference(tmp_path, monkeypatch, others)
    batches_of(monkeypatch, 3)
    fail_on(monkeypatch, p["s1"].name, raising(RuntimeError("disk on fire")))
    db = tmp_path / "t.db"
    results = load([p["s0"], p["s1"], p["s2"], p["s3"], p["s4"], p["g0"]], db)
    assert [r.ok for r in results] == [True, False, True, True, True, True]
    assert "RuntimeError: disk on fire" in results[1].reason
    assert snapshot(db) == expected
    index_in_step(db)
    for page in (p["s0"], p["s2"]):
        found_by_title(db, page)
    # Forced again, a page that fails keeps its old articles, in the index as they were.
    fail_on(monkeypatch, p["s2"].name, raising(RuntimeError("disk on fire")))
    old = articles_of(db, p["s2"])
    results = load([p["s0"], p["s2"], p["s3"]], db, force=True)
    assert [r.ok for r in results] == [True, False, True]
    assert articles_of(db, p["s2"]) == old
    index_in_step(db)
    found_by_title(db, p["s2"])


# 3. A batch whose commit fails ----------------------------------------------------------------

COMMIT_FAILURES = {
    "frequencies": lambda mp, exc: mp.setattr(terms, "apply", once_then(terms.apply, exc)),
    "index": lambda mp, exc: mp.setattr(searchindex, "add_many", once_then(searchindex.add_many, exc)),
}


@pytest.mark.parametrize("where", ["frequencies", "index", "COMMIT"])
def test_a_failed_commit_rolls_the_whole_batch_back(pages, tmp_path, monkeypatch, where):
    """The first batch's commit fails (writing its frequencies, its index rows, or the COMMIT):
    none of its pages is stored, each is reported not stored with the reason, the next batch is
    stored as if the first had never been, and a later load stores the first batch's pages.

    Catches: a failed commit not rolled back (the next batch's COMMIT keeping pages reported
    failed, without their index rows); its pages reported stored; the batch's tokens or
    frequency changes kept for the next batch's commit."""
    p = pages
    all_pages = [p["s0"], p["s1"], p["s2"], p["s3"], p["s4"], p["g0"]]
    expected = reference(tmp_path, monkeypatch, all_pages[3:])
    whole = reference(tmp_path, monkeypatch, all_pages, "whole")
    exc = sqlite3.OperationalError("disk I/O error")
    if where == "COMMIT":
        left = [1]
        batches_of(monkeypatch, 3, lambda conn: FailingCommit(conn, exc, left))
    else:
        batches_of(monkeypatch, 3)
        COMMIT_FAILURES[where](monkeypatch, exc)
    db = tmp_path / "t.db"
    results = load(all_pages, db)
    assert [r.ok for r in results] == [False] * 3 + [True] * 3
    assert all(r.reason == "not stored: disk I/O error" and not r.items for r in results[:3])
    truthful(db, results)
    assert snapshot(db) == expected
    index_in_step(db)
    results = load(all_pages, db)
    assert [(r.ok, r.skipped) for r in results] == [(True, False)] * 3 + [(True, True)] * 3
    index_in_step(db)
    # Stored in another order, the same articles, frequencies and index as a load in one go.
    got, want = snapshot(db), whole
    for key in ("terms", "meta", "pages", *INDEXES):
        assert got[key] == want[key], key
    assert article_texts(db) == article_texts(tmp_path / "whole.db")


def article_texts(db) -> list[tuple]:
    """The articles stored, without what depends on the order pages were stored in (row ids,
    keywords weighed by the frequencies of the time, sort keys)."""
    con = sqlite3.connect(db)
    rows = con.execute("SELECT source, position, page_date, page_no, kind, district, title, subtitle, byline, "
                       "body, subheads, chars, ukey, continued FROM articles ORDER BY source, position").fetchall()
    con.close()
    return rows


# 4. Interrupted ---------------------------------------------------------------------------------

@pytest.mark.parametrize("where", ["page", "COMMIT"])
def test_interrupted_load_keeps_the_pages_stored_whole(pages, tmp_path, monkeypatch, where):
    """Ctrl-C while s4 is stored, in the middle of the second batch (s3, s4, g0), or at that batch's
    COMMIT: what was committed, and the pages stored whole before it (s3, when in s4), are kept and
    reported; nothing of the rest; loading again finishes the job: the database a load without the
    interruption makes, no article twice.

    Catches: the batch of the pages stored before the interruption not committed (or committed
    with the interrupted page's rows); pages reported that are not stored; a reload that stores a
    page twice."""
    p = pages
    all_pages = [p["s0"], p["s1"], p["s2"], p["s3"], p["s4"], p["g0"]]
    kept = 4 if where == "page" else 3
    expected = reference(tmp_path, monkeypatch, all_pages[:kept])
    whole = reference(tmp_path, monkeypatch, all_pages, "whole")
    if where == "page":
        batches_of(monkeypatch, 3)
        fail_on(monkeypatch, p["s4"].name, raising(KeyboardInterrupt()))
    else:
        batches_of(monkeypatch, 3, functools.partial(FailingCommit, exc=KeyboardInterrupt(), left=[2]))
    db = tmp_path / "t.db"
    reports: list = []
    with pytest.raises(KeyboardInterrupt):
        load(all_pages, db, reports=reports)
    assert [(os.path.basename(r.path), r.ok) for r in reports] == [(f.name, True) for f in all_pages[:kept]]
    truthful(db, reports)
    assert snapshot(db) == expected
    index_in_step(db)
    batches_of(monkeypatch, 3)
    results = load(all_pages, db)
    assert [r.skipped for r in results] == [True] * kept + [False] * (6 - kept)
    assert all(r.ok for r in results)
    assert snapshot(db) == whole
    index_in_step(db)


# 5. Reported once committed ---------------------------------------------------------------------

def test_pool_load_reports_only_committed_pages(pages, tmp_path, monkeypatch):
    """Ten pages (parsed by the worker pool), batches of 3: when a page is reported, another
    connection sees it stored with as many articles as reported, and the search finds them.

    Catches: a page reported when stored in its batch instead of when the batch is committed (a
    reader told of a page it cannot see, or of one a failed commit then loses)."""
    import concurrent.futures

    pools = []

    class Pool(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Pool)
    batches_of(monkeypatch, 3)
    db = tmp_path / "t.db"
    files.open_db(str(db)).conn.close()  # the database exists before the load: opened read-only below
    seen = []

    def on_page(r):
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            path = os.path.realpath(r.path)
            row = con.execute("SELECT articles FROM pages WHERE path = ?", [path]).fetchone()
            ids = [i for (i,) in con.execute("SELECT id FROM articles WHERE source = ?", [path])]
            chars = {i for (i,) in con.execute("SELECT rowid FROM articles_chars WHERE rowid IN "
                                               f"({','.join(map(str, ids)) or 'NULL'})")}
        finally:
            con.close()
        seen.append((r.ok, row, len(ids), r.items, chars == set(ids)))

    paths = [pages[k] for k in sorted(pages)]
    results = loading.load([str(f) for f in paths], str(db), on_page=on_page)
    if workers.count(len(paths)):
        assert pools, "the load was to use the worker pool"
    assert len(results) == len(seen) == 10 and all(r.ok and r.items for r in results)
    assert seen == [(True, (r.items,), r.items, r.items, True) for r in results]
    index_in_step(db)


# 6. The search index after all of it ------------------------------------------------------------

def test_index_holds_each_article_once_through_reloads_and_failures(pages, tmp_path, monkeypatch):
    """One database through batched loads, a page failing, a failed commit, forced reloads of
    pages stored in earlier loads and a page cut short: after each, one index row per article,
    the index an index rebuilt from the articles would be, and a search finding what LIKE finds.

    Catches: an article's tokens added twice (kept for the commit and written by the page), or
    not at all (a failed page's tokens dropped with the tokens of the pages beside it); old
    tokens of a reloaded page left in the contentless index (searches finding articles that do
    not hold the word) or deleted twice."""
    p = pages
    db = tmp_path / "t.db"
    batches_of(monkeypatch, 3)
    fail_on(monkeypatch, p["s2"].name, raising(ValueError("bad page")))
    assert [r.ok for r in load([p["s0"], p["s1"], p["s2"], p["s3"], p["s4"]], db)] == [True] * 2 + [False] + [True] * 2
    index_in_step(db)
    monkeypatch.setattr(searchindex, "add_many", once_then(searchindex.add_many, sqlite3.OperationalError("full")))
    results = load([p["s0"], p["s1"], p["g0"], p["s3"]], db, force=True)
    assert [r.ok for r in results] == [False] * 3 + [True]
    index_in_step(db)
    assert all(r.ok for r in load([p["s0"], p["s1"], p["s2"], p["g0"], p["g1"]], db, force=True))
    index_in_step(db)
    lines = p["s1"].read_text(encoding="utf-8").splitlines(keepends=True)
    p["s1"].write_text("".join(lines[: len(lines) // 3]), encoding="utf-8")
    assert all(r.ok for r in load([p["s4"], p["s1"], p["g2"]], db, force=True))
    index_in_step(db)


# 7. An error that ends the batch's transaction --------------------------------------------------

def end_transaction(conn) -> None:
    """What SQLite does on some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM, SQLITE_BUSY):
    the whole transaction rolled back, savepoints and all, then the error raised."""
    conn.execute("ROLLBACK")
    raise sqlite3.OperationalError("database or disk is full")


def test_an_error_that_ends_the_transaction_loses_no_reported_page(pages, tmp_path, monkeypatch):
    """s1 fails with an error that rolled back the whole transaction of its batch (s0, s1, s2):
    s0, stored in that batch before it, is lost with it and must be reported not stored; the pages
    after it are stored and the database is that of a load of them alone.

    Catches: the pages of a batch that SQLite rolled back reported stored, and their search
    tokens and frequency changes (still held for the commit) written at the next commit, over
    the articles of other pages that took their row ids."""
    p = pages
    expected = reference(tmp_path, monkeypatch, [p["s2"], p["s3"], p["s4"], p["g0"]])
    batches_of(monkeypatch, 3)
    fail_on(monkeypatch, p["s1"].name, end_transaction)
    db = tmp_path / "t.db"
    results = load([p["s0"], p["s1"], p["s2"], p["s3"], p["s4"], p["g0"]], db)
    assert [r.ok for r in results] == [False, False, True, True, True, True]
    assert "not stored" in results[0].reason and "disk is full" in results[1].reason
    truthful(db, results)
    index_in_step(db)
    assert snapshot(db) == expected


def test_a_full_disk_loses_no_reported_page(pages, tmp_path, monkeypatch):
    """The database may not grow past a given size (PRAGMA max_page_count: SQLite's disk full),
    tried at several sizes so the disk fills in a page, at a commit, between batches: whatever
    SQLite keeps or rolls back, every page reported stored is stored, every page reported not
    stored is not, and the database is whole; with room again, a load stores them all.

    Catches what test_an_error_that_ends_the_transaction_loses_no_reported_page does, as SQLite
    itself makes it happen."""
    connect, room = files.connect, [0]

    def small(path, readonly=False):
        conn = connect(path, readonly)
        if not readonly and room[0]:
            conn.execute(f"PRAGMA max_page_count = {room[0]}")
        return conn

    monkeypatch.setattr(files, "connect", small)
    batches_of(monkeypatch, 3)
    paths = [pages[k] for k in ("s0", "s1", "s2", "s3", "s4", "g0", "g1")]
    full = 0
    for extra in range(20, 160, 20):
        db = tmp_path / f"full{extra}.db"
        room[0] = 0
        files.open_db(str(db)).conn.close()
        con = sqlite3.connect(db)
        room[0] = con.execute("PRAGMA page_count").fetchone()[0] + extra
        con.close()
        results = load(paths, db)
        full += any("full" in r.reason for r in results)
        truthful(db, results)
        index_in_step(db)
    assert full >= 3
    room[0] = 0
    assert all(r.ok for r in load(paths, db))
    index_in_step(db)


# 8. Row ids of a reloaded page ------------------------------------------------------------------

def test_reloading_the_newest_page_keeps_its_postings_and_pinyin(pages, tmp_path, monkeypatch):
    """The page loaded last, loaded again (changed, or forced), alone or in a batch: its new
    articles get their keyword postings (related stories) and pinyin trigrams (pinyin search).

    Catches: the new articles taking the row ids of the old ones just removed (SQLite gives a new
    row the largest id + 1), ids at or below the watermark up to which derived.catch_up has
    written postings and trigrams: catch_up then skips them, and they have neither."""
    p = pages
    db = tmp_path / "t.db"
    batches_of(monkeypatch, 3)
    load([p["s0"], p["s1"], p["s2"]], db)
    index_in_step(db)
    load([p["s2"]], db, force=True)
    index_in_step(db)
    lines = p["s2"].read_text(encoding="utf-8").splitlines(keepends=True)
    p["s2"].write_text("".join(lines[: len(lines) // 2]), encoding="utf-8")
    load([p["s2"], p["s3"]], db)
    index_in_step(db)
    con = sqlite3.connect(db)
    title = con.execute("SELECT title FROM articles WHERE source = ? AND title IS NOT NULL",
                        [os.path.realpath(p["s2"])]).fetchone()[0]
    reading = " ".join(pinyin.title_tokens(title)[:2])
    found = {h.id for h in search.search(con, reading, limit=1000).hits}
    con.close()
    assert any(i in found for i in ids_of(db, p["s2"])), reading


def ids_of(db, page: Path) -> list[int]:
    return [row[0] for row in articles_of(db, page)]


# 7. A real Ctrl-C waits for the step it lands in --------------------------------------------------

class _Signalling(list):
    """A batch's token list that receives Ctrl-C (a real SIGINT) as the page's tokens are noted:
    after the page's savepoint is released, before its frequencies are noted."""

    def extend(self, items):
        os.kill(os.getpid(), signal.SIGINT)
        super().extend(items)


@pytest.mark.parametrize("where", ["noting the page", "after the COMMIT"])
def test_ctrl_c_waits_for_the_step_it_lands_in(pages, tmp_path, monkeypatch, where):
    """SIGINT while s2 is stored (between its savepoint and what its batch notes of it), or right
    after a batch's COMMIT: the step ends first, then the load stops with KeyboardInterrupt. Every
    page stored is reported and has its index rows and frequencies.

    Catches: Ctrl-C delivered in the middle (a page committed without its search index rows or
    word counts; pages committed but never reported, a new database then removed as empty)."""
    p = pages
    all_pages = [p["s0"], p["s1"], p["s2"], p["s3"], p["s4"]]
    batches_of(monkeypatch, 2)
    if where == "noting the page":
        real_later, calls = batch.Later, []

        def later():
            made = real_later()
            calls.append(made)
            if len(calls) == 2:  # the second batch: s2, s3
                made.tokens = _Signalling()
            return made

        monkeypatch.setattr(batch, "Later", later)
    else:
        real_commit, commits = PAGE_BATCH.commit, []

        def commit(self):
            out = real_commit(self)
            commits.append(out)
            if len(commits) == 1:
                os.kill(os.getpid(), signal.SIGINT)
            return out

        monkeypatch.setattr(PAGE_BATCH, "commit", commit)
    db = tmp_path / "t.db"
    reports: list = []
    with pytest.raises(KeyboardInterrupt):
        load(all_pages, db, reports=reports)
    kept = 3 if where == "noting the page" else 2
    assert [(os.path.basename(r.path), r.ok) for r in reports] == [(f.name, True) for f in all_pages[:kept]]
    truthful(db, reports)
    index_in_step(db)


def test_a_batch_holds_the_write_lock_from_its_start(tmp_path):
    """A batch takes the write lock when it begins, so another connection (the reader writing a
    read mark) waits for the batch instead of slipping a commit in between the batch's first
    read and its first write; begun deferred, that write failed at once with 'database is
    locked' (seen in a load while the reader was open)."""
    path = str(tmp_path / "lock.db")
    db = files.open_db(path)
    other = sqlite3.connect(path, timeout=0)
    try:
        page_batch = batch.PageBatch(db)
        page_batch.begin()
        db.conn.execute("SELECT count(*) FROM articles").fetchone()  # a batch's first step reads
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            with other:
                other.execute("INSERT OR REPLACE INTO user_reads (ukey, at) VALUES (1, 0)")
        page_batch.commit()
        with other:  # the lock is released with the commit
            other.execute("INSERT OR REPLACE INTO user_reads (ukey, at) VALUES (1, 0)")
    finally:
        other.close()
        db.conn.close()
