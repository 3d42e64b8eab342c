"""The reader app: the main screen on a database, in English or Chinese; the command palette.

All reading goes through tui.db.query on worker threads (listing.py); the loader, the parser and
jieba are never imported here: reloading the seeds runs `cqdaily load` as a child process.
"""
from __future__ import annotations

import os
from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.screen import Screen

from . import i18n
from .commands import ReaderCommands
from .i18n import tr
from .screens.main import MainScreen


class CqdailyApp(App):
    TITLE = "cqdaily"
    SUB_TITLE = "重庆日报 · 区县新闻"
    CSS_PATH = "screens/main.tcss"  # the main screen is the default screen, whose own CSS_PATH Textual skips
    COMMANDS = App.COMMANDS | {ReaderCommands}

    def __init__(self, db_path: str, lang: str | None = None) -> None:
        super().__init__()
        self.db_path = db_path
        self.lang = i18n.set_language(lang)

    def get_default_screen(self) -> Screen:
        return MainScreen(self.db_path)

    @property
    def main(self) -> MainScreen:
        return self.screen_stack[0]

    def query_one(self, selector, expect_type=None):
        """Widgets of the main screen, also while the help screen or the palette is on top."""
        base = self.screen_stack[0] if self.screen_stack else self.screen
        return base.query_one(selector, expect_type) if expect_type else base.query_one(selector)

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=tr("Search for commands…"), id="--command-palette"))

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=tr("Search for themes…")))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own palette entries, in the interface language."""
        yield SystemCommand(tr("Theme"), tr("Change the colour theme"), self.action_change_theme)
        yield SystemCommand(tr("Quit"), tr("Quit the reader"), self.action_quit)
        yield SystemCommand(tr("Help"), tr("Show every key"), self.main.action_help)
        if screen.maximized is not None:
            yield SystemCommand(tr("Minimize"), tr("Restore the pane to its normal size"), screen.action_minimize)
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(tr("Maximize"), tr("Maximize the focused pane"), screen.action_maximize)
        yield SystemCommand(tr("Screenshot"), tr("Save an SVG screenshot of the screen"),
                            lambda: self.set_timer(0.1, self.deliver_screenshot))


def run_app(db_path: str, lang: str | None = None) -> int:
    if not os.path.exists(db_path):
        print(f"cqdaily: no database at {db_path}; run 'cqdaily load PATH…' first")
        return 1
    CqdailyApp(db_path, lang).run()
    return 0
