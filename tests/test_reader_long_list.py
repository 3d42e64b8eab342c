"""Issue 12.2: G / End land on the last article of the whole list, not of the rows fetched so
far; keys sent in one write are all applied. Pages are made small so the seeds make a long list."""
from __future__ import annotations

import pytest

from tui.db import query
from tui.reader import listing
from tui.reader.app import CqdailyApp
from tui.reader.articleview import ArticleView
from tui.reader.lists import ALL, ArticleList, DistrictList
from tui.reader.screens import main as main_screen

from .reader_helpers import count, fetch, keys_at_once, settle, status


@pytest.fixture
def db(seeded_db, monkeypatch):
    monkeypatch.setattr(listing, "PAGE", 8)
    monkeypatch.setattr(main_screen, "PAGE", 8)
    monkeypatch.setattr(main_screen, "NEAR", 2)
    return seeded_db


@pytest.mark.parametrize("key", ["G", "end"])
async def test_last_key_reaches_the_end_of_the_whole_list(db, key):
    n = count(db, "SELECT COUNT(*) FROM articles")
    oldest = count(db, "SELECT id FROM articles ORDER BY sortkey ASC LIMIT 1")
    assert n > 3 * 8
    app = CqdailyApp(db, lang="en")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        assert articles.option_count < n
        await pilot.press(key)
        await settle(pilot)
        assert status(app).startswith(f"article {n}/{n}")
        assert articles.current_id == oldest
        assert app.query_one(ArticleView).article_id == oldest
        await pilot.press("k")  # up from the end, through the page before it
        for _ in range(10):
            await pilot.press("k")
        await settle(pilot)
        assert status(app).startswith(f"article {n - 11}/{n}")
        await pilot.press("g")
        await settle(pilot)
        assert status(app).startswith(f"article 1/{n}")
        newest = count(db, "SELECT id FROM articles ORDER BY sortkey DESC LIMIT 1")
        assert articles.current_id == newest


async def test_last_key_in_search_results(db):
    with_ids = [r[0] for r in fetch(db, "SELECT id FROM articles ORDER BY sortkey DESC")]
    conn = query.connect(db)
    try:
        result = query.search(conn, "的", limit=len(with_ids))
    finally:
        conn.close()
    assert result.total > 8
    app = CqdailyApp(db, lang="en")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "的")
        await settle(pilot, 0.4)
        await pilot.press("enter", "2", "G")
        await settle(pilot)
        assert status(app).startswith(f"article {result.total}/{result.total}")
        assert app.query_one(ArticleList).current_id == result.hits[-1].id


async def test_keys_in_one_write_are_not_dropped(db):
    app = CqdailyApp(db, lang="en")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        districts = app.query_one(DistrictList)
        assert districts.selected_district == ALL
        keys_at_once(app, "1", "j")
        await settle(pilot)
        assert isinstance(app.focused, DistrictList)
        assert districts.selected_district != ALL, "j moved in the districts"
        keys_at_once(app, "2", "G", "k", "k")
        await settle(pilot)
        n = count(db, "SELECT COUNT(*) FROM articles")
        assert status(app).startswith(f"article {n - 2}/{n}")


async def test_refresh_keeps_the_place_in_a_long_list(db):
    n = count(db, "SELECT COUNT(*) FROM articles")
    app = CqdailyApp(db, lang="en")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        await pilot.press("G", "k", "k")
        await settle(pilot)
        here = articles.current_id
        await pilot.press("r")
        await settle(pilot)
        assert articles.current_id == here and status(app).startswith(f"article {n - 2}/{n}")


async def test_palette_opens_an_article_far_down_the_list(db):
    oldest = count(db, "SELECT id FROM articles ORDER BY sortkey ASC LIMIT 1")
    n = count(db, "SELECT COUNT(*) FROM articles")
    app = CqdailyApp(db, lang="en")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        app.main.open_article(oldest)
        await settle(pilot)
        assert app.query_one(ArticleList).current_id == oldest
        assert app.query_one(ArticleView).article_id == oldest
        assert status(app).startswith(f"article {n}/{n}")
