"""The archive features on a large database: unread counts, related stories, pinyin search,
editions, date-range search, and `cqdaily export`.

    python bench/archive.py --db /tmp/bench100k.db [--runs 7] [--export-out /tmp/x.jsonl]

Writes read marks into the database's user_reads table (use a copy made for benchmarks): 10% of
the articles read, then all of them. Prints medians (and p95 where there are many samples) of
in-process calls, and the time and peak memory of whole `cqdaily export` processes.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.db import editions, query, related  # noqa: E402
from tui.db.userstate import UserState  # noqa: E402

PINYIN = ["chongqing", "keji", "kjcx", "bishan", "xiangcunzhenxing", "ke ji chuang xin", "zhengzhi", "cq"]


def timed(fn, runs: int) -> tuple[float, float, object]:
    """(median ms, p95 ms, last result) of runs calls."""
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))], out


def line(name: str, med: float, p95: float | None = None, extra: str = "") -> None:
    tail = f" / p95 {p95:7.1f}" if p95 is not None else ""
    print(f"  {name:<46} {med:7.1f} ms{tail}  {extra}")


def bench_unread(db: str, runs: int) -> None:
    us = UserState(db)
    ids = [r[0] for r in us.conn.execute("SELECT id FROM articles")]
    us.set_read(ids, False)
    for share in (0.1, 1.0):
        t = time.perf_counter()
        us.set_read(random.Random(1).sample(ids, int(len(ids) * share)))
        took = (time.perf_counter() - t) * 1000
        print(f"unread counts, {int(share * 100)}% of {len(ids):,} articles read (marking them: {took:.0f} ms):")
        year = max(y for y in us.counts_by_year() if y)
        day = max(d for d in us.counts_by_day(year) if d)
        for name, fn in (("by district", us.counts_by_district), ("by year", us.counts_by_year),
                         (f"by day of {year}", lambda: us.counts_by_day(year)),
                         (f"by page of {day}", lambda: us.counts_by_page(day)),
                         ("by (date, page), every page of the archive", us.counts_by_edition),
                         ("all", us.unread_total)):
            med, p95, _ = timed(fn, runs)
            line(name, med, p95)
        med, p95, _ = timed(lambda: us.read_ids(ids[:1000]), runs)
        line("read marks of a page of 1,000 rows", med, p95)
        med, p95, _ = timed(lambda: us.unread_rows(limit=1000), runs)
        line("first 1,000 unread rows", med, p95)
    us.set_read(ids, False)


def bench_related(conn, runs: int) -> None:
    ids = [r[0] for r in conn.execute("SELECT id FROM articles")]
    sample = random.Random(2).sample(ids, min(200, len(ids)))
    times = []
    for art_id in sample:
        t = time.perf_counter()
        related.related(conn, art_id)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    print(f"related stories ({len(sample)} random articles):")
    line("related()", statistics.median(times), times[int(len(times) * 0.95)])


def bench_pinyin(conn, runs: int) -> None:
    print("pinyin search (first 50 + total):")
    for q in PINYIN:
        med, p95, res = timed(lambda: query.search(conn, q, counts=False), runs)
        line(repr(q), med, p95, f"{res.total:,} articles, read as {res.pinyin!r}")


def bench_dates(conn, runs: int) -> None:
    print("editions and dates:")
    med, p95, tree = timed(lambda: editions.tree(conn), runs)
    line("edition tree (years, dates, pages, counts)", med, p95, f"{sum(len(y.days) for y in tree)} days")
    day = tree[0].days[len(tree[0].days) // 2].date
    med, p95, items = timed(lambda: editions.items(conn, day), runs)
    line("one edition's items in page order", med, p95, f"{len(items)} items")
    med, p95, _ = timed(lambda: editions.adjacent(conn, day, -1), runs)
    line("previous edition", med, p95)
    month = day[:7]
    for q in (f"创新 date:{month}", f"date:{month}", f"重庆 date:{day}"):
        med, p95, res = timed(lambda: query.search(conn, q), runs)
        line(f"search {q!r}", med, p95, f"{res.total:,} articles")


def bench_export(db: str, out: str, runs: int) -> None:
    print("cqdaily export --format jsonl (whole processes):")
    for label, extra in (("all articles", []), ("one month", ["--since", "2021-01", "--until", "2021-01"])):
        times, peaks, size = [], [], 0
        for _ in range(runs):
            if os.path.exists(out):
                os.remove(out)
            t = time.perf_counter()
            proc = subprocess.Popen([sys.executable, "-m", "tui", "export", "--db", db, "--format", "jsonl",
                                     "-o", out, *extra], cwd=ROOT, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak memory
            times.append(time.perf_counter() - t)
            assert status == 0, status
            peaks.append(usage.ru_maxrss)
            size = os.path.getsize(out)
        n = sum(1 for _ in open(out, encoding="utf-8"))
        print(f"  {label:<46} {statistics.median(times):7.2f} s   peak RSS {max(peaks) / 1024:6.1f} MB  "
              f"({n:,} articles, {size / 1e6:.0f} MB)")
    os.remove(out)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--export-out", default="/tmp/cqdaily-bench-export.jsonl")
    ap.add_argument("--skip-export", action="store_true")
    args = ap.parse_args()
    conn = query.connect(args.db)
    n = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    print(f"{args.db}: {n:,} articles; medians of {args.runs} runs")
    bench_unread(args.db, args.runs)
    bench_related(conn, args.runs)
    bench_pinyin(conn, args.runs)
    bench_dates(conn, args.runs)
    if not args.skip_export:
        bench_export(args.db, args.export_out, 3)
    return 0


if __name__ == "__main__":
    sys.exit(main())
