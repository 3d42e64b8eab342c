"""Helpers shared by the reader's Pilot tests."""
from __future__ import annotations

import sqlite3
from contextlib import closing

from tui.reader.app import CqdailyApp


def count(db: str, sql: str, *params) -> int:
    """One number from the database, on a connection that is closed again."""
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql, params).fetchone()[0]


def fetch(db: str, sql: str, *params) -> list[tuple]:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql, params).fetchall()


def status(app: CqdailyApp) -> str:
    return str(app.query_one("#status").render())


async def settle(pilot, t: float = 0.3) -> None:
    """Let messages be handled and the workers they start finish (twice: a finished worker's
    result may start another, as a highlighted row starts the article fetch)."""
    for _ in range(2):
        await pilot.pause(t)
        await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.05)


def screen_text(app: CqdailyApp) -> list[str]:
    """The screen as text, one string a row."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def keys_at_once(app: CqdailyApp, *keys: str) -> None:
    """Keys as one write from the terminal delivers them: queued together, none waited for."""
    from textual import events

    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)


def notices(app: CqdailyApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent
