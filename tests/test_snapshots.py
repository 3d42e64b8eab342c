"""Screen snapshots at 160x45: the main screen, a search, the help screen."""
from __future__ import annotations

import pytest

from tui.reader.app import CqdailyApp

SIZE = (160, 45)


@pytest.fixture
def db(seeded_db):
    return seeded_db


async def _settle(pilot):
    await pilot.pause(0.3)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.1)


def test_main_screen(snap_compare, db):
    assert snap_compare(CqdailyApp(db), terminal_size=SIZE, run_before=_settle)


def test_search_screen(snap_compare, db):
    async def search(pilot):
        await _settle(pilot)
        await pilot.press("slash", *"科技", "enter")
        await _settle(pilot)
        await pilot.press("n")
        await pilot.pause(0.1)

    assert snap_compare(CqdailyApp(db), terminal_size=SIZE, run_before=search)


def test_help_screen(snap_compare, db):
    async def help_(pilot):
        await _settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause(0.2)

    assert snap_compare(CqdailyApp(db), terminal_size=SIZE, run_before=help_)
