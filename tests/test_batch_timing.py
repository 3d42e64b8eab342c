"""Pages are reported in time: a batch is not held open while the writer waits for a slow page."""
from __future__ import annotations

import sqlite3
import time

from tui import loading
from tui.db import batch


def test_a_slow_page_does_not_hold_back_the_pages_before_it(seeds_dir, tmp_path, monkeypatch):
    pages = tmp_path / "pages"
    pages.mkdir()
    seeds = sorted(seeds_dir.glob("*.txt"))
    for i in range(12):  # enough pages for the worker processes (loading._workers)
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        (pages / f"{i:02d}.txt").write_text(text + f"\n本报讯 第{i}页。\n", encoding="utf-8")
    slow = str(pages / "08.txt")
    parse = loading._parse_file

    def slow_parse(path, known=None):
        if path == slow:
            time.sleep(3)  # a huge page: the workers are forked with this in place
        return parse(path, known)

    monkeypatch.setattr(loading, "_parse_file", slow_parse)
    monkeypatch.setattr(loading, "_workers", lambda n: 2)
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
