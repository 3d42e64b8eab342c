"""Browsing by edition on the main screen (mixed into it): `d` switches the sidebar between
districts and dates, enter on a date or a page lists that edition in page order, `[` `]` go to the
edition before / after the one shown (or the open article's) from anywhere."""
from __future__ import annotations

from textual import work

from ..db import editions
from .articleview import ArticleView
from .editionlist import EditionList, parse_id
from .i18n import tr
from .listing import unless_gone
from .lists import ArticleList
from .memory import Memory
from .searchbar import SearchBar


class Browsing:
    memory: Memory
    edition: tuple | None

    def sidebar_id(self) -> str:
        """The sidebar pane shown: #districts or #editions."""
        return "#editions" if self.has_class("-editions") else "#districts"

    def action_toggle_sidebar(self) -> None:
        self.toggle_class("-editions")
        self.add_class("-show-districts")  # narrow terminals: show it at once
        if self.has_class("-editions") and not self.query_one(EditionList).loaded:
            self.load_editions()
        self.set_focus(self.query_one(self.sidebar_id()))

    @work(thread=True, exclusive=True, group="editions")
    def load_editions(self) -> None:
        def read(state):
            return editions.tree(state.conn), state.counts_by_edition()

        self._remember(read, self._show_editions)

    @unless_gone
    def _show_editions(self, result) -> None:
        tree, counts = result
        lst = self.query_one(EditionList)
        lst.set_tree(tree, counts)
        if self.edition is not None:
            lst.show_edition(*self.edition)

    def on_option_list_option_selected(self, event: EditionList.OptionSelected) -> None:
        """(A named handler: @on is not seen on a mixin.)"""
        if event.option_list.id != "editions":
            return
        kind, what = parse_id(event.option.id)
        if kind == "year":
            self.query_one(EditionList).toggle_year(what)
        else:
            self.open_edition(*what)
            self.set_focus(self.query_one(ArticleList))

    def open_edition(self, day: str | None, page: int | None = None) -> None:
        """List a day's paper (or one page of it) in page order; a search is put away."""
        self.edition, self.starred, self.district = (day, page), False, None
        if self.search_text or self.words:
            bar = self.query_one(SearchBar)
            bar.value, bar.display = "", False
            self.search_text, self.words = "", []
        self.query_one(EditionList).show_edition(day, page)
        self.load_listing()

    def action_edition(self, step: int) -> None:
        if self.edition is not None:
            day, known = self.edition[0], True
        else:
            article = self.query_one(ArticleView).body.article
            day, known = (article.page_date, True) if article is not None else (None, False)
        self.find_edition(day, known, step)

    @work(thread=True, exclusive=True, group="edition-step")
    def find_edition(self, day: str | None, known: bool, step: int) -> None:
        def read(state):
            return editions.adjacent(state.conn, day, step) if known else editions.newest(state.conn)

        self._remember(read, self._edition_found, step)

    @unless_gone
    def _edition_found(self, day: str | None, step: int) -> None:
        if day is None:
            self.notify(tr("No earlier edition") if step < 0 else tr("No later edition"), timeout=2)
            return
        self.open_edition(day)
        self.notify(editions.label(day), timeout=2)
