"""Issue 12.4 and 12.6: narrow terminals, the footer, and the smaller things of daily use."""
from __future__ import annotations

import pytest
from textual.color import Color
from textual.geometry import Region
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey

from tui.reader import keys
from tui.reader.app import CqdailyApp
from tui.reader.articleview import ArticleBody, ArticleView
from tui.reader.lists import ArticleList, DistrictList
from tui.reader.screens.help import HelpScreen
from tui.reader.searchbar import SearchBar
from tui.reader.textlayout import cell_len

from .fixtures.reader_db import build
from .reader_helpers import count, notices, settle


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return build(str(tmp_path_factory.mktemp("layout") / "fixture.db"))


def _chars_a_line(app) -> int:
    """Chinese characters on a full line of the article pane."""
    return app.query_one(ArticleBody)._measure() // 2


@pytest.mark.parametrize("size,least", [((80, 24), 30), ((60, 20), 20), ((100, 30), 27), ((120, 36), 20)])
async def test_article_keeps_a_readable_measure(db, size, least):
    app = CqdailyApp(db, lang="en")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert _chars_a_line(app) >= least
        body = app.query_one(ArticleBody)
        assert all(cell_len(line.plain) <= body.size.width for line in body._lines), "no line wraps again"
        articles = app.query_one(ArticleList)
        assert articles.region.height >= 4 and articles.region.width >= 34, "the list stays usable"


async def test_narrow_districts_hide_behind_a_key(db):
    app = CqdailyApp(db, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        districts = app.query_one(DistrictList)
        assert not districts.display or districts.region.width == 0
        await pilot.press("1")
        await pilot.pause(0.1)
        assert isinstance(app.focused, DistrictList) and districts.region.width >= 16
        districts.select_district("璧山")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.focused, ArticleList)
        assert districts.region.width == 0
        assert app.query_one(ArticleList).border_title == "Articles · 璧山"
        assert app.query_one(ArticleList).option_count == count(db, "SELECT COUNT(*) FROM articles WHERE district='璧山'")
        await pilot.press("1")
        await pilot.pause(0.1)
        assert districts.region.width >= 16
        await pilot.press("escape")
        await pilot.pause(0.1)
        assert districts.region.width == 0 and isinstance(app.focused, ArticleList)


@pytest.mark.parametrize("width", [60, 80, 120, 200])
async def test_footer_shows_the_most_useful_keys_that_fit(db, width):
    app = CqdailyApp(db, lang="en")
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(Footer)
        shown = [k for k in footer.query(FooterKey)]
        assert all(k.region.right <= width for k in shown), "no key cut off"
        actions = {k.action for k in shown}
        assert {"help", "search", "app.quit"} <= actions
        if width >= 80:
            assert "select" in actions  # the focused list's own key
        if width >= 120:
            assert "refresh" in actions


async def test_footer_in_the_article_shows_its_keys(db):
    app = CqdailyApp(db, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        actions = {k.action for k in app.screen.query_one(Footer).query(FooterKey)}
        assert "page_down" in actions


def _luminance(c: Color) -> float:
    def lin(v: int) -> float:
        v = v / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b)


def _contrast(a: Color, b: Color) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_unfocused_borders_can_be_seen(db, theme):
    app = CqdailyApp(db, lang="en")
    async with app.run_test(size=(200, 50)) as pilot:
        app.theme = theme
        await settle(pilot)
        for pane in ("#districts", "#article"):
            widget = app.query_one(pane)
            assert not widget.has_focus
            background = widget.background_colors[0]
            border = background + widget.styles.border_top[1]
            assert _contrast(border, background) >= 3.0, (theme, pane)


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_search_placeholder_fits(db, size):
    app = CqdailyApp(db, lang="en")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause(0.1)
        bar = app.query_one(SearchBar)
        assert cell_len(bar.placeholder) < bar.content_region.width


async def test_help_is_whole_scrolls_with_j_and_has_one_scrollbar(db):
    app = CqdailyApp(db, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause(0.2)
        assert isinstance(app.screen, HelpScreen)
        scrolling = [w for w in app.screen.query("*") if w.show_vertical_scrollbar]
        assert len(scrolling) == 1
        await pilot.press("j", "j")
        assert scrolling[0].scroll_y == 2
        await pilot.press("k")
        assert scrolling[0].scroll_y == 1
        # The whole help as drawn at this width, also the part scrolled out of sight.
        text = app.screen.query_one(Static)
        seen = [strip.text for strip in text.render_lines(Region(0, 0, text.size.width, text.virtual_size.height))]
        assert text.size.width < 80
        flat = "".join("".join(seen).split())
        for _, group in keys.KEYS.values():
            for k in group:
                assert "".join(k.long.split()) in flat, k.long
        for mark, what in keys.MARKS:
            assert "".join(what.split()) in flat
        assert "▣" in flat
        await pilot.press("g")
        assert scrolling[0].scroll_y == 0
        await pilot.press("G")
        assert scrolling[0].scroll_y == scrolling[0].max_scroll_y > 0
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_list_rows_keep_their_date_and_highlight_their_count(db):
    app = CqdailyApp(db, lang="en")
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        for y in range(articles.option_count):
            assert articles.render_line(y).text.strip().startswith("20-12-0")
        districts = app.query_one(DistrictList)
        line = districts.render_line(districts.highlighted - int(districts.scroll_y))
        backgrounds = {seg.style.bgcolor for seg in line if seg.text.strip()}
        assert len(backgrounds) == 1, "the highlight reaches the count"


async def test_edges_and_empty_refresh_are_told(db):
    app = CqdailyApp(db, lang="en")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("K")
        assert "First article" in notices(app)
        await pilot.press("G")
        await settle(pilot)
        await pilot.press("J")
        assert "Last article" in notices(app)
        await pilot.press("r")
        await settle(pilot)
        assert "Nothing new since the list was read" in notices(app)


async def test_article_text_does_not_shift_between_articles(seeded_db):
    """A short article and a long one (which scrolls) start their lines in the same column."""
    db = seeded_db
    ids = [count(db, f"SELECT id FROM articles ORDER BY chars {way} LIMIT 1") for way in ("ASC", "DESC")]
    app = CqdailyApp(db, lang="en")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        body, view = app.query_one(ArticleBody), app.query_one(ArticleView)
        places, scrolls = set(), set()
        for art_id in ids:
            app.query_one(ArticleList).select_id(art_id)
            await settle(pilot, 0.1)
            assert view.article_id == art_id
            places.add((body.region.x, body.size.width))
            scrolls.add(view.max_scroll_y > 0)
        assert scrolls == {False, True} and len(places) == 1


@pytest.mark.parametrize("lang,untitled", [("en", "(untitled)"), ("zh", "（无题）")])
async def test_untitled_items_are_called_so(db, lang, untitled):
    photo = count(db, "SELECT id FROM articles WHERE title IS NULL")
    app = CqdailyApp(db, lang=lang)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        row = articles.ids.index(photo)
        assert untitled in articles.render_line(row).text
        articles.highlighted = row
        await settle(pilot)
        assert app.query_one(ArticleBody)._lines[0].plain == untitled
