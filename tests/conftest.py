"""Shared fixtures: the seed pages, a fresh database path, the gold files when shared/ is beside us."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# CI draws the same examples every run (a failure there is the code's, not the draw's); a
# developer's run draws new ones, and Hypothesis keeps any failure it finds in .hypothesis/.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# The shared test data sits beside the repository (CI); CQDAILY_SHARED points elsewhere.
SHARED = Path(os.environ.get("CQDAILY_SHARED") or ROOT.parent / "shared")


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def db_path(tmp_path) -> str:
    return str(tmp_path / "test.db")


@pytest.fixture
def seed_copy(tmp_path) -> Path:
    out = tmp_path / "seeds"
    shutil.copytree(SEEDS, out)
    return out


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory) -> str:
    """A database loaded from the seed pages, shared by the tests that only read it."""
    from tui.cli import main

    path = str(tmp_path_factory.mktemp("seeded") / "seeded.db")
    assert main(["load", str(SEEDS), "--db", path, "-q"]) == 0
    return path
