"""User state (read marks, stars, history, saved searches) and the stable keys it hangs on."""
from __future__ import annotations

import hashlib
import os
import sqlite3
import stat

import pytest

from tui.cli import main
from tui.db import derived, files, query
from tui.db.userstate import HISTORY_KEEP, UserState


@pytest.fixture
def loaded(seed_copy, db_path):
    assert main(["load", str(seed_copy), "--db", db_path, "-q"]) == 0
    return seed_copy, db_path


def _titles(conn, ids):
    return sorted(r[0] or r[1] for r in conn.execute(
        f"SELECT title, substr(body, 1, 30) FROM articles WHERE id IN ({','.join('?' * len(ids))})", list(ids)))


def test_keys_are_unique_and_stored_at_load(loaded):
    _, path = loaded
    conn = query.connect(path)
    n, distinct, missing = conn.execute("SELECT COUNT(*), COUNT(DISTINCT ukey), SUM(ukey IS NULL) FROM articles").fetchone()
    assert n > 30 and distinct == n and missing == 0


def test_key_depends_on_name_date_title_first_paragraph():
    k = derived.article_key("/a/p1.txt", "2020-12-07", "标题", "第一段\n第二段")
    assert k == derived.article_key("/elsewhere/p1.txt", "2020-12-07", "标题", "第一段\n改过的第二段")
    assert k != derived.article_key("/a/p2.txt", "2020-12-07", "标题", "第一段")
    assert k != derived.article_key("/a/p1.txt", "2020-12-08", "标题", "第一段")
    assert k != derived.article_key("/a/p1.txt", "2020-12-07", "标题2", "第一段")
    assert k != derived.article_key("/a/p1.txt", "2020-12-07", "标题", "第一段", seen=1)
    assert 0 <= k < 1 << 63


def test_state_survives_restart_and_force_reload(loaded):
    pages, path = loaded
    conn = query.connect(path)
    ids = [r.id for r in query.rows(conn)]
    us = UserState(path)
    assert us.saved
    assert us.set_read(ids[:3]) == 3
    assert us.toggle_star(ids[5]) is True
    us.remember_search("璧山")
    us.remember_search("科技")
    us.save_search("创新", name="创新报道")
    read_titles, star_titles = _titles(conn, ids[:3]), _titles(conn, [ids[5]])
    us.close()
    conn.close()

    assert main(["load", str(pages), "--db", path, "--force", "-q"]) == 0
    conn = query.connect(path)
    new_ids = [r.id for r in query.rows(conn)]
    assert min(new_ids) > max(ids)  # every row was replaced
    us = UserState(path)  # a new connection, as after a restart
    read = us.read_ids(new_ids)
    assert _titles(conn, read) == read_titles
    assert _titles(conn, us.starred_ids(new_ids)) == star_titles
    assert [r.id for r in us.starred_rows()] == list(us.starred_ids(new_ids))
    assert us.history() == ["科技", "璧山"]
    saved = us.saved_searches()
    assert [(s.name, s.query) for s in saved] == [("创新报道", "创新")]
    assert saved[0].count == query.search(conn, "创新", counts=False).total > 0


def test_unread_counts_follow_marks(loaded):
    _, path = loaded
    us = UserState(path)
    conn = query.connect(path)
    before = us.counts_by_district()
    district = max(before, key=lambda d: before[d].total)
    ids = [r.id for r in query.rows(conn, district)]
    us.set_read(ids[:2])
    after = us.counts_by_district()
    assert after[district].unread == before[district].unread - 2
    assert after[district].total == before[district].total
    assert all(after[d] == before[d] for d in before if d != district)
    assert us.unread_total().unread == sum(c.unread for c in after.values())
    assert {r.id for r in us.unread_rows(district)} == set(ids[2:])
    assert us.unread_only(list(reversed(ids))) == list(reversed(ids[2:]))
    editions = us.counts_by_edition()
    assert sum(c.total for c in editions.values()) == us.unread_total().total
    assert sum(c.total - c.unread for c in editions.values()) == 2
    years = us.counts_by_year()
    for year, c in years.items():
        days = us.counts_by_day(year)
        assert (sum(d.unread for d in days.values()), sum(d.total for d in days.values())) == (c.unread, c.total)
        for day, d in days.items():
            pages = us.counts_by_page(day)
            assert {(day, n): p for n, p in pages.items()} == {k: v for k, v in editions.items() if k[0] == day}
            assert (sum(p.unread for p in pages.values()), sum(p.total for p in pages.values())) == (d.unread, d.total)
    assert sum(c.total - c.unread for c in years.values()) == 2
    assert us.toggle_read(ids[0]) is False and us.toggle_read(ids[0]) is True
    assert us.set_read(ids[:2], False) == 2
    assert us.counts_by_district() == before


def test_history_keeps_the_last_200_newest_first(loaded):
    _, path = loaded
    us = UserState(path)
    for i in range(HISTORY_KEEP + 30):
        us.remember_search(f"q{i}")
    us.remember_search("q100")  # again: moves to the top, not twice
    hist = UserState(path).history()
    assert len(hist) == HISTORY_KEEP and hist[0] == "q100" and hist.count("q100") == 1
    assert hist[1] == f"q{HISTORY_KEEP + 29}" and "q0" not in hist
    us.remember_search("   ")
    assert UserState(path).history()[0] == "q100"


def test_saved_search_replaces_by_name_and_deletes(loaded):
    _, path = loaded
    us = UserState(path)
    us.save_search("璧山")
    us.save_search("科技", name="璧山")
    assert [(s.name, s.query) for s in us.saved_searches(counts=False)] == [("璧山", "科技")]
    assert us.delete_search("璧山") and not us.saved_searches()
    with pytest.raises(ValueError):
        us.save_search("  ")


def test_read_only_database_keeps_state_for_the_session_only(loaded):
    _, path = loaded
    UserState(path).set_read([1])
    digest = hashlib.sha256(open(path, "rb").read()).hexdigest()
    os.chmod(path, stat.S_IRUSR | stat.S_IRGRP)
    try:
        us = UserState(path)
        assert not us.saved
        assert us.read_ids([1, 2]) == {1}  # what the file held
        us.set_read([2])
        us.toggle_star(3)
        us.remember_search("x")
        assert us.read_ids([1, 2]) == {1, 2} and us.history() == ["x"]
        us.close()
        assert hashlib.sha256(open(path, "rb").read()).hexdigest() == digest
    finally:
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


def _strip_features(path: str) -> None:
    """Make the database look like one written before the archive features."""
    conn = sqlite3.connect(path)
    with conn:
        for (trig,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            conn.execute(f"DROP TRIGGER {trig}")
        conn.execute("DROP INDEX articles_ukey")
        conn.execute("ALTER TABLE articles DROP COLUMN ukey")
        for table in ("article_terms", "articles_pinyin", "pinyin_tri", "user_reads", "user_stars", "user_history",
                      "user_searches"):
            conn.execute(f"DROP TABLE {table}")
        conn.execute("DELETE FROM meta WHERE key = 'features_version'")
    conn.close()


def test_older_database_gets_keys_terms_and_pinyin_on_upgrade(loaded):
    _, path = loaded
    conn = sqlite3.connect(path)
    fresh = conn.execute("SELECT id, ukey FROM articles ORDER BY id").fetchall()
    terms = conn.execute("SELECT * FROM article_terms ORDER BY id, term").fetchall()
    py = conn.execute("SELECT * FROM articles_pinyin ORDER BY id").fetchall()
    conn.close()
    _strip_features(path)
    assert "older cqdaily" in files.check_readable(path)
    assert files.upgrade_in_place(path)
    assert files.check_readable(path) is None
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT id, ukey FROM articles ORDER BY id").fetchall() == fresh
    assert conn.execute("SELECT * FROM article_terms ORDER BY id, term").fetchall() == terms
    assert conn.execute("SELECT * FROM articles_pinyin ORDER BY id").fetchall() == py
    assert not files.upgrade_in_place(path)  # once only


def test_a_mark_counts_only_while_its_article_is_loaded(loaded):
    pages, path = loaded
    conn = query.connect(path)
    pick = None
    for f in sorted(pages.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        for art_id, title, district in conn.execute(
            "SELECT a.id, a.title, a.district FROM articles a JOIN pages p ON p.path = a.source "
            "WHERE p.path LIKE ? AND a.title IS NOT NULL AND length(a.title) >= 6", ["%" + f.name]
        ).fetchall():
            if text.count(title) == 1:
                pick = (f, text, art_id, title, district)
                break
        if pick:
            break
    f, text, art_id, title, district = pick
    conn.close()
    us = UserState(path)
    total = us.counts_by_district()[district].total
    us.set_read([art_id])
    assert us.counts_by_district()[district] == type(us.counts_by_district()[district])(total - 1, total)
    f.write_text(text.replace(title, "更正" + title), encoding="utf-8")  # the article is not the same any more
    assert main(["load", str(pages), "--db", path, "-q"]) == 0
    counts = us.counts_by_district()[district]
    assert counts.unread == counts.total  # its mark stays, but no loaded article has it
    f.write_text(text, encoding="utf-8")  # back as it was: the mark counts again
    assert main(["load", str(pages), "--db", path, "-q"]) == 0
    assert us.counts_by_district()[district].unread == us.counts_by_district()[district].total - 1
    conn = query.connect(path)
    again = conn.execute("SELECT id FROM articles WHERE title = ?", [title]).fetchone()[0]
    assert us.read_ids([again]) == {again}


def test_read_marks_of_the_first_version_get_their_groups(loaded):
    _, path = loaded
    conn = sqlite3.connect(path)
    key, district = conn.execute("SELECT ukey, district FROM articles ORDER BY id LIMIT 1").fetchone()
    with conn:
        conn.execute("DROP TABLE user_reads")
        conn.execute("CREATE TABLE user_reads (ukey INTEGER PRIMARY KEY, at REAL NOT NULL)")
        conn.execute("INSERT INTO user_reads VALUES (?, 1.0), (12345, 1.0)", [key])
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'features_version'")
    conn.close()
    assert files.upgrade_in_place(path)
    us = UserState(path)
    assert us.counts_by_district()[district].unread == us.counts_by_district()[district].total - 1
    assert us.unread_total().total - us.unread_total().unread == 1


def test_state_survives_a_rebuild(loaded):
    pages, path = loaded
    conn = query.connect(path)
    ids = [r.id for r in query.rows(conn)]
    titles = _titles(conn, ids[:4])
    conn.close()
    us = UserState(path)
    us.set_read(ids[:4])
    us.toggle_star(ids[0])
    us.remember_search("璧山")
    us.save_search("创新")
    us.close()
    assert main(["load", "--rebuild", "--db", path, "-q"]) == 0
    conn = query.connect(path)
    us = UserState(path)
    new_ids = [r.id for r in query.rows(conn)]
    assert _titles(conn, us.read_ids(new_ids)) == titles
    assert len(us.starred_rows()) == 1 and us.history() == ["璧山"] and us.saved_searches()[0].query == "创新"
    assert us.unread_total().unread == len(new_ids) - 4
