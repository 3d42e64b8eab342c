"""The district sidebar with what the reader keeps: 收藏 (starred articles) and saved searches
on top, each with its count; districts with unread/total once the read marks are known."""
from __future__ import annotations

from rich.text import Text
from textual.widgets.option_list import Option

from ..db.userstate import SavedSearch
from .i18n import tr
from .lists import DistrictList

STARRED = "__starred__"
SAVED = "saved:"  # + the saved search's name


class Sidebar(DistrictList):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.stars = 0
        self.saved: list[SavedSearch] = []

    def _top_options(self, count_style) -> list[Option]:
        options = [Option(self._entry("★ " + tr("Starred"), self.stars, count_style), id=STARRED)]
        for s in self.saved:
            options.append(Option(self._entry("⌕ " + s.name, s.count, count_style), id=SAVED + s.name))
        return options

    @staticmethod
    def _entry(name: str, n: int | None, count_style) -> Text:
        text = Text(name + " ", no_wrap=True, overflow="ellipsis")
        if n is not None:
            text.append(str(n), style=count_style)
        return text

    def set_user(self, unread: dict[str, int] | None, stars: int, saved: list[SavedSearch]) -> None:
        """What the user state says: unread per district, starred articles, saved searches."""
        self.unread, self.stars, self.saved = unread, stars, saved
        self.set_counts(self.counts, self.searching)

    def adjust(self, district: str | None = None, unread: int = 0, stars: int = 0) -> None:
        """A mark or a star changed here: the counts follow without asking the database."""
        if district and self.unread is not None and unread:
            self.unread[district] = max(0, self.unread.get(district, 0) + unread)
        self.stars = max(0, self.stars + stars)
        self.set_counts(self.counts, self.searching)

    def saved_query(self, option_id: str) -> str | None:
        """The query of the saved search an option stands for."""
        name = option_id.removeprefix(SAVED)
        return next((s.query for s in self.saved if s.name == name), None)
