"""Issue 13 in the reader: read marks, stars, search history and saved searches, each key under
Pilot, and all of them still there after a restart and a `load --force` of the same pages."""
from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing

import pytest

from tui.cli import main
from tui.reader import marking
from tui.reader.app import CqdailyApp as _App
from tui.reader.articleview import ArticleView
from tui.reader.lists import ArticleList
from tui.reader.searchbar import SearchBar
from tui.reader.sidebar import SAVED, STARRED, Sidebar

from .conftest import SEEDS
from .reader_helpers import count, notices, settle, status

SIZE = (160, 45)


def CqdailyApp(db):  # noqa: N802 - the app, with its English interface whatever the locale
    return _App(db, lang="en")


@pytest.fixture
def db(seeded_db, tmp_path, monkeypatch) -> str:
    """A copy of the seeded database (the reader writes its marks), read marks after 0.3 s."""
    monkeypatch.setattr(marking, "READ_AFTER", 0.3)
    return fresh_copy(seeded_db, str(tmp_path / "marks.db"))


def fresh_copy(source: str, path: str) -> str:
    """A copy of a database with nothing remembered (other tests' readers mark the shared one)."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(path)) as dst:
        src.backup(dst)
        with dst:
            for table in ("user_reads", "user_stars", "user_history", "user_searches"):
                dst.execute(f"DELETE FROM {table}")
    return path


def reads(db: str) -> int:
    return count(db, "SELECT COUNT(*) FROM user_reads")


def _label(app, row: int) -> str:
    return app.query_one(ArticleList).get_option_at_index(row).prompt.plain


def _bold(app, row: int) -> bool:
    prompt = app.query_one(ArticleList).get_option_at_index(row).prompt
    return any("bold" in str(span.style) for span in prompt.spans)


async def test_an_open_article_counts_as_read_after_a_moment(db, monkeypatch):
    """The one the user moved to: the first article, shown by the reader on its own at start,
    is not read (test_reader_undo_and_choice.py)."""
    monkeypatch.setattr(marking, "READ_AFTER", 1.5)
    total = count(db, "SELECT COUNT(*) FROM articles")
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, 1.0)
        assert reads(db) == 0
        await pilot.press("j")
        await settle(pilot, 0.05)
        assert reads(db) == 0
        assert "• " in _label(app, 1) and _bold(app, 1)
        await settle(pilot, 1.0)
        assert reads(db) == 1
        second = app.query_one(ArticleList).current_id
        assert "• " not in _label(app, 1) and not _bold(app, 1)
        assert "• " in _label(app, 0)
        assert app.query_one(Sidebar).unread == {d: n - (d == _district(db, second))
                                                 for d, n in _totals(db).items()}
        assert f"All {total - 1}/{total}" in _sidebar_text(app)


def _district(db, article_id) -> str:
    return count(db, "SELECT district FROM articles WHERE id = ?", article_id)


def _totals(db) -> dict[str, int]:
    from .reader_helpers import fetch

    return dict(fetch(db, "SELECT district, COUNT(*) FROM articles GROUP BY district"))


def _sidebar_text(app) -> str:
    lst = app.query_one(Sidebar)
    return "\n".join(lst.get_option_at_index(i).prompt.plain for i in range(lst.option_count))


async def test_scrolling_marks_read_at_once(db, monkeypatch):
    monkeypatch.setattr(marking, "READ_AFTER", 60)
    app = CqdailyApp(db)
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        longest = count(db, "SELECT id FROM articles ORDER BY chars DESC LIMIT 1")
        app.query_one(ArticleList).select_id(longest)
        await settle(pilot)
        assert reads(db) == 0
        await pilot.press("3", "space")
        await settle(pilot)
        assert count(db, "SELECT COUNT(*) FROM user_reads r JOIN articles a ON a.ukey = r.ukey WHERE a.id = ?",
                     longest) == 1


async def test_m_toggles_M_marks_the_list_u_shows_unread(db):
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the first article opened
        await settle(pilot, 0.5)
        assert reads(db) == 1
        await pilot.press("m")  # the open, read article: unread again, and it stays so
        await settle(pilot, 0.5)
        assert reads(db) == 0 and "Marked unread" in notices(app)
        assert "• " in _label(app, 0)
        await pilot.press("m")
        await settle(pilot)
        assert reads(db) == 1
        await pilot.press("u")
        await settle(pilot)
        total = count(db, "SELECT COUNT(*) FROM articles")
        lst = app.query_one(ArticleList)
        assert lst.option_count == total - 1 and "unread only" in status(app)
        await pilot.press("M")
        await settle(pilot)
        assert reads(db) == total
        assert lst.option_count == 0
        await pilot.press("u")
        await settle(pilot)
        assert lst.option_count == total and not any("• " in _label(app, i) for i in range(total))
        assert f"All 0/{total}" in _sidebar_text(app)


async def test_u_in_a_search_and_M_marks_only_the_search(db, monkeypatch):
    want = count(db, "SELECT COUNT(*) FROM articles WHERE instr(coalesce(title, '') || body, '志愿')")
    total = count(db, "SELECT COUNT(*) FROM articles")
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(pilot, 0.5)  # the first article read
        await pilot.press("slash", *"志愿", "enter")
        await settle(pilot, 0.5)
        lst = app.query_one(ArticleList)
        assert lst.option_count == want > 1
        await pilot.press("M")
        await settle(pilot)
        assert 0 < reads(db) <= want + 1
        await pilot.press("u")
        await settle(pilot)
        assert lst.option_count == 0 and "unread only" in status(app)
        monkeypatch.setattr(marking, "READ_AFTER", 60)  # what opens next stays unread
        await pilot.press("escape")
        await settle(pilot)
        assert lst.option_count == total - reads(db) > 0


async def test_star_and_the_starred_list(db):
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        second = app.query_one(ArticleList).current_id
        await pilot.press("s")
        await settle(pilot)
        assert count(db, "SELECT COUNT(*) FROM user_stars") == 1
        assert "★ Starred 1" in _sidebar_text(app)
        sidebar = app.query_one(Sidebar)
        await pilot.press("1")
        sidebar.highlighted = sidebar.get_option_index(STARRED)
        await pilot.press("enter")
        await settle(pilot)
        lst = app.query_one(ArticleList)
        assert lst.ids == [second] and "Starred" in status(app)
        await pilot.press("s")  # unstar: the starred list follows
        await settle(pilot)
        assert lst.option_count == 0 and "★ Starred 0" in _sidebar_text(app)


async def _search(pilot, text: str) -> None:
    app = pilot.app
    await pilot.press("slash")
    app.query_one(SearchBar).value = ""
    await pilot.press(*text, "enter")
    await settle(pilot)


async def test_history_saved_searches_marks_and_stars_survive_a_restart_and_a_reload(db, tmp_path, monkeypatch):
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the first article opened: read
        await settle(pilot, 0.5)
        read_title = count(db, "SELECT title FROM articles WHERE id = ?", app.query_one(ArticleView).article_id)
        await pilot.press("s")
        await _search(pilot, "璧山")
        await _search(pilot, "志愿")
        await pilot.press("slash", "ctrl+s")
        await settle(pilot)
        assert any("Saved the search" in n for n in notices(app))
    pages = tmp_path / "pages"
    shutil.copytree(SEEDS, pages)
    assert main(["load", str(pages), "--db", db, "--force", "-q"]) == 0  # the same pages, loaded again
    want = count(db, "SELECT COUNT(*) FROM articles WHERE instr(coalesce(title, '') || body, '志愿')")
    monkeypatch.setattr(marking, "READ_AFTER", 60)
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        sidebar = app.query_one(Sidebar)
        assert f"⌕ 志愿 {want}" in _sidebar_text(app) and "★ Starred 1" in _sidebar_text(app)
        lst = app.query_one(ArticleList)
        titles = [r.title for r in lst.rows]
        assert "• " not in _label(app, titles.index(read_title))  # read in the first session
        assert sum("• " in _label(app, i) for i in range(len(titles))) == len(titles) - reads(db)
        await pilot.press("slash", "up")
        assert app.query_one(SearchBar).value == "志愿"
        await pilot.press("up")
        assert app.query_one(SearchBar).value == "璧山"
        await pilot.press("escape", "1")
        sidebar.highlighted = sidebar.get_option_index(SAVED + "志愿")
        await pilot.press("enter")
        await settle(pilot)
        assert lst.option_count == want and app.query_one(SearchBar).value == "志愿"


async def test_saving_an_empty_search_says_so(db):
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", "ctrl+s")
        await settle(pilot)
        assert "Nothing to save: type a search first" in notices(app)
        assert count(db, "SELECT COUNT(*) FROM user_searches") == 0


async def test_quitting_as_soon_as_the_list_shows_leaves_no_error(db):
    """The user-state workers start after the first list; their answers may come after the
    screen is gone (bench/reader.py quits right then)."""
    for _ in range(3):
        app = CqdailyApp(db)
        async with app.run_test(size=SIZE) as pilot:
            while not app.query_one(ArticleList).option_count:
                await pilot.pause(0.005)
        assert app.return_code in (0, None)
