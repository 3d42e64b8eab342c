"""A new user's report on the reader: M is undone by U (exactly the marks there were before);
only what the user chooses counts as read (not the article the reader shows on its own at
start or after a search); a search in one district says what the other districts hold; enter
on a search without results leaves the search box."""
from __future__ import annotations

from contextlib import closing

import pytest

from tui.db.userstate import UserState
from tui.reader import marking
from tui.reader.app import CqdailyApp as _App
from tui.reader.articleview import ArticleView
from tui.reader.lists import ArticleList
from tui.reader.searchbar import SearchBar

from .reader_helpers import count, fetch, notices, settle, status
from .test_reader_marks import fresh_copy

SIZE = (160, 45)


def CqdailyApp(db):  # noqa: N802 - the app, in English whatever the locale
    return _App(db, lang="en")


@pytest.fixture
def db(seeded_db, tmp_path, monkeypatch) -> str:
    """A copy of the seeded database with nothing remembered; an open article counts as read
    after 0.3 s."""
    monkeypatch.setattr(marking, "READ_AFTER", 0.3)
    return fresh_copy(seeded_db, str(tmp_path / "choice.db"))


def _marks(db: str) -> list[tuple]:
    """Every read mark as stored, with the time it was made."""
    return fetch(db, "SELECT ukey, at, district, day, page_no FROM user_reads ORDER BY ukey")


def _ids(db: str, sql: str = "SELECT id FROM articles ORDER BY id", *params) -> list[int]:
    return [r[0] for r in fetch(db, sql, *params)]


# -- 1. M is undone by U ------------------------------------------------------------------------

async def test_U_undoes_M_exactly_and_the_undo_outlasts_the_session(db, monkeypatch):
    monkeypatch.setattr(marking, "READ_AFTER", 60)  # only M and U write marks here
    before_ids = _ids(db)[::3]
    with closing(UserState(db)) as state:
        state.set_read(before_ids)
    before = _marks(db)
    total = count(db, "SELECT COUNT(*) FROM articles")
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("U")
        await settle(pilot)
        assert "Nothing to undo: U undoes the last M" in notices(app) and _marks(db) == before
        await pilot.press("M")
        await settle(pilot)
        assert count(db, "SELECT COUNT(*) FROM user_reads") == total
        want = total - len(before_ids)
        assert f"{want} articles marked read · U to undo" in notices(app)
        lst = app.query_one(ArticleList)
        assert not any("• " in lst.get_option_at_index(i).prompt.plain for i in range(lst.option_count))
        await pilot.press("U")
        await settle(pilot)
        assert _marks(db) == before  # the same articles read, their marks untouched
        assert f"{want} articles unread again" in notices(app)
        unread = sum("• " in lst.get_option_at_index(i).prompt.plain for i in range(lst.option_count))
        assert unread == want
        await pilot.press("U")  # one undo for one M
        await settle(pilot)
        assert _marks(db) == before
        await pilot.press("M")
        await settle(pilot)
    # U is this session's: the next session shows M's marks, and U there undoes nothing.
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("U")
        await settle(pilot)
        assert count(db, "SELECT COUNT(*) FROM user_reads") == total
        assert "Nothing to undo: U undoes the last M" in notices(app)


async def test_U_after_M_in_a_search_unmarks_only_what_that_M_marked(db, monkeypatch):
    monkeypatch.setattr(marking, "READ_AFTER", 60)
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"志愿", "enter")
        await settle(pilot)
        found = set(app.query_one(ArticleList).ids)
        assert len(found) > 1
        await pilot.press("M")
        await settle(pilot)
        assert count(db, "SELECT COUNT(*) FROM user_reads") == len(found)
        await pilot.press("M")  # all read already: nothing new to undo
        await settle(pilot)
        assert "Every article of this list was read already" in notices(app)
        await pilot.press("U")
        await settle(pilot)
        assert count(db, "SELECT COUNT(*) FROM user_reads") == 0


# -- 2. what the reader shows on its own is not read ---------------------------------------

def _sidebar_text(app) -> str:
    from tui.reader.sidebar import Sidebar

    lst = app.query_one(Sidebar)
    return "\n".join(lst.get_option_at_index(i).prompt.plain for i in range(lst.option_count))


def _read_ids(db: str) -> set[int]:
    return set(_ids(db, "SELECT a.id FROM articles a JOIN user_reads r ON r.ukey = a.ukey"))


async def test_the_article_shown_at_start_or_by_a_search_is_not_read(db):
    total = count(db, "SELECT COUNT(*) FROM articles")
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, 0.6)  # twice READ_AFTER
        view = app.query_one(ArticleView)
        assert view.article_id is not None
        assert _read_ids(db) == set() and f"All {total}/{total}" in _sidebar_text(app)
        await pilot.press("slash", *"志愿")  # results as you type: the first one shown, not read
        await settle(pilot, 0.6)
        lst = app.query_one(ArticleList)
        first = lst.current_id
        assert view.article_id == first and _read_ids(db) == set()
        await pilot.press("enter")  # the user opens it
        await settle(pilot, 0.6)
        assert _read_ids(db) == {first}


async def test_moving_to_an_article_or_into_it_reads_it(db):
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, 0.6)
        lst = app.query_one(ArticleList)
        first = lst.current_id
        await pilot.press("J")
        await settle(pilot, 0.6)
        second = lst.current_id
        assert _read_ids(db) == {second}
        await pilot.press("k")  # back to the first: the user's move now
        await settle(pilot, 0.6)
        assert _read_ids(db) == {first, second}
        await pilot.press("G")
        await settle(pilot, 0.6)
        last = lst.current_id
        assert _read_ids(db) == {first, second, last}
        await pilot.press("slash", *"璧山")
        await settle(pilot, 0.6)
        shown = app.query_one(ArticleView).article_id
        assert shown not in _read_ids(db)
        await pilot.press("escape")  # the search put away: the list as before, the article not chosen
        await settle(pilot, 0.6)
        assert shown not in _read_ids(db)
        await pilot.press("3")  # into the article pane: chosen
        await settle(pilot, 0.6)
        assert app.query_one(ArticleView).article_id in _read_ids(db)


# -- 3. a search in one district says what the others hold ---------------------------------

WORD = "志愿"


def _matches(db: str) -> dict[str, int]:
    return dict(fetch(db, "SELECT district, COUNT(*) FROM articles WHERE instr(coalesce(title, '') || "
                          "coalesce(subtitle, '') || body, ?) GROUP BY district", WORD))


async def _in_district(pilot, district: str) -> None:
    from tui.reader.sidebar import Sidebar

    await pilot.press("1")
    sidebar = pilot.app.query_one(Sidebar)
    sidebar.highlighted = sidebar.get_option_index(district)
    await pilot.press("enter")
    await settle(pilot)


@pytest.mark.parametrize("some", [False, True], ids=["none-here", "fewer-here"])
async def test_a_search_in_a_district_says_how_many_all_districts_hold(db, monkeypatch, some):
    monkeypatch.setattr(marking, "READ_AFTER", 60)
    matches = _matches(db)
    everywhere = sum(matches.values())
    districts = [d for d, in fetch(db, "SELECT DISTINCT district FROM articles ORDER BY district")]
    district = next(d for d in districts if (0 < matches.get(d, 0) < everywhere) == some
                    and (some or d not in matches))
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _in_district(pilot, district)
        await pilot.press("slash", *WORD, "enter")
        await settle(pilot)
        lst = app.query_one(ArticleList)
        assert lst.total == matches.get(district, 0)
        assert f"{district} · " in status(app)
        assert f"{everywhere} in all districts: a searches them all" in status(app)
        await pilot.press("a")
        await settle(pilot)
        assert lst.total == everywhere and app.query_one(SearchBar).value == WORD
        assert "in all districts" not in status(app) and " All · " in status(app)
        await pilot.press("a")
        await settle(pilot)
        assert "All districts are shown" in notices(app)


async def test_no_word_on_other_districts_when_they_hold_no_more(db):
    matches = _matches(db)
    district = max(matches, key=matches.get)
    if matches[district] != sum(matches.values()):
        district = None  # the word is in several districts: a search in All says nothing of others
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        if district:
            await _in_district(pilot, district)
        await pilot.press("slash", *WORD, "enter")
        await settle(pilot)
        assert app.query_one(ArticleList).total == matches.get(district, sum(matches.values()))
        assert "in all districts" not in status(app)


# -- 4. enter on a search without results ----------------------------------------------------

@pytest.mark.parametrize("wait", [True, False], ids=["results-shown", "enter-at-once"])
async def test_enter_on_a_search_without_results_goes_back_to_the_list(db, wait):
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"无此词语无此词语")
        if wait:
            await settle(pilot)
            assert app.query_one(ArticleList).option_count == 0
        await pilot.press("enter")
        await settle(pilot)
        bar = app.query_one(SearchBar)
        assert app.query_one(ArticleList).option_count == 0 and "no articles" in status(app)
        assert isinstance(app.focused, ArticleList) and bar.display and bar.value == "无此词语无此词语"
        await pilot.press("J", "slash")
        assert bar.value == "无此词语无此词语" and app.focused is bar


async def test_U_after_a_load_that_numbers_the_articles_anew_unreads_what_M_marked(db, tmp_path, monkeypatch):
    """M, then `cqdaily load --force` of the same pages in another terminal (every article gets
    a new id), then U: the undo held ids, so it unread none, or could have unread other
    articles (a tester's report). It holds the articles' stable keys now."""
    from tui.cli import main

    monkeypatch.setattr(marking, "READ_AFTER", 60)
    before_ids = _ids(db)[::4]
    with closing(UserState(db)) as state:
        state.set_read(before_ids)
    before = _marks(db)
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("M")
        await settle(pilot)
        old_ids = set(_ids(db))
        pages = [r[0] for r in fetch(db, "SELECT path FROM pages")]
        assert main(["load", *pages, "--db", db, "--force", "-q"]) == 0
        assert not old_ids & set(_ids(db))  # every article numbered anew
        await settle(pilot, 2.5)  # the reader sees the load
        await pilot.press("U")
        await settle(pilot)
        assert _marks(db) == before


async def test_an_article_read_after_M_stays_read_through_U(db):
    """M, then moving to an article (it counts as read after a moment), then U: U unread the
    article the user had just read too (a tester's report)."""
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("M")
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot, 0.8)  # read after READ_AFTER (0.3 s here)
        chosen = app.query_one(ArticleView).article_id
        await pilot.press("U")
        await settle(pilot)
        assert _ids(db, "SELECT a.id FROM articles a JOIN user_reads r ON r.ukey = a.ukey") == [chosen]


async def test_U_typed_while_M_is_still_writing_undoes_it(db, monkeypatch):
    """`M U` in one burst on a long list: U came before M's marks were written, said "Nothing
    to undo", and M then marked everything (a tester's report, 3,029 articles). The U waits for
    its M now. (M is slowed down here as a long list slows it.)"""
    import time

    monkeypatch.setattr(marking, "READ_AFTER", 60)
    slow = UserState.mark_read_undoably

    def slowly(self, ids):
        time.sleep(0.5)
        return slow(self, ids)

    monkeypatch.setattr(UserState, "mark_read_undoably", slowly)
    before = _marks(db)
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("M", "U")
        await settle(pilot, 1.5)
        assert _marks(db) == before
        assert not any("Nothing to undo" in n for n in notices(app))


async def test_one_article_is_one_article(db):
    """"1 articles marked read" (a tester's report)."""
    ids = _ids(db)
    with closing(UserState(db)) as state:
        state.set_read(ids[1:])
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("M")
        await settle(pilot)
        await pilot.press("U")
        await settle(pilot)
        assert "1 article marked read · U to undo" in notices(app) and "1 article unread again" in notices(app)
