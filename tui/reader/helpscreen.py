"""The help screen: every key, grouped."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = [
    ("Move", [
        ("tab / shift+tab", "next / previous pane"),
        ("1  2  3", "districts, article list, article"),
        ("j k  ↓ ↑", "move down / up"),
        ("g  G", "top / bottom"),
        ("space  b", "page down / up in the article"),
        ("enter", "open the highlighted article or district"),
        ("J  K", "next / previous article, from anywhere"),
    ]),
    ("Search", [
        ("/", "search titles and bodies (literal text; spaces = all words)"),
        ("enter", "open the first result"),
        ("↑ ↓ (in the search box)", "earlier / later searches of this session"),
        ("n  N", "next / previous hit, then the next / previous article with hits"),
        ("escape", "clear the search"),
    ]),
    ("View", [
        ("h", "keyword highlighting on / off"),
        ("r", "refresh: show articles loaded since"),
        ("ctrl+p", "command palette: districts, articles by title, reload seeds"),
        ("?", "this help"),
        ("q  ctrl+q", "quit"),
    ]),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close help")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 76; max-width: 100%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 1 2; }
    """

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        for group, keys in KEYS:
            table.add_row(Text(group, style="underline"), "")
            for key, what in keys:
                table.add_row(Text(key), Text(what))
            table.add_row("", "")
        with VerticalScroll():
            yield Static(table)
