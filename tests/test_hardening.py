"""Nothing lost or garbled: interrupted loads, concurrent use, bad databases, bad and hostile pages."""
from __future__ import annotations

import os
import re
import signal
import sqlite3
from contextlib import closing
import subprocess
import sys
import threading
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import oldschemas
from tui.db import files, query, schema
from tui.reader.articleview import ArticleBody
from tui.cli import main
from tui.loading import parse_page

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def make_pages(folder, n: int, seed: int = 5) -> None:
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "corpus.py"), "--articles", str(n * 6),
                    "--per-page", "6", "--out", str(folder), "--seed", str(seed)], check=True,
                   stdout=subprocess.DEVNULL)


def consistent(db: str) -> tuple[int, int]:
    """Checks the database is whole: integrity, every recorded page complete, index in step."""
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    per_page = dict(con.execute("SELECT source, COUNT(*) FROM articles GROUP BY source").fetchall())
    for path, n in con.execute("SELECT path, articles FROM pages").fetchall():
        assert per_page.get(path, 0) == n, path
    assert set(per_page) <= {r[0] for r in con.execute("SELECT path FROM pages")}
    n_art = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    # Every article is in the search index once: the characters table holds one row per article.
    n_idx = con.execute("SELECT COUNT(*) FROM articles_chars").fetchone()[0]
    assert n_idx == n_art
    pages = con.execute("SELECT COUNT(*) FROM pages").fetchone()[0]
    con.close()
    return pages, n_art


def test_killed_load_leaves_whole_pages_and_reload_finishes(tmp_path):
    pages_dir = tmp_path / "pages"
    make_pages(pages_dir, 120)
    db = str(tmp_path / "k.db")
    proc = subprocess.Popen([sys.executable, "-m", "tui", "load", str(pages_dir), "--db", db, "-q"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    # Kill it once some pages are in, before it is done.
    deadline = time.time() + 60
    while time.time() < deadline:
        time.sleep(0.1)
        try:
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
            n = con.execute("SELECT COUNT(*) FROM pages").fetchone()[0]
            con.close()
        except sqlite3.DatabaseError:
            continue
        if n >= 10:
            break
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    pages, _ = consistent(db)
    assert 10 <= pages < 120
    assert main(["load", str(pages_dir), "--db", db, "-q"]) == 0
    pages, n_art = consistent(db)
    assert pages == 120
    con = sqlite3.connect(db)
    dupes = con.execute("SELECT COUNT(*) FROM (SELECT source, position FROM articles GROUP BY source, position HAVING COUNT(*) > 1)").fetchone()[0]
    assert dupes == 0


def test_reader_and_loader_share_the_database(tmp_path, seeds_dir):
    pages_dir = tmp_path / "pages"
    make_pages(pages_dir, 80, seed=9)
    db = str(tmp_path / "c.db")
    assert main(["load", str(seeds_dir), "--db", db, "-q"]) == 0
    errors: list[str] = []
    stop = threading.Event()

    def reader():
        conn = query.connect(db)
        while not stop.is_set():
            try:
                query.search(conn, "创新", limit=50)
                query.district_counts(conn)
                query.rows(conn, limit=100)
            except sqlite3.Error as err:
                errors.append(str(err))
            time.sleep(0.02)

    t = threading.Thread(target=reader)
    t.start()
    try:
        proc = subprocess.run([sys.executable, "-m", "tui", "load", str(pages_dir), "--db", db, "-q"],
                              cwd=ROOT, capture_output=True, text=True, timeout=300)
    finally:
        stop.set()
        t.join()
    assert proc.returncode == 0, proc.stderr
    assert "locked" not in proc.stderr
    assert errors == []
    conn = query.connect(db)
    assert query.data_version(conn)[0] > 41


async def test_reader_shows_new_articles_after_refresh(tmp_path, seeds_dir):
    from tui.reader.app import CqdailyApp
    from tui.reader.lists import ArticleList

    db = str(tmp_path / "r.db")
    first = tmp_path / "first"
    first.mkdir()
    (first / "a.txt").write_bytes((seeds_dir / "000_6dd89e3262396e08.txt").read_bytes())
    assert main(["load", str(first), "--db", db, "-q"]) == 0
    app = CqdailyApp(db)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        before = app.query_one(ArticleList).option_count
        assert main(["load", str(seeds_dir / "004_9556b01e60d2e770.txt"), "--db", db, "-q"]) == 0
        await pilot.press("r")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)
        assert app.query_one(ArticleList).option_count == before + 10


@pytest.mark.parametrize("content", [b"not a database at all\n" * 100, b"SQLite format 3\x00" + b"\x00" * 50,
                                     "璧山区的新闻\n".encode() * 50])
def test_foreign_file_is_refused_in_one_line_and_never_touched(tmp_path, seeds_dir, content, capsys):
    """Issue 9.4: a file that is not a cqdaily database is neither read, nor loaded into, nor
    "rebuilt" (which deleted it); the message does not advise --rebuild."""
    db = tmp_path / "bad.db"
    db.write_bytes(content)
    assert main(["--db", str(db)]) == 1
    assert main(["load", str(seeds_dir / "000_6dd89e3262396e08.txt"), "--db", str(db)]) == 1
    assert main(["search", "璧山", "--db", str(db)]) == 1
    assert main(["load", "--rebuild", "--db", str(db)]) == 1
    assert main(["load", "--rebuild", str(seeds_dir), "--db", str(db)]) == 1
    captured = capsys.readouterr()
    err = captured.err
    assert "Traceback" not in err + captured.out
    assert "not a cqdaily database" in err and "--rebuild --db" not in err
    assert db.read_bytes() == content
    assert sorted(os.listdir(tmp_path)) == ["bad.db"]


def test_folder_or_sqlite_of_another_program_as_db(tmp_path, capsys):
    folder = tmp_path / "folder"
    folder.mkdir()
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    before = other.read_bytes()
    for db in (folder, other):
        assert main(["--db", str(db)]) == 1
        assert main(["search", "璧山", "--db", str(db)]) == 1
        assert main(["load", "--rebuild", "--db", str(db)]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    lines = captured.err.splitlines()
    assert len(lines) == 6
    assert sum("is a folder" in line for line in lines) == 3
    assert sum("another program" in line for line in lines) == 3
    assert other.read_bytes() == before and os.listdir(folder) == []


def test_truncated_database(tmp_path, seeds_dir, capsys):
    db = tmp_path / "t.db"
    assert main(["load", str(seeds_dir), "--db", str(db), "-q"]) == 0
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])
    code = main(["--db", str(db)])
    assert code == 1
    assert f"'cqdaily load --rebuild --db {db}'" in capsys.readouterr().err
    # A damaged cqdaily database can be rebuilt from the pages it recorded: the table list
    # survives in the first page; else the pages are named.
    assert main(["load", "--rebuild", str(seeds_dir), "--db", str(db), "-q"]) == 0
    assert consistent(str(db)) == (5, 41)


def test_rebuild_recreates_from_recorded_pages(tmp_path, seeds_dir):
    db = str(tmp_path / "rb.db")
    assert main(["load", str(seeds_dir), "--db", db, "-q"]) == 0
    with closing(sqlite3.connect(db)) as conn:  # closed: a rebuild never swaps a file held open
        n = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert main(["load", "--rebuild", "--db", db, "-q"]) == 0
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == n


def test_read_only_database(tmp_path, seeds_dir, capsys):
    db = tmp_path / "ro.db"
    assert main(["load", str(seeds_dir), "--db", str(db), "-q"]) == 0
    os.chmod(db, 0o444)
    try:
        assert main(["load", str(seeds_dir), "--db", str(db), "--force"]) == 1
        assert "read-only" in capsys.readouterr().err
        assert main(["search", "璧山", "--db", str(db)]) == 0  # reading still works
    finally:
        os.chmod(db, 0o644)


def test_older_schema_is_migrated(tmp_path, seeds_dir, capsys):
    """A schema-1 database (one table of character tokens, no sort keys, a rowid terms table)
    opens, upgrades and searches."""
    db = str(tmp_path / "old.db")
    assert main(["load", str(seeds_dir), "--db", db, "-q"]) == 0
    con = sqlite3.connect(db)
    n_terms = con.execute("SELECT COUNT(*) FROM _terms").fetchone()[0]
    con.close()
    oldschemas.make(db, 1)
    assert "older cqdaily (schema 1); run 'cqdaily load'" in files.check_readable(db)
    os.chmod(db, 0o444)
    try:  # read-only: cannot be upgraded, and the reader says what to do
        assert not files.upgrade_in_place(db)
        assert "read-only" in capsys.readouterr().err
    finally:
        os.chmod(db, 0o644)
    assert files.upgrade_in_place(db)  # what the reader does before it opens
    assert "upgrading" in capsys.readouterr().err
    assert files.check_readable(db) is None
    assert main(["load", str(seeds_dir / "000_6dd89e3262396e08.txt"), "--db", db, "-q"]) == 0
    conn = query.connect(db)
    assert query.search(conn, "璧山").total == 4
    assert schema.schema_version(files.open_db(db)) == schema.SCHEMA_VERSION
    con = sqlite3.connect(db)
    assert "WITHOUT ROWID" in con.execute("SELECT sql FROM sqlite_master WHERE name = '_terms'").fetchone()[0]
    assert con.execute("SELECT COUNT(*) FROM _terms").fetchone()[0] == n_terms
    assert con.execute("SELECT COUNT(*) FROM articles WHERE reach IS NULL OR sortkey IS NULL").fetchone()[0] == 0


def test_bad_pages_each_get_a_result(tmp_path, seeds_dir, capsys):
    d = tmp_path / "bad"
    d.mkdir()
    seed = (seeds_dir / "000_6dd89e3262396e08.txt").read_bytes()
    (d / "damaged.txt").write_bytes(seed[:5000] + b"\xff\xfe\xfd" + seed[5000:])
    (d / "oneline.txt").write_bytes(seed.replace(b"\n", b"") * 20)
    (d / "latin.txt").write_bytes(b"The quick brown fox jumps over the lazy dog. " * 500)
    # another page than secret.txt: the same page re-encoded would be a duplicate of it
    (d / "utf16.txt").write_bytes((seeds_dir / "004_9556b01e60d2e770.txt").read_text(encoding="utf-8").encode("utf-16"))
    (d / "heads.txt").write_bytes("璧山 科技创新大会召开\n\n铜梁\n\n走村不漏户 户户见干部綦江\n".encode())
    (d / "nul.txt").write_bytes(seed[:3000] + b"\x00" + seed[3000:])
    (d / "empty.txt").write_bytes(b"")
    secret = d / "secret.txt"
    secret.write_bytes(seed)
    os.chmod(secret, 0)
    (d / "loop").symlink_to(d, target_is_directory=True)
    db = str(tmp_path / "b.db")
    try:
        code = main(["load", str(d), "--db", db])
    finally:
        os.chmod(secret, 0o644)
    captured = capsys.readouterr()
    out = captured.out + captured.err
    assert "Traceback" not in out
    assert code == 1  # empty.txt and latin.txt fail, the rest load
    con = sqlite3.connect(db)
    loaded = {r[0] for r in con.execute("SELECT name FROM pages")}
    assert loaded - {"secret.txt"} == {"damaged.txt", "oneline.txt", "heads.txt", "nul.txt", "utf16.txt"}
    heads = str(d.resolve() / "heads.txt")
    body = "".join(r[0] or "" for r in con.execute(
        "SELECT title || coalesce(subtitle,'') || body FROM articles WHERE source = ?", [heads]))
    assert "科技创新大会召开" in body and "户户见干部" in body
    assert "replaced" in out and "empty.txt: empty file" in out
    assert "latin.txt: no Chinese text" in out


def test_huge_page_loads(tmp_path, seeds_dir):
    seed = (seeds_dir / "000_6dd89e3262396e08.txt").read_bytes()
    big = tmp_path / "big.txt"
    big.write_bytes(seed * 60)  # about 1.1 MB; the 50 MB case is in bench/soak.py
    db = str(tmp_path / "h.db")
    assert main(["load", str(big), "--db", db, "-q"]) == 0
    con = sqlite3.connect(db)
    # Every copy's items found, and each stored once (one page sixty times: tests/test_page_files.py).
    stored = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    (warnings,) = con.execute("SELECT warnings FROM pages").fetchone()
    again = re.search(r"(\d+) item\(s\) printed again word for word", warnings)
    assert again and stored + int(again.group(1)) >= 300 and stored < 20


HOSTILE = st.sampled_from(["[bold]", "[/]", "[link=http://x]", "\x1b[31m", "\x1b]8;;http://evil\x07", "\u202e",
                           "\u200b", "\u2066", "\x07", "\x00", "\r", "\t", "🀄", "ﷺ", "\u0301", "本报讯 （记者 张莎）",
                           "璧山区融媒体中心 谢捷", "。", "，", "\n", "\n\n", "## ", "璧山", "潼南潼南"])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(st.one_of(HOSTILE, st.text(max_size=30)), max_size=60))
def test_fuzz_pages_load_and_render(parts):
    """Random Unicode pages: load, store, render the article pane; never an escape, never a crash."""
    data = "".join(parts).encode("utf-8", errors="surrogatepass") if parts else b"x"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return
    try:
        page, articles, _ = parse_page(data)
    except Exception as err:  # only a clear DecodeError is allowed
        from tui.parse.decode import DecodeError
        assert isinstance(err, DecodeError), err
        return
    for a in articles:
        for text in [a.title or "", a.body, a.byline or "", *a.subtitles]:
            assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text and "\x00" not in text
        art = query.Article(1, "f.txt", None, None, 1, a.kind, a.district, a.title, "\n".join(a.subtitles) or None,
                            a.byline, a.body, a.subheads, [("璧山", 1.0)])
        body = ArticleBody.__new__(ArticleBody)
        body.article, body.words, body.keywords_on = art, ["璧", "[/]"], True
        body.blocks = body._blocks(art)
        body.flat = "".join(b.text for b in body.blocks)
        body.hits = query.find_spans(body.flat, body.words)
        body.current = 0 if body.hits else -1
        body.get_component_rich_style = lambda name: __import__("rich.style").style.Style()
        for width in (12, 40, 80):
            for line in body._layout(width):
                assert "\x1b" not in line.plain
