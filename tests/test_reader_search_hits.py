"""Issue 12.1: the open article always shows the current search's hits, whether or not it changes."""
from __future__ import annotations

import pytest

from tui.reader.app import CqdailyApp
from tui.reader.articleview import ArticleBody
from tui.reader.lists import ArticleList

from .fixtures.reader_db import build
from .reader_helpers import count, settle, status


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return build(str(tmp_path_factory.mktemp("hits") / "fixture.db"))


def _occurrences(db: str, art_id: int, word: str) -> int:
    text = "\n".join(t or "" for t in [
        count(db, "SELECT title FROM articles WHERE id = ?", art_id),
        count(db, "SELECT subtitle FROM articles WHERE id = ?", art_id),
        count(db, "SELECT body FROM articles WHERE id = ?", art_id)])
    return text.count(word)


async def test_search_submitted_on_the_open_article_highlights_it(db):
    app = CqdailyApp(db, lang="en")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        articles, body = app.query_one(ArticleList), app.query_one(ArticleBody)
        first = articles.current_id
        want = _occurrences(db, first, "志愿者")
        assert want > 2 and body.hits == []
        await pilot.press("slash", *"志愿者", "enter")
        await settle(pilot)
        assert articles.current_id == first
        assert len(body.hits) == want and f"hit 1/{want}" in status(app)
        await pilot.press("n")  # the second hit of this article, not the next article
        await settle(pilot)
        assert articles.current_id == first and f"hit 2/{want}" in status(app)


async def test_typing_on_updates_the_open_articles_hits(db):
    app = CqdailyApp(db, lang="en")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        articles, body = app.query_one(ArticleList), app.query_one(ArticleBody)
        await pilot.press("slash", "科")
        await settle(pilot, 0.4)
        first = articles.current_id
        assert len(body.hits) == _occurrences(db, first, "科") == articles.hits[first]
        await pilot.press("技")
        await settle(pilot, 0.4)
        assert articles.current_id == first, "the same article stays open"
        want = _occurrences(db, first, "科技")
        assert want < _occurrences(db, first, "科")
        assert len(body.hits) == want == articles.hits[first]
        assert f"hit 1/{want}" in status(app)
