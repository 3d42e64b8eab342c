"""`cqdaily load`: progress, a line per page, a total; exit 1 when any page failed."""
from __future__ import annotations

import argparse
import os
import sys

from rich.console import Console
from rich.text import Text

from .. import loading as loader
from ..db import store
from .names import printable, shown

PROGRESS_FROM = 4  # a progress bar only when there are more than a few pages
INTERRUPTED, OUTPUT_CLOSED = 130, 141  # the statuses of a command stopped by SIGINT, by SIGPIPE
AGAIN = "run the same command again to finish"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


class OutputClosed(Exception):
    """The program reading our output went away (`| head`, `less` quit)."""


class _Console(Console):
    """Rich's console, saying that its output was closed instead of exiting the program (Rich
    raises SystemExit(1), which would skip the end of the load and its report)."""

    def on_broken_pipe(self) -> None:
        self.quiet = True  # nothing more is written there; the stream is pointed at /dev/null so
        try:  # that flushing it at exit does not fail again
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.file.fileno())
            os.close(devnull)
        except (OSError, ValueError):
            pass
        raise OutputClosed


def _same_terminal(a: Console, b: Console) -> bool:
    try:
        return os.path.samestat(os.fstat(a.file.fileno()), os.fstat(b.file.fileno()))
    except (OSError, ValueError):
        return False


class Report:
    """What `load` prints: a line per page on stdout (failures on stderr), a progress bar when
    stderr is a terminal, and the totals. Page lines go above the bar when stdout is the bar's
    terminal. When a stream it writes to is closed, it prints no more and asks the load to stop."""

    def __init__(self, out: Console, err: Console, quiet: bool):
        self.out, self.err, self.quiet = out, err, quiet
        self.progress = None
        self.task = None
        self.shared = False  # stdout is the terminal the bar is drawn on
        self.closed = False
        self.expected = 0  # results to come: those reported before the start, and the pages found
        self.totals = {"ok": 0, "failed": 0, "skipped": 0, "items": 0, "duplicates": 0}

    def on_start(self, n: int) -> None:
        self.expected = sum(self.totals.values()) - self.totals["items"] + n
        if n > PROGRESS_FROM and self.err.is_terminal and not self.closed:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.progress = Progress(
                TextColumn("loading"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                console=self.err, transient=True, redirect_stdout=False,
            )
            self.shared = _same_terminal(self.out, self.err)
            self.progress.start()
            self.task = self.progress.add_task("load", total=n)

    def _count(self, r: loader.PageResult) -> None:
        key = ("failed" if not r.ok else "skipped" if r.skipped else "duplicates" if r.duplicate_of else "ok")
        self.totals[key] += 1
        if key == "ok":
            self.totals["items"] += r.items

    def _line(self, r: loader.PageResult) -> Text | None:
        """The page's line (file names and reasons escaped, never read as markup), if it has one."""
        name = shown(r.path)
        if not r.ok:
            return Text.assemble(("✗", "red"), f" {name}: {printable(r.reason)}")
        if r.duplicate_of:
            return Text.assemble(("=", "yellow"), f" {name}: the same page as {shown(r.duplicate_of)}; not stored twice")
        if self.quiet or r.skipped:
            return None
        line = Text.assemble(("✓", "green"), f" {name}: {plural(r.items, 'item')}")
        if r.warnings:
            line.append(f"  ({printable('; '.join(r.warnings))})", "yellow")
        return line

    def _console(self, ok: bool) -> Console:
        bar = self.progress.console if self.progress is not None else None
        if not ok:
            return bar or self.err
        return bar if bar is not None and self.shared else self.out

    def on_page(self, r: loader.PageResult) -> None:
        self._count(r)
        line = self._line(r)
        if line is not None and not self.closed:
            try:
                self._console(r.ok).print(line)
            except OutputClosed:
                self.closed = True
                self.stop()
        if self.progress is not None and self.task is not None and r.path:
            self.progress.advance(self.task)

    def stopping(self) -> bool:
        """Whether the load should stop after the batch in hand: no one reads what it says."""
        return self.closed

    def finished(self) -> bool:
        return sum(self.totals.values()) - self.totals["items"] >= self.expected

    def stop(self) -> None:
        """The bar removed and the cursor shown again; on every way out of a load."""
        if self.progress is not None:
            progress, self.progress = self.progress, None
            progress.stop()

    def summary(self, note: str | None = None) -> str:
        """The totals in a line; with a note, "N pages loaded<note> (the rest)"."""
        t = self.totals
        parts = [plural(t["ok"], "page loaded", "pages loaded") + (note or ""), plural(t["items"], "item")]
        if t["duplicates"]:
            parts.append(plural(t["duplicates"], "duplicate"))
        if t["skipped"]:
            parts.append(f"{t['skipped']:,} unchanged")
        if t["failed"]:
            parts.append(f"{t['failed']:,} failed")
        if note is not None:
            return f"{parts[0]} ({', '.join(parts[1:])})"
        return ", ".join(parts)


def _consoles(out: Console | None, err: Console | None) -> tuple[Console, Console]:
    return (out or _Console(highlight=False, soft_wrap=True),
            err or _Console(stderr=True, highlight=False, soft_wrap=True))


def _say(console: Console, text: str | Text) -> None:
    """A last line, when its stream is still open (never read as markup)."""
    try:
        console.print(Text(text) if isinstance(text, str) else text)
    except OutputClosed:
        pass


def load_paths(paths, db_path, force=False, quiet=False, out=None, err=None) -> int:
    """Load pages into db_path, reporting as it goes; the exit status."""
    out, err = _consoles(out, err)
    report = Report(out, err, quiet)
    new = not os.path.lexists(db_path)
    try:
        loader.load(paths, db_path, force=force, on_page=report.on_page, on_start=report.on_start,
                    stop=report.stopping)
    except store.StoreError as e:
        report.stop()
        _say(err, f"cqdaily: {printable(str(e))}")
        return 1
    except KeyboardInterrupt:
        report.stop()
        _say(err, f"interrupted: {report.summary(' before the interruption')}; {AGAIN}")
        return INTERRUPTED
    finally:
        report.stop()
        if new and not (report.totals["ok"] or report.totals["skipped"] or report.totals["duplicates"]):
            _remove_new_db(db_path)
    if report.closed and not report.finished():
        _say(err, f"cqdaily load: the output was closed: stopped with {report.summary('')}; {AGAIN}")
        return OUTPUT_CLOSED
    _say(out, report.summary())
    return 1 if report.totals["failed"] else 0


def _remove_new_db(db_path: str) -> None:
    """The database this load created and stored nothing in: not left behind as an empty file."""
    for name in (db_path, db_path + "-wal", db_path + "-shm", db_path + "-journal"):
        try:
            os.unlink(name)
        except FileNotFoundError:
            pass


def _inode(path: str) -> int | None:
    try:
        return os.stat(path).st_ino
    except OSError:
        return None


def rebuild(paths, db_path, quiet=False, out=None, err=None) -> int:
    """`load --rebuild`: a new database from the pages recorded (and named), swapped in whole.
    Stopped (Ctrl-C, the output closed), it leaves the database as it was."""
    from ..rebuild import RebuildError
    from ..rebuild import rebuild as rebuild_db

    out, err = _consoles(out, err)
    report = Report(out, err, quiet)
    before = _inode(db_path)
    try:
        rebuild_db(db_path, paths, on_page=_abort_when_closed(report), on_start=report.on_start)
    except (RebuildError, store.StoreError) as e:
        report.stop()
        for path in getattr(e, "missing", []):
            _say(err, Text.assemble(("✗", "red"), f" {shown(path)}: not found"))
        _say(err, f"cqdaily load --rebuild: {printable(str(e))}")
        return 1
    except (KeyboardInterrupt, OutputClosed) as e:
        report.stop()
        why = "interrupted" if isinstance(e, KeyboardInterrupt) else "cqdaily load --rebuild: the output was closed"
        done = "was already rebuilt" if _inode(db_path) != before else "left as it was: nothing changed"
        _say(err, f"{why}: {printable(db_path)} {done}")
        return INTERRUPTED if isinstance(e, KeyboardInterrupt) else OUTPUT_CLOSED
    finally:
        report.stop()
    _say(out, f"{report.summary()}; {printable(db_path)} rebuilt")
    return 0


def _abort_when_closed(report: Report):
    """The rebuild's page callback: a rebuild no one watches any more is given up whole (the
    database left as it was), not swapped in half-reported."""
    def on_page(r: loader.PageResult) -> None:
        report.on_page(r)
        if report.closed:
            raise OutputClosed
    return on_page


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
    err = _Console(stderr=True, highlight=False, soft_wrap=True)
    _say(err, f"building {printable(db_path)} from {printable(str(seeds))} …")
    os.makedirs(os.path.dirname(db_path), exist_ok=True)
    code = load_paths([str(seeds)], db_path, quiet=True, out=err, err=err)
    return 0 if os.path.exists(db_path) else code
