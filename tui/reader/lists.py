"""The district sidebar and the article list: OptionLists (fast with thousands of rows)."""
from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from .. import gazetteer
from ..db import query

ALL = "__all__"
# Region names short enough for the sidebar.
SHORT_REGION = {"渝东北三峡库区城镇群": "渝东北三峡库区", "渝东南武陵山区城镇群": "渝东南武陵山区"}

VIM_KEYS = [
    Binding("j", "cursor_down", "Down", show=False),
    Binding("k", "cursor_up", "Up", show=False),
    Binding("g", "first", "Top", show=False),
    Binding("G", "last", "Bottom", show=False),
]


class DistrictList(OptionList):
    """全部, then the districts by region with their counts; empty ones dimmed."""

    BINDINGS = VIM_KEYS
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

    def set_counts(self, counts: dict[str, int], searching: bool = False) -> None:
        """Article counts per district (hit counts while a search is on); keeps the selection."""
        self.counts, self.searching = counts, searching
        current = self.selected_district
        region_style = self.get_component_rich_style("districts--region")
        count_style = self.get_component_rich_style("districts--count")
        empty_style = self.get_component_rich_style("districts--empty")
        total = sum(counts.values())
        options: list[Option] = [Option(self._label("全部", total, count_style, None), id=ALL)]
        groups = [*gazetteer.REGIONS.items(), ("全市", [gazetteer.CITY])]
        for region, names in groups:
            options.append(Option(Text(SHORT_REGION.get(region, region), style=region_style, no_wrap=True,
                                       overflow="ellipsis"), disabled=True))
            for name in names:
                n = counts.get(name, 0)
                options.append(
                    Option(self._label(name, n, count_style, empty_style if not n else None), id=name, disabled=not n)
                )
        with self.app.batch_update():
            self.clear_options()
            self.add_options(options)
            self.select_district(current or ALL)

    @staticmethod
    def _label(name: str, n: int, count_style, empty_style) -> Text:
        text = Text(f"  {name} ", style=empty_style or "", no_wrap=True, overflow="ellipsis")
        text.append(str(n), style=empty_style or count_style)
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
    """Titles (or first words), district and date; a mark for photos."""

    BINDINGS = VIM_KEYS
    COMPONENT_CLASSES = {"articles--meta", "articles--photo", "articles--hits"}
    DEFAULT_CSS = """
    ArticleList > .articles--meta { color: $text-muted; }
    ArticleList > .articles--photo { color: $accent; }
    ArticleList > .articles--hits { color: $warning; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.ids: list[int] = []

    def set_rows(self, rows: list[query.Row], hits: dict[int, int] | None = None, append: bool = False) -> None:
        """Show these rows, or add them after those shown (the next page of a long list)."""
        meta = self.get_component_rich_style("articles--meta")
        photo = self.get_component_rich_style("articles--photo")
        hit_style = self.get_component_rich_style("articles--hits")
        options = []
        for r in rows:
            label = Text(no_wrap=True, overflow="ellipsis")
            if r.kind == "photo":
                label.append("▣ ", style=photo)
            label.append(r.label)
            label.append(f"  {r.district} {r.page_date or ''}".rstrip(), style=meta)
            if hits and r.id in hits:
                label.append(f"  {hits[r.id]}处", style=hit_style)
            options.append(Option(label, id=str(r.id)))
        if append:
            self.ids += [r.id for r in rows]
            self.add_options(options)
            return
        self.ids = [r.id for r in rows]
        with self.app.batch_update():
            self.clear_options()
            self.add_options(options)
            if options:
                self.highlighted = 0

    @property
    def current_id(self) -> int | None:
        if self.highlighted is None or not self.ids:
            return None
        return self.ids[self.highlighted]

    def select_id(self, article_id: int) -> None:
        if article_id in self.ids:
            self.highlighted = self.ids.index(article_id)
