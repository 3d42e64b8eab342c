"""The reader under Pilot: every key, search, and text that must never be read as markup."""
from __future__ import annotations

import pytest

from tui.cli import main
from tui.reader.app import CqdailyApp as _App
from tui.reader.articleview import ArticleBody, ArticleView
from tui.reader.lists import ArticleList, DistrictList
from tui.reader.screens.help import HelpScreen
from tui.reader.searchbar import SearchBar

from .reader_helpers import count, fetch, settle, status

SIZE = (160, 45)
MATCHES = "instr(lower(coalesce(title,'')||char(10)||coalesce(subtitle,'')||char(10)||body), lower(?))"  # Latin in any case


def CqdailyApp(db):  # noqa: N802 - the app, with its English interface whatever the locale
    return _App(db, lang="en")


@pytest.fixture
def db(seeded_db):
    return seeded_db


async def test_first_screen_lists_everything(db):
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        n = count(db, "SELECT COUNT(*) FROM articles")
        assert n > 1 and app.query_one(ArticleList).option_count == n
        assert status(app).startswith(f"article 1/{n}")
        assert app.query_one(ArticleView).article_id is not None


async def test_list_keys_and_article_follow(db):
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lst = app.query_one(ArticleList)
        await pilot.press("j", "j", "down")
        await settle(pilot)
        assert lst.highlighted == 3 and "article 4/" in status(app)
        assert app.query_one(ArticleView).article_id == lst.current_id
        await pilot.press("k")
        assert lst.highlighted == 2
        await pilot.press("G")
        assert lst.highlighted == lst.option_count - 1
        await pilot.press("g")
        assert lst.highlighted == 0


async def test_pane_keys(db):
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("1")
        assert isinstance(app.focused, DistrictList)
        await pilot.press("3")
        assert isinstance(app.focused, ArticleView)
        await pilot.press("2")
        assert isinstance(app.focused, ArticleList)
        await pilot.press("tab")
        assert isinstance(app.focused, ArticleView)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, ArticleList)


async def test_article_scroll_keys(db):
    app = CqdailyApp(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        lst = app.query_one(ArticleList)
        # The longest article, so that there is something to scroll.
        longest = count(db, "SELECT id FROM articles ORDER BY chars DESC LIMIT 1")
        lst.select_id(longest)
        await settle(pilot)
        await pilot.press("3")
        view = app.query_one(ArticleView)
        assert view.scroll_y == 0
        await pilot.press("space")
        await pilot.pause(0.2)
        assert view.scroll_y > 5
        y = view.scroll_y
        await pilot.press("b")
        await pilot.pause(0.2)
        assert view.scroll_y < y
        await pilot.press("G")
        await pilot.pause(0.2)
        assert view.scroll_y == view.max_scroll_y
        await pilot.press("g")
        await pilot.pause(0.2)
        assert view.scroll_y == 0
        await pilot.press("j", "j")
        await pilot.pause(0.2)
        assert view.scroll_y == 2


async def test_next_previous_article_from_anywhere(db):
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3", "J", "J")
        await settle(pilot)
        assert app.query_one(ArticleList).highlighted == 2
        assert isinstance(app.focused, ArticleView)
        await pilot.press("K")
        await settle(pilot)
        assert app.query_one(ArticleList).highlighted == 1
        assert app.query_one(ArticleView).article_id == app.query_one(ArticleList).current_id


async def test_district_filter(db):
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        districts = app.query_one(DistrictList)
        await pilot.press("1")
        districts.select_district("璧山")
        await pilot.press("enter")
        await settle(pilot)
        n = count(db, "SELECT COUNT(*) FROM articles WHERE district='璧山'")
        assert n and app.query_one(ArticleList).option_count == n
        assert "璧山" in status(app)
        assert isinstance(app.focused, ArticleList)


async def test_search_hits_counts_and_hit_navigation(db):
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, SearchBar)
        await pilot.press(*"科技")
        await settle(pilot, 0.5)
        want = count(db, f"SELECT COUNT(*) FROM articles WHERE {MATCHES}", "科技")
        lst = app.query_one(ArticleList)
        assert want > 1 and lst.option_count == want
        assert f"in {want} articles" in status(app)
        # The sidebar shows hit counts per district.
        assert app.query_one(DistrictList).counts == dict(fetch(
            db, f"SELECT district, COUNT(*) FROM articles WHERE {MATCHES} GROUP BY district", "科技"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.focused, ArticleView)
        body = app.query_one(ArticleBody)
        assert body.hits and "hit 1/" in status(app)
        n_hits = len(body.hits)
        for k in range(1, n_hits):
            await pilot.press("n")
        assert f"hit {n_hits}/{n_hits}" in status(app)
        await pilot.press("n")  # on to the next article with hits
        await settle(pilot)
        assert lst.highlighted == 1 and "hit 1/" in status(app)
        await pilot.press("N")  # back to the last hit of the first article
        await settle(pilot)
        assert lst.highlighted == 0 and f"hit {n_hits}/{n_hits}" in status(app)


async def test_search_history_and_escape(db):
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        total = app.query_one(ArticleList).option_count
        await pilot.press("slash", *"璧山", "enter")
        await settle(pilot)
        await pilot.press("slash")
        bar = app.query_one(SearchBar)
        bar.value = ""
        await pilot.press(*"铜梁", "enter")
        await settle(pilot)
        await pilot.press("slash")
        bar.value = ""
        await pilot.press("up")
        assert bar.value == "铜梁"
        await pilot.press("up")
        assert bar.value == "璧山"
        await pilot.press("down")
        assert bar.value == "铜梁"
        await pilot.press("escape")
        await settle(pilot)
        assert not bar.display and bar.value == ""
        assert app.query_one(ArticleList).option_count == total
        assert "hits" not in status(app)


@pytest.mark.parametrize("q", ['"', "*", "-", "AND", "(", "NEAR(", "'", "\\", "[/]"])
async def test_search_syntax_is_literal_text(db, q):
    """FTS syntax and markup mean themselves: the list holds exactly the articles containing q."""
    want = count(db, f"SELECT COUNT(*) FROM articles WHERE {MATCHES}", q)
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *q)
        await settle(pilot, 0.4)
        assert app.query_one(ArticleList).option_count == want
        assert f"{want} articles" in status(app)


def _underlined(body: ArticleBody) -> list[str]:
    """The text of every underlined span of the article: its highlighted key words."""
    out = []
    for line in body._lines:
        for span in line.spans:
            style = span.style if not isinstance(span.style, str) else None
            if style is not None and style.underline:
                out.append(line.plain[span.start:span.end])
    return out


async def test_help_keywords_and_quit(db):
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        body = app.query_one(ArticleBody)
        keywords = [k for k, _ in body.article.keywords]
        assert body.keywords_on and keywords
        # A key word broken across two lines is underlined in two pieces.
        assert _underlined(body) and all(any(piece in k for k in keywords) for piece in _underlined(body))
        await pilot.press("h")
        assert not body.keywords_on and _underlined(body) == []
        await pilot.press("h")
        assert body.keywords_on and _underlined(body)
        assert app.is_running
        await pilot.press("q")
        await pilot.pause(0.1)
        assert not app.is_running
    assert app.return_code == 0


async def test_command_palette_opens_article_by_title(db):
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"东升大桥完成")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        art_id = app.query_one(ArticleView).article_id
        title = count(db, "SELECT title FROM articles WHERE id=?", art_id)
        assert title == "东升大桥完成承台施工"


async def test_markup_in_text_renders_literally(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("本报讯 （记者 张莎）12月6日，[bold]大渡口区[/]春晖路街道新\n华社区开放[link=x]志愿者[/link]注册，45位\n"
                    "市民现场注册成为志愿者[/]。\n", encoding="utf-8")
    db = str(tmp_path / "m.db")
    assert main(["load", str(page), "--db", db, "-q"]) == 0
    app = CqdailyApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = str(app.query_one(ArticleBody).render()).replace("\n", "")
        assert "[bold]大渡口区[/]" in text and "[link=x]志愿者[/link]" in text and "志愿者[/]。" in text
