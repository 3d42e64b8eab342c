"""Pages are reported in time: a batch is not held open while the writer waits for a slow page."""
from __future__ import annotations

import os
import sqlite3
import time

from tui import loading, workers
from tui.db import batch


def test_a_slow_page_does_not_hold_back_the_pages_before_it(seeds_dir, tmp_path, monkeypatch):
    pages = tmp_path / "pages"
    pages.mkdir()
    seeds = sorted(seeds_dir.glob("*.txt"))
    for i in range(12):  # enough pages for the worker processes (workers.count)
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        (pages / f"{i:02d}.txt").write_text(text + f"\n本报讯 第{i}页。\n", encoding="utf-8")
    slow = str(pages / "08.txt")
    parse = loading._parse_file

    def slow_parse(path, known=None):
        if path == slow:
            time.sleep(3)  # a huge page: the workers are forked with this in place
        return parse(path, known)

    monkeypatch.setattr(loading, "_parse_file", slow_parse)
    monkeypatch.setattr(workers, "count", lambda n: 2)
    monkeypatch.setattr(batch, "BATCH_SECONDS", 0.3)
    db = str(tmp_path / "t.db")
    seen: dict[str, float] = {}
    visible: dict[str, int] = {}

    def on_page(r):
        seen[r.path] = time.monotonic()
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        visible[r.path] = con.execute("SELECT COUNT(*) FROM pages WHERE name = ?", [r.path.rsplit("/", 1)[-1]]).fetchone()[0]
        con.close()

    start = time.monotonic()
    results = loading.load([str(pages)], db, on_page=on_page)
    assert all(r.ok for r in results) and len(results) == 12
    before = [str(pages / f"{i:02d}.txt") for i in range(8)]
    # The pages before the slow one were committed and reported while it was still being parsed,
    # and each was in the database (for another connection) when it was reported.
    assert max(seen[p] for p in before) - start < 2.5
    assert seen[slow] - start >= 3
    assert all(visible[p] == 1 for p in seen)


def _pages(seeds_dir, folder, n):
    folder.mkdir()
    seeds = sorted(seeds_dir.glob("*.txt"))
    for i in range(n):
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        (folder / f"{i:02d}.txt").write_text(text + f"\n本报讯 第{i}页。\n", encoding="utf-8")
    return [str(folder / f"{i:02d}.txt") for i in range(n)]


def test_a_worker_that_dies_loses_only_its_own_pages(seeds_dir, tmp_path, monkeypatch):
    """A page that kills its worker process (out of memory, a crash in native code) is reported
    not loaded, with the reason; every other page is loaded (new pools parse the rest, the tasks
    in flight again one at a time, then the dead worker's task page by page)."""
    paths = _pages(seeds_dir, tmp_path / "pages", 16)
    parent, parse = os.getpid(), loading._parse_file

    def deadly(path, known=None):
        if path == paths[5] and os.getpid() != parent:
            os._exit(1)
        return parse(path, known)

    monkeypatch.setattr(loading, "_parse_file", deadly)
    monkeypatch.setattr(workers, "count", lambda n: 2)
    db = str(tmp_path / "d.db")
    results = loading.load([str(tmp_path / "pages")], db)
    assert [r.path for r in results] == paths
    assert [(r.path, r.reason) for r in results if not r.ok] == [(paths[5], workers.DIED)]
    con = sqlite3.connect(db)
    stored = {p for (p,) in con.execute("SELECT path FROM pages")}
    con.close()
    assert stored == {os.path.realpath(p) for p in paths} - {os.path.realpath(paths[5])}


def test_workers_dying_again_and_again_end_the_load_cleanly(seeds_dir, tmp_path, monkeypatch):
    _pages(seeds_dir, tmp_path / "pages", 40)
    parent, parse = os.getpid(), loading._parse_file

    def deadly(path, known=None):
        if os.getpid() != parent and int(os.path.basename(path)[:2]) % 4 == 1:
            os._exit(1)  # one page of every task
        return parse(path, known)

    monkeypatch.setattr(loading, "_parse_file", deadly)
    monkeypatch.setattr(workers, "count", lambda n: 2)
    results = loading.load([str(tmp_path / "pages")], str(tmp_path / "d.db"))
    assert len(results) == 40
    deadly = [r for r in results if int(os.path.basename(r.path)[:2]) % 4 == 1]
    assert all(not r.ok and r.reason == workers.DIED for r in deadly)
    # Given up after MAX_RESTARTS new pools: the pages left are reported, not parsed.
    given_up = [r for r in results if not r.ok and r not in deadly]
    assert given_up and {r.reason for r in given_up} == {workers.DIED}
    assert results[0].ok and results[2].ok  # before the first page that kills its worker
