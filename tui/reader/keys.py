"""The one key table: every widget's bindings, the help screen, the footer's choice of keys and
README's key section are all made from KEYS.

To add a key: add a Key to its scope here (and its Chinese to i18n.ZH), then the action on the
widget of that scope; the help screen and `python -m tui.reader.keys` (README's table) follow.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from rich.cells import cell_len
from textual.binding import ActiveBinding, Binding

from .i18n import tr

PALETTE_WIDTH = 14  # cells the footer keeps on its right for "^p palette"


@dataclass(frozen=True)
class Key:
    keys: str  # Textual key names, comma-separated; the first is the one shown
    action: str
    short: str  # the footer's word
    long: str  # the help screen's and README's sentence
    rank: int = 0  # the footer's choice when space is short: lower first; 0 = never in the footer
    priority: bool = False

    def binding(self, scope: str) -> Binding:
        return Binding(self.keys, self.action, self.short, show=self.rank > 0, priority=self.priority,
                       id=f"{scope}:{self.action}:{self.keys}")


_DISPLAY = {"question_mark": "?", "slash": "/", "escape": "esc", "down": "↓", "up": "↑", "space": "space",
            "shift+tab": "shift+tab", "pagedown": "pgdn", "pageup": "pgup", "ctrl+q": "ctrl+q", "ctrl+p": "ctrl+p",
            "left_square_bracket": "[", "right_square_bracket": "]", "ctrl+s": "ctrl+s"}


def display(keys: str) -> str:
    """How help and README write a key list: "j,down" → "j ↓"."""
    return " ".join(_DISPLAY.get(k, k) for k in keys.split(","))


# scope → (title, keys). Scopes: the app (everywhere), the lists, the article pane, the search box,
# the help screen. Ranks: what a reader needs first when the footer cannot show everything.
KEYS: dict[str, tuple[str, list[Key]]] = {
    "app": ("Everywhere", [
        Key("slash", "search", "Search", "search titles and bodies as you type (literal text; spaces = all words)", 2,
            priority=True),  # at once: letters typed right after it in one write go into the box
        Key("J", "next_article(1)", "Next", "next article, from anywhere (at the end of the list it says so)", 4),
        Key("K", "next_article(-1)", "Prev", "previous article, from anywhere"),
        Key("n", "next_hit(1)", "Hit", "next hit, then the first hit of the next article with hits", 5),
        Key("N", "next_hit(-1)", "Prev hit", "previous hit, then the last hit of the previous article with hits"),
        Key("1", "focus_pane('districts')", "District",
            "show the districts (hidden in narrow terminals) and move there", 8),
        Key("2", "focus_pane('articles')", "List", "move to the article list"),
        Key("3", "focus_pane('article')", "Article", "move to the article"),
        Key("tab", "app.focus_next", "next pane", "next pane"),
        Key("shift+tab", "app.focus_previous", "previous pane", "previous pane"),
        Key("escape", "clear_search", "Clear", "clear the search (or hide the districts shown by 1)", 4),
        Key("a", "all_districts", "All districts",
            "all districts, the search kept (the status line says when other districts hold more matches)"),
        Key("h", "toggle_keywords", "Keywords",
            "keyword highlighting on / off (each article's key words, found by the loader)", 9),
        Key("d", "toggle_sidebar", "Dates",
            "sidebar: districts or dates (years → dates → pages, with unread/total); enter lists an edition", 10),
        Key("left_square_bracket", "edition(-1)", "Prev edition",
            "previous edition (the day's paper, in page order), from anywhere"),
        Key("right_square_bracket", "edition(1)", "Next edition", "next edition, from anywhere"),
        Key("m", "toggle_read", "Read/unread",
            "mark the open article read / unread (one you move to or open counts as read after a moment, or scrolled)"),
        Key("M", "mark_all_read", "All read", "mark the whole list read (U undoes it)"),
        Key("U", "undo_read", "Undo read", "undo the last M: the articles it marked read are unread again"),
        Key("u", "unread_only", "Unread", "unread articles only / all articles", 11),
        Key("s", "star", "Star", "star the open article, or remove its star (★ Starred, top of the sidebar)", 12),
        Key("R", "related", "Related", "move to the related stories below the article (enter opens one)"),
        Key("y", "copy", "Copy", "copy the open article to the clipboard"),
        Key("w", "save", "Save", "save the open article as Markdown (asks for a path)"),
        Key("o", "pager", "Pager", "show the open article in $PAGER (less by default)"),
        Key("r", "refresh", "Refresh", "refresh: show articles loaded by another process (also checked every few seconds)",
            7),
        Key("question_mark", "help", "Help", "this help", 1),
        Key("q", "app.quit", "Quit", "quit", 3),
        Key("ctrl+q", "app.quit", "Quit", "quit", priority=True),
        Key("ctrl+p", "app.command_palette", "palette",
            "command palette: districts, articles by title, reload the seeds, theme"),
    ]),
    "list": ("Lists (districts, articles)", [
        Key("j,down", "cursor_down", "Down", "down"),
        Key("k,up", "cursor_up", "Up", "up"),
        Key("g,home", "first", "Top", "first row"),
        Key("G,end", "last", "Bottom", "last row, also of a long list", 6),
        Key("pagedown", "page_down", "Page down", "page down"),
        Key("pageup", "page_up", "Page up", "page up"),
        Key("enter", "select", "Open", "open the highlighted article, or the highlighted district's list", 3),
    ]),
    "article": ("Article", [
        Key("j,down", "scroll_down", "Down", "scroll down a line"),
        Key("k,up", "scroll_up", "Up", "scroll up a line"),
        Key("space,pagedown", "page_down", "Page down", "page down", 3),
        Key("b,pageup", "page_up", "Page up", "page up", 6),
        Key("g,home", "scroll_home", "Top", "top of the article"),
        Key("G,end", "scroll_end", "Bottom", "end of the article"),
    ]),
    "search": ("Search box", [
        Key("enter", "submit", "Open", "open the first result (no results: back to the list, the query kept)", 3),
        Key("up", "history(-1)", "Earlier", "earlier search (the last 200 are kept across sessions)", 6),
        Key("down", "history(1)", "Later", "later search"),
        Key("ctrl+s", "save_search", "Save search", "save the search: it stays in the sidebar with its live count", 7),
    ]),
    "save": ("Save dialog", [
        Key("enter", "submit", "Save", "save to this path (an existing file only after a second enter)", 1),
        Key("escape", "cancel", "Cancel", "cancel", 2),
    ]),
    "help": ("Help screen", [
        Key("j,down", "scroll_down", "Down", "scroll the help"),
        Key("k,up", "scroll_up", "Up", "scroll the help"),
        Key("space,pagedown", "page_down", "Page down", "page down"),
        Key("b,pageup", "page_up", "Page up", "page up"),
        Key("g,home", "scroll_home", "Top", "top of the help"),
        Key("G,end", "scroll_end", "Bottom", "end of the help"),
        Key("escape,q,question_mark", "dismiss", "Close", "close the help", 1),
    ]),
}

# Not keys, but what the reader draws that a key table should explain.
MARKS: list[tuple[str, str]] = [
    ("▣", "a photo (picture news)"),
    ("{n}×", "hits of the search in this article"),
    ("•", "unread (its title bold); counts in the sidebar are unread/total"),
    ("★", "the starred articles (s), top of the sidebar"),
    ("⌕", "a saved search (ctrl+s in the search box), with its count now"),
    ("highlighted", "hits of the search; the current one brighter"),
    ("underlined", "the article's key words (h turns them off)"),
]


def bindings(scope: str) -> list[Binding]:
    return [k.binding(scope) for k in KEYS[scope][1]]


def _rank_of() -> dict[str, int]:
    return {f"{scope}:{k.action}:{k.keys}": k.rank for scope, (_, keys) in KEYS.items() for k in keys}


_RANK = _rank_of()


def _rank(binding: Binding) -> tuple[int, int]:
    """Footer order: rank, then the key's place in its Key (G before end)."""
    ident = binding.id or ""
    keys_of = ident.rsplit(":", 1)[1].split(",") if ":" in ident else []
    return _RANK.get(ident, 0) or 50, keys_of.index(binding.key) if binding.key in keys_of else 0


def fit_footer(active: dict[str, ActiveBinding], width: int, key_display) -> dict[str, ActiveBinding]:
    """The active bindings as the footer should show them: descriptions in the interface language,
    the most useful first, and only as many as fit in width (keeping room for the palette key).
    The footer shows one key per action, so an action already chosen is not counted twice."""
    shown = sorted((kv for kv in active.items() if kv[1].binding.show), key=lambda kv: _rank(kv[1].binding))
    room, keep, actions = width - PALETTE_WIDTH, set(), set()
    for key, b in shown:
        w = cell_len(key_display(b.binding)) + cell_len(tr(b.binding.description)) + 3
        if b.binding.action not in actions and w <= room:
            room -= w
            keep.add(key)
            actions.add(b.binding.action)
    rest = [kv for kv in active.items() if not kv[1].binding.show]
    out = {}
    for key, b in shown + rest:
        binding = replace(b.binding, description=tr(b.binding.description), show=key in keep)
        out[key] = ActiveBinding(b.node, binding, b.enabled, tr(b.tooltip) if b.tooltip else b.tooltip)
    return out


def markdown() -> str:
    """README's key section, in English."""
    lines = []
    for title, keys in KEYS.values():
        lines += [f"**{title}**", "", "| keys | |", "| --- | --- |"]
        lines += [f"| `{display(k.keys)}` | {k.long} |" for k in keys]
        lines.append("")
    lines += ["**Marks**", "", "| mark | |", "| --- | --- |"]
    lines += [f"| {m.format(n=3)} | {what} |" for m, what in MARKS]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
