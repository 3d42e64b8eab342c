"""The main screen: districts, the article list, the article; a status line and the footer.

Below 100 columns the districts hide (1 shows them) and below 120 ... see main.tcss; the footer
shows the most useful keys that fit (keys.fit_footer).
"""
from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from ...db import query
from .. import keys
from ..articleview import ArticleView
from ..browsing import Browsing
from ..editionlist import EditionList
from ..i18n import tr
from ..listing import NEAR, PAGE, Listing, Reading, unless_gone
from ..lists import ALL, ArticleList, DistrictList
from ..marking import Marking
from ..memory import Memory
from ..output import Output
from ..relating import Relating
from ..reload import SeedReload
from ..searchbar import SearchBar
from ..searching import Searching
from ..sidebar import SAVED, STARRED, Sidebar
from ..sources import Scoping
from .help import HelpScreen
from .widths import NARROW, WIDE

DEBOUNCE = 0.2  # seconds of quiet typing before a search runs
POLL = 3.0  # seconds between checks for articles loaded by another process


class MainScreen(Marking, Searching, Browsing, Relating, Output, Scoping, Reading, SeedReload, Screen):
    BINDINGS = keys.bindings("app")
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW, "-medium"), (WIDE, "-wide")]

    def __init__(self, db_path: str) -> None:
        super().__init__(id="main-screen")
        self.db_path = db_path
        self.words: list[str] = []
        self.search_text = ""
        self.listing: Listing | None = None
        self.district: str | None = None
        self._pending: int | None = None  # the article being fetched
        self.progress = ""  # a running reload of the seeds
        self.memory = Memory(db_path)  # read marks, stars, searches: opened by the first worker using them
        self.starred = False  # the list is the starred articles
        self.edition: tuple[str | None, int | None] | None = None  # the list is this edition (day, page)
        self.unread_only = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield Sidebar(id="districts")
            yield EditionList(id="editions")
            with Vertical(id="middle"):
                yield SearchBar(id="search")
                yield ArticleList(id="articles")
            yield ArticleView(id="article")
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        for pane, title in (("#districts", "Districts"), ("#editions", "Dates"), ("#articles", "Articles"),
                            ("#article", "Article")):
            self.query_one(pane).border_title = tr(title)
        self.query_one(SearchBar).display = False
        self.query_one(ArticleList).focus()
        self.load_listing()
        self.set_interval(POLL, self.poll_version)

    def on_unmount(self) -> None:
        self.memory.close()

    @property
    def active_bindings(self):
        active = super().active_bindings
        if not self.words:  # n / N only say "no search" then: not worth the footer's room
            active = {k: b for k, b in active.items() if not b.binding.action.startswith("next_hit")}
        return keys.fit_footer(active, self.size.width, self.app.get_key_display)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Esc is offered while there is a search to clear or districts to hide; / in the search
        box is text (its binding comes first, so that keys after it land in the box)."""
        if action == "search":
            return not isinstance(self.focused, SearchBar)
        if action == "clear_search":
            bars = self.query(SearchBar)
            return bool(self.search_text) or bool(bars and bars.first().display) or self.has_class("-show-districts")
        return True

    def on_resize(self, event: events.Resize) -> None:
        self.refresh_bindings()  # the footer's choice depends on the width

    # -- what the workers bring -------------------------------------------------------------

    @unless_gone
    def show_listing(self, listing: Listing, keep: int | None, land: str, notify_new: bool, choice: str) -> None:
        """choice: "" the reader put the cursor where it is (showing that article is not reading
        it), "move" the user did (G, g), "open" the user opens it (enter in the search box)."""
        old = self.listing
        self.listing = listing
        districts = self.query_one(DistrictList)
        districts.set_counts(listing.counts, searching=bool(self.words))
        districts.select_district(STARRED if self.starred else self.district or ALL)
        articles = self.query_one(ArticleList)
        articles.show_district = self.district is None
        # Where the districts hide, the list's title still says which one is shown.
        articles.border_title = tr("Articles") + (f" · {self.district}" if self.district else "")
        articles.read = listing.read
        articles.set_rows(listing.rows, listing.hits if self.words else None, listing.start, listing.total, land)
        if keep is not None:
            articles.select_id(keep)
        if choice:
            self.choose(articles.current_id)
        else:
            self.shown_on_its_own(articles.current_id)
        if notify_new and old is not None:
            self._tell_new(listing.version, old.version)
        if old is None:
            self.start_memory()  # after the first list: user state never delays it
        elif old.version != listing.version:
            self.user_state_changed()  # (M's undo holds stable keys: a load leaves it good)
        if listing.error:
            self.notify(listing.error, severity="warning", timeout=4)
        if choice == "open":
            self.open_first()
        else:
            self.open_current()
        self.update_status()
        self.refresh_bindings()  # n in the footer follows the search

    def _tell_new(self, version, old_version) -> None:
        """After r: how many articles are new, or that there are none."""
        if version == old_version:
            self.notify(tr("Nothing new since the list was read"), timeout=3)
        elif version[0] > old_version[0]:
            self.notify(tr("{n} new articles", n=version[0] - old_version[0]), timeout=3)
        else:
            self.notify(tr("Articles were loaded again"), timeout=3)

    @unless_gone
    def add_rows(self, more: Listing, before: bool) -> None:
        articles = self.query_one(ArticleList)
        expected = articles.start - len(more.rows) if before else articles.start + len(articles.rows)
        if self.listing is None or more.start != expected:
            return  # the list changed meanwhile
        if articles.read is not None:
            articles.read |= more.read or set()
        articles.add_rows(more.rows, more.hits, before)
        self.update_status()

    @unless_gone
    def show_article(self, art: query.Article | None, land: str = "first") -> None:
        self._pending = None
        view = self.query_one(ArticleView)
        view.show(art, self.words)
        self.article_shown(art)
        self.related_for(art)
        if land == "last" and view.body.hits:
            view.body.set_current(len(view.body.hits) - 1)
            view.call_after_refresh(view.scroll_to_hit)
        self.update_status()

    @unless_gone
    def open_current(self) -> None:
        """Show the highlighted article, with the current search's hits even when it is the one
        already open."""
        art_id = self.query_one(ArticleList).current_id
        view = self.query_one(ArticleView)
        if art_id is None:
            self.show_article(None)
        elif art_id == view.article_id and art_id != self._pending:
            if view.body.words != self.words:
                view.body.set_words(self.words)
                view.call_after_refresh(view.scroll_to_hit)
                self.update_status()
        elif art_id != self._pending:
            # n/N moving on to another article lands on its first or last hit.
            self._pending = art_id
            self.fetch_article(art_id, self._land_on)

    def _version_seen(self, version: tuple[int, int]) -> None:
        """Articles were loaded or replaced by another process: show them."""
        if self.listing is not None and self.listing.version is not None and version != self.listing.version:
            self.refresh_list()

    # -- events --------------------------------------------------------------------------------

    @on(ArticleList.OptionHighlighted, "#articles")
    @unless_gone
    def _article_highlighted(self) -> None:
        articles = self.query_one(ArticleList)
        if articles.current_id != self._auto_id:  # the user moved (the reader's own move is not reading)
            self.choose(articles.current_id)
        self.open_current()
        self.update_status()
        if self.listing is None or articles.jumping:
            return
        shown, at = len(articles.rows), articles.highlighted or 0
        if at >= shown - NEAR and articles.start + shown < articles.total:
            self.load_more(articles.start + shown, PAGE, False)
        elif at < NEAR and articles.start > 0:
            begin = max(0, articles.start - PAGE)
            self.load_more(begin, articles.start - begin, True)

    @on(ArticleList.Jump, "#articles")
    def _jump(self, event: ArticleList.Jump) -> None:
        self.load_listing(land=event.where, choice="move")

    @on(ArticleList.OptionSelected, "#articles")
    @unless_gone
    def _article_selected(self) -> None:
        self.open_current()
        self.query_one(ArticleView).focus()

    @on(DistrictList.OptionSelected, "#districts")
    def _district_selected(self, event: DistrictList.OptionSelected) -> None:
        option = event.option.id
        if option == STARRED:
            self.search_text, self.words = "", []
            self.query_one(SearchBar).value = ""
            self.show_district(None, focus_list=True, starred=True)
        elif option.startswith(SAVED):
            self.open_saved(self.query_one(Sidebar).saved_query(option) or "")
        else:
            self.show_district(None if option == ALL else option, focus_list=True)

    @on(SearchBar.Changed, "#search")
    def _search_changed(self, event: SearchBar.Changed) -> None:
        self._stop_debounce()
        self._debounce = self.set_timer(DEBOUNCE, lambda: self.run_search(event.value))

    @on(SearchBar.Submitted, "#search")
    def _search_submitted(self, event: SearchBar.Submitted) -> None:
        self.submit_search(event.value)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Into the article pane (enter, 3, tab, a related story): its article is chosen."""
        if isinstance(event.widget, ArticleView):
            self.choose(self._pending or event.widget.article_id)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if isinstance(event.widget, (DistrictList, EditionList)):
            self.remove_class("-show-districts")  # narrow terminals: the districts hide again

    # -- actions -------------------------------------------------------------------------------

    def show_district(self, district: str | None, focus_list: bool = False, starred: bool = False) -> None:
        self.district, self.starred, self.edition = district, starred, None
        self.load_listing()
        if focus_list:
            self.set_focus(self.query_one(ArticleList))

    def open_article(self, article_id: int) -> None:
        """Open an article by id (command palette): the whole list with it selected."""
        self.search_text, self.words, self.district = "", [], None
        self.starred, self.edition = False, None
        self.query_one(SearchBar).value = ""
        self.load_listing(keep=article_id, choice="move")
        self.query_one(ArticleView).focus()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen((NARROW, WIDE)))

    def action_focus_pane(self, pane: str) -> None:
        """Focus at once (not at the next idle moment), so that a key typed right after goes to
        the pane: "1j" in one write moves in the districts."""
        if pane == "districts":
            self.add_class("-show-districts")
        self.set_focus(self.query_one(self.sidebar_id() if pane == "districts" else f"#{pane}"))

    def action_next_article(self, step: int) -> None:
        articles = self.query_one(ArticleList)
        if not articles.option_count:
            return
        current = articles.highlighted or 0
        target = current + step
        if target < 0 or articles.start + target >= articles.total:
            self.notify(tr("First article") if step < 0 else tr("Last article"), timeout=2)
            return
        articles.highlighted = max(0, min(articles.option_count - 1, target))
        self.choose(articles.current_id)
        self.open_current()

    def action_toggle_keywords(self) -> None:
        on = self.query_one(ArticleView).body.toggle_keywords()
        self.notify(tr("Keyword highlighting on") if on else tr("Keyword highlighting off"), timeout=2)

    def action_refresh(self) -> None:
        self.refresh_list(notify_new=True)

    def refresh_list(self, notify_new: bool = False) -> None:
        """The list read again where the reader is in it, the same article selected."""
        articles = self.query_one(ArticleList)
        self.load_listing(keep=articles.current_id, notify_new=notify_new, near=articles.position)

    # -- status line ---------------------------------------------------------------------------

    @unless_gone
    def update_status(self) -> None:
        articles = self.query_one(ArticleList)
        body = self.query_one(ArticleView).body
        parts = []
        if articles.total:
            parts.append(tr("article {i}/{n}", i=articles.position + 1, n=articles.total))
        else:
            parts.append(tr("no articles"))
        parts.append(self.scope_label())
        listing = self.listing
        if self.words and listing is not None:
            parts.append(listing.error or found(listing.total_hits, listing.total))
            if body.hits:
                parts.append(tr("hit {i}/{n}", i=body.current + 1, n=len(body.hits)))
            if listing.pinyin:
                parts.append(tr("matched by pinyin: {reading}", reading=listing.pinyin))
            parts.append(self.elsewhere(listing.counts) or "")
        if self.progress:
            parts.append(self.progress)
        self.query_one("#status", Static).update(Text(" · ".join(p for p in parts if p)))


def found(hits: int | None, n: int) -> str:
    """"3 hits in 2 articles", "1 hit in 1 article", or "2 articles" when hits are not counted."""
    if hits is None:
        return tr("1 article") if n == 1 else tr("{n} articles", n=n)
    if n == 1:
        return tr("1 hit in 1 article") if hits == 1 else tr("{hits} hits in 1 article", hits=hits)
    return tr("{hits} hits in {n} articles", hits=hits, n=n)
