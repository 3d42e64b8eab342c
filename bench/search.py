"""Search speed and exactness on a large database, against a scan and against grep.

    python bench/search.py --db bench/out/bench100k.db --pages bench/out/pages100k [--runs 5]

Prints, for 1-, 2-, 3-, 4- and 6-character queries (frequent and rare): p50/p95 in process
(first page of 50 results and the total article count) and as whole `cqdaily search`
processes; misses and false hits against a plain `q in text` scan of every article (target 0);
grep's time over the raw page files and the occurrences it misses where a line break or a
justification space falls inside the word; the index's size against the text's; and the reader's
start-up queries (district counts, the first screen's list).
"""
from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.db import query  # noqa: E402

LENGTHS = (1, 2, 3, 4, 6)


def pick_queries(texts: list[str], rng: random.Random, per_length: int = 6) -> dict[int, list[str]]:
    """Half frequent (most common n-grams of CJK characters), half rare (random substrings)."""
    sample = rng.sample(texts, min(3000, len(texts)))
    out = {}
    for n in LENGTHS:
        grams = Counter(
            t[i : i + n] for t in sample for i in range(0, len(t) - n, 7)
            if all("\u4e00" <= c <= "\u9fff" for c in t[i : i + n])
        )
        frequent = [g for g, _ in grams.most_common(per_length // 2)]
        rare = []
        while len(rare) < per_length - len(frequent):
            t = rng.choice(texts)
            if len(t) > n:
                i = rng.randrange(len(t) - n)
                g = t[i : i + n]
                if g.strip() and "\n" not in g and g not in rare:
                    rare.append(g)
        out[n] = frequent + rare
    return out


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "bench100k.db")
    ap.add_argument("--pages", type=Path, default=ROOT / "bench" / "out" / "pages100k")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)

    raw = sqlite3.connect(args.db)
    rows = raw.execute("SELECT id, title, subtitle, body FROM articles").fetchall()
    texts = [r[3] for r in rows]
    n_chars = sum(len(r[3]) + len(r[1] or "") + len(r[2] or "") for r in rows)
    print(f"database        {args.db} — {len(rows):,} articles, {n_chars / 1e6:.1f} M characters")

    # Index size against the text.
    sizes = dict(raw.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name").fetchall())
    fts = sum(v for k, v in sizes.items() if k.startswith(("articles_chars", "articles_pairs")))
    text_bytes = raw.execute(
        "SELECT SUM(LENGTH(CAST(body AS BLOB)) + COALESCE(LENGTH(CAST(title AS BLOB)), 0)"
        " + COALESCE(LENGTH(CAST(subtitle AS BLOB)), 0)) FROM articles"
    ).fetchone()[0]
    print(f"index size      {fts / 1e6:.0f} MB for {text_bytes / 1e6:.0f} MB of text (UTF-8): {fts / text_bytes:.2f}x")

    conn = query.connect(str(args.db))
    queries = pick_queries(texts, rng)

    # Reader start-up queries.
    t = []
    for _ in range(args.runs):
        s = time.perf_counter()
        query.district_counts(conn)
        t.append(time.perf_counter() - s)
    print(f"district counts {statistics.median(t) * 1000:.1f} ms median")
    t = []
    for _ in range(args.runs):
        s = time.perf_counter()
        query.rows(conn, limit=200)
        t.append(time.perf_counter() - s)
    print(f"first list page {statistics.median(t) * 1000:.1f} ms median (200 rows)")

    # Exactness against a scan of every article.
    print("\nlength  queries  in-process p50/p95 ms  process p50 ms  misses  false hits  articles (min-max)")
    all_in, all_proc = [], []
    index_texts = [(r[0], (r[1] or "", r[2] or "", r[3])) for r in rows]
    for n, qs in queries.items():
        times, proc_times, misses, false_hits, sizes_ = [], [], 0, 0, []
        for q in qs:
            for _ in range(args.runs):
                s = time.perf_counter()
                res = query.search(conn, q, limit=50, counts=False)
                times.append(time.perf_counter() - s)
            full = query.search(conn, q, limit=10**7, counts=False)
            got = {h.id for h in full.hits}
            want = {i for i, fields in index_texts if any(q.casefold() in f.casefold() for f in fields)}
            misses += len(want - got)
            false_hits += len(got - want)
            sizes_.append(res.total)
            for _ in range(max(1, args.runs // 2)):
                s = time.perf_counter()
                subprocess.run([sys.executable, "-m", "tui", "search", q, "--db", str(args.db), "--limit", "50"],
                               cwd=ROOT, stdout=subprocess.DEVNULL, check=True)
                proc_times.append(time.perf_counter() - s)
        all_in += times
        all_proc += proc_times
        print(f"{n:>6}  {len(qs):>7}  {pct(times, .5) * 1000:>9.1f} / {pct(times, .95) * 1000:<9.1f}"
              f"  {statistics.median(proc_times) * 1000:>13.0f}  {misses:>6}  {false_hits:>10}  "
              f"{min(sizes_):,}-{max(sizes_):,}")
    print(f"{'all':>6}  {'':>7}  {pct(all_in, .5) * 1000:>9.1f} / {pct(all_in, .95) * 1000:<9.1f}"
          f"  {statistics.median(all_proc) * 1000:>13.0f}")

    # grep over the raw pages: its time, and what it misses at line breaks.
    if args.pages.is_dir():
        print("\ngrep -o -F over the raw page files (occurrences):")
        print("query        grep ms   grep finds   in articles   missed by grep")
        for q in [queries[2][0], queries[3][0], queries[4][0], queries[6][0]]:
            s = time.perf_counter()
            out = subprocess.run(["grep", "-r", "-o", "-F", q, str(args.pages)], capture_output=True, text=True)
            took = time.perf_counter() - s
            grep_n = out.stdout.count("\n")
            real = sum(f.count(q) for _, fields in index_texts for f in fields)
            print(f"{q:<10} {took * 1000:>8.0f}   {grep_n:>10,}   {real:>11,}   {real - grep_n:>14,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
