"""`cqdaily load`: progress, a line per page, a total; exit 1 when any page failed."""
from __future__ import annotations

import argparse
import os
import sys

from rich.console import Console
from rich.markup import escape

from .. import loading as loader
from ..db import store

PROGRESS_FROM = 4  # a progress bar only when there are more than a few pages


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def shown(path: str) -> str:
    """A path as the user reads it best: relative to here when it is below here."""
    rel = os.path.relpath(path) if os.path.isabs(path) else path
    return path if rel.startswith("..") else rel


class Report:
    """What `load` prints: a line per page (failures always), a progress bar on a terminal, and
    the totals."""

    def __init__(self, out: Console, err: Console, quiet: bool):
        self.out, self.err, self.quiet = out, err, quiet
        self.progress = None
        self.task = None
        self.totals = {"ok": 0, "failed": 0, "skipped": 0, "items": 0, "duplicates": 0}

    def on_start(self, n: int) -> None:
        if n > PROGRESS_FROM and self.err.is_terminal:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.progress = Progress(
                TextColumn("loading"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                console=self.err, transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task("load", total=n)

    def _count(self, r: loader.PageResult) -> None:
        key = ("failed" if not r.ok else "skipped" if r.skipped else "duplicates" if r.duplicate_of else "ok")
        self.totals[key] += 1
        if key == "ok":
            self.totals["items"] += r.items

    def on_page(self, r: loader.PageResult) -> None:
        self._count(r)
        console = self.progress.console if self.progress else self.out
        name = escape(shown(r.path))
        if not r.ok:
            (self.progress.console if self.progress else self.err).print(f"[red]✗[/] {name}: {escape(r.reason)}")
        elif r.duplicate_of:
            console.print(f"[yellow]=[/] {name}: the same page as {escape(shown(r.duplicate_of))}; not stored twice")
        elif not self.quiet and not r.skipped:
            warn = f"  [yellow]({escape('; '.join(r.warnings))})[/]" if r.warnings else ""
            console.print(f"[green]✓[/] {name}: {plural(r.items, 'item')}{warn}")
        if self.progress is not None and self.task is not None and r.path:
            self.progress.advance(self.task)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None

    def summary(self) -> str:
        t = self.totals
        parts = [plural(t["ok"], "page loaded", "pages loaded"), plural(t["items"], "item")]
        if t["duplicates"]:
            parts.append(plural(t["duplicates"], "duplicate"))
        if t["skipped"]:
            parts.append(f"{t['skipped']:,} unchanged")
        if t["failed"]:
            parts.append(f"{t['failed']:,} failed")
        return ", ".join(parts)


def _consoles(out: Console | None, err: Console | None) -> tuple[Console, Console]:
    return (out or Console(highlight=False, soft_wrap=True),
            err or Console(stderr=True, highlight=False, soft_wrap=True))


def load_paths(paths, db_path, force=False, quiet=False, out=None, err=None) -> int:
    """Load pages into db_path, reporting as it goes; the exit status."""
    out, err = _consoles(out, err)
    report = Report(out, err, quiet)
    new = not os.path.lexists(db_path)
    try:
        loader.load(paths, db_path, force=force, on_page=report.on_page, on_start=report.on_start)
    except store.StoreError as e:
        report.stop()
        err.print(f"cqdaily: {escape(str(e))}")
        return 1
    finally:
        if new and not (report.totals["ok"] or report.totals["skipped"] or report.totals["duplicates"]):
            _remove_new_db(db_path)
    report.stop()
    out.print(report.summary())
    return 1 if report.totals["failed"] else 0


def _remove_new_db(db_path: str) -> None:
    """The database this load created and stored nothing in: not left behind as an empty file."""
    for name in (db_path, db_path + "-wal", db_path + "-shm", db_path + "-journal"):
        try:
            os.unlink(name)
        except FileNotFoundError:
            pass


def rebuild(paths, db_path, quiet=False, out=None, err=None) -> int:
    """`load --rebuild`: a new database from the pages recorded (and named), swapped in whole."""
    from ..rebuild import RebuildError
    from ..rebuild import rebuild as rebuild_db

    out, err = _consoles(out, err)
    report = Report(out, err, quiet)
    try:
        rebuild_db(db_path, paths, on_page=report.on_page, on_start=report.on_start)
    except (RebuildError, store.StoreError) as e:
        report.stop()
        for path in getattr(e, "missing", []):
            err.print(f"[red]✗[/] {escape(shown(path))}: not found")
        err.print(f"cqdaily load --rebuild: {escape(str(e))}")
        return 1
    report.stop()
    out.print(f"{report.summary()}; {escape(db_path)} rebuilt")
    return 0


def run_load(args: argparse.Namespace, db_path: str) -> int:
    from ..paths import seeds_dir

    paths = list(args.paths)
    if args.rebuild:
        return rebuild(paths, db_path, quiet=args.quiet)
    if not paths:
        seeds = seeds_dir()
        if seeds is None:
            print("cqdaily load: name page files or folders to load (there are no example pages here)",
                  file=sys.stderr)
            return 2
        paths = [str(seeds)]
    return load_paths(paths, db_path, force=args.force, quiet=args.quiet)


def ensure_seeds_loaded(db_path: str) -> int:
    """Before the reader opens on the default database: build it from the example pages when
    there is none, and load them again when they changed."""
    from ..paths import seeds_dir

    seeds = seeds_dir()
    if seeds is None:
        return 0  # the reader says what is missing
    if os.path.exists(db_path) and not loader.seeds_changed(db_path, seeds):
        return 0
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    err.print(f"building {escape(db_path)} from {escape(str(seeds))} …")
    os.makedirs(os.path.dirname(db_path), exist_ok=True)
    code = load_paths([str(seeds)], db_path, quiet=True, out=err, err=err)
    return 0 if os.path.exists(db_path) else code
