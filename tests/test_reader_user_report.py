"""The reader's search box and status line as a new user met them (tester report, issue 9)."""
from __future__ import annotations

import os

import pytest

from tui.reader.app import CqdailyApp as _App
from tui.reader.lists import ArticleList
from tui.reader.searchbar import SearchBar

from .reader_helpers import keys_at_once, screen_text, settle, status

SIZE = (160, 45)


def CqdailyApp(db):  # noqa: N802 - the English interface whatever the locale
    return _App(db, lang="en")


@pytest.fixture
def db(seeded_db):
    return seeded_db


async def test_keys_typed_right_after_slash_go_into_the_search_box(db):
    """`/keji` in one write: the letters arrive before the box has focus and must not be lost."""
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        keys_at_once(app, "slash", "k", "e", "j", "i")
        await settle(pilot)
        bar = app.query_one(SearchBar)
        assert bar.value == "keji"
        assert app.focused is bar
        await pilot.press("slash")  # a slash typed in the box is text
        await settle(pilot)
        assert bar.value == "keji/"


async def _search(app, pilot, text: str) -> None:
    await pilot.press("slash")
    app.query_one(SearchBar).value = text
    await pilot.pause(0.35)  # the debounce
    await settle(pilot)


async def test_a_bad_date_is_told_on_the_status_line(db):
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _search(app, pilot, "date:2020-13")
        assert "'2020-13' is not a date" in status(app)
        assert "hits in" not in status(app)


async def test_date_only_search_counts_articles_not_hits(db):
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _search(app, pilot, "date:2020-12")
        assert "· 6 articles" in status(app)
        assert "hits" not in status(app)
        rows = [str(app.query_one(ArticleList).get_option_at_index(i).prompt) for i in range(6)]
        assert all("×" not in row for row in rows), rows


async def test_one_hit_one_article_is_singular(db):
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _search(app, pilot, "承台施工")
        assert "1 hit in 1 article" in status(app)
        assert "hits" not in status(app) and "articles" not in status(app)
        await _search(app, pilot, "潼南")
        assert "2 hits in 1 article ·" in status(app)


def test_counts_in_english_and_chinese():
    from tui.reader import i18n
    from tui.reader.screens.main import found

    assert [found(None, 1), found(None, 3), found(4, 2)] == ["1 article", "3 articles", "4 hits in 2 articles"]
    i18n.set_language("zh")
    try:
        assert [found(None, 1), found(1, 1), found(2, 1)] == ["1 篇", "1 篇中 1 处", "1 篇中 2 处"]
    finally:
        i18n.set_language("en")


def _text(renderable) -> str:
    from rich.console import Console

    console = Console(width=200, record=True, file=open(os.devnull, "w"))
    console.print(renderable)
    return console.export_text()


async def test_help_tells_where_the_districts_hide_as_the_layout_does(db):
    """The help screen's width must be the one at which the districts really hide."""
    from tui.reader.screens.help import help_text
    from tui.reader.screens.main import NARROW, WIDE

    assert f"Below {WIDE} columns the districts hide" in _text(help_text((NARROW, WIDE)))
    app = CqdailyApp(db)
    async with app.run_test(size=(WIDE - 1, 30)) as pilot:
        await settle(pilot)
        assert not app.query_one("#districts").display or app.query_one("#districts").region.width == 0
    async with CqdailyApp(db).run_test(size=(WIDE, 30)) as pilot:
        await settle(pilot)
        assert pilot.app.query_one("#districts").region.width > 0


async def test_help_screen_names_the_database_open(db):
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause(0.3)
        shown = "\n".join(screen_text(app))
        assert f"Database: {os.path.abspath(db)}" in shown


async def test_titles_start_in_one_column_whatever_the_district(db):
    """重庆高新区 (five characters) must not push its title right of the others'."""
    from rich.cells import cell_len

    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        starts = {}
        for i, row in enumerate(articles.rows):
            if row.title and row.kind != "photo":
                label = articles.get_option_at_index(i).prompt.plain.replace("• ", "")
                starts[row.district] = cell_len(label[:label.index(row.title)])
        assert "重庆高新区" in starts and len(starts) > 5
        assert len(set(starts.values())) == 1, starts


@pytest.mark.parametrize("width", [80, 100, 105, 110, 119, 160])
async def test_search_placeholder_is_never_cut(db, width):
    app = CqdailyApp(db)
    async with app.run_test(size=(width, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause(0.2)
        bar = app.query_one(SearchBar)
        assert bar.placeholder in "\n".join(screen_text(app)), (bar.placeholder, bar.content_size)
        assert "all words" in bar.placeholder


def _footer_keys(app) -> list[str]:
    from textual.widgets import Footer
    from textual.widgets._footer import FooterKey

    return [k.key for k in app.screen.query_one(Footer).query(FooterKey)]


async def test_footer_offers_n_only_while_a_search_is_on(db):
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "n" not in _footer_keys(app)
        await _search(app, pilot, "志愿者")
        await pilot.press("enter")
        await settle(pilot)
        assert "n" in _footer_keys(app)
        await pilot.press("escape")
        await settle(pilot)
        assert "n" not in _footer_keys(app)
        await pilot.press("n")  # still says why nothing happens
        await pilot.pause(0.1)
        assert any("No search" in str(n.message) for n in app._notifications)


async def test_palette_offers_reloading_the_seeds_only_on_the_default_database(db, monkeypatch):
    from tui.reader import reload

    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"Reload the seed")
        await pilot.pause(0.5)
        assert "Reload the seed pages" not in "\n".join(screen_text(app))
    monkeypatch.setattr(reload, "default_db", lambda: db)
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"Reload the seed")
        await pilot.pause(0.5)
        assert "Reload the seed pages" in "\n".join(screen_text(app))
