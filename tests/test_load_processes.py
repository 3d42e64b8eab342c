"""The loader's processes over time: pages reported while a slow page is parsed, a worker that
dies, another connection writing meanwhile, workers ending with a killed loader."""
from __future__ import annotations

import os
import sqlite3
import sys
import time

import pytest

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


def test_pages_load_while_another_connection_keeps_writing(seeds_dir, tmp_path):
    """The reader writes read marks while a load runs (another connection, small write
    transactions): no page fails with 'database is locked'. A batch takes the write lock when it
    begins and waits for it (busy timeout); begun deferred, its first write after a read failed at
    once when the other connection had committed in between (a race: this test caught it in about
    one run of four; test_batch_writes checks the lock itself). What counts here is that the other
    connection wrote while the load ran, however fast the machine is, not how often."""
    import threading

    from tui.db import files

    paths = _pages(seeds_dir, tmp_path / "pages", 16)
    db = str(tmp_path / "w.db")
    files.open_db(db).conn.close()
    stop = threading.Event()
    loading_now = threading.Event()
    writes = []
    during = []

    def keep_writing():
        con = sqlite3.connect(db, timeout=10)
        while not stop.is_set():
            with con:
                con.execute("INSERT OR REPLACE INTO user_reads (ukey, at) VALUES (?, julianday('now'))", [len(writes) % 50])
            writes.append(1)
            if loading_now.is_set():
                during.append(1)
            time.sleep(0.002)
        con.close()

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        while not writes:
            time.sleep(0.001)
        loading_now.set()
        results = loading.load(paths, db)
        loading_now.clear()
    finally:
        stop.set()
        writer.join()
    assert during, "the other connection never wrote while the load ran"
    assert [r.reason for r in results if not r.ok] == []
    assert len(results) == 16


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_workers_end_when_the_loader_is_killed(tmp_path):
    """kill -9 of `cqdaily load`: its worker processes end too (left running, they held the
    loader's output pipe open and went on parsing)."""
    import signal
    import subprocess

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    pages = tmp_path / "pages"
    subprocess.run([sys.executable, os.path.join(root, "bench", "corpus.py"), "--articles", "600",
                    "--per-page", "6", "--out", str(pages), "--seed", "4"], check=True, stdout=subprocess.DEVNULL)
    db = str(tmp_path / "k.db")
    proc = subprocess.Popen([sys.executable, "-m", "tui", "load", str(pages), "--db", db, "-q"], cwd=root,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

    def children() -> set[int]:
        found = set()
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as f:
                        fields = f.read().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == proc.pid:
                    found.add(int(entry))
        return found

    deadline = time.time() + 60
    kids: set[int] = set()
    while time.time() < deadline and len(kids) < 2:
        time.sleep(0.05)
        kids = children()
    assert kids, "the load was to start worker processes"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 10
    while time.time() < deadline and any(os.path.exists(f"/proc/{k}") and _alive(k) for k in kids):
        time.sleep(0.05)
    assert not any(os.path.exists(f"/proc/{k}") and _alive(k) for k in kids)


def _alive(pid: int) -> bool:
    """Running, not a zombie waiting to be reaped (its parent is gone: init reaps it)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_ctrl_c_does_not_wait_for_a_huge_page(seeds_dir, tmp_path, monkeypatch):
    """Ctrl-C while a worker parses a page that takes long (a 50 MB page takes a minute): the
    load stops at once, the pages stored before it kept, the worker ended."""
    import signal
    import threading

    paths = _pages(seeds_dir, tmp_path / "pages", 12)
    slow = paths[9]
    parse = loading._parse_file

    def slow_parse(path, known=None):
        if path == slow:
            time.sleep(60)
        return parse(path, known)

    monkeypatch.setattr(loading, "_parse_file", slow_parse)
    monkeypatch.setattr(workers, "count", lambda n: 2)
    seen = []

    def on_page(r):
        seen.append(r)
        if len(seen) == 8:  # the pages before the slow one's task are in: Ctrl-C soon after
            threading.Timer(0.5, os.kill, [os.getpid(), signal.SIGINT]).start()

    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        loading.load(paths, str(tmp_path / "h.db"), on_page=on_page)
    assert time.monotonic() - start < 20
    assert [r.path for r in seen][:8] == paths[:8] and all(r.ok for r in seen)
