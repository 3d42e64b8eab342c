"""Data safety soak: the pages a user loads, no more, no fewer, through load, rebuild and reader.

    python bench/safety.py [--pages 200] [--per-folder 10]

Makes pages with bench/corpus.py and lays them out as archives are, by date, so that base names
repeat (2020-01-01/01.txt, 2020-01-02/01.txt, …); adds one identical copy under another path.
Then, with `cqdaily` processes started from different folders: load them with a relative path,
load again (unchanged), load the copy (a duplicate), rebuild from another folder, and open the
reader with --db (Textual's run_test, through the real command line). Prints page and article
counts after every step, and exits 1 unless they are identical to the first.
"""
from __future__ import annotations

import argparse
import asyncio
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def make_archive(out: Path, pages: int, per_folder: int) -> None:
    flat = out.parent / "flat"
    subprocess.run([sys.executable, str(ROOT / "bench" / "corpus.py"), "--articles", str(pages * 6),
                    "--per-page", "6", "--out", str(flat), "--seed", "9"], check=True, stdout=subprocess.DEVNULL)
    for i, f in enumerate(sorted(flat.rglob("*.txt"))[:pages]):
        folder = out / (date(2020, 1, 1) + timedelta(days=i // per_folder)).isoformat()
        folder.mkdir(parents=True, exist_ok=True)
        shutil.move(str(f), folder / f"{i % per_folder + 1:02d}.txt")
    shutil.rmtree(flat)


def counts(db: Path) -> tuple[int, int]:
    con = sqlite3.connect(db)
    try:
        return (con.execute("SELECT COUNT(*) FROM pages").fetchone()[0],
                con.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    finally:
        con.close()


def cqdaily(cwd: Path, *argv: str) -> tuple[int, str]:
    r = subprocess.run([sys.executable, "-m", "tui", *argv], cwd=cwd, capture_output=True, text=True,
                       env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    return r.returncode, (r.stdout + r.stderr).strip().splitlines()[-1] if (r.stdout + r.stderr).strip() else ""


def open_reader(db: Path) -> int:
    """`cqdaily --db DB` as typed, the screen run headless; the articles the list offers."""
    import tui.reader.app as app
    from tui.cli import main
    from tui.reader.lists import ArticleList

    shown: list[int] = []

    async def headless(db_path: str, *args) -> int:
        reader = app.CqdailyApp(db_path, *args)
        async with reader.run_test(size=(160, 45)) as pilot:
            await pilot.pause(0.5)
            await reader.workers.wait_for_complete()
            await pilot.pause(0.2)
            listing = reader.main.listing
            shown.append(listing.total if listing and listing.total else reader.query_one(ArticleList).option_count)
        return 0

    app.run_app = lambda db_path, *args, **kw: asyncio.run(headless(db_path, *args))
    code = main(["--db", str(db)])
    return shown[0] if code == 0 and shown else -1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--per-folder", type=int, default=10, help="pages per dated folder (01.txt … NN.txt)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cqdaily-safety-") as tmp:
        tmp = Path(tmp)
        archive, other = tmp / "work" / "archive", tmp / "elsewhere"
        make_archive(archive, args.pages, args.per_folder)
        other.mkdir()
        shutil.copy(next(archive.rglob("01.txt")), tmp / "work" / "copy-of-01.txt")
        db = tmp / "archive.db"
        steps = [
            ("load archive/ (relative path)", lambda: cqdaily(tmp / "work", "load", "archive", "--db", str(db), "-q")),
            ("load again: unchanged", lambda: cqdaily(tmp / "work", "load", "archive", "--db", str(db), "-q")),
            ("load an identical copy", lambda: cqdaily(tmp / "work", "load", "copy-of-01.txt", "--db", str(db), "-q")),
            ("load --rebuild from elsewhere", lambda: cqdaily(other, "load", "--rebuild", "--db", str(db), "-q")),
            ("cqdaily --db (reader)", lambda: (0, f"the list offers {open_reader(db):,} articles")),
        ]
        first, ok = None, True
        print(f"{'step':32} {'exit':>4} {'pages':>6} {'articles':>8} {'s':>6}  last line")
        for name, run in steps:
            t = time.perf_counter()
            code, line = run()
            took = time.perf_counter() - t
            now = counts(db)
            first = first or now
            ok &= code == 0 and now == first and now[0] == args.pages
            print(f"{name:32} {code:>4} {now[0]:>6,} {now[1]:>8,} {took:>6.1f}  {line}")
        shown = open_reader(db)
        ok &= shown == first[1]
        print(f"\n{'identical at every step' if ok else 'COUNTS DIFFER'}: {first[0]:,} pages "
              f"({args.pages // args.per_folder} dated folders, {args.per_folder} base names), {first[1]:,} articles")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
