"""Issue 11 point 6: an item printed under "（上接第N版）" is stored as continued, read back as such
by the query layer, and marked in the reader's list and article pane (both languages)."""
from __future__ import annotations

import pytest

from tui.db import editions, query
from tui.reader.app import CqdailyApp
from tui.reader.articleview import ArticleBody
from tui.reader.lists import ArticleList

from .reader_helpers import count, fetch, settle


def test_continued_items_are_stored_and_read_back(seeded_db):
    (art_id, day), *more = fetch(seeded_db, "SELECT id, page_date FROM articles WHERE continued = 1")
    assert not more  # the seeds print one "（上接1版）"
    assert count(seeded_db, "SELECT COUNT(*) FROM articles WHERE continued IS NOT 0") == 1
    conn = query.connect(seeded_db)
    try:
        assert query.article(conn, art_id).continued
        assert not query.article(conn, art_id + 1 if art_id == 1 else art_id - 1).continued
        listed = {r.id: r.continued for r in query.rows(conn)}
        assert listed[art_id] and sum(map(bool, listed.values())) == 1
        assert [bool(r.continued) for r in query.rows_by_id(conn, [art_id])] == [True]
        assert {r.id: bool(r.continued) for r in editions.items(conn, day)}[art_id]
    finally:
        conn.close()


@pytest.mark.parametrize("lang,mark,meta", [("en", "(continued)", "continued from an earlier page"),
                                            ("zh", "（上接）", "上接前版")])
async def test_reader_marks_continued_items(seeded_db, lang, mark, meta):
    art_id = count(seeded_db, "SELECT id FROM articles WHERE continued = 1")
    plain = count(seeded_db, "SELECT id FROM articles WHERE continued = 0 AND title IS NOT NULL LIMIT 1")
    app = CqdailyApp(seeded_db, lang=lang)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        row = articles.ids.index(art_id)
        assert mark in articles.get_option_at_index(row).prompt.plain
        assert mark not in articles.get_option_at_index(articles.ids.index(plain)).prompt.plain
        articles.highlighted = row
        await settle(pilot)
        lines = [line.plain for line in app.query_one(ArticleBody)._lines]
        assert lines[0] == mark and meta in "".join(lines[1:4])
