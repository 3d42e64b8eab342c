"""相关报道 below the article: up to five articles sharing its most weighted keywords, each with
its district and date, read on a worker (tui.db.related) once the article is shown. enter on one
opens it; R (from anywhere) moves there."""
from __future__ import annotations

from rich.text import Text
from textual import work
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..db import related
from . import keys
from .articleview import ArticleView
from .i18n import tr
from .lists import ArticleList, short_date


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


class Relating:
    """Mixed into the main screen."""

    def related_for(self, article) -> None:
        self.query_one(RelatedList).show(None, [])
        if article is not None:
            self.fetch_related(article.id)

    @work(thread=True, exclusive=True, group="related")
    def fetch_related(self, article_id: int) -> None:
        self._read(lambda conn: related.related(conn, article_id), self._show_related, article_id)

    def _show_related(self, items: list[related.Related], article_id: int) -> None:
        if self.query_one(ArticleView).article_id == article_id:
            self.query_one(RelatedList).show(article_id, items)

    def action_related(self) -> None:
        lst = self.query_one(RelatedList)
        if not lst.option_count or not lst.display:
            self.notify(tr("No related stories for this article"), timeout=2)
            return
        self.set_focus(lst)
        lst.highlighted = lst.highlighted or 0
        self.query_one(ArticleView).scroll_to_widget(lst, animate=False)

    def on_option_list_option_selected(self, event: RelatedList.OptionSelected) -> None:
        """(A named handler: @on is not seen on a mixin.)"""
        if event.option_list.id == "related":
            event.stop()
            self.open_related(int(event.option.id))

    def open_related(self, article_id: int) -> None:
        """In the list if it is there (the list follows), else in the article pane alone."""
        articles = self.query_one(ArticleList)
        view = self.query_one(ArticleView)
        if article_id in articles.ids:
            articles.select_id(article_id)
        else:
            self._pending = article_id
            self.fetch_article(article_id)
        view.focus()
