"""Screen snapshots on a small hand-made database (tests/fixtures/reader_db.py), at 80x24 and
200x50, in English and Chinese: the main screen, a search, the help screen."""
from __future__ import annotations

import pytest

from tui.reader import marking
from tui.reader.app import CqdailyApp

from .fixtures.reader_db import build

SMALL, LARGE = (80, 24), (200, 50)


@pytest.fixture(autouse=True)
def no_read_marks(monkeypatch):
    """Nothing counts as read while a picture is taken: every row shows as unread, whatever the
    machine's speed."""
    monkeypatch.setattr(marking, "READ_AFTER", 1e9)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return build(str(tmp_path_factory.mktemp("fixture") / "fixture.db"))


async def _settle(pilot):
    for _ in range(2):
        await pilot.pause(0.3)
        await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.1)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "200x50"])
def test_main_screen(snap_compare, db, lang, size):
    assert snap_compare(CqdailyApp(db, lang), terminal_size=size, run_before=_settle)


@pytest.mark.parametrize("lang,size", [("en", LARGE), ("zh", SMALL)], ids=["en-200x50", "zh-80x24"])
def test_search_screen(snap_compare, db, lang, size):
    async def search(pilot):
        await _settle(pilot)
        await pilot.press("slash", *"科技", "enter")
        await _settle(pilot)
        await pilot.press("n")
        await _settle(pilot)  # the related stories come from a worker

    assert snap_compare(CqdailyApp(db, lang), terminal_size=size, run_before=search)


@pytest.mark.parametrize("lang,size", [("en", SMALL), ("zh", LARGE)], ids=["en-80x24", "zh-200x50"])
def test_help_screen(snap_compare, db, lang, size):
    async def help_(pilot):
        await _settle(pilot)
        pilot.app.db_path = "/srv/news/cqdaily.db"  # the help names it; the fixture's own folder is random
        await pilot.press("question_mark")
        await pilot.pause(0.3)

    assert snap_compare(CqdailyApp(db, lang), terminal_size=size, run_before=help_)
