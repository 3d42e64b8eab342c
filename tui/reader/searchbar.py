"""The search input: literal text, searched as you type; up/down recall this session's searches."""
from __future__ import annotations

from textual.widgets import Input

from . import keys
from .i18n import tr


class SearchBar(Input):
    BINDINGS = keys.bindings("search")

    def __init__(self, **kwargs) -> None:
        super().__init__(placeholder=tr("search: literal text, spaces = all words"), **kwargs)
        self.history: list[str] = []
        self._pos = 0

    def remember(self, text: str) -> None:
        text = text.strip()
        if text:
            if text in self.history:
                self.history.remove(text)
            self.history.append(text)
        self._pos = len(self.history)

    def action_history(self, step: int) -> None:
        if not self.history:
            return
        self._pos = max(0, min(len(self.history), self._pos + step))
        self.value = self.history[self._pos] if self._pos < len(self.history) else ""
        self.cursor_position = len(self.value)
