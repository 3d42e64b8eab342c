"""The district sidebar and the article list: OptionLists (fast with thousands of rows)."""
from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from .. import gazetteer
from ..db import query
from . import keys
from .i18n import tr

ALL = "__all__"
# Region names short enough for the sidebar.
SHORT_REGION = {"渝东北三峡库区城镇群": "渝东北三峡库区", "渝东南武陵山区城镇群": "渝东南武陵山区"}
# The district column of the article list: as wide as the widest name (重庆高新区), so that every
# title starts in the same column.
DISTRICT_CELLS = max(cell_len(name) for name in [*gazetteer.DISTRICTS, gazetteer.CITY])
DISTRICT_FROM = 50  # a list narrower than this many cells leaves the district to the article


def short_date(date: str | None) -> str:
    """"2025-12-06" → "25-12-06": the year stays (archives span years), the list keeps its room."""
    if not date:
        return "--"  # padded to the width of a date by the list
    return date[2:] if len(date) == 10 and date[:2] in ("19", "20") else date


class DistrictList(OptionList):
    """全部, then the districts by region with their counts; empty ones dimmed."""

    BINDINGS = keys.bindings("list")
    COMPONENT_CLASSES = {"districts--region", "districts--count", "districts--empty"}
    DEFAULT_CSS = """
    DistrictList > .districts--region { color: $text-muted; text-style: bold; }
    DistrictList > .districts--count { color: $text-muted; }
    DistrictList > .districts--empty { color: $text-disabled; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.counts: dict[str, int] = {}
        self.searching = False
        self.unread: dict[str, int] | None = None  # unread articles per district, once known

    def _top_options(self, count_style) -> list[Option]:
        """Entries above 全部 (the sidebar's starred articles and saved searches)."""
        return []

    def _style(self, name: str):
        # partial: only what the class sets, so the highlight's background shows through.
        return self.get_component_rich_style(f"districts--{name}", partial=True)

    def set_counts(self, counts: dict[str, int], searching: bool = False) -> None:
        """Article counts per district (hit counts while a search is on); keeps the selection."""
        self.counts, self.searching = counts, searching
        current = self.selected_district
        region_style, count_style, empty_style = self._style("region"), self._style("count"), self._style("empty")
        total = sum(counts.values())
        unread = None if searching or self.unread is None else self.unread
        options = self._top_options(count_style)
        options.append(Option(self._label(tr("All"), total, count_style, None,
                                          None if unread is None else sum(unread.values())), id=ALL))
        groups = [*gazetteer.REGIONS.items(), ("全市", [gazetteer.CITY])]
        for region, names in groups:
            options.append(Option(Text(SHORT_REGION.get(region, region), style=region_style, no_wrap=True,
                                       overflow="ellipsis"), disabled=True))
            for name in names:
                n = counts.get(name, 0)
                options.append(
                    Option(self._label(name, n, count_style, empty_style if not n else None,
                                       None if unread is None else unread.get(name, 0)), id=name, disabled=not n)
                )
        with self.app.batch_update():
            self.clear_options()
            self.add_options(options)
            self.select_district(current or ALL)

    @staticmethod
    def _label(name: str, n: int, count_style, empty_style, unread: int | None = None) -> Text:
        """"  璧山 12": the count; with read marks known, unread/total ("  璧山 3/12")."""
        text = Text(f"  {name} ", style=empty_style or "", no_wrap=True, overflow="ellipsis")
        text.append(str(n) if unread is None or not n else f"{unread}/{n}", style=empty_style or count_style)
        return text

    @property
    def selected_district(self) -> str | None:
        opt = self.highlighted_option
        return opt.id if opt is not None else None

    def select_district(self, district: str) -> None:
        try:
            self.highlighted = self.get_option_index(district)
        except Exception:
            self.highlighted = 0


class ArticleList(OptionList):
    """A window of the whole list: date, district (unless one is chosen), hits, title.

    `start` is the position of the first row shown in the whole list of `total`. G and g go to
    the very end and start of the whole list; j/k pressed while that page is on its way are
    applied when it lands, so no key is lost."""

    BINDINGS = keys.bindings("list")
    COMPONENT_CLASSES = {"articles--meta", "articles--photo", "articles--hits", "articles--untitled"}
    DEFAULT_CSS = """
    ArticleList > .articles--meta { color: $text-muted; }
    ArticleList > .articles--photo { color: $accent; }
    ArticleList > .articles--hits { color: $warning; }
    ArticleList > .articles--untitled { color: $text-muted; text-style: italic; }
    """

    class Jump(Message):
        """G or g on a list longer than the window: the screen fetches that end."""

        def __init__(self, articles: ArticleList, where: str) -> None:
            super().__init__()
            self.articles = articles
            self.where = where

        @property
        def control(self) -> ArticleList:
            return self.articles

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows: list[query.Row] = []
        self.ids: list[int] = []
        self.hits: dict[int, int] | None = None
        self.start = 0
        self.total = 0
        self.show_district = True
        self.jumping: str | None = None  # an end of the list being fetched
        self.moves = 0  # j/k pressed meanwhile
        self.read: set[int] | None = None  # the rows' articles marked read (None: not known)
        self._wide = True  # room for the district column

    def on_resize(self) -> None:
        wide = self.size.width >= DISTRICT_FROM
        if wide != self._wide:
            self._wide = wide
            at = self.highlighted
            with self.app.batch_update():
                self.clear_options()
                self.add_options(self._make_options(self.rows))
                self.highlighted = at

    def _styles(self) -> dict:
        return {k: self.get_component_rich_style(f"articles--{k}", partial=True)
                for k in ("meta", "photo", "hits", "untitled")}

    def _make_options(self, rows: list[query.Row]) -> list[Option]:
        style = self._styles()
        return [Option(self._label(r, style), id=str(r.id)) for r in rows]

    def mark_read(self, ids: set[int], read: bool = True) -> None:
        """These articles were marked read (or unread): their rows follow."""
        if self.read is None:
            return
        self.read = self.read | ids if read else self.read - ids
        style = self._styles()
        for i, r in enumerate(self.rows):
            if r.id in ids:
                self.replace_option_prompt_at_index(i, self._label(r, style))

    def _label(self, r: query.Row, style: dict) -> Text:
        label = Text(no_wrap=True, overflow="ellipsis")
        label.append(f"{short_date(r.page_date):<8} ", style=style["meta"])
        if self.show_district and self._wide:
            pad = max(0, DISTRICT_CELLS - cell_len(r.district))
            label.append(r.district + " " * pad + " ", style=style["meta"])
        if self.hits and r.id in self.hits:
            label.append(tr("{n}×", n=self.hits[r.id]) + " ", style=style["hits"])
        unread = self.read is not None and r.id not in self.read
        if unread:
            label.append("• ", style="bold")
        if r.kind == "photo":
            label.append("▣ ", style=style["photo"])
        mark = tr("(continued)") if r.continued else ""  # the rest of a story begun on another page
        if r.title:
            if mark:
                label.append(mark + " ", style=style["untitled"])
            label.append(r.title, style="bold" if unread else "")
        else:
            label.append(mark or tr("(untitled)"), style=style["untitled"])
            label.append(" " + r.first_words, style=style["meta"])
        return label

    def set_rows(self, rows: list[query.Row], hits: dict[int, int] | None, start: int, total: int,
                 land: str = "first") -> None:
        """Show this window of the list; the cursor on its first or last row."""
        self.rows, self.ids, self.hits = list(rows), [r.id for r in rows], hits
        self.start, self.total = start, total
        with self.app.batch_update():
            self.clear_options()
            self.add_options(self._make_options(rows))
            if rows:
                self.highlighted = len(rows) - 1 if land == "last" else 0
        self._landed()

    def add_rows(self, rows: list[query.Row], hits: dict[int, int], before: bool) -> None:
        """The page after the window, or before it (keeping the cursor on its row)."""
        if self.hits is not None:
            self.hits.update(hits)
        if not before:
            self.rows += rows
            self.ids += [r.id for r in rows]
            self.add_options(self._make_options(rows))
            return
        current = self.highlighted or 0
        self.rows = list(rows) + self.rows
        self.ids = [r.id for r in self.rows]
        self.start -= len(rows)
        with self.app.batch_update():
            self.clear_options()
            self.add_options(self._make_options(self.rows))
            self.highlighted = current + len(rows)

    def _landed(self) -> None:
        if self.jumping and self.rows:
            self.jumping = None
            moves, self.moves = self.moves, 0
            self.highlighted = max(0, min(len(self.rows) - 1, (self.highlighted or 0) + moves))

    @property
    def position(self) -> int:
        """The cursor's place in the whole list."""
        return self.start + (self.highlighted or 0)

    @property
    def current_id(self) -> int | None:
        if self.highlighted is None or not self.ids:
            return None
        return self.ids[self.highlighted]

    def select_id(self, article_id: int) -> None:
        if article_id in self.ids:
            self.highlighted = self.ids.index(article_id)

    def _jump(self, where: str) -> None:
        self.jumping, self.moves = where, 0
        self.post_message(self.Jump(self, where))

    def action_last(self) -> None:
        if self.start + len(self.rows) < self.total:
            self._jump("last")
        else:
            super().action_last()

    def action_first(self) -> None:
        if self.start > 0:
            self._jump("first")
        else:
            super().action_first()

    def action_cursor_down(self) -> None:
        if self.jumping:
            self.moves += 1
        else:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.jumping:
            self.moves -= 1
        else:
            super().action_cursor_up()
