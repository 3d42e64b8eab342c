"""`cqdaily load`: progress, a line per page, a total; exit 1 when any page failed."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from .. import loading as loader
from ..db import store

PROGRESS_FROM = 4  # a progress bar only when there are more than a few pages


def _recorded_paths(db_path: str) -> list[str]:
    try:
        conn = store.connect(db_path, readonly=True)
        rows = conn.execute("SELECT path FROM pages").fetchall()
        conn.close()
    except Exception:
        return []
    return [r[0] for r in rows if r[0] and os.path.exists(r[0])]


def run_load(args: argparse.Namespace) -> int:
    from ..paths import seeds_dir

    out = Console(highlight=False, soft_wrap=True)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    paths = list(args.paths)
    kept = {}
    if args.rebuild:
        from ..db import userstate

        kept = userstate.snapshot(args.db)  # read marks, stars, searches: carried over the rebuild
        recorded = _recorded_paths(args.db)
        for suffix in ("", "-wal", "-shm"):
            try:
                os.remove(args.db + suffix)
            except FileNotFoundError:
                pass
        paths = recorded + paths
    if not paths:
        seeds = seeds_dir()
        if seeds is None:
            err.print("cqdaily load: name page files or folders to load (no seeds/ folder here)")
            return 2
        paths = [str(seeds)]
    code = load_paths(paths, args.db, force=args.force, quiet=args.quiet, out=out, err=err)
    if kept and os.path.exists(args.db):
        from ..db import userstate

        userstate.restore(args.db, kept)
    return code


def load_paths(paths, db_path, force=False, quiet=False, out=None, err=None) -> int:  # noqa: C901 - to be split
    out = out or Console(highlight=False, soft_wrap=True)
    err = err or Console(stderr=True, highlight=False, soft_wrap=True)
    progress = None
    task = None
    totals = {"ok": 0, "failed": 0, "skipped": 0, "items": 0}

    def on_start(n: int) -> None:
        nonlocal progress, task
        if n > PROGRESS_FROM and err.is_terminal:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            progress = Progress(
                TextColumn("loading"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                console=err, transient=True,
            )
            progress.start()
            task = progress.add_task("load", total=n)

    def on_page(r: loader.PageResult) -> None:
        name = escape(os.path.basename(r.path) or r.path)
        if r.ok and r.skipped:
            totals["skipped"] += 1
        elif r.ok:
            totals["ok"] += 1
            totals["items"] += r.items
        else:
            totals["failed"] += 1
        console = progress.console if progress else out
        if not r.ok:
            (progress.console if progress else err).print(f"[red]✗[/] {escape(r.path)}: {escape(r.reason)}")
        elif not quiet and not r.skipped:
            warn = f"  [yellow]({escape('; '.join(r.warnings))})[/]" if r.warnings else ""
            console.print(f"[green]✓[/] {name}: {r.items} items{warn}")
        if progress is not None and task is not None and r.path:
            progress.advance(task)

    try:
        loader.load(paths, db_path, force=force, on_page=on_page, on_start=on_start)
    except store.StoreError as e:
        err.print(f"cqdaily: {escape(str(e))}")
        return 1
    finally:
        if progress is not None:
            progress.stop()
    parts = [f"{totals['ok']} pages loaded", f"{totals['items']} items"]
    if totals["skipped"]:
        parts.append(f"{totals['skipped']} unchanged")
    if totals["failed"]:
        parts.append(f"{totals['failed']} failed")
    out.print(", ".join(parts))
    return 1 if totals["failed"] else 0


def ensure_seeds_loaded(db_path: str) -> int:
    """Before the reader opens: load the seeds when there is no database or they changed."""
    from ..paths import seeds_dir

    seeds = seeds_dir()
    if seeds is None:
        if not os.path.exists(db_path):
            print(f"cqdaily: no database at {db_path} and no seeds/ folder to build it from; "
                  f"run 'cqdaily load PATH…' first", file=sys.stderr)
            return 1
        return 0
    if os.path.exists(db_path) and not _seeds_changed(db_path, seeds):
        return 0
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    err.print(f"building {db_path} from {seeds} …")
    code = load_paths([str(seeds)], db_path, quiet=True, out=err, err=err)
    return 0 if os.path.exists(db_path) else code


def _seeds_changed(db_path: str, seeds: Path) -> bool:
    import hashlib

    try:
        conn = store.connect(db_path, readonly=True)
        known = dict(conn.execute("SELECT source, sha256 FROM pages").fetchall())
        conn.close()
    except Exception:
        return False  # the reader reports what is wrong with the database
    for f in seeds.glob("*.txt"):
        if known.get(f.name) != hashlib.sha256(f.read_bytes()).hexdigest():
            return True
    return False
