"""Search whatever the width of Latin letters and digits: "5G" finds "５Ｇ" and the other way
round, in the command line, the query layer, the hits marked in the reader, and in a database an
older cqdaily wrote (its index did not fold widths)."""
from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
import sqlite_utils
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import oldschemas
from tui.cli import main
from tui.db import files, ftstokens, migrations, query, search, searchindex
from tui.reader.app import CqdailyApp
from tui.reader.articleview import ArticleBody

from .reader_helpers import settle
from .test_search_index import index_of

# The page that prints "5G" and "R&D": printed here in full-width forms, as some pages do.
WIDE_PAGE = "003_1aa8c1ab2ae5791b.txt"
WIDENED = {"5G": "５Ｇ", "R&D": "Ｒ＆Ｄ", "19.7%": "１９．７％"}


@pytest.fixture(scope="module")
def wide_pages(tmp_path_factory):
    from tests.conftest import SEEDS

    out = tmp_path_factory.mktemp("wide") / "pages"
    out.mkdir()
    for page in SEEDS.glob("*.txt"):
        text = page.read_text(encoding="utf-8")
        if page.name == WIDE_PAGE:
            for narrow, wide in WIDENED.items():
                assert narrow in text
                text = text.replace(narrow, wide)
        (out / page.name).write_text(text, encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def wide_db(wide_pages, tmp_path_factory):
    db = str(tmp_path_factory.mktemp("wdb") / "w.db")
    assert main(["load", str(wide_pages), "--db", db, "-q"]) == 0
    return db


def texts_of(db: str) -> dict[int, str]:
    with closing(sqlite3.connect(db)) as con:
        return {i: "\n".join(filter(None, parts)) for i, *parts in
                con.execute("SELECT id, title, subtitle, body FROM articles")}


def printing(db: str, *forms: str) -> set[int]:
    """The articles whose text prints any of these forms (case aside)."""
    return {i for i, t in texts_of(db).items() if any(f.lower() in t.lower() for f in forms)}


def test_fold_makes_latin_letters_digits_and_their_signs_ascii_and_keeps_chinese_punctuation():
    assert ftstokens.fold("５Ｇ ＣＥＯ ２０２２年 ８０．１％ Ｒ＆Ｄ ｃｅｏ") == "5g ceo 2022年 80.1% r&d ceo"
    kept = "，。：；！？（）「」、《》　"
    assert ftstokens.fold(kept) == kept


def test_the_stored_text_stays_as_printed(wide_db):
    texts = "\n".join(texts_of(wide_db).values())
    assert "５Ｇ" in texts and "Ｒ＆Ｄ" in texts and "１９．７％" in texts


@pytest.mark.parametrize("q, forms", [
    ("5G", ["５Ｇ"]), ("５Ｇ", ["５Ｇ"]), ("5g", ["５Ｇ"]), ("ｒ＆ｄ", ["R&D", "Ｒ＆Ｄ"]), ("R&D", ["R&D", "Ｒ＆Ｄ"]),
    ("19.7%", ["19.7%", "１９．７％"]), ("１９．７％", ["19.7%", "１９．７％"]), ("led", ["LED"]), ("ＬＥＤ", ["LED"]),
])
def test_query_layer_finds_either_width(wide_db, q, forms):
    want = printing(wide_db, *forms)
    assert want
    conn = query.connect(wide_db)
    r = query.search(conn, q, limit=1000)
    assert {h.id for h in r.hits} == want and r.total == len(want) and r.pinyin is None
    assert set(search.matching_ids(conn, q)[0]) == want  # what export writes
    for h in r.hits:  # the snippet marks the printed form
        assert h.spans and all(ftstokens.fold(h.snippet[a:b]) == ftstokens.fold(q) for a, b in h.spans)


def test_cli_search_finds_the_full_width_form(wide_db, capsys):
    want = printing(wide_db, "５Ｇ")
    assert main(["search", "5G", "--db", wide_db]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == f"{len(want)} article" + ("s" if len(want) != 1 else "")
    assert all("«５Ｇ»" in line for line in out[:-1])


def test_index_lookup_of_ceo_in_either_width_and_case():
    texts = ["公司CEO表示", "ＣＥＯ说", "ceo", "ｃｅｏ", "首席执行官", "C E O", "５Ｇ网络", "5G", "５G", "5Ｇ"]
    conn = index_of(texts)
    for q, want in [("ceo", {1, 2, 3, 4}), ("ｃｅｏ", {1, 2, 3, 4}), ("CEO", {1, 2, 3, 4}),
                    ("5G", {7, 8, 9, 10}), ("５ｇ", {7, 8, 9, 10}), ("５Ｇ网", {7})]:
        plan = query._plan(query.words_of(q))
        assert not plan.check, q  # the folded index is exact by itself
        sql, params = plan.ids_sql()
        assert {r[0] for r in conn.execute(sql, params)} == want, q


# Letters, digits and a sign in both widths, in short runs, so that pairs of mixed widths repeat.
MIXED = "aAａＡ5５%％甲，"
MIXED_TEXTS = st.lists(st.lists(st.text(MIXED, min_size=1, max_size=4), max_size=6).map(" ".join),
                       min_size=1, max_size=5)


def unfolded_index_of(texts: list[str]) -> sqlite3.Connection:
    """An index as cqdaily wrote it before schema 11."""
    db = sqlite_utils.Database(sqlite3.connect(":memory:"))
    searchindex.create_tables(db)
    for i, text in enumerate(texts, 1):
        searchindex.add(db.conn, i, ftstokens.chars(text, folding=str.lower), ftstokens.pairs(text, folding=str.lower))
    return db.conn


@settings(max_examples=300, deadline=None)
@given(texts=MIXED_TEXTS, word=st.text(MIXED, min_size=1, max_size=5))
def test_either_index_finds_every_text_holding_the_word_in_any_width(texts, word):
    want = {i for i, t in enumerate(texts, 1) if ftstokens.fold(word) in ftstokens.fold(t)}
    sql, params = query._plan([word]).ids_sql()
    assert {r[0] for r in index_of(texts).execute(sql, params)} == want  # exact: nothing left to check
    plan = query._plan([word], folded=False)
    sql, params = plan.ids_sql()
    got = {r[0] for r in unfolded_index_of(texts).execute(sql, params)}
    assert want <= got if plan.check else got == want  # the old index narrows, the text decides


def test_hit_spans_point_at_the_printed_characters():
    text = "发展５Ｇ网络，5g基站；İ５Ｇ"
    spans = query.find_spans(text, ["5G"])
    assert [text[a:b] for a, b in spans] == ["５Ｇ", "5g", "５Ｇ"]
    assert query.find_spans("ＣＥＯ和ceo", ["ｃｅｏ"]) == [(0, 3), (4, 7)]


async def test_reader_highlights_the_full_width_form(wide_db):
    app = CqdailyApp(wide_db, lang="en")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"5G", "enter")
        await settle(pilot)
        body = app.query_one(ArticleBody)
        assert body.hits and all(body.flat[a:b] == "５Ｇ" for a, b in body.hits)
        assert len(body.hits) == body.flat.count("５Ｇ")


def index_vocab(db: str) -> tuple[list, list]:
    """What the two index tables hold: (term, documents, occurrences) of each."""
    with closing(sqlite3.connect(db)) as con:
        con.execute("CREATE VIRTUAL TABLE temp.vc USING fts5vocab(main, articles_chars, 'row')")
        con.execute("CREATE VIRTUAL TABLE temp.vp USING fts5vocab(main, articles_pairs, 'row')")
        return (con.execute("SELECT * FROM vc ORDER BY term").fetchall(),
                con.execute("SELECT * FROM vp ORDER BY term").fetchall())


@pytest.fixture
def old_db(wide_db, tmp_path):
    db = str(tmp_path / "old.db")
    with closing(sqlite3.connect(wide_db)) as src, closing(sqlite3.connect(db)) as dst:
        src.backup(dst)
    oldschemas.make(db, 10)  # the index as cqdaily before schema 11 wrote it
    return db


@pytest.mark.parametrize("q", ["5G", "５Ｇ", "R&D", "ｒ＆ｄ", "19.7%", "１９．７％", "科技创新", "led 显示屏", "，"])
def test_an_older_database_searched_as_it_is_gives_the_same_answers(wide_db, old_db, q):
    """`cqdaily search` reads an older cqdaily's database without upgrading it."""
    assert files.identify(old_db).older
    new, old = query.connect(wide_db), query.connect(old_db)
    want = query.search(new, q, limit=1000)
    got = query.search(old, q, limit=1000)
    assert want.total and [h.id for h in got.hits] == [h.id for h in want.hits]
    assert got.total == want.total and [h.spans for h in got.hits] == [h.spans for h in want.hits]


def test_the_upgrade_folds_the_index_of_the_articles_that_print_full_width_forms(wide_db, old_db):
    assert index_vocab(old_db) != index_vocab(wide_db)
    assert searchindex.FOLDED_SINCE == 11 and migrations.LATEST >= 11
    files.open_db(old_db).close()
    assert files.check_readable(old_db) is None
    # The very index a fresh load writes: contentless tables were told the old tokens to remove.
    assert index_vocab(old_db) == index_vocab(wide_db)
    conn = query.connect(old_db)
    assert {h.id for h in query.search(conn, "5G", limit=100).hits} == printing(wide_db, "５Ｇ")
