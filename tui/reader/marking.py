"""Read marks, stars, search history and saved searches on the main screen (mixed into it).

An article the user chose (moved to or opened) counts as read once it has been open for READ_AFTER
seconds, or scrolled; one the reader shows on its own (the first of a list) does not. `m` flips
the mark (and an article marked unread so stays while it is open), `M` marks the whole list and
`U` undoes that (unread again exactly the articles M marked), `u` shows unread articles only,
`s` stars. Every read and write of the user state runs on a worker
thread (memory.Memory); the sidebar's counts follow each change without a new count query.
"""
from __future__ import annotations

from contextlib import suppress

import sqlite3
from functools import partial

from textual import work
from textual.worker import get_current_worker

from ..db.connection import Replaced
from .articleview import ArticleView
from .editionlist import EditionList
from .i18n import tr
from .listing import unless_gone
from .lists import ArticleList
from .memory import Memory
from .searchbar import SearchBar
from .sidebar import Sidebar
from .sources import all_ids

READ_AFTER = 1.5  # seconds an article is open before it counts as read
WRITES = ("marks", "history-write")  # the worker groups that write the user state


class Marking:
    memory: Memory
    _read_timer = None
    _timed: int | None = None  # the article the read timer runs for
    _kept_unread: int | None = None  # marked unread with m while open: not marked read again
    _chosen: int | None = None  # the article the user chose (it counts as read once shown a moment)
    _auto_id: int | None = None  # the article the reader highlighted on its own (not a choice)
    _told_unsaved = False
    # The articles the last M marked read, for U (this session's: the ids are those of the file
    # and the articles the reader holds, forgotten when either changes).
    _undo: tuple[list[int], float] | None = None  # M's articles (stable keys) and the time it marked them
    _marking = 0  # M's still being written
    _undo_asked = False  # U typed meanwhile

    def start_memory(self) -> None:
        """After the first frame: counts, history; marks when the article pane scrolls."""
        self.watch(self.query_one(ArticleView), "scroll_y", self._scrolled, init=False)
        self.load_user_counts()
        self.load_history()

    def _remember(self, use, then=None, *args) -> None:
        """The body of every user-state worker: use(state), then then(result, *args) on the UI
        thread unless cancelled; a database error is reported instead."""
        worker = get_current_worker()
        try:
            with self.memory.use() as state:
                result = use(state)
        except Replaced:
            self.app.call_from_thread(self.database_replaced, worker.group in WRITES)
            return
        except sqlite3.Error as err:
            self.app.call_from_thread(self.report_db_error, err)
            return
        if then is not None and not worker.is_cancelled:
            self.app.call_from_thread(then, result, *args)

    # -- counts and history ----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="user-counts")
    def load_user_counts(self) -> None:
        def read(state):
            unread = {d: c.unread for d, c in state.counts_by_district().items()}
            return unread, state.star_count(), state.saved_searches(), state.saved

        self._remember(read, self._show_user_counts)

    def user_state_changed(self) -> None:
        """Articles were loaded or marks changed in bulk: counts read again."""
        self.load_user_counts()
        if self.query_one(EditionList).loaded:
            self.load_editions()

    @unless_gone
    def _show_user_counts(self, result) -> None:
        unread, stars, saved, kept = result
        self.query_one(Sidebar).set_user(unread, stars, saved)
        if not kept and not self._told_unsaved:
            self._told_unsaved = True
            self.notify(tr("This database cannot be written: read marks, stars and searches last for this session only"),
                        severity="warning", timeout=6)

    @work(thread=True, exclusive=True, group="history")
    def load_history(self) -> None:
        self._remember(lambda state: state.history(), self._show_history)

    @unless_gone
    def _show_history(self, past: list[str]) -> None:
        self.query_one(SearchBar).load_history(list(reversed(past)))

    def on_search_bar_remembered(self, event: SearchBar.Remembered) -> None:
        self.remember_search(event.text)

    @work(thread=True, group="history-write")
    def remember_search(self, text: str) -> None:
        self._remember(lambda state: state.remember_search(text))

    def on_search_bar_save(self, event: SearchBar.Save) -> None:
        if not event.text.strip():
            self.notify(tr("Nothing to save: type a search first"), timeout=3)
            return
        self.save_search(event.text)

    @work(thread=True, group="history-write")
    def save_search(self, text: str) -> None:
        self._remember(lambda state: state.save_search(text), self._search_saved)

    @unless_gone
    def _search_saved(self, saved) -> None:
        self.notify(tr("Saved the search {name}: it is in the sidebar", name=saved.name), timeout=4)
        self.load_user_counts()

    # -- read marks --------------------------------------------------------------------------

    def article_shown(self, article) -> None:
        """An article is in the pane: it counts as read after a moment if the user chose it (not
        one the reader showed on its own: the first of a list at start, after a search)."""
        if self._read_timer is not None:
            self._read_timer.stop()
            self._read_timer, self._timed = None, None
        if article is not None and article.id != self._kept_unread:
            self._kept_unread = None
            if article.id == self._chosen:
                self._start_reading(article)

    def choose(self, article_id: int | None) -> None:
        """The user moved to this article or opened it (j/k, J/K, n/N, enter, the article pane, the
        palette, a related story): it counts as read after a moment, once it is shown."""
        self._auto_id = None
        self._chosen = article_id
        article = self.query_one(ArticleView).body.article
        if article is not None and article.id == article_id and article_id != self._kept_unread:
            self._start_reading(article)

    def shown_on_its_own(self, article_id: int | None) -> None:
        """The reader put the list's cursor on this article by itself (a list was read): showing
        it does not count; a choice of another article before is forgotten."""
        self._auto_id = article_id
        if self._chosen != article_id:
            self._chosen = None

    def _start_reading(self, article) -> None:
        if self._timed != article.id:  # a second choice of the article keeps its moment running
            if self._read_timer is not None:
                self._read_timer.stop()
            self._timed = article.id
            self._read_timer = self.set_timer(READ_AFTER, partial(self._read_now, article))

    @unless_gone
    def _scrolled(self, y: float) -> None:
        body = self.query_one(ArticleView).body
        # Scrolling to a search hit is the reader's doing, not the user's: the timer counts then.
        if y > 0 and body.article is not None and not body.hits:
            self._read_now(body.article)

    @unless_gone
    def _read_now(self, article) -> None:
        if self.query_one(ArticleView).article_id != article.id or article.id == self._kept_unread:
            return
        known = self.query_one(ArticleList).read
        if known is not None and article.id in known:
            if self._undo:  # read after M: U keeps it read
                self.read_again(article.id)
            return
        self.set_marks(article, True)

    @work(thread=True, group="marks")
    def read_again(self, article_id: int) -> None:
        self._remember(lambda state: state.read_again([article_id]))

    @work(thread=True, group="marks")
    def set_marks(self, article, read: bool) -> None:
        self._remember(lambda state: state.set_read([article.id], read), self._marks_set, article, read)

    @unless_gone
    def _marks_set(self, changed: int, article, read: bool) -> None:
        """One article's mark changed: its row, and the counts of its district and edition."""
        self.query_one(ArticleList).mark_read({article.id}, read)
        if changed:
            step = -changed if read else changed
            self.query_one(Sidebar).adjust(article.district, unread=step)
            self.query_one(EditionList).adjust(article.page_date, article.page_no, step)

    def _open_article(self):
        article = self.query_one(ArticleView).body.article
        if article is None:
            self.notify(tr("No article is open"), timeout=2)
        return article

    def action_toggle_read(self) -> None:
        article = self._open_article()
        if article is None:
            return
        known = self.query_one(ArticleList).read or set()
        read = article.id not in known
        if self._read_timer is not None:
            self._read_timer.stop()
            self._read_timer, self._timed = None, None
        self._kept_unread = None if read else article.id
        self.set_marks(article, read)
        self.notify(tr("Marked read") if read else tr("Marked unread"), timeout=2)

    def action_mark_all_read(self) -> None:
        self._marking += 1
        self.mark_list_read(self.scope())

    @work(thread=True, group="marks")
    def mark_list_read(self, scope) -> None:
        def mark(state):
            return state.mark_read_undoably(state.unread_only(all_ids(state.conn, state, scope)))

        try:
            self._remember(mark, self._list_read)
        finally:  # written or not: a U typed meanwhile is answered now
            with suppress(Exception):  # the app closing
                self.app.call_from_thread(self._marked_all)

    @unless_gone
    def _marked_all(self) -> None:
        self._marking = max(0, self._marking - 1)
        if self._undo_asked and not self._marking:
            self._undo_asked = False
            self.action_undo_read()

    @unless_gone
    def _list_read(self, marked: tuple[list[int], float]) -> None:
        """M's articles are kept for U: exactly those that were unread, by their stable keys
        (a load that numbers the articles anew leaves them), so that U leaves the articles read
        before M read, and those the user reads after it."""
        if not marked[0]:
            self.notify(tr("Every article of this list was read already"), timeout=3)
            return
        self._undo = marked
        n = len(marked[0])
        self.notify(tr("1 article marked read · U to undo") if n == 1 else
                    tr("{n} articles marked read · U to undo", n=n), timeout=10)
        self.refresh_list()
        self.user_state_changed()

    def action_undo_read(self) -> None:
        if self._marking:  # U typed before M's marks were written: undone once they are
            self._undo_asked = True
            return
        if not self._undo:
            self.notify(tr("Nothing to undo: U undoes the last M"), timeout=3)
            return
        marked, self._undo = self._undo, None
        self.unmark_list(marked)

    @work(thread=True, group="marks")
    def unmark_list(self, marked: tuple[list[int], float]) -> None:
        self._remember(lambda state: state.undo_read(*marked), self._list_unread)

    @unless_gone
    def _list_unread(self, changed: int) -> None:
        self.notify(tr("1 article unread again") if changed == 1 else tr("{n} articles unread again", n=changed),
                    timeout=3)
        self.refresh_list()
        self.user_state_changed()

    def action_unread_only(self) -> None:
        self.unread_only = not self.unread_only
        self.notify(tr("Unread articles only") if self.unread_only else tr("All articles, read or not"), timeout=2)
        self.refresh_list()

    # -- stars -------------------------------------------------------------------------------

    def action_star(self) -> None:
        article = self._open_article()
        if article is not None:
            self.toggle_star(article.id)

    @work(thread=True, group="marks")
    def toggle_star(self, article_id: int) -> None:
        self._remember(lambda state: state.toggle_star(article_id), self._starred)

    @unless_gone
    def _starred(self, now: bool) -> None:
        self.notify(tr("Starred: see ★ Starred in the sidebar") if now else tr("Star removed"), timeout=3)
        self.query_one(Sidebar).adjust(stars=1 if now else -1)
        if self.starred:
            self.refresh_list()
