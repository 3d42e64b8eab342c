"""The search input: literal text, searched as you type; up/down recall past searches (kept in
the database across sessions, the last 200), ctrl+s saves the search to the sidebar."""
from __future__ import annotations

from rich.cells import cell_len
from textual.message import Message
from textual.widgets import Input

from . import keys
from .i18n import tr


class SearchBar(Input):
    BINDINGS = keys.bindings("search")

    class Remembered(Message):
        """A search to keep in the history."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Save(Message):
        """ctrl+s: save this search."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, **kwargs) -> None:
        super().__init__(placeholder=tr("search: literal text, spaces = all words"), **kwargs)
        self.history: list[str] = []  # oldest first
        self._pos = 0

    def on_resize(self) -> None:
        """The placeholder whole: a shorter one where the long one would be cut (100-119 columns)."""
        long = tr("search: literal text, spaces = all words")
        fits = cell_len(long) < self.content_size.width  # one cell for the cursor
        self.placeholder = long if fits else tr("search (spaces = all words)")

    def load_history(self, past: list[str]) -> None:
        """Searches of earlier sessions (oldest first), before this session's."""
        self.history = [t for t in past if t not in self.history] + self.history
        self._pos = len(self.history)

    def remember(self, text: str) -> None:
        text = text.strip()
        if text:
            if text in self.history:
                self.history.remove(text)
            self.history.append(text)
            self.post_message(self.Remembered(text))
        self._pos = len(self.history)

    def action_history(self, step: int) -> None:
        if not self.history:
            return
        self._pos = max(0, min(len(self.history), self._pos + step))
        self.value = self.history[self._pos] if self._pos < len(self.history) else ""
        self.cursor_position = len(self.value)

    def action_save_search(self) -> None:
        self.post_message(self.Save(self.value))
