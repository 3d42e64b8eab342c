"""Load speed: pages/s and MB/s through `cqdaily load`, keywords included; median of runs.

    python bench/load.py [--pages 300] [--runs 3] [--articles-per-page 6] [--dir DIR]

Pages are made by bench/corpus.py (the seeds' sentences re-laid out in their broken layouts),
unless --dir names a folder of pages already made (for the 100,000-article corpus).
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_pages(out: Path, pages: int, per_page: int, seed: int = 7) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "corpus.py"), "--articles", str(pages * per_page),
         "--per-page", str(per_page), "--out", str(out), "--seed", str(seed)],
        check=True, stdout=subprocess.DEVNULL,
    )


def run_once(pages_dir: Path, db: Path) -> tuple[float, float]:
    """Wall-clock seconds of one whole `cqdaily load`, and the CPU seconds (user + system) it and
    its worker processes used: on a shared machine the CPU time says more than the clock."""
    for suffix in ("", "-wal", "-shm"):
        try:
            os.remove(f"{db}{suffix}")
        except FileNotFoundError:
            pass
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "tui", "load", str(pages_dir), "--db", str(db), "--quiet"],
        check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=300)
    # 6 articles make pages of about 19 KB, like the seeds (20 KB on average); 8 make 25 KB.
    ap.add_argument("--articles-per-page", type=int, default=6)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--dir", type=Path, help="load these pages instead of making new ones")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        pages_dir = args.dir or Path(tmp) / "pages"
        if args.dir is None:
            make_pages(pages_dir, args.pages, args.articles_per_page)
        files = list(pages_dir.rglob("*.txt"))
        size = sum(f.stat().st_size for f in files)
        db = Path(tmp) / "bench.db"
        runs = [run_once(pages_dir, db) for _ in range(args.runs)]
        times, cpus = [w for w, _ in runs], [c for _, c in runs]
        med = statistics.median(times)
        db_size = sum(os.path.getsize(f"{db}{s}") for s in ("", "-wal") if os.path.exists(f"{db}{s}"))
        text_chars = 0
        import sqlite3

        con = sqlite3.connect(db)
        articles, text_chars = con.execute("SELECT COUNT(*), SUM(LENGTH(body)) FROM articles").fetchone()
        con.close()
    seeds = list((ROOT / "seeds").glob("*.txt"))
    seed_kb = sum(f.stat().st_size for f in seeds) / max(len(seeds), 1) / 1e3
    print(f"pages           {len(files)}  ({size / 1e6:.2f} MB, {articles} articles, {text_chars:,} chars)")
    print(f"page size       {size / len(files) / 1e3:.1f} KB on average (the seed pages: {seed_kb:.1f} KB)")
    print(f"runs            {', '.join(f'{t:.2f}s' for t in times)}  (whole `cqdaily load` processes)")
    print(f"median          {med:.2f} s")
    print(f"pages/s         {len(files) / med:.1f}")
    print(f"MB/s            {size / 1e6 / med:.2f}")
    print(f"CPU (all procs) {', '.join(f'{c:.2f}s' for c in cpus)}; median {statistics.median(cpus):.2f} s, "
          f"{1e3 * statistics.median(cpus) / len(files):.1f} ms a page")
    print(f"load average    {os.getloadavg()[0]:.1f} (other work on the machine slows the clock figures)")
    print(f"database        {db_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
