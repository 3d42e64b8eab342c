"""Soak: load 2,000 pages while another process searches every 100 ms; errors and latency.

    python bench/soak.py [--pages 2000] [--big-mb 50]

Prints the errors the searching process saw (target 0: no "database is locked", no exception),
its search latency p50/p95 during the load, and the load's own time. With --big-mb it then
loads one page of that many megabytes and prints how long it took.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEARCHER = r"""
import json, sqlite3, sys, time
sys.path.insert(0, sys.argv[3])
from tui.db import query
db, stop_file = sys.argv[1], sys.argv[2]
words = ["创新", "区", "璧山", "科技创新", "融媒体中心", "2021", "、新", "R&D"]
errors, times, i = [], [], 0
while True:
    try:
        conn = query.connect(db)
        t = time.perf_counter()
        query.search(conn, words[i % len(words)], limit=50, counts=False)
        times.append(time.perf_counter() - t)
        conn.close()
    except Exception as err:
        errors.append(f"{type(err).__name__}: {err}")
    i += 1
    import os
    if os.path.exists(stop_file):
        break
    time.sleep(0.1)
print(json.dumps({"errors": errors, "times": times}))
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--big-mb", type=int, default=0, help="also load one page this large")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        pages = tmp / "pages"
        subprocess.run([sys.executable, str(ROOT / "bench" / "corpus.py"), "--articles", str(args.pages * 8),
                        "--out", str(pages), "--seed", "11"], check=True, stdout=subprocess.DEVNULL)
        db = tmp / "soak.db"
        # A small database first, so that the searcher has something to read from the start.
        subprocess.run([sys.executable, "-m", "tui", "load", str(ROOT / "seeds"), "--db", str(db), "-q"],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        stop = tmp / "stop"
        searcher = subprocess.Popen([sys.executable, "-c", SEARCHER, str(db), str(stop), str(ROOT)],
                                    stdout=subprocess.PIPE, text=True)
        t = time.perf_counter()
        load = subprocess.run([sys.executable, "-m", "tui", "load", str(pages), "--db", str(db), "-q"],
                              cwd=ROOT, capture_output=True, text=True)
        took = time.perf_counter() - t
        stop.write_text("")
        out, _ = searcher.communicate(timeout=60)
        result = json.loads(out)
        times = sorted(result["times"])
        print(f"load            {args.pages} pages in {took:.1f} s ({args.pages / took:.0f} pages/s), exit {load.returncode}")
        if load.returncode:
            print("load stderr     " + load.stderr.strip().replace("\n", "\n                "))
        print(f"searches        {len(times)} during the load, one every 100 ms")
        print(f"errors seen     {len(result['errors'])}" + (f": {result['errors'][:3]}" if result["errors"] else ""))
        if times:
            p95 = times[min(len(times) - 1, int(0.95 * (len(times) - 1)))]
            print(f"search latency  p50 {statistics.median(times) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms")
        if args.big_mb:
            seed = (ROOT / "seeds" / "000_6dd89e3262396e08.txt").read_bytes()
            big = tmp / "big.txt"
            big.write_bytes(seed * (args.big_mb * 1_000_000 // len(seed) + 1))
            t = time.perf_counter()
            r = subprocess.run([sys.executable, "-m", "tui", "load", str(big), "--db", str(tmp / "big.db")],
                               cwd=ROOT, capture_output=True, text=True)
            print(f"big page        {big.stat().st_size / 1e6:.0f} MB in {time.perf_counter() - t:.0f} s: "
                  f"{(r.stdout + r.stderr).strip().splitlines()[-1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
