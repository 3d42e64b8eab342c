"""The reader: districts on the left, the article list, the article; search within the session.

All reading goes through query.py, on worker threads with their own connections, so the screen
never waits for the database; jieba is never imported here (keywords come from the loader).
"""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult, ScreenStackError
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from ..db import query
from .articleview import ArticleView
from .commands import ReaderCommands
from .helpscreen import HelpScreen
from .lists import ALL, ArticleList, DistrictList
from .searchbar import SearchBar

DEBOUNCE = 0.2  # seconds of quiet typing before a search runs
PAGE = 1000  # rows fetched at a time; more as the cursor nears the end of the list
POLL = 3.0  # seconds between checks for articles loaded by another process


def _unless_gone(method):
    """For callbacks that may arrive after the screen is torn down (a worker finishing, a
    message queued as the user quits): do nothing then, rather than fail."""
    from functools import wraps

    @wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (NoMatches, IndexError, ScreenStackError):
            return None

    return wrapper


@dataclass
class Listing:
    """What the list shows: all articles of a district, or a search's results."""
    rows: list[query.Row]
    hits: dict[int, int]
    counts: dict[str, int]
    total: int  # rows in the whole list, of which `rows` are the first ones fetched
    total_hits: int | None = None


class CqdailyApp(App):
    TITLE = "cqdaily"
    SUB_TITLE = "重庆日报 · 区县新闻"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {ReaderCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("question_mark", "help", "Help"),
        Binding("slash", "search", "Search"),
        Binding("escape", "clear_search", "Clear search", show=False),
        Binding("1", "focus_pane('districts')", "Districts", show=False),
        Binding("2", "focus_pane('articles')", "List", show=False),
        Binding("3", "focus_pane('article')", "Article", show=False),
        Binding("J", "next_article(1)", "Next article"),
        Binding("K", "next_article(-1)", "Prev article", show=False),
        Binding("n", "next_hit(1)", "Next hit"),
        Binding("N", "next_hit(-1)", "Prev hit", show=False),
        Binding("h", "toggle_keywords", "Keywords"),
        Binding("r", "refresh", "Refresh"),
    ]

    def __init__(self, db_path: str) -> None:
        super().__init__()
        self.db_path = db_path
        self.words: list[str] = []
        self.search_text = ""
        self.listing: Listing | None = None
        self._debounce = None
        self._version: tuple[int, int] | None = None
        self.district: str | None = None
        self._land_on = "first"  # where n/N lands in the next article: its first or last hit
        self._pending: int | None = None  # the article being fetched

    # -- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield DistrictList(id="districts")
            with Vertical(id="middle"):
                yield SearchBar(id="search")
                yield ArticleList(id="articles")
            yield ArticleView(id="article")
        yield Static(id="status")
        yield Footer()

    def query_one(self, selector, expect_type=None):
        """Widgets of the main screen, also while the help screen or the palette is on top."""
        base = self.screen_stack[0] if self.screen_stack else self.screen
        return base.query_one(selector, expect_type) if expect_type else base.query_one(selector)

    def on_mount(self) -> None:
        self.query_one("#districts").border_title = "区县"
        self.query_one("#articles").border_title = "文章"
        self.query_one("#article").border_title = "正文"
        self.query_one(SearchBar).display = False
        self.query_one(ArticleList).focus()
        self.load_listing()
        self.set_interval(POLL, self.check_for_new)

    # -- data (worker threads) -----------------------------------------------------------------

    def _conn(self) -> sqlite3.Connection:
        return query.connect(self.db_path)

    def _read(self, read, then, *args) -> None:
        """The body of every reading worker: read(conn) on this thread's own connection, then
        then(result, *args) on the UI thread unless the worker was cancelled meanwhile (a newer
        request replaced it); a database error is reported instead."""
        worker = get_current_worker()
        try:
            conn = self._conn()
            try:
                result = read(conn)
            finally:
                conn.close()
        except sqlite3.DatabaseError as err:
            self.call_from_thread(self.report_db_error, err)
            return
        if not worker.is_cancelled:
            self.call_from_thread(then, result, *args)

    @work(thread=True, exclusive=True, group="listing")
    def load_listing(self, keep: int | None = None) -> None:
        text, district = self.search_text, self.district

        def read(conn):
            counts = query.district_counts(conn)
            if query.words_of(text):
                listing = self._search(conn, text, district)
            else:
                total = counts.get(district, 0) if district else sum(counts.values())
                listing = Listing(query.rows(conn, district, limit=PAGE), {}, counts, total)
            return listing, query.data_version(conn)

        self._read(read, self.show_listing, keep)

    def _search(self, conn, text: str, district: str | None, offset: int = 0) -> Listing:
        result = query.search(conn, text, district=district, limit=PAGE, offset=offset, counts=offset == 0)
        ids = [h.id for h in result.hits]
        rows = query.rows_by_id(conn, ids)
        hits = {h.id: h.hits for h in result.hits}
        # Hits in all articles are known when all of them are in this page.
        total_hits = sum(hits.values()) if result.total <= len(result.hits) else None
        return Listing(rows, hits, result.by_district, result.total, total_hits)

    @work(thread=True, exclusive=True, group="more")
    def load_more(self, offset: int) -> None:
        """The next page of the list, when the cursor comes near the end of what is shown."""
        text, district, searching = self.search_text, self.district, bool(self.words)

        def read(conn):
            if searching:
                return self._search(conn, text, district, offset=offset)
            return Listing(query.rows(conn, district, limit=PAGE, offset=offset), {}, {}, 0)

        self._read(read, self.append_listing, offset)

    @_unless_gone
    def append_listing(self, more: Listing, offset: int) -> None:
        articles = self.query_one(ArticleList)
        if self.listing is None or len(articles.ids) != offset:
            return  # the list changed meanwhile
        self.listing.rows += more.rows
        self.listing.hits.update(more.hits)
        articles.set_rows(more.rows, more.hits if self.words else None, append=True)

    @_unless_gone
    def report_db_error(self, err: Exception) -> None:
        self._pending = None
        self.notify(f"Cannot read {self.db_path}: {err}. Run 'cqdaily load --rebuild'.", severity="error", timeout=10)

    @_unless_gone
    def show_listing(self, listing_version: tuple[Listing, tuple[int, int]], keep: int | None) -> None:
        listing, version = listing_version
        self.listing = listing
        self._version = version
        districts = self.query_one(DistrictList)
        districts.set_counts(listing.counts, searching=bool(self.words))
        districts.select_district(self.district or ALL)
        articles = self.query_one(ArticleList)
        articles.set_rows(listing.rows, listing.hits if self.words else None)
        if keep is not None:
            articles.select_id(keep)
        self.open_current()
        self.update_status()

    @work(thread=True, exclusive=True, group="article")
    def fetch_article(self, article_id: int, land: str = "first") -> None:
        self._read(lambda conn: query.article(conn, article_id), self.show_article, land)

    @_unless_gone
    def show_article(self, art: query.Article | None, land: str = "first") -> None:
        self._pending = None
        view = self.query_one(ArticleView)
        view.show(art, self.words)
        if land == "last" and view.body.hits:
            view.body.set_current(len(view.body.hits) - 1)
            view.call_after_refresh(view.scroll_to_hit)
        self.update_status()

    @_unless_gone
    def open_current(self) -> None:
        art_id = self.query_one(ArticleList).current_id
        if art_id is None:
            self.show_article(None)
        elif art_id != self.query_one(ArticleView).article_id and art_id != self._pending:
            # n/N moving on to another article lands on its first or last hit.
            self._pending = art_id
            self.fetch_article(art_id, self._land_on)

    def check_for_new(self) -> None:
        self.poll_version()

    @work(thread=True, exclusive=True, group="poll")
    def poll_version(self) -> None:
        self._read(query.data_version, self._version_seen)

    def _version_seen(self, version: tuple[int, int]) -> None:
        """Articles were loaded or replaced by another process: show them."""
        if self._version is not None and version != self._version:
            self.action_refresh()

    # -- events --------------------------------------------------------------------------------

    @on(ArticleList.OptionHighlighted, "#articles")
    @_unless_gone
    def _article_highlighted(self) -> None:
        self.open_current()
        articles = self.query_one(ArticleList)
        shown = articles.option_count
        if (
            self.listing is not None and shown < self.listing.total
            and (articles.highlighted or 0) >= shown - 50
        ):
            self.load_more(shown)

    @on(ArticleList.OptionSelected, "#articles")
    @_unless_gone
    def _article_selected(self) -> None:
        self.open_current()
        self.query_one(ArticleView).focus()

    @on(DistrictList.OptionSelected, "#districts")
    def _district_selected(self, event: DistrictList.OptionSelected) -> None:
        self.show_district(None if event.option.id == ALL else event.option.id, focus_list=True)

    @on(SearchBar.Changed, "#search")
    def _search_changed(self, event: SearchBar.Changed) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE, lambda: self.run_search(event.value))

    @on(SearchBar.Submitted, "#search")
    def _search_submitted(self, event: SearchBar.Submitted) -> None:
        bar = self.query_one(SearchBar)
        bar.remember(event.value)
        if self._debounce is not None:
            self._debounce.stop()
        if event.value != self.search_text:
            self.run_search(event.value)
        articles = self.query_one(ArticleList)
        if articles.option_count:
            articles.highlighted = 0
            self.open_current()
            self.query_one(ArticleView).focus()

    def run_search(self, text: str) -> None:
        self.search_text = text
        self.words = query.words_of(text)
        self.load_listing()

    # -- actions -------------------------------------------------------------------------------

    def show_district(self, district: str | None, focus_list: bool = False) -> None:
        self.district = district
        self.load_listing()
        if focus_list:
            self.query_one(ArticleList).focus()

    def open_article(self, article_id: int) -> None:
        """Open an article by id (command palette): show its district's list with it selected."""
        self.search_text, self.words, self.district = "", [], None
        self.query_one(SearchBar).value = ""
        self.load_listing(keep=article_id)
        self.query_one(ArticleView).focus()

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def action_search(self) -> None:
        bar = self.query_one(SearchBar)
        bar.display = True
        bar.focus()

    def action_clear_search(self) -> None:
        bar = self.query_one(SearchBar)
        if bar.value:
            bar.remember(bar.value)
        bar.value = ""
        bar.display = False
        if self._debounce is not None:
            self._debounce.stop()
        if self.words or self.search_text:
            self.search_text, self.words = "", []
            self.load_listing(keep=self.query_one(ArticleList).current_id)
        self.query_one(ArticleList).focus()

    def action_focus_pane(self, pane: str) -> None:
        self.query_one(f"#{pane}").focus()

    def action_next_article(self, step: int) -> None:
        articles = self.query_one(ArticleList)
        if not articles.option_count:
            return
        current = articles.highlighted or 0
        articles.highlighted = max(0, min(articles.option_count - 1, current + step))
        self.open_current()

    def action_next_hit(self, step: int) -> None:
        view = self.query_one(ArticleView)
        if not self.words:
            self.notify("No search: press / to search", timeout=2)
            return
        if view.body.move_hit(step):
            view.scroll_to_hit()
            self.update_status()
            return
        # On to the next/previous article with hits; land on its first/last hit.
        articles = self.query_one(ArticleList)
        idx = (articles.highlighted or 0) + step
        if not 0 <= idx < articles.option_count:
            self.notify("No more hits", timeout=2)
            return
        self._land_on = "last" if step < 0 else "first"
        articles.highlighted = idx
        self.open_current()
        self.call_after_refresh(self._reset_landing)

    def _reset_landing(self) -> None:
        self._land_on = "first"

    def action_toggle_keywords(self) -> None:
        on = self.query_one(ArticleView).body.toggle_keywords()
        self.notify(f"Keyword highlighting {'on' if on else 'off'}", timeout=2)

    def action_refresh(self) -> None:
        self.load_listing(keep=self.query_one(ArticleList).current_id)

    def action_reload_seeds(self) -> None:
        self.reload_seeds()

    @work(thread=True, exclusive=True, group="reload")
    def reload_seeds(self) -> None:
        from ..loading import load
        from ..paths import default_db, seeds_dir

        if os.path.abspath(self.db_path) != os.path.abspath(default_db()):  # issue 9: --db is only read
            self.call_from_thread(self.notify, "The seed pages go only into the default database",
                                  severity="warning")
            return
        seeds = seeds_dir()
        if seeds is None:
            self.call_from_thread(self.notify, "No seeds/ folder here", severity="warning")
            return
        results = load([str(seeds)], self.db_path, force=True)
        failed = [r for r in results if not r.ok]
        msg = f"Reloaded {len(results) - len(failed)} seed pages" + (f", {len(failed)} failed" if failed else "")
        self.call_from_thread(self.notify, msg)
        self.call_from_thread(self.action_refresh)

    # -- status line ---------------------------------------------------------------------------

    @_unless_gone
    def update_status(self) -> None:
        articles = self.query_one(ArticleList)
        view = self.query_one(ArticleView)
        parts = []
        listing = self.listing
        n = listing.total if listing else articles.option_count
        if n:
            parts.append(f"article {(articles.highlighted or 0) + 1}/{n}")
        parts.append(self.district or "全部")
        if self.words:
            n_articles = listing.total if listing else 0
            if listing and listing.total_hits is not None:
                parts.append(f"{listing.total_hits} hits in {n_articles} articles")
            else:
                parts.append(f"{n_articles} articles")
            if view.body.hits:
                parts.append(f"hit {view.body.current + 1}/{len(view.body.hits)}")
        self.query_one("#status", Static).update(Text(" · ".join(parts)))


def run_app(db_path: str) -> int:
    if not os.path.exists(db_path):
        print(f"cqdaily: no database at {db_path}; run 'cqdaily load PATH…' first")
        return 1
    CqdailyApp(db_path).run()
    return 0
