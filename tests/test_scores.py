"""The loader against the gold files: the seed pages, the dev pages it was not written
against, and pages laid out anew from both gold sets at every column width (bench/pagegen)."""
from __future__ import annotations

from pathlib import Path

import pytest

from bench.genscore import score_dir, score_width
from bench.pagegen import load_gold
from tui.cli import main

from .conftest import SHARED

SCORE = SHARED / "tools" / "score.py"
GOLD = SHARED / "gold"
DEV = SHARED / "dev"
pytestmark = pytest.mark.skipif(not SCORE.exists(), reason="needs ../shared/tools/score.py")

# issue 11's bar: items, paragraphs, titles, districts, bylines, coverage
SEED_BAR = {"item_f1": 0.98, "para_f1": 0.97, "title": 0.95, "district": 0.97, "byline": 0.95, "coverage": 0.995}
DEV_BAR = {"item_f1": 0.97, "para_f1": 0.95, "title": 0.95, "district": 0.97, "byline": 0.90, "coverage": 0.995}
# Issue 11 asks 0.95 / 0.93 of generated pages; held at what the loader reaches now (lowest cell
# of seed 1: 0.983 / 0.953), so that a change that loses accuracy on unseen layouts shows.
GEN_BAR = {"item_f1": 0.97, "para_f1": 0.945}
GEN_PAGES = 16  # pages per column width, each of 4-7 gold articles
HOLD = Path(__file__).resolve().parent / "holdout"  # pages written apart from the loader (README there)
# What the loader reaches on them (h01-h06 first scored at items 0.984, paragraphs 0.911, titles
# 0.933; k01-k05, written later, at items 1.0, paragraphs 0.961, titles 0.964).
HOLD_BAR = {"item_f1": 0.98, "para_f1": 0.97, "title": 0.94, "district": 0.97, "byline": 0.97, "coverage": 0.995}


def _short_of(score: dict, bar: dict) -> dict:
    return {k: (score[k], v) for k, v in bar.items() if score[k] < v}


def test_seed_pages_meet_the_bar(seeds_dir, tmp_path):
    db = tmp_path / "s.db"
    assert main(["load", str(seeds_dir), "--db", str(db), "-q"]) == 0
    assert _short_of(score_dir(db, GOLD, SHARED), SEED_BAR) == {}


@pytest.mark.skipif(not (DEV / "pages").is_dir(), reason="needs ../shared/dev")
def test_dev_pages_meet_the_bar(tmp_path):
    db = tmp_path / "d.db"
    assert main(["load", str(DEV / "pages"), "--db", str(db), "-q"]) == 0
    assert _short_of(score_dir(db, DEV / "gold", SHARED), DEV_BAR) == {}


def test_hold_out_pages_meet_the_bar(tmp_path):
    """Pages written from the real ones by someone who had not read the loader: two set flush
    (no first-line indent), where the loader took every full first line for a continuation
    and a full line over a shorter one for a headline."""
    db = tmp_path / "h.db"
    assert main(["load", str(HOLD / "pages"), "--db", str(db), "-q"]) == 0
    assert _short_of(score_dir(db, HOLD / "gold", SHARED), HOLD_BAR) == {}


@pytest.fixture(scope="module")
def golds():
    return load_gold(GOLD, DEV / "gold")


@pytest.mark.parametrize("col", range(10, 26))
def test_generated_pages_at_every_width(col, golds, tmp_path):
    """Gold articles laid out anew with every artifact of the pages (bench/pagegen.py),
    nothing drawn filtered out afterwards."""
    assert _short_of(score_width(golds, col, GEN_PAGES, 1, tmp_path, SHARED), GEN_BAR) == {}
