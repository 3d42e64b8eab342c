"""Searching on the main screen (mixed into it): the search box as you type, enter, esc, n / N,
saved searches, and what the status line says of a search in one district.

A search searches the list's district (the sidebar narrows it, as it narrows the plain list); the
sidebar shows each district's count of matches, and the status line says how many the other
districts hold, with `a` to search all of them. Enter in the box opens the first result (the
user's choice: it counts as read) and leaves the box; with no results it leaves the box for the
list, the query kept (/ goes back to it).
"""
from __future__ import annotations

from textual.worker import WorkerState

from ..db import query
from .articleview import ArticleView
from .i18n import tr
from .lists import ArticleList, DistrictList
from .searchbar import SearchBar


class Searching:
    """Mixed into the main screen."""

    search_text: str
    words: list[str]
    district: str | None
    _debounce = None
    _land_on = "first"  # where n/N lands in the next article: its first or last hit

    def open_saved(self, text: str) -> None:
        """A saved search from the sidebar: in the search box, run at once."""
        bar = self.query_one(SearchBar)
        bar.display, bar.value = True, text
        self._stop_debounce()
        self.district = None
        self.run_search(text)
        self.set_focus(self.query_one(ArticleList))

    def _stop_debounce(self) -> None:
        if self._debounce is not None:
            self._debounce.stop()

    def submit_search(self, text: str) -> None:
        """Enter in the search box: the first result opened, or the list when there is none; a
        search still on its way is opened when it lands."""
        self.query_one(SearchBar).remember(text)
        self._stop_debounce()
        if text != self.search_text or self._listing_pending():
            self.set_focus(self.query_one(ArticleList))  # keys typed meanwhile are not the query's
            self.run_search(text, choice="open")
        else:
            self.open_first()

    def _listing_pending(self) -> bool:
        return any(w.group == "listing" and w.state in (WorkerState.PENDING, WorkerState.RUNNING)
                   for w in self.workers)

    def open_first(self) -> None:
        """The first result in the article pane, the user's choice; the list when there is none."""
        articles = self.query_one(ArticleList)
        if not articles.option_count:
            self.set_focus(articles)
            return
        articles.highlighted = 0
        self.choose(articles.current_id)
        self.open_current()
        self.query_one(ArticleView).focus()

    def run_search(self, text: str, choice: str = "") -> None:
        self.search_text = text
        self.words = query.words_of(text)
        if text.strip():
            self.starred, self.edition = False, None  # a search searches the districts
        self.load_listing(choice=choice)
        self.refresh_bindings()

    def action_search(self) -> None:
        bar = self.query_one(SearchBar)
        bar.display = True
        self.set_focus(bar)
        self.refresh_bindings()

    def action_all_districts(self) -> None:
        """All districts in the list (the search, if any, kept): the way out of a district."""
        if self.district is None and not self.starred and self.edition is None:
            self.notify(tr("All districts are shown"), timeout=2)
            return
        self.show_district(None)

    def action_clear_search(self) -> None:
        if self.has_class("-show-districts") and isinstance(self.focused, DistrictList):
            self.set_focus(self.query_one(ArticleList))  # the districts hide again
            return
        bar = self.query_one(SearchBar)
        if bar.value:
            bar.remember(bar.value)
        bar.value = ""
        bar.display = False
        self._stop_debounce()
        if self.words or self.search_text:
            self.search_text, self.words = "", []
            self.load_listing(keep=self.query_one(ArticleList).current_id)
        self.set_focus(self.query_one(ArticleList))
        self.refresh_bindings()

    def action_next_hit(self, step: int) -> None:
        view = self.query_one(ArticleView)
        if not self.words:
            self.notify(tr("No search: press / to search"), timeout=2)
            return
        if view.body.move_hit(step):
            view.scroll_to_hit()
            self.update_status()
            return
        # On to the next/previous article with hits; land on its first/last hit.
        articles = self.query_one(ArticleList)
        idx = (articles.highlighted or 0) + step
        if not 0 <= idx < articles.option_count:
            self.notify(tr("No more hits"), timeout=2)
            return
        self._land_on = "last" if step < 0 else "first"
        articles.highlighted = idx
        self.choose(articles.current_id)
        self.open_current()
        self.call_after_refresh(self._reset_landing)

    def _reset_landing(self) -> None:
        self._land_on = "first"

    def elsewhere(self, counts: dict[str, int]) -> str | None:
        """The status line's word on a search in one district that the others hold more of."""
        if not self.words or self.district is None:
            return None
        here, everywhere = counts.get(self.district, 0), sum(counts.values())
        if everywhere <= here:
            return None
        return tr("{n} in all districts: a searches them all", n=everywhere)
