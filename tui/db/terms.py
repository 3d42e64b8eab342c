"""Keywords' document frequencies: how many stored articles hold each word, and how many
articles there are (meta 'docs'), kept in step with every page written or removed."""
from __future__ import annotations

import json
import sqlite3
from collections import Counter
from typing import TYPE_CHECKING


if TYPE_CHECKING:  # sqlite-utils loads in 0.1 s (numpy): not for `cqdaily search`
    import sqlite_utils


# A leading underscore: a table for the program, which Datasette lists among the hidden ones.
TABLE = "_terms"


def create_table(db: sqlite_utils.Database) -> None:
    """Keyed by the word itself, WITHOUT ROWID: one b-tree to update per word instead of a table
    and its index; every page updates a thousand. (sqlite-utils cannot say WITHOUT ROWID.)"""
    db.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (term TEXT PRIMARY KEY, df INTEGER) WITHOUT ROWID")


def docs(conn: sqlite3.Connection) -> int:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'docs'").fetchone()
    except sqlite3.OperationalError:
        return 0
    return int(row[0]) if row else 0


def set_docs(conn: sqlite3.Connection, n: int) -> None:
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('docs', ?)", [str(max(n, 0))])


def apply(conn: sqlite3.Connection, change: Counter) -> None:
    """Add change (word -> articles gained, negative for lost) to the frequencies."""
    items = {t: n for t, n in change.items() if n}
    # One statement over a JSON object: a third faster than executemany for a thousand words.
    conn.execute(
        f"INSERT INTO {TABLE} (term, df) SELECT key, value FROM json_each(?) WHERE true "
        "ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
        [json.dumps(items, ensure_ascii=False)],
    )
    fallen = [t for t, n in items.items() if n < 0]
    if fallen:  # words no stored article holds any more
        conn.execute(
            f"DELETE FROM {TABLE} WHERE term IN (SELECT value FROM json_each(?)) AND df <= 0",
            [json.dumps(fallen, ensure_ascii=False)],
        )


def frequencies(conn: sqlite3.Connection, words: set[str]) -> dict[str, int]:
    # The words as one JSON list: one statement for any number of them.
    return dict(conn.execute(f"SELECT term, df FROM {TABLE} WHERE term IN (SELECT value FROM json_each(?))",
                             [json.dumps(list(words), ensure_ascii=False)]).fetchall())
