"""Issue 9: a database holds exactly the pages its user loaded, no more, no fewer."""
from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from tui import paths
from tui.cli import main

SEED = "000_6dd89e3262396e08.txt"
OTHER = "004_9556b01e60d2e770.txt"


def counts(db) -> tuple[int, int]:
    con = sqlite3.connect(db)
    try:
        return (con.execute("SELECT COUNT(*) FROM pages").fetchone()[0],
                con.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    finally:
        con.close()


def digest(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture
def no_screen(monkeypatch):
    """The reader's start-up without its screen: records the database it would open."""
    opened = []
    import tui.reader.app as app

    monkeypatch.setattr(app, "run_app", lambda db, *args, **kw: opened.append(db) or 0)
    return opened


# 1 -------------------------------------------------------------------------------------------

def test_reader_never_loads_the_seeds_into_a_named_database(tmp_path, seeds_dir, no_screen, monkeypatch, capsys):
    db = tmp_path / "my.db"
    assert main(["load", str(seeds_dir / SEED), "--db", str(db), "-q"]) == 0
    before = counts(db)
    for where in (tmp_path, seeds_dir.parent):  # from any folder, the project's too
        monkeypatch.chdir(where)
        assert main(["--db", str(db)]) == 0
    assert no_screen == [str(db), str(db)]
    assert counts(db) == before == (1, 6)
    assert "building" not in capsys.readouterr().err


def test_reader_upgrades_a_named_older_database_and_says_so_first(tmp_path, seeds_dir, no_screen, capsys):
    from tests import oldschemas

    db = str(tmp_path / "old.db")
    assert main(["load", str(seeds_dir / SEED), "--db", db, "-q"]) == 0
    oldschemas.make(db, 6)
    capsys.readouterr()
    assert main(["--db", db]) == 0
    assert "upgrading" in capsys.readouterr().err and no_screen == [db]
    assert counts(db) == (1, 6)


# 2 -------------------------------------------------------------------------------------------

def test_same_named_pages_in_dated_folders_are_two_pages(tmp_path, seeds_dir, capsys):
    for day, seed in (("2020-12-07", SEED), ("2020-12-08", OTHER)):
        (tmp_path / "pages" / day).mkdir(parents=True)
        shutil.copy(seeds_dir / seed, tmp_path / "pages" / day / "03.txt")
    db = str(tmp_path / "d.db")
    assert main(["load", str(tmp_path / "pages"), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "2 pages loaded, 16 items" in out
    assert counts(db) == (2, 16)
    con = sqlite3.connect(db)
    stored = {r[0] for r in con.execute("SELECT path FROM pages")}
    con.close()
    assert stored == {str((tmp_path / "pages" / d / "03.txt").resolve()) for d in ("2020-12-07", "2020-12-08")}
    # The same file again: replaced, not added.
    assert main(["load", str(tmp_path / "pages" / "2020-12-07" / "03.txt"), "--db", db, "--force"]) == 0
    assert counts(db) == (2, 16)


def test_identical_page_under_another_path_is_a_reported_duplicate(tmp_path, seeds_dir, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(seeds_dir / SEED, tmp_path / "a" / "x.txt")
    shutil.copy(seeds_dir / SEED, tmp_path / "b" / "copy.txt")
    db = str(tmp_path / "d.db")
    assert main(["load", str(tmp_path / "a"), str(tmp_path / "b"), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "copy.txt: the same page as" in out and "x.txt" in out.splitlines()[1]
    assert "1 page loaded, 6 items, 1 duplicate" in out
    assert counts(db) == (1, 6)


# 3 -------------------------------------------------------------------------------------------

def _relative_load(tmp_path, seeds_dir, monkeypatch) -> str:
    pages = tmp_path / "work" / "pages"
    pages.mkdir(parents=True)
    for seed in (SEED, OTHER):
        shutil.copy(seeds_dir / seed, pages / seed)
    db = str(tmp_path / "r.db")
    monkeypatch.chdir(tmp_path / "work")
    assert main(["load", "pages", "--db", db, "-q"]) == 0
    monkeypatch.chdir(tmp_path)  # somewhere else
    return db


def test_rebuild_from_another_folder_uses_the_recorded_absolute_paths(tmp_path, seeds_dir, monkeypatch, capsys):
    db = _relative_load(tmp_path, seeds_dir, monkeypatch)
    before = counts(db)
    assert main(["load", "--rebuild", "--db", db, "-q"]) == 0
    assert counts(db) == before == (2, 16)
    assert "rebuilt" in capsys.readouterr().out
    assert sorted(os.listdir(tmp_path)) == ["r.db", "work"]  # nothing left beside it


def test_rebuild_with_a_missing_page_names_it_and_keeps_the_database(tmp_path, seeds_dir, monkeypatch, capsys):
    db = _relative_load(tmp_path, seeds_dir, monkeypatch)
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    before = digest(db)
    (tmp_path / "work" / "pages" / OTHER).unlink()
    assert main(["load", "--rebuild", "--db", db]) == 1
    err = capsys.readouterr().err
    assert f"{OTHER}: not found" in err and "left as it was" in err
    assert digest(db) == before and counts(db) == (2, 16)
    assert sorted(os.listdir(tmp_path)) == ["r.db", "work"]


def test_rebuild_that_fails_midway_keeps_the_database(tmp_path, seeds_dir, monkeypatch, capsys):
    db = _relative_load(tmp_path, seeds_dir, monkeypatch)
    (tmp_path / "work" / "pages" / OTHER).write_bytes(b"")  # no longer a page
    assert main(["load", "--rebuild", "--db", db]) == 1
    assert "left as it was" in capsys.readouterr().err
    assert counts(db) == (2, 16)
    assert sorted(os.listdir(tmp_path)) == ["r.db", "work"]


def test_rebuild_never_loads_the_seeds_instead(tmp_path, seeds_dir, monkeypatch):
    db = str(tmp_path / "e.db")
    assert main(["load", str(seeds_dir / SEED), "--db", db, "-q"]) == 0
    con = sqlite3.connect(db)
    con.execute("DELETE FROM pages")
    con.execute("DELETE FROM articles")
    con.commit()
    con.close()
    assert main(["load", "--rebuild", "--db", db, "-q"]) == 0
    assert counts(db) == (0, 0)


# 5 -------------------------------------------------------------------------------------------

def test_junk_is_refused_and_utf16_loads(tmp_path, seeds_dir, capsys):
    d = tmp_path / "in"
    d.mkdir()
    (d / "hi.txt").write_bytes(b"hi\n")
    (d / "prose.txt").write_bytes(b"It was a bright cold day in April, and the clocks were striking thirteen.\n" * 40)
    text = (seeds_dir / SEED).read_text(encoding="utf-8")
    (d / "le.txt").write_bytes(text.encode("utf-16"))
    other = (seeds_dir / OTHER).read_text(encoding="utf-8")  # another page: the same one re-encoded is a duplicate
    (d / "be.txt").write_bytes(b"\xfe\xff" + other.encode("utf-16-be"))
    db = str(tmp_path / "j.db")
    assert main(["load", str(d), "--db", db]) == 1
    captured = capsys.readouterr()
    assert "hi.txt: no Chinese text" in captured.err and "prose.txt: no Chinese text" in captured.err
    assert "le.txt: 6 items" in captured.out and "be.txt: " in captured.out and "be.txt: the same" not in captured.out
    con = sqlite3.connect(db)
    assert {r[0] for r in con.execute("SELECT name FROM pages")} == {"le.txt", "be.txt"}
    con.close()


def test_one_item_from_a_long_page_loads_with_a_warning(tmp_path, seeds_dir, capsys):
    f = tmp_path / "flat.txt"
    f.write_bytes((seeds_dir / SEED).read_bytes().replace(b"\n", b""))
    db = str(tmp_path / "w.db")
    assert main(["load", str(f), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "flat.txt: 1 item  (" in out and "only 1 item from a page of" in out
    assert "1 page loaded, 1 item" in out


# 7 -------------------------------------------------------------------------------------------

def _fake_project(root: Path, seeds_dir: Path, with_checkout: bool) -> Path:
    (root / "tui").mkdir(parents=True)
    if with_checkout:
        (root / "pyproject.toml").write_text("[project]\nname = 'cqdaily'\n")
        shutil.copytree(seeds_dir, root / "seeds")
    return root


def test_default_database_is_the_projects_wherever_cqdaily_starts(tmp_path, seeds_dir, no_screen, monkeypatch):
    project = _fake_project(tmp_path / "checkout", seeds_dir, True)
    monkeypatch.setattr(paths, "_PROJECT", project)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main([]) == 0
    assert no_screen == [str(project / "data.db")]
    assert os.listdir(elsewhere) == []
    assert counts(project / "data.db") == (5, 41)  # built from the seeds
    assert main(["search", "璧山"]) == 0  # the same default for every command


def test_default_database_without_a_checkout_is_per_user(tmp_path, seeds_dir, no_screen, monkeypatch, capsys):
    monkeypatch.setattr(paths, "_PROJECT", _fake_project(tmp_path / "site-packages", seeds_dir, False))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    assert paths.default_db() == str(tmp_path / "xdg" / "cqdaily" / "data.db")
    assert main([]) == 1  # no seeds to build it from: says what to do
    assert "cqdaily load" in capsys.readouterr().err
    assert main(["load", str(seeds_dir / SEED), "-q"]) == 0
    assert counts(tmp_path / "xdg" / "cqdaily" / "data.db") == (1, 6)
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")
    assert paths.default_db() == str(Path.home() / ".local" / "share" / "cqdaily" / "data.db")


async def test_reader_reload_seeds_command_leaves_a_named_database_alone(tmp_path, seeds_dir):
    from tui.reader.app import CqdailyApp

    db = str(tmp_path / "mine.db")
    assert main(["load", str(seeds_dir / SEED), "--db", db, "-q"]) == 0
    app = CqdailyApp(db)
    async with app.run_test() as pilot:
        await pilot.pause(0.2)
        app.main.action_reload_seeds()
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)
    assert counts(db) == (1, 6)


def test_rebuild_keeps_what_the_reader_recorded(tmp_path, seeds_dir):
    from tui.db import query
    from tui.db.userstate import UserState

    db = str(tmp_path / "s.db")
    assert main(["load", str(seeds_dir), "--db", db, "-q"]) == 0
    conn = query.connect(db)
    first = query.rows(conn)[0]
    conn.close()
    state = UserState(db)
    state.set_starred([first.id])
    state.save_search("璧山 科技", "mine")
    state.close()
    assert main(["load", "--rebuild", "--db", db, "-q"]) == 0
    conn = query.connect(db)
    again = [r for r in query.rows(conn) if r.title == first.title]
    conn.close()
    state = UserState(db)
    assert state.starred_ids([a.id for a in again]) and [s.name for s in state.saved_searches(counts=False)] == ["mine"]
    state.close()


def test_rebuild_of_an_older_database_says_where_its_relative_paths_are_found(tmp_path, seeds_dir, monkeypatch, capsys):
    from tests import oldschemas

    db = str(tmp_path / "old.db")
    assert main(["load", str(seeds_dir / SEED), "--db", db, "-q"]) == 0
    oldschemas.make(db, 6, relative_to=str(seeds_dir.parent))  # recorded as seeds/….txt
    monkeypatch.chdir(tmp_path)
    assert main(["load", "--rebuild", "--db", db]) == 1
    err = capsys.readouterr().err
    assert f"seeds/{SEED}: not found" in err and "from the folder they were loaded from" in err
    monkeypatch.chdir(seeds_dir.parent)
    assert main(["load", "--rebuild", "--db", db, "-q"]) == 0
    assert counts(db) == (1, 6)
    con = sqlite3.connect(db)
    assert con.execute("SELECT path FROM pages").fetchone()[0] == str((seeds_dir / SEED).resolve())
    con.close()


def test_a_load_that_loads_nothing_leaves_no_new_database(tmp_path, seeds_dir, capsys):
    """Issue #11: a missing path, an empty folder, a page that fails: exit 1 with a one-line
    reason each, and no empty database left behind; an existing database is kept as it was."""
    empty = tmp_path / "emptyd"
    (empty / "sub").mkdir(parents=True)
    (empty / "notes.md").write_text("not a page", encoding="utf-8")
    junk = tmp_path / "readme.txt"
    junk.write_text("just English prose, no page here\n" * 5, encoding="utf-8")
    for i, args in enumerate(([str(tmp_path / "nonexistent" / "x.txt")], [str(empty)], [str(junk)])):
        db = tmp_path / f"x{i}.db"
        assert main(["load", *args, "--db", str(db)]) == 1
        out, err = capsys.readouterr()
        assert len(err.strip().splitlines()) == 1 and "0 pages loaded" in out
        assert not [p for p in os.listdir(tmp_path) if p.startswith(f"x{i}.db")]
    assert "emptyd: no *.txt page files in this folder" in main_err(tmp_path, empty, capsys)
    db = tmp_path / "kept.db"
    assert main(["load", str(seeds_dir / SEED), "--db", str(db), "-q"]) == 0
    before = digest(db)
    assert main(["load", str(empty), "--db", str(db)]) == 1
    assert digest(db) == before and counts(db)[0] == 1


def main_err(tmp_path, folder, capsys) -> str:
    main(["load", str(folder), "--db", str(tmp_path / "y.db")])
    return capsys.readouterr().err


def test_the_same_page_re_encoded_is_a_reported_duplicate(tmp_path, seeds_dir, capsys):
    """Issue #18: GB18030, UTF-16 with BOM, BOM + CRLF copies of a page are the same page."""
    text = (seeds_dir / SEED).read_text(encoding="utf-8")
    copies = {"gb.txt": text.encode("gb18030"), "u16.txt": text.encode("utf-16"),
              "crlf.txt": b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(seeds_dir / SEED, tmp_path / "a" / "x.txt")
    for name, data in copies.items():
        (tmp_path / "b" / name).write_bytes(data)
    db = str(tmp_path / "d.db")
    assert main(["load", str(tmp_path / "a"), str(tmp_path / "b"), "--db", db]) == 0
    out = capsys.readouterr().out
    for name in copies:
        assert f"{name}: the same page as" in out
    assert "1 page loaded, 6 items, 3 duplicates" in out and counts(db) == (1, 6)
    # A page that differs in its text is another page, whatever its encoding.
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "other.txt").write_bytes((text + "\n补记一句。\n").encode("gb18030"))
    assert main(["load", str(tmp_path / "c"), "--db", db, "-q"]) == 0
    assert counts(db)[0] == 2
