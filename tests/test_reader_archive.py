"""Issue 13 in the reader: editions by date (d, [ ]), related stories (R), text out (y, w, o) and
pinyin search, each key under Pilot."""
from __future__ import annotations

import contextlib
import os

import pytest

from tui.db import query, textout
from tui.reader import marking
from tui.reader.app import CqdailyApp as _App
from tui.reader.articleview import ArticleView
from tui.reader.editionlist import EditionList, edition_id
from tui.reader.lists import ArticleList
from tui.reader.output import SaveScreen
from tui.reader.relatedlist import RelatedList

from .fixtures.reader_db import build
from .test_reader_marks import fresh_copy
from .reader_helpers import count, fetch, notices, settle, status

SIZE = (160, 45)


def CqdailyApp(db):  # noqa: N802 - the app, with its English interface whatever the locale
    return _App(db, lang="en")


@pytest.fixture
def editions_db(tmp_path, monkeypatch) -> str:
    """Two editions (2020-12-06 p.2, 2020-12-07 p.3); nothing marked read while testing."""
    monkeypatch.setattr(marking, "READ_AFTER", 60)
    return build(str(tmp_path / "editions.db"))


@pytest.fixture
def db(seeded_db, tmp_path, monkeypatch) -> str:
    monkeypatch.setattr(marking, "READ_AFTER", 60)
    return fresh_copy(seeded_db, str(tmp_path / "seeds.db"))


def _in_page_order(db: str, day: str) -> list[int]:
    return [r[0] for r in fetch(db, "SELECT id FROM articles WHERE page_date = ? ORDER BY page_no, position", day)]


async def test_d_shows_the_dates_and_enter_lists_an_edition_in_page_order(editions_db):
    app = CqdailyApp(editions_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        dates = app.query_one(EditionList)
        assert app.focused is dates and dates.display and not app.query_one("#districts").display
        rows = [dates.get_option_at_index(i).prompt.plain for i in range(dates.option_count)]
        assert rows[0].startswith("▾ 2020 6/6"), rows  # nothing read: all six unread
        assert any(r.strip().startswith("12-07") for r in rows) and any(r.strip().startswith("12-06") for r in rows)
        dates.highlighted = dates.get_option_index(edition_id("2020-12-06"))
        await pilot.press("enter")
        await settle(pilot)
        assert app.query_one(ArticleList).ids == _in_page_order(editions_db, "2020-12-06")
        assert "2020年12月6日 星期日" in status(app)
        assert app.focused is app.query_one(ArticleList)
        # The day's pages show under it; enter on one lists that page.
        assert dates.get_option_index(edition_id("2020-12-06", 2)) is not None
        await pilot.press("d")
        await settle(pilot)
        assert app.query_one("#districts").display and not dates.display


async def test_brackets_go_to_the_previous_and_next_edition_from_anywhere(editions_db):
    app = CqdailyApp(editions_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3", "left_square_bracket")  # from the article pane: the edition before its day
        await settle(pilot)
        lst = app.query_one(ArticleList)
        assert lst.ids == _in_page_order(editions_db, "2020-12-06") and "2020年12月6日" in status(app)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert "No earlier edition" in notices(app)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert lst.ids == _in_page_order(editions_db, "2020-12-07") and "2020年12月7日 星期一" in status(app)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert "No later edition" in notices(app)


async def test_related_stories_below_the_article_R_and_enter(db):
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        related = app.query_one(RelatedList)
        article_id = app.query_one(ArticleView).article_id
        conn = query.connect(db)
        from tui.db import related as related_db

        want = [r.id for r in related_db.related(conn, article_id)]
        conn.close()
        assert want and related.display and related.article_id == article_id
        assert [int(related.get_option_at_index(i).id) for i in range(related.option_count)] == want
        assert related.border_title == "Related stories"
        await pilot.press("R")
        assert app.focused is related
        await pilot.press("j", "enter")
        await settle(pilot)
        assert app.query_one(ArticleView).article_id == want[1]
        assert isinstance(app.focused, ArticleView)


async def test_y_copies_the_open_article(db):
    app = CqdailyApp(db)
    copied = []
    app.copy_to_clipboard = copied.append
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await pilot.pause(0.1)
        article = app.query_one(ArticleView).body.article
        assert copied == [textout.plain(article)]
        assert article.title in copied[0] and article.district in copied[0]


async def test_w_saves_markdown_and_asks_before_replacing(db, tmp_path, monkeypatch):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    monkeypatch.chdir(tmp_path)
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article = app.query_one(ArticleView).body.article
        await pilot.press("w")
        await pilot.pause(0.2)
        assert isinstance(app.screen, SaveScreen)
        default = tmp_path / textout.default_filename(article)
        assert app.screen.query_one("#save-path").value == str(default)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert default.read_text(encoding="utf-8") == textout.markdown(article)
        # Again: the file exists, so enter asks; esc keeps the file as it is.
        default.write_text("mine", encoding="utf-8")
        await pilot.press("w")
        await pilot.pause(0.2)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, SaveScreen) and default.read_text(encoding="utf-8") == "mine"
        assert "exists" in str(app.screen.query_one("#save-note").render())
        await pilot.press("escape")
        await pilot.pause(0.2)
        assert not isinstance(app.screen, SaveScreen) and default.read_text(encoding="utf-8") == "mine"
        # And a second enter replaces it.
        await pilot.press("w")
        await pilot.pause(0.2)
        await pilot.press("enter", "enter")
        await pilot.pause(0.3)
        assert default.read_text(encoding="utf-8") == textout.markdown(article)
        assert sorted(os.listdir(tmp_path)) == [default.name]


async def test_o_shows_the_article_in_the_pager(db, tmp_path, monkeypatch):
    out = tmp_path / "paged.txt"
    monkeypatch.setenv("PAGER", f"sh -c 'cat > {out}'")
    app = CqdailyApp(db)
    suspended = []

    @contextlib.contextmanager
    def suspend():
        suspended.append(True)
        yield

    app.suspend = suspend
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause(0.3)
        article = app.query_one(ArticleView).body.article
        assert suspended and out.read_text(encoding="utf-8") == textout.plain(article)


async def test_pinyin_search_says_it_matched_by_pinyin(db):
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"bishan")
        await settle(pilot, 0.5)
        want = count(db, "SELECT COUNT(*) FROM articles WHERE district = '璧山'")
        lst = app.query_one(ArticleList)
        assert want and lst.option_count >= want
        assert "matched by pinyin: bi shan" in status(app)


async def test_date_tree_counts_unread_and_follow_m(editions_db):
    app = CqdailyApp(editions_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        dates = app.query_one(EditionList)

        def row(option_id: str) -> str:
            return dates.get_option_at_index(dates.get_option_index(option_id)).prompt.plain.strip()

        assert row(edition_id("2020-12-07")) == "12-07 一 3/3" and row("y:2020") == "▾ 2020 6/6"
        await pilot.press("3", "m")
        await settle(pilot)
        assert row(edition_id("2020-12-07")) == "12-07 一 2/3" and row("y:2020") == "▾ 2020 5/6"
        dates.highlighted = dates.get_option_index(edition_id("2020-12-07"))
        await pilot.press("1", "enter")
        await settle(pilot)
        assert row(edition_id("2020-12-07", 3)) == "page 3 2/3"
