"""The help screen: every key, grouped by where it works, and the marks; made from keys.KEYS."""
from __future__ import annotations

import os

from rich.cells import cell_len
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from .. import keys
from ..i18n import tr


def help_text(widths: tuple[int, int], db_path: str | None = None) -> Group:
    """The database open, each scope's keys under its title, then the marks; the key column as
    wide in every group; last, the layout's widths (narrow, wide) as the main screen uses them."""
    rows = [(title, [(keys.display(k.keys), k.long) for k in group]) for title, group in keys.KEYS.values()]
    rows.append(("Marks", [(tr(mark, n=3), what) for mark, what in keys.MARKS]))
    key_width = max(cell_len(k) for _, group in rows for k, _ in group)
    parts: list = []
    if db_path:
        parts += [Text(tr("Database: {path}", path=os.path.abspath(db_path))), Text("")]
    for title, group in rows:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True, width=key_width)
        table.add_column(overflow="fold")
        for key, what in group:
            table.add_row(Text(key), Text(tr(what)))
        parts += [Text(tr(title), style="bold underline"), table, Text("")]
    narrow, wide = widths
    parts.append(Text(tr("Below {wide} columns the districts hide (1 shows them); below {narrow} the list sits "
                         "above the article.", wide=wide, narrow=narrow)))
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    BINDINGS = keys.bindings("help")
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 100; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1; }
    HelpScreen Static { width: 100%; }
    """

    def __init__(self, widths: tuple[int, int]) -> None:
        super().__init__()
        self.widths = widths  # the main screen's (narrow, wide) columns

    def compose(self) -> ComposeResult:
        scroll = VerticalScroll(id="help")
        scroll.border_title = tr("Keys")
        scroll.border_subtitle = "esc"
        with scroll:
            yield Static(help_text(self.widths, self.app.db_path))

    def on_mount(self) -> None:
        self.set_focus(self.query_one(VerticalScroll))

    def _scroll(self, how: str) -> None:
        getattr(self.query_one(VerticalScroll), how)(animate=False)

    def action_scroll_down(self) -> None:
        self._scroll("scroll_down")

    def action_scroll_up(self) -> None:
        self._scroll("scroll_up")

    def action_page_down(self) -> None:
        self._scroll("scroll_page_down")

    def action_page_up(self) -> None:
        self._scroll("scroll_page_up")

    def action_scroll_home(self) -> None:
        self._scroll("scroll_home")

    def action_scroll_end(self) -> None:
        self._scroll("scroll_end")
