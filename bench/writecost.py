"""What the archive features add to the writer, the loader's bottleneck: milliseconds per page
to store parsed pages, with and without their load-time work (stable keys are always made;
the keyword postings and pinyin trigrams written once at the end, as `cqdaily load` does).

    python bench/writecost.py --dir PAGES [--pages 150] [--runs 7]

Pages are parsed first (parsing runs in worker processes in a real load); then each variant
stores all of them into a fresh database, the variants interleaved run after run; medians.
Also the title pinyin that prepare() makes on the worker side.
"""
from __future__ import annotations

import argparse
import glob
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui import loading  # noqa: E402
from tui.db import derived, files, pinyin, store  # noqa: E402

VARIANTS = {
    "without the archive features": (["articles_derived_ad", "articles_pinyin_ad"], True),
    "with them (as loaded)": ([], False),
}


def store_all(parsed, path: str, drop: list[str], no_pinyin: bool) -> float:
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    db = files.open_db(path)
    for trigger in drop:
        db.conn.execute(f"DROP TRIGGER {trigger}")
    keep = derived.index_pinyin_many
    if no_pinyin:
        derived.index_pinyin_many = lambda *a, **k: None
    try:
        start = time.perf_counter()
        for p in parsed:
            store.save_page(db, p.record, p.articles, p.counts)
        if not no_pinyin:  # postings and trigrams, once at the end of the load
            derived.catch_up(db.conn)
        return (time.perf_counter() - start) / len(parsed) * 1000
    finally:
        derived.index_pinyin_many = keep
        db.conn.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True, help="a folder of page files (bench/corpus.py makes them)")
    ap.add_argument("--pages", type=int, default=150)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    parsed = [loading._parse_file(p) for p in sorted(glob.glob(os.path.join(args.dir, "*.txt")))[:args.pages]]
    start = time.perf_counter()
    titles = sum(len(pinyin.title_tokens(a.title) or [0]) and 1 for p in parsed for a in p.articles)
    print(f"title pinyin on the worker side: {(time.perf_counter() - start) / len(parsed) * 1000:.2f} ms a page "
          f"({titles / len(parsed):.1f} titles)")
    times: dict[str, list[float]] = {k: [] for k in VARIANTS}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.runs):
            for name, (drop, no_pinyin) in VARIANTS.items():
                times[name].append(store_all(parsed, os.path.join(tmp, "w.db"), drop, no_pinyin))
    print(f"writer, {len(parsed)} pages, medians of {args.runs} interleaved runs:")
    for name, t in times.items():
        print(f"  {name:<40} {statistics.median(t):6.2f} ms a page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
