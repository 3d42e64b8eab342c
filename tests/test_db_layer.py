"""tui/db's shared pieces: one connect(), the chunked IN helper, rows read by name."""
from __future__ import annotations

import sqlite3

import pytest

from tui.db import connection, query


def test_connect_read_only_and_writable(tmp_path):
    path = str(tmp_path / "c.db")
    with pytest.raises(sqlite3.OperationalError):
        connection.connect(path, readonly=True)  # never creates a file
    assert not (tmp_path / "c.db").exists()
    conn = connection.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == connection.BUSY_MS
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    ro = connection.connect(path, readonly=True)
    assert ro.execute("PRAGMA busy_timeout").fetchone()[0] == connection.BUSY_MS
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        ro.execute("INSERT INTO t VALUES (1)")
    ro.close()


def test_in_chunks_reads_every_value_past_the_chunk_size():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, tag TEXT)")
    conn.executemany("INSERT INTO t VALUES (?, ?)", [(i, "a" if i % 2 else "b") for i in range(3000)])
    ids = list(range(0, 3000, 2))  # 1,500 values: three chunks
    got = list(connection.in_chunks(conn, "SELECT id FROM t WHERE id IN ({marks}) AND tag = ?", ids, ["b"]))
    assert sorted(r[0] for r in got) == ids
    assert list(connection.in_chunks(conn, "SELECT id FROM t WHERE id IN ({marks})", [])) == []


def test_rows_are_read_by_name(seeded_db):
    conn = query.connect(seeded_db)
    try:
        listed = query.rows(conn)
        assert listed and all(isinstance(r.id, int) and isinstance(r.first_words, str) for r in listed)
        ids = [r.id for r in reversed(listed)] * 300  # more than one chunk, in the order asked
        assert [r.id for r in query.rows_by_id(conn, ids)] == ids
        art = query.article(conn, listed[0].id)
        assert (art.id, art.title, art.district) == (listed[0].id, listed[0].title, listed[0].district)
        assert isinstance(art.subheads, list) and all(isinstance(k, tuple) for k in art.keywords)
        assert query.select_list(query.ROW_COLUMNS, "a").startswith("a.id, a.title")
    finally:
        conn.close()


def test_reading_never_imports_sqlite_utils():
    """`cqdaily search` and the reader start without sqlite-utils (0.1 s of imports, numpy among
    them): only writing needs it."""
    import subprocess
    import sys

    code = ("import sys, tui.cli.search, tui.db.files, tui.db.query, tui.paths; "
            "from tui.db import files; files.check_readable('/nonexistent.db'); "
            "print(sorted(m for m in sys.modules if m.startswith(('sqlite_utils', 'numpy', 'jieba', 'tui.parse'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_list_row_of_an_untitled_item_shows_the_first_words_of_its_first_paragraph(seeded_db, tmp_path):
    """An untitled item whose first paragraph is short: its list row took the line break that
    joins the paragraphs, and the list showed it as two rows (41 of 3,029 generated articles;
    a tester's report)."""
    import shutil

    db = str(tmp_path / "rows.db")
    shutil.copy(seeded_db, db)
    conn = sqlite3.connect(db)
    art_id = conn.execute("SELECT id FROM articles ORDER BY id LIMIT 1").fetchone()[0]
    conn.execute("UPDATE articles SET title = NULL, body = ? WHERE id = ?", ["酉阳谋篇旗怎么举？\n做好社会保险接续工作。", art_id])
    conn.commit()
    conn.close()
    conn = connection.connect(db)
    (row,) = [r for r in query.rows(conn) if r.id == art_id]
    assert row.first_words == "酉阳谋篇旗怎么举？"
    (tail,) = [r for r in query.rows_tail(conn, limit=1000) if r.id == art_id]
    assert tail.first_words == "酉阳谋篇旗怎么举？"
