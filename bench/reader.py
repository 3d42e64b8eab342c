"""The reader's speed: from launch to the first filled screen, and from a search keystroke to the
list of its results.

    python bench/reader.py [--db bench/out/bench100k.db] [--runs 5]

Runs the app headless (Textual's run_test) in this process; medians of runs. Also the cost of
importing the app, which a real start pays before the first frame. A keystroke "settles" when the
list shows the first result and the total of the text typed so far (the 0.2 s typing pause
included, as a user waits for it).
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Typed one character at a time: frequent and rare, one to four characters.
TYPED = ["科技", "重庆", "志愿者", "乡村振兴"]


def _app(db: str):
    from tui.reader.app import CqdailyApp

    return CqdailyApp(db)


async def first_screen(db: str) -> float:
    from tui.reader.lists import ArticleList

    start = time.perf_counter()
    app = _app(db)
    async with app.run_test(size=(160, 45)) as pilot:
        while app.query_one(ArticleList).option_count == 0:
            await pilot.pause(0.005)
        took = time.perf_counter() - start
        # What the first list starts (read marks' counts, history, related stories) may run on;
        # let it finish outside the figure, so that it does not slow the next run.
        await pilot.pause(0.2)
        await app.workers.wait_for_complete()
    return took


def _expected(db: str, text: str) -> tuple[int | None, int]:
    from tui.db import query

    conn = query.connect(db)
    try:
        result = query.search(conn, text, limit=1)
    finally:
        conn.close()
    return (result.hits[0].id if result.hits else None), result.total


async def keystrokes(db: str) -> list[float]:
    """Seconds from each keystroke to its settled list."""
    from tui.reader.lists import ArticleList

    times = []
    app = _app(db)
    async with app.run_test(size=(160, 45)) as pilot:
        articles = app.query_one(ArticleList)
        while articles.option_count == 0:
            await pilot.pause(0.005)
        for word in TYPED:
            await pilot.press("slash")
            for k in range(1, len(word) + 1):
                first, total = _expected(db, word[:k])
                start = time.perf_counter()
                await pilot.press(word[k - 1])
                while not (_shows(app, articles, first, total)):
                    await pilot.pause(0.005)
                    if time.perf_counter() - start > 10:
                        raise RuntimeError(f"{word[:k]!r} did not settle")
                times.append(time.perf_counter() - start)
            await pilot.press("escape")
            await pilot.pause(0.3)
    return times


async def last_row(db: str) -> float:
    """Seconds from G on the whole list to its last article highlighted."""
    from tui.reader.lists import ArticleList

    app = _app(db)
    async with app.run_test(size=(160, 45)) as pilot:
        articles = app.query_one(ArticleList)
        while articles.option_count == 0:
            await pilot.pause(0.005)
        await pilot.pause(0.3)
        start = time.perf_counter()
        await pilot.press("G")
        while not str(app.query_one("#status").render()).startswith(f"article {articles.total}/"):
            await pilot.pause(0.005)
        return time.perf_counter() - start


def _shows(app, articles, first: int | None, total: int) -> bool:
    status = str(app.query_one("#status").render())
    head = articles.ids[0] if articles.option_count else None
    return head == first and f"{total} articles" in status.replace(" hits in ", " · ").replace("in ", "")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default=str(ROOT / "bench" / "out" / "bench100k.db"))
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    imports = []
    for _ in range(args.runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import tui.reader.app"], cwd=ROOT, check=True)
        imports.append(time.perf_counter() - t)
    times = [asyncio.run(first_screen(args.db)) for _ in range(args.runs)]
    keys = [t for _ in range(max(1, args.runs // 2)) for t in asyncio.run(keystrokes(args.db))]
    tails = [asyncio.run(last_row(args.db)) for _ in range(args.runs)]
    print(f"python + import tui.reader.app {statistics.median(imports) * 1000:.0f} ms median (a fresh process)")
    print(f"app start to filled list  {statistics.median(times) * 1000:.0f} ms median, runs: "
          + ", ".join(f"{t * 1000:.0f}" for t in times))
    print(f"search keystroke to settled list  {statistics.median(keys) * 1000:.0f} ms median, "
          f"max {max(keys) * 1000:.0f} ms, {len(keys)} keystrokes ({', '.join(TYPED)})")
    print(f"G to the last article of the whole list  {statistics.median(tails) * 1000:.0f} ms median")
    return 0


if __name__ == "__main__":
    sys.exit(main())
