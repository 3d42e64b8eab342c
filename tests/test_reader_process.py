"""Issue 10: the reader never runs the loader in its own process. Importing it pulls in neither
jieba nor rjieba nor the parser; reloading the seeds runs `cqdaily load` as a child process."""
from __future__ import annotations

import subprocess
import sys

from tui.reader import reload
from tui.reader.app import CqdailyApp

from .reader_helpers import ROOT, count, notices, settle, status

HEAVY = "m in ('jieba', 'rjieba', 'tui.loading') or m.startswith(('jieba.', 'tui.parse'))"


def test_importing_the_reader_loads_no_parser():
    code = f"import sys, tui.reader.app; print(sorted(m for m in sys.modules if {HEAVY}))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_reload_command_is_cqdaily_load(tmp_path):
    cmd = reload.load_command(tmp_path, "x.db")
    assert cmd[:4] == [sys.executable, "-m", "tui", "load"] and cmd[-3:] == ["--db", "x.db", "--force"]


async def test_reload_seeds_in_a_child_process(seed_copy, tmp_path, monkeypatch):
    from tui.cli import main

    db = str(tmp_path / "reload.db")
    assert main(["load", str(seed_copy), "--db", db, "-q"]) == 0
    monkeypatch.setattr(reload, "seeds_dir", lambda: seed_copy)
    monkeypatch.setattr(reload, "default_db", lambda: db)
    started = []
    real_popen = subprocess.Popen

    def popen(cmd, *args, **kwargs):
        started.append(cmd)
        return real_popen(cmd, *args, **kwargs)

    monkeypatch.setattr(reload.subprocess, "Popen", popen)
    before = count(db, "SELECT MAX(loaded_at) FROM pages")
    pages = len(list(seed_copy.glob("*.txt")))
    app = CqdailyApp(db, lang="en")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"Reload the seed", "enter")
        for _ in range(100):
            await pilot.pause(0.2)
            if f"Reloaded {pages} seed pages" in notices(app):
                break
        assert f"Reloaded {pages} seed pages" in notices(app)
        await settle(pilot)
        assert "reloading" not in status(app)
    assert started and started[0][1:4] == ["-m", "tui", "load"]
    assert count(db, "SELECT COUNT(*) FROM pages WHERE loaded_at >= ?", before) == pages

