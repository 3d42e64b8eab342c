"""相关报道 below the article: up to five articles sharing its most weighted keywords, each with
its district and date (tui.db.related, read by relating.Relating on a worker)."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..db import related
from . import keys
from .i18n import tr
from .lists import short_date


class RelatedList(OptionList):
    BINDINGS = keys.bindings("list")
    COMPONENT_CLASSES = {"related--meta"}
    DEFAULT_CSS = """
    RelatedList { height: auto; margin: 1 2 0 2; border: round $foreground 40%; background: $surface 0%; }
    RelatedList:focus { border: round $accent; }
    RelatedList { text-wrap: nowrap; text-overflow: ellipsis; }
    RelatedList > .related--meta { color: $text-muted; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.article_id: int | None = None  # the article these are related to

    def on_mount(self) -> None:
        self.border_title = tr("Related stories")
        self.display = False

    def show(self, article_id: int | None, items: list[related.Related]) -> None:
        self.article_id = article_id
        meta = self.get_component_rich_style("related--meta", partial=True)
        with self.app.batch_update():
            self.clear_options()
            for r in items:
                label = Text(no_wrap=True, overflow="ellipsis")
                label.append(r.title or tr("(untitled)"))
                label.append(f"  {r.district} · {short_date(r.page_date)}", style=meta)
                self.add_option(Option(label, id=str(r.id)))
            self.display = bool(items)
