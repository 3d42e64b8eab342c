"""Text out of the reader (mixed into the main screen): `y` copies the open article, `w` saves it
as Markdown, `o` shows it in $PAGER. The text is made by tui.db.textout (plain and Markdown).

Saving asks for a path (the current folder and a name from the date and title by default) and
never replaces an existing file unless the user says so for that file.
"""
from __future__ import annotations

import os
import shlex
import subprocess

from textual.app import ComposeResult, SuspendNotSupported
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..db import textout
from . import keys
from .i18n import tr

DEFAULT_PAGER = "less"


class PathInput(Input):
    BINDINGS = keys.bindings("save")

    def action_cancel(self) -> None:
        self.screen.dismiss(None)


class SaveScreen(ModalScreen[tuple[str, bool] | None]):
    """Asks where to save; enter on an existing file asks again before it is replaced."""

    DEFAULT_CSS = """
    SaveScreen { align: center middle; }
    SaveScreen > Vertical { width: 90; max-width: 100%; height: auto; border: round $accent;
        background: $surface; padding: 0 1; }
    SaveScreen #save-note { color: $text-muted; }
    SaveScreen #save-note.-warning { color: $warning; text-style: bold; }
    """

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = default
        self._confirmed: str | None = None  # the existing file the user said to replace

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = tr("Save as Markdown")
            yield PathInput(self.default, id="save-path")
            yield Static(tr("enter: save · esc: cancel"), id="save-note")

    def on_mount(self) -> None:
        self.query_one(PathInput).focus()

    def on_input_changed(self) -> None:
        self._confirmed = None
        note = self.query_one("#save-note", Static)
        note.update(tr("enter: save · esc: cancel"))
        note.remove_class("-warning")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        path = os.path.abspath(os.path.expanduser(event.value.strip()))
        if not event.value.strip() or os.path.isdir(path):
            self._warn(tr("Give a file name"))
        elif not os.path.isdir(os.path.dirname(path)):
            self._warn(tr("No such folder: {path}", path=os.path.dirname(path)))
        elif os.path.exists(path) and self._confirmed != path:
            self._confirmed = path
            self._warn(tr("{path} exists: enter again replaces it, esc keeps it", path=path))
        else:
            self.dismiss((path, self._confirmed == path))

    def _warn(self, text: str) -> None:
        note = self.query_one("#save-note", Static)
        note.update(text)
        note.add_class("-warning")


class Output:
    """Uses _open_article() of marking.Marking."""

    def action_copy(self) -> None:
        article = self._open_article()
        if article is not None:
            self.app.copy_to_clipboard(textout.plain(article))
            self.notify(tr("Copied the article to the clipboard"), timeout=2)

    def action_save(self) -> None:
        article = self._open_article()
        if article is None:
            return
        default = os.path.join(os.getcwd(), textout.default_filename(article))

        def saved(answer: tuple[str, bool] | None) -> None:
            if answer is None:
                return
            path, replace = answer
            try:
                textout.save(textout.markdown(article), path, overwrite=replace)
            except OSError as err:
                self.notify(tr("Cannot save {path}: {err}", path=path, err=err.strerror or err), severity="error")
                return
            self.notify(tr("Saved {path}", path=path), timeout=4)

        self.app.push_screen(SaveScreen(default), saved)

    def action_pager(self) -> None:
        article = self._open_article()
        if article is None:
            return
        command = shlex.split(os.environ.get("PAGER") or DEFAULT_PAGER) or [DEFAULT_PAGER]
        env = {**os.environ, "LESSCHARSET": os.environ.get("LESSCHARSET", "utf-8")}
        try:
            with self.app.suspend():
                subprocess.run(command, input=textout.plain(article), text=True, encoding="utf-8", env=env,
                               check=False)
        except SuspendNotSupported:
            self.notify(tr("This terminal cannot hand the screen to a pager"), severity="warning")
        except OSError as err:
            self.notify(tr("Cannot run {pager}: {err}", pager=command[0], err=err.strerror or err), severity="error")
