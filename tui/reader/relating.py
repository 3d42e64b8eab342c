"""Related stories on the main screen (mixed into it): read on a worker once an article is
shown; enter on one opens it; R (from anywhere) moves there."""
from __future__ import annotations

from textual import work

from ..db import related
from .articleview import ArticleView
from .i18n import tr
from .listing import unless_gone
from .lists import ArticleList
from .relatedlist import RelatedList


class Relating:
    """Mixed into the main screen."""

    def related_for(self, article) -> None:
        self.query_one(RelatedList).show(None, [])
        if article is not None:
            self.fetch_related(article.id)

    @work(thread=True, exclusive=True, group="related")
    def fetch_related(self, article_id: int) -> None:
        self._read(lambda conn: related.related(conn, article_id), self._show_related, article_id)

    @unless_gone
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
