"""Reloading the seed pages from the reader: `cqdaily load` in a child process.

The reader never parses pages itself (no jieba, no parser, no worker processes forked from a
Textual thread); it runs the command a user would run and follows its output line by line, one
line per page, to show its progress on the status line.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from textual import work

from ..paths import default_db, seeds_dir
from .i18n import tr

PACKAGE_ROOT = Path(__file__).resolve().parent.parent.parent  # where `python -m tui` is found


def load_command(seeds: Path, db_path: str) -> list[str]:
    return [sys.executable, "-m", "tui", "load", str(seeds), "--db", db_path, "--force"]


class SeedReload:
    """Mixed into the main screen."""

    db_path: str
    progress: str

    def seeds_reloadable(self) -> bool:
        """Only the default database takes the seed pages: a --db database is only read."""
        return os.path.abspath(self.db_path) == os.path.abspath(default_db())

    def action_reload_seeds(self) -> None:
        self.reload_seeds()

    @work(thread=True, exclusive=True, group="reload")
    def reload_seeds(self) -> None:
        if not self.seeds_reloadable():
            self.app.call_from_thread(self.notify, tr("The seed pages go only into the default database"),
                                      severity="warning")
            return
        seeds = seeds_dir()
        if seeds is None:
            self.app.call_from_thread(self.notify, tr("No seeds/ folder here"), severity="warning")
            return
        total = sum(1 for _ in seeds.rglob("*.txt"))
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(PACKAGE_ROOT), os.environ.get("PYTHONPATH")]))}
        proc = subprocess.Popen(load_command(seeds, self.db_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                stdin=subprocess.DEVNULL, text=True, encoding="utf-8", errors="replace", env=env)
        done = 0
        self.app.call_from_thread(self._reload_progress, done, total)
        for line in proc.stdout:
            if line.startswith(("✓", "✗")):
                done += 1
                self.app.call_from_thread(self._reload_progress, done, total)
        err = proc.stderr.read().strip()
        code = proc.wait()
        self.app.call_from_thread(self._reload_done, code, done, err)

    def _reload_progress(self, done: int, total: int) -> None:
        self.progress = tr("reloading the seeds: {done}/{total} pages", done=done, total=total)
        self.update_status()

    def _reload_done(self, code: int, done: int, err: str) -> None:
        self.progress = ""
        if code == 0:
            self.notify(tr("Reloaded {n} seed pages", n=done))
        else:
            reason = err.splitlines()[-1] if err else f"exit {code}"
            self.notify(tr("Reloading the seeds failed: {reason}", reason=reason), severity="error", timeout=10)
        self.refresh_list()
