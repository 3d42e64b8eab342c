"""`load --rebuild` while another program (the reader) has the database open: never swapped under
it, nothing of the reader's lost; a reader whose file was replaced follows the new one."""
from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from tui import rebuild
from tui.cli import main
from tui.db import swap
from tui.reader import marking
from tui.reader.app import CqdailyApp
from tui.reader.articleview import ArticleView
from tui.reader.lists import ArticleList

from .conftest import SEEDS
from .reader_helpers import fetch, notices, settle

SIZE = (160, 45)
PAGES = sorted(SEEDS.glob("*.txt"))


@pytest.fixture
def db(tmp_path, monkeypatch) -> str:
    """The last seed page loaded first: a rebuild (which loads the recorded pages in path order)
    gives the articles other ids than the reader has."""
    monkeypatch.setattr(swap, "SWAP_WAIT", 0.5)
    monkeypatch.setattr(marking, "READ_AFTER", 30)  # marks only when a test makes them
    path = str(tmp_path / "open.db")
    assert main(["load", str(PAGES[-1]), "--db", path, "-q"]) == 0
    assert main(["load", *map(str, PAGES[:-1]), "--db", path, "-q"]) == 0
    return path


def _state(path: str) -> tuple[str, list[str]]:
    """The file's bytes (and its WAL's), and what lies in its folder."""
    digest = hashlib.sha256()
    for name in (path, path + "-wal"):
        if os.path.exists(name):
            digest.update(Path(name).read_bytes())
    return digest.hexdigest(), sorted(os.listdir(os.path.dirname(path)))


def _titles(path: str, table: str) -> list[str]:
    return sorted(t for (t,) in fetch(
        path, f"SELECT COALESCE(a.title, substr(a.body, 1, 30)) FROM {table} u JOIN articles a ON a.ukey = u.ukey"))


def _integrity(path: str) -> str:
    return fetch(path, "PRAGMA integrity_check")[0][0]


HOLDER = """
import sys
from tui.db import query
from tui.db.userstate import UserState
state = UserState(sys.argv[1])
ids = [r.id for r in query.rows(state.conn, limit=3)]
state.toggle_star(ids[0])
state.set_read(ids)
print("holding", flush=True)
sys.stdin.readline()
state.set_read([r.id for r in query.rows(state.conn, limit=5)])  # a mark made after the refusal
"""


def _holder(path: str) -> subprocess.Popen:
    """Another process with the database open as the reader has it, after a star and 3 marks;
    it marks 2 more and closes when told."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, path], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, cwd=Path(__file__).resolve().parent.parent)
    assert proc.stdout.readline().strip() == "holding"
    return proc


def _close(proc: subprocess.Popen) -> None:
    proc.communicate("\n", timeout=30)
    assert proc.returncode == 0


def test_rebuild_is_refused_while_another_process_has_the_database_open(db, capsys):
    proc = _holder(db)
    try:
        before = _state(db)
        assert main(["load", "--rebuild", "--db", db, "-q"]) == 1
        err = capsys.readouterr().err
        assert "is open in another program (the reader?): nothing was changed" in err
        assert "close it and run the same command again" in err
        assert _state(db) == before  # byte for byte, and no new file beside it
    finally:
        _close(proc)
    stars, reads = _titles(db, "user_stars"), _titles(db, "user_reads")
    assert len(stars) == 1 and len(reads) == 5
    assert main(["load", "--rebuild", "--db", db, "-q"]) == 0
    assert _integrity(db) == "ok"
    assert _titles(db, "user_stars") == stars and _titles(db, "user_reads") == reads


def test_a_reader_opening_the_database_during_the_rebuild_stops_the_swap(db):
    """Free when the rebuild starts, held when the new file is ready: not swapped, and the new
    file (cqdaily's) is removed."""
    held = []
    with pytest.raises(rebuild.RebuildError, match="open in another program"):
        rebuild.rebuild(db, on_start=lambda n: held.append(_holder(db)))
    try:
        assert not [f for f in os.listdir(os.path.dirname(db)) if ".rebuild-" in f]
        assert _integrity(db) == "ok" and len(_titles(db, "user_stars")) == 1
    finally:
        _close(held[0])


def test_the_rebuilt_database_is_in_wal_mode_with_nothing_beside_it(db):
    assert main(["load", "--rebuild", "--db", db, "-q"]) == 0
    assert fetch(db, "PRAGMA journal_mode")[0][0] == "wal"
    assert sorted(os.listdir(os.path.dirname(db))) == ["open.db"]


def test_sqlite_behaviour_the_swap_relies_on(tmp_path):
    """SQLite 3.40: an open WAL connection keeps the file from leaving WAL mode; held by swap,
    no other connection can read it."""
    path = str(tmp_path / "t.db")
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
    other = sqlite3.connect(path)
    other.execute("SELECT * FROM t").fetchall()
    with pytest.raises(swap.InUse):
        swap.ensure_free(path, wait=0.2)
    other.close()
    held, was_wal = swap._hold(path, 0.2)
    try:
        assert was_wal and not os.path.exists(path + "-wal")
        with closing(sqlite3.connect(path, timeout=0.1)) as late:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                late.execute("SELECT * FROM t").fetchall()
    finally:
        held.close()


def _app(db: str) -> CqdailyApp:
    return CqdailyApp(db, lang="en")


async def test_rebuild_is_refused_while_the_reader_is_open_and_keeps_its_star(db):
    app = _app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        starred = _titles(db, "user_stars")
        before = _state(db)
        with pytest.raises(rebuild.RebuildError, match="open in another program"):
            rebuild.rebuild(db)
        assert _state(db) == before
    assert main(["load", "--rebuild", "--db", db, "-q"]) == 0
    assert _integrity(db) == "ok" and _titles(db, "user_stars") == starred and len(starred) == 1


async def _rebuilt_under(app, pilot, db: str) -> tuple[int, str]:
    """The reader lets go of its file (as when it holds no connection), the database is rebuilt;
    the open article, whose id is another article's in the new file."""
    await settle(pilot)
    shown = app.query_one(ArticleView).body.article
    app.main.memory.close()
    assert main(["load", "--rebuild", "--db", db, "-q"]) == 0
    assert fetch(db, "SELECT title FROM articles WHERE id = ?", shown.id) != [(shown.title,)]
    return shown.id, shown.title


async def test_a_reader_notices_the_rebuilt_file_and_its_next_star_lands_in_it(db):
    app = _app(db)
    async with app.run_test(size=SIZE) as pilot:
        _, title = await _rebuilt_under(app, pilot, db)
        app.main.poll_version()  # what the reader does every few seconds
        await settle(pilot)
        assert any("rebuilt by another program: its lists were read again" in n for n in notices(app))
        assert app.query_one(ArticleView).body.article.title == title  # the same article, its new id
        await pilot.press("s")
        await settle(pilot)
    assert _integrity(db) == "ok" and _titles(db, "user_stars") == [title]


async def test_a_star_made_before_the_reader_noticed_is_not_put_on_another_article(db):
    app = _app(db)
    async with app.run_test(size=SIZE) as pilot:
        _, title = await _rebuilt_under(app, pilot, db)
        await pilot.press("s")
        await settle(pilot)
        assert any("that change was not kept, make it again" in n for n in notices(app))
        assert _titles(db, "user_stars") == []
        assert app.query_one(ArticleList).current_id is not None
        assert app.query_one(ArticleView).body.article.title == title
        await pilot.press("s")
        await settle(pilot)
    assert _integrity(db) == "ok" and _titles(db, "user_stars") == [title]


def test_a_read_only_database_is_not_replaced_by_a_rebuild(db, capsys):
    os.chmod(db, 0o444)
    try:
        before = Path(db).read_bytes()
        assert main(["load", "--rebuild", "--db", db, "-q"]) == 1
        assert "is read-only; make it writable" in capsys.readouterr().err
        assert Path(db).read_bytes() == before and not os.stat(db).st_mode & 0o222
        assert not [f for f in os.listdir(os.path.dirname(db)) if ".rebuild-" in f]
    finally:
        os.chmod(db, 0o644)


def test_the_readers_hold_refuses_a_replaced_file_until_it_follows_it(db, tmp_path):
    """What the reader reads and writes goes to the file it pinned; another file at the path (a
    rebuild, a copy moved there) is only used once the reader follows it and reads its lists again."""
    from tui.db.connection import Replaced
    from tui.reader.memory import Memory

    memory = Memory(db)
    with memory.use() as state:
        state.remember_search("璧山")
    memory.close()  # holding nothing, as between two reads
    copy = str(tmp_path / "copy.db")
    with closing(sqlite3.connect(db)) as src, closing(sqlite3.connect(copy)) as dst:
        src.backup(dst)
    os.replace(copy, db)
    with pytest.raises(Replaced):
        with memory.reading() as conn:
            conn.execute("SELECT 1").fetchone()
    with pytest.raises(Replaced):
        with memory.use() as state:
            state.remember_search("万州")
    assert memory.follow() and not memory.follow()
    with memory.use() as state:
        state.remember_search("万州")
        assert state.history() == ["万州", "璧山"]
    memory.close()
    assert _integrity(db) == "ok"


def test_user_state_never_writes_into_a_replaced_file(db, tmp_path):
    """The check is made under the write lock: a file swapped away before it is taken is seen."""
    from tui.db import query
    from tui.db.connection import Replaced
    from tui.db.userstate import UserState

    state = UserState(db)
    first = [r.id for r in query.rows(state.conn, limit=1)]
    copy = str(tmp_path / "copy.db")
    with closing(sqlite3.connect(db)) as src, closing(sqlite3.connect(copy)) as dst:
        src.backup(dst)
    os.replace(copy, db)
    with pytest.raises(Replaced):
        state.set_starred(first)
    assert not state.conn.in_transaction
    state.close()
    assert _integrity(db) == "ok" and _titles(db, "user_stars") == []


def test_a_star_made_while_the_rebuild_loads_is_kept(db):
    """The reader's marks are copied when the old file is held for the swap, not before the load."""
    from tui.db import query
    from tui.db.userstate import UserState

    def star(_n):
        state = UserState(db)
        state.toggle_star(query.rows(state.conn, limit=1)[0].id)
        state.close()

    rebuild.rebuild(db, on_start=star)
    assert _integrity(db) == "ok" and len(_titles(db, "user_stars")) == 1
