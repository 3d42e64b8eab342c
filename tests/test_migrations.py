"""Each migration step, from a database of the version before it (tests/oldschemas.py), and the
whole chain: articles, order and search answers as a freshly loaded database gives them."""
from __future__ import annotations

import os
import sqlite3
from contextlib import closing

import pytest
import sqlite_utils

from tests import oldschemas
from tui.cli import main
from tui.db import files, migrations, query, schema


def _loaded(tmp_path, seeds_dir) -> str:
    db = str(tmp_path / "m.db")
    assert main(["load", str(seeds_dir), "--db", db, "-q"]) == 0
    return db


def _picture(db: str) -> dict:
    """What a reader sees: articles in list order, district counts, a few searches. A database
    one step short of the latest is read from a copy brought up by the later steps (today's
    query layer reads today's columns)."""
    with closing(sqlite3.connect(db)) as con:
        version = int(con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0])
    if version < migrations.LATEST:
        copy = db + f".v{version}.db"
        with closing(sqlite3.connect(db)) as src, closing(sqlite3.connect(copy)) as dst:
            src.backup(dst)
        for step in migrations.after(version):
            _run(copy, step.version)
        db = copy
    conn = query.connect(db)
    try:
        rows = [(r.title, r.district, r.page_date) for r in query.rows(conn)]
        found = {w: [h.id for h in query.search(conn, w, limit=100).hits] for w in ("璧山", "区", "科技创新", "、")}
        return {"rows": rows, "counts": query.district_counts(conn), "found": found}
    finally:
        conn.close()


def _run(db: str, version: int) -> None:
    (step,) = [s for s in migrations.STEPS if s.version == version]
    d = sqlite_utils.Database(sqlite3.connect(db))
    with d.atomic():
        step.run(d)
        d["meta"].upsert({"key": "schema_version", "value": str(version)}, pk="key")
    d.close()


def test_steps_are_named_and_ordered():
    versions = [s.version for s in migrations.STEPS]
    assert versions == sorted(set(versions)) and migrations.LATEST == schema.SCHEMA_VERSION
    assert all(s.name for s in migrations.STEPS)
    assert [s.version for s in migrations.after(5)] == versions[versions.index(6):]


def test_step_7_pages_by_absolute_path(tmp_path, seeds_dir, monkeypatch):
    db = _loaded(tmp_path, seeds_dir)
    want = _picture(db)
    project = str(seeds_dir.parent)
    oldschemas.make(db, 6, relative_to=project)  # paths typed from the project folder: seeds/….txt
    monkeypatch.chdir(project)  # the migration finds them from there
    _run(db, 7)
    con = sqlite3.connect(db)
    paths = {r[0] for r in con.execute("SELECT path FROM pages")}
    assert paths == {str(p.resolve()) for p in seeds_dir.glob("*.txt")}
    assert {r[0] for r in con.execute("SELECT DISTINCT source FROM articles")} == paths
    assert con.execute("SELECT COUNT(*) FROM pages WHERE name IS NULL").fetchone()[0] == 0
    con.close()
    assert _picture(db) == want
    # Loading the same pages again: unchanged, not new pages.
    assert main(["load", str(seeds_dir), "--db", db, "-q"]) == 0
    assert _picture(db) == want


def test_step_7_keeps_paths_it_cannot_find(tmp_path, seeds_dir, monkeypatch):
    db = _loaded(tmp_path, seeds_dir)
    oldschemas.make(db, 6, relative_to=str(seeds_dir.parent))
    monkeypatch.chdir(tmp_path)  # seeds/….txt is not found from here
    _run(db, 7)
    con = sqlite3.connect(db)
    assert {r[0] for r in con.execute("SELECT path FROM pages")} == {f"seeds/{p.name}" for p in seeds_dir.glob("*.txt")}
    con.close()


def test_step_6_search_index_by_article_id(tmp_path, seeds_dir):
    db = _loaded(tmp_path, seeds_dir)
    want = _picture(db)
    oldschemas.make(db, 5)
    _run(db, 6)
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM articles_chars").fetchone()[0] == len(want["rows"])
    assert con.execute("SELECT COUNT(*) FROM articles WHERE reach IS NULL").fetchone()[0] == 0
    assert con.execute("SELECT name FROM sqlite_master WHERE name = 'articles_tri'").fetchone() is None
    con.close()
    assert _picture(db) == want


def test_step_5_sort_keys(tmp_path, seeds_dir):
    db = _loaded(tmp_path, seeds_dir)
    oldschemas.make(db, 1)
    _run(db, 5)
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM articles WHERE sortkey IS NULL").fetchone()[0] == 0
    keys = [r[0] for r in con.execute("SELECT sortkey FROM articles")]
    assert len(set(keys)) == len(keys)
    assert "WITHOUT ROWID" in con.execute("SELECT sql FROM sqlite_master WHERE name = 'terms'").fetchone()[0]
    assert con.execute("SELECT value FROM meta WHERE key = 'docs'").fetchone() is not None
    # Newest first: a page's articles in order, dates descending.
    dated = con.execute("SELECT page_date, source, position FROM articles ORDER BY sortkey DESC").fetchall()
    assert [d or "" for d, _, _ in dated] == sorted((d or "" for d, _, _ in dated), reverse=True)
    con.close()


def test_step_8_program_tables_hidden(tmp_path, seeds_dir):
    db = _loaded(tmp_path, seeds_dir)
    want = _picture(db)
    con = sqlite3.connect(db)
    n_terms = con.execute("SELECT COUNT(*) FROM _terms").fetchone()[0]
    con.close()
    oldschemas.make(db, 7)
    _run(db, 8)
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM _terms").fetchone()[0] == n_terms
    assert con.execute("SELECT name FROM sqlite_master WHERE name = 'terms'").fetchone() is None
    con.close()
    assert _picture(db) == want


def test_step_10_continued_stories(tmp_path, seeds_dir):
    db = _loaded(tmp_path, seeds_dir)
    want = _picture(db)
    con = sqlite3.connect(db)
    marked = con.execute("SELECT id FROM articles WHERE continued = 1").fetchall()
    con.close()
    assert len(marked) == 1
    oldschemas.make(db, 9)
    _run(db, 10)
    con = sqlite3.connect(db)
    # Found again by parsing the unchanged page file: the same article, and no other.
    assert con.execute("SELECT id FROM articles WHERE continued = 1").fetchall() == marked
    assert con.execute("SELECT COUNT(*) FROM articles WHERE continued IS NOT 1").fetchone()[0] == len(want["rows"]) - 1
    con.close()
    assert _picture(db) == want


def test_step_10_leaves_unknown_stories_unmarked_when_the_page_changed(tmp_path, seed_copy):
    db = _loaded(tmp_path, seed_copy)
    oldschemas.make(db, 9)
    for page in seed_copy.glob("*.txt"):
        page.write_bytes(page.read_bytes() + "\n".encode())
    _run(db, 10)
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM articles WHERE continued = 1").fetchone()[0] == 0


def test_datasette_lists_articles_and_pages_first(tmp_path, seeds_dir):
    """Tables Datasette shows (not hidden: no leading underscore, not a full-text index or one of
    its shadow tables) are the ones a person reads, and the program's small key/value table."""
    db = _loaded(tmp_path, seeds_dir)
    con = sqlite3.connect(db)
    tables = dict(con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall())
    con.close()
    fts = {n for n, sql in tables.items() if "VIRTUAL TABLE" in (sql or "").upper()}
    shown = {n for n in tables if not n.startswith("_") and n not in fts and not any(n.startswith(f + "_") for f in fts)}
    ours = shown - {t for t in shown if t.startswith("user_") or t in ("article_terms", "articles_pinyin")}
    assert ours == {"articles", "pages", "meta"}


@pytest.mark.parametrize("version", [1, 5, 6, 7, 8, 9, 10, 11])
def test_whole_chain_from_each_version(tmp_path, seeds_dir, version, monkeypatch):
    db = _loaded(tmp_path, seeds_dir)
    want = _picture(db)
    oldschemas.make(db, version, relative_to=str(seeds_dir.parent))
    monkeypatch.chdir(seeds_dir.parent)
    files.open_db(db).close()
    assert files.check_readable(db) is None
    got = _picture(db)
    assert got["counts"] == want["counts"] and got["found"].keys() == want["found"].keys()
    assert {w: len(ids) for w, ids in got["found"].items()} == {w: len(ids) for w, ids in want["found"].items()}
    if version >= 5:  # sort keys kept: the very same order
        assert got == want


def test_failed_migration_leaves_the_file_as_it_was(tmp_path, seeds_dir, monkeypatch):
    db = _loaded(tmp_path, seeds_dir)
    oldschemas.make(db, 6)
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    before = sqlite3.connect(db).execute("SELECT * FROM pages ORDER BY source").fetchall()

    def boom(db):
        raise sqlite3.OperationalError("disk on fire")

    monkeypatch.setattr(migrations, "STEPS", migrations.STEPS[:-1] + [migrations.Step(7, "x", boom)])
    with pytest.raises(Exception):
        files.open_db(db)
    con = sqlite3.connect(db)
    assert con.execute("SELECT * FROM pages ORDER BY source").fetchall() == before
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == "6"
    con.close()
    assert os.path.exists(db)


def test_step_9_page_text_hashes(tmp_path, seeds_dir):
    db = _loaded(tmp_path, seeds_dir)
    want = _picture(db)
    con = sqlite3.connect(db)
    hashes = dict(con.execute("SELECT path, text_sha256 FROM pages"))
    con.close()
    assert all(hashes.values())
    gone = sorted(hashes)[0]
    oldschemas.make(db, 8)
    con = sqlite3.connect(db)
    con.execute("UPDATE pages SET path = ? WHERE path = ?", [gone + ".moved", gone])
    con.commit()
    con.close()
    _run(db, 9)
    con = sqlite3.connect(db)
    after = dict(con.execute("SELECT path, text_sha256 FROM pages"))
    assert con.execute("SELECT 1 FROM sqlite_master WHERE name = 'idx_pages_text_sha256'").fetchone()
    con.close()
    assert after.pop(gone + ".moved") is None  # a page no longer where it was: filled when next loaded
    assert after == {p: h for p, h in hashes.items() if p != gone}
    con = sqlite3.connect(db)
    con.execute("UPDATE pages SET path = ? WHERE path = ?", [gone, gone + ".moved"])
    con.commit()
    con.close()
    assert _picture(db) == want
    # After the upgrade, a re-encoded copy of a page is known as that page.
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "gb.txt").write_bytes(open(sorted(after)[0], encoding="utf-8").read().encode("gb18030"))
    assert main(["load", str(copy), "--db", db, "-q"]) == 0
    assert _picture(db) == want


def test_step_12_trimmed_page_text_hashes(tmp_path, seed_copy):
    db = _loaded(tmp_path, seed_copy)
    want = _picture(db)
    with closing(sqlite3.connect(db)) as con:
        hashes = dict(con.execute("SELECT path, text_sha256 FROM pages"))
    gone = sorted(hashes)[0]
    oldschemas.make(db, 11)
    with closing(sqlite3.connect(db)) as con:
        old = dict(con.execute("SELECT path, text_sha256 FROM pages"))
    assert all(old[p] != hashes[p] for p in old)  # the hash as schema 11 took it
    os.rename(gone, gone + ".moved")
    _run(db, 12)
    with closing(sqlite3.connect(db)) as con:
        after = dict(con.execute("SELECT path, text_sha256 FROM pages"))
    assert after.pop(gone) == old[gone]  # a page no longer there keeps the hash it had
    assert after == {p: h for p, h in hashes.items() if p != gone}
    os.rename(gone + ".moved", gone)
    assert _picture(db) == want
    # After the upgrade, a copy with spaces at the ends of its lines is known as that page.
    copy = tmp_path / "copy"
    copy.mkdir()
    page = sorted(after)[0]
    text = open(page, encoding="utf-8").read()
    (copy / "spaces.txt").write_text("\n".join(line + " " for line in text.split("\n")), encoding="utf-8")
    assert main(["load", str(copy), "--db", db, "-q"]) == 0
    assert _picture(db) == want
