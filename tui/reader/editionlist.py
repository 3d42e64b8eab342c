"""The sidebar by date (`d`): years → dates → 版 (page numbers), each with unread/total.

A year opens and closes with enter; enter on a date lists that day's paper in page order and
shows its pages; enter on a page lists that page. The tree is read on a worker
(editions.tree, with read counts per edition from the user state)."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..db import editions
from ..db.userstate import Counts
from . import keys
from .i18n import tr

UNDATED = "-"  # the id part of the pages whose date could not be read

Edition = tuple  # (day or None, page number or None)


def edition_id(day: str | None, page: int | None = None) -> str:
    return f"e:{day or UNDATED}:{'' if page is None else page}"


def parse_id(option_id: str) -> tuple[str, Edition | str]:
    """("year", "2020") or ("edition", (day, page))."""
    if option_id.startswith("y:"):
        return "year", option_id[2:]
    _, day, page = option_id.split(":")
    return "edition", (None if day == UNDATED else day, int(page) if page else None)


class EditionList(OptionList):
    BINDINGS = keys.bindings("list")
    COMPONENT_CLASSES = {"editions--count"}
    DEFAULT_CSS = "EditionList > .editions--count { color: $text-muted; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.years: list[editions.Year] = []
        self.counts: dict[tuple, Counts] = {}
        self.open_years: set[str | None] = set()
        self.open_day: str | None = None  # the date whose pages are shown
        self.loaded = False
        self.day_unread: dict[str | None, int] = {}
        self.year_unread: dict[str | None, int] = {}

    def set_tree(self, years: list[editions.Year], counts: dict[tuple, Counts]) -> None:
        first = not self.loaded
        self.years, self.counts, self.loaded = years, counts, True
        if first and years:
            self.open_years.add(years[0].year)  # the newest year open
        self._sum_unread()
        self._rebuild()

    def _sum_unread(self) -> None:
        """Unread articles per day and per year, from the per-page counts (once, not per row:
        an archive has thousands of days)."""
        self.day_unread: dict[str | None, int] = {}
        self.year_unread: dict[str | None, int] = {}
        for (day, _), c in self.counts.items():
            self.day_unread[day] = self.day_unread.get(day, 0) + c.unread
            year = day[:4] if day else None
            self.year_unread[year] = self.year_unread.get(year, 0) + c.unread

    def _unread(self, day: str | None, page: int | None = None) -> int | None:
        """Unread articles of a day (or one of its pages); None before the counts are known."""
        if not self.counts:
            return None
        if page is not None:
            c = self.counts.get((day, page))
            return c.unread if c is not None else 0
        return self.day_unread.get(day, 0)

    def _label(self, indent: int, name: str, total: int, unread: int | None) -> Text:
        text = Text("  " * indent + name + " ", no_wrap=True, overflow="ellipsis")
        count = str(total) if unread is None else f"{unread}/{total}"
        text.append(count, style=self.get_component_rich_style("editions--count", partial=True))
        return text

    def _tree_options(self) -> list[Option]:
        out = []
        for y in self.years:
            mark = "▾ " if y.year in self.open_years else "▸ "
            unread = self.year_unread.get(y.year, 0) if self.counts else None
            out.append(Option(self._label(0, mark + (y.year or tr("undated")), y.count, unread), id=f"y:{y.year or ''}"))
            if y.year not in self.open_years:
                continue
            for d in y.days:
                name = d.date[5:] + " " + editions.label(d.date)[-1] if d.date else tr("undated")
                out.append(Option(self._label(1, name, d.count, self._unread(d.date)), id=edition_id(d.date)))
                if d.date == self.open_day:
                    out += [Option(self._label(2, tr("page {n}", n=p.number if p.number is not None else "?"),
                                               p.count, self._unread(d.date, p.number)), id=edition_id(d.date, p.number))
                            for p in d.pages]
        return out

    def _rebuild(self, keep: str | None = None) -> None:
        current = keep or (self.highlighted_option.id if self.highlighted_option is not None else None)
        with self.app.batch_update():
            self.clear_options()
            self.add_options(self._tree_options())
            self.go_to(current)

    def go_to(self, option_id: str | None) -> None:
        try:
            self.highlighted = self.get_option_index(option_id) if option_id else 0
        except Exception:
            self.highlighted = 0 if self.option_count else None

    def toggle_year(self, year: str) -> None:
        key = year or None
        self.open_years ^= {key}
        self._rebuild(f"y:{year}")

    def show_edition(self, day: str | None, page: int | None = None) -> None:
        """Open the edition's year and day in the tree and highlight it."""
        if day:
            self.open_years.add(day[:4])
        else:
            self.open_years.add(None)
        self.open_day = day
        if self.loaded:
            self._rebuild(edition_id(day, page))

    def adjust(self, day: str | None, page: int | None, unread: int) -> None:
        c = self.counts.get((day, page))
        if c is not None:
            c.unread = max(0, c.unread + unread)
            self._sum_unread()
            self._rebuild()
