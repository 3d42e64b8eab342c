"""Reader start-up: time from launching the app to its first screen with the article list filled.

    python bench/reader.py [--db bench/out/bench100k.db] [--runs 5]

Runs the app headless (Textual's run_test) in this process; median of runs. Also the cost of
importing the app, which a real start pays before the first frame.
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


async def first_screen(db: str) -> float:
    from tui.reader.app import CqdailyApp
    from tui.reader.lists import ArticleList

    start = time.perf_counter()
    app = CqdailyApp(db)
    async with app.run_test(size=(160, 45)) as pilot:
        while app.query_one(ArticleList).option_count == 0:
            await pilot.pause(0.005)
        took = time.perf_counter() - start
    return took


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
    print(f"python + import tui.reader.app {statistics.median(imports) * 1000:.0f} ms median (a fresh process)")
    print(f"app start to filled list  {statistics.median(times) * 1000:.0f} ms median, runs: "
          + ", ".join(f"{t * 1000:.0f}" for t in times))
    return 0


if __name__ == "__main__":
    sys.exit(main())
