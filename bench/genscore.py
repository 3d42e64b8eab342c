"""Score the loader on pages from bench/pagegen.py with the shared scorer (../shared/tools/score.py)."""
from __future__ import annotations

import collections
import importlib.util
import json
from pathlib import Path


def scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def score_dir(db: Path, gold_dir: Path, shared: Path) -> dict:
    """The scorer's totals for a loaded database against a folder of gold files."""
    mod = scorer(shared)
    outputs = mod.load_output(db)
    total: collections.Counter = collections.Counter()
    for f in sorted(gold_dir.glob("*.json")):
        gold = json.loads(f.read_text(encoding="utf-8"))
        stats = mod.score_page(gold, outputs.get(gold["source"], []))
        stats.pop("misses")
        total.update(stats)
    return mod.summarise(total)


def score_width(golds: list[dict], col: int, n_pages: int, seed: int, tmp: Path, shared: Path) -> dict:
    """Lay out n_pages pages at one column width, load them, score them."""
    from bench.pagegen import write_pages
    from tui.loading import load

    pages, gold = tmp / "pages", tmp / "gold"
    pages.mkdir()
    gold.mkdir()
    write_pages(golds, col, n_pages, seed, pages, gold)
    db = tmp / "gen.db"
    results = load([str(pages)], str(db))
    failed = [r for r in results if not r.ok]
    if failed:
        raise RuntimeError(f"pages failed to load: {failed}")
    return score_dir(db, gold, shared)
