"""The search input: literal text, searched as you type; up/down recall this session's searches."""
from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input


class SearchBar(Input):
    BINDINGS = [
        Binding("up", "history(-1)", "Earlier search", show=True),
        Binding("down", "history(1)", "Later search", show=True),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(placeholder="搜索 search: literal text, spaces = all words; enter opens, esc clears", **kwargs)
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
