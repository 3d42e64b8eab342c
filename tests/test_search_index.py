"""The search index itself: its tokens agree with SQLite's tokenizer, a phrase of character pairs
matches exactly the substrings, and newest-first order holds however pages were loaded."""
from __future__ import annotations

import os
import random
import re
import sqlite3
import subprocess
import sys

import pytest
import sqlite_utils
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.db import ftstokens, query, searchindex
from tui.db import search as search_module
from tui.cli import main

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_every_token_character_is_one_unicode61_token():
    """A character that ftstokens keeps but unicode61 drops would shift every pair after it."""
    conn = sqlite3.connect(":memory:")
    tokenize = ftstokens.tokenize_option().replace("'", "''")
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize='{tokenize}')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    every = [chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000]
    kept = [c for c in every if ftstokens.is_token_char(c)]
    # runs() (a regular expression, for speed) keeps exactly these, of the folded text.
    folded = ftstokens.fold(" ".join(every))
    assert "".join(ftstokens.runs(folded)) == "".join(c for c in folded if ftstokens.is_token_char(c))
    conn.execute("INSERT INTO t(rowid, x) VALUES (1, ?)", [" ".join(kept)])
    assert conn.execute("SELECT COUNT(*) FROM v").fetchone()[0] == len(kept)
    # The break token is one token too, and no character the index keeps.
    assert not ftstokens.is_token_char(ftstokens.BREAK)
    conn.execute("INSERT INTO t(rowid, x) VALUES (2, ?)", [ftstokens.BREAK])
    assert conn.execute("SELECT COUNT(*) FROM v WHERE doc = 2").fetchone()[0] == 1


def index_of(texts: list[str]) -> sqlite3.Connection:
    db = sqlite_utils.Database(sqlite3.connect(":memory:"))
    searchindex.create_tables(db)
    for i, text in enumerate(texts, 1):
        searchindex.add(db.conn, i, ftstokens.chars(text), ftstokens.pairs(text))
    return db.conn


# Few letters in short runs, so that pairs repeat and runs meet at one character ("ab bc").
LETTERS = "ab甲A,"
TEXTS = st.lists(
    st.lists(st.text(LETTERS, min_size=1, max_size=4), max_size=8).map(lambda runs: " ".join(runs)),
    min_size=1, max_size=6,
).map(lambda texts: [t.replace("  ", "\n") for t in texts])


@settings(max_examples=300, deadline=None)
@given(texts=TEXTS, word=st.text(LETTERS, min_size=1, max_size=5), data=st.data())
def test_pair_phrases_match_exactly_the_substrings(texts, word, data):
    if data.draw(st.booleans()):
        # A word that would occur if runs meeting at one character ("ab bc") were one run.
        joined = re.sub("(.)[ \n]+\\1", "\\1", data.draw(st.sampled_from(texts)))
        start = data.draw(st.integers(0, len(joined)))
        word = joined[start : start + data.draw(st.integers(1, 5))] or word
    conn = index_of(texts)
    plan = query._plan([word])
    want = {i for i, t in enumerate(texts, 1) if word.lower() in t.lower()}
    sql, params = plan.ids_sql()
    if "FROM articles" in sql and "articles_" not in sql:  # no character the index holds
        return
    got = {r[0] for r in conn.execute(sql, params)}
    if plan.check:  # the index narrows, the text decides
        assert want <= got
    else:
        assert got == want


def test_runs_meeting_at_one_character_do_not_make_a_phrase():
    conn = index_of(["甲乙 乙丙", "甲乙丙"])
    plan = query._plan(["甲乙丙"])
    sql, params = plan.ids_sql()
    assert {r[0] for r in conn.execute(sql, params)} == {2}


@pytest.fixture(scope="module")
def shuffled_db(tmp_path_factory):
    """Pages loaded one by one in random date order, some loaded again changed."""
    tmp = tmp_path_factory.mktemp("order")
    pages = tmp / "pages"
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "corpus.py"), "--articles", "240",
                    "--per-page", "6", "--out", str(pages), "--seed", "11"], check=True, stdout=subprocess.DEVNULL)
    files = sorted(pages.glob("*.txt"))
    random.Random(4).shuffle(files)
    db = str(tmp / "o.db")
    for f in files:
        assert main(["load", str(f), "--db", db, "-q"]) == 0
    for f in files[5:12]:  # re-loaded: their articles get new, larger ids
        f.write_text(f.read_text(encoding="utf-8") + "\n创新发展再上新台阶。\n", encoding="utf-8")
        assert main(["load", str(f), "--db", db, "-q"]) == 0
    return db


def newest_by_scan(db: str, word: str, district: str | None = None) -> list[int]:
    rows = sqlite3.connect(db).execute(
        "SELECT id, title, subtitle, body, district FROM articles ORDER BY sortkey DESC").fetchall()
    return [r[0] for r in rows if (district is None or r[4] == district)
            and any(x and word.casefold() in x.casefold() for x in r[1:4])]


@pytest.mark.parametrize("budget", [4000, 3])  # reading newest-first, and sorting the match set
@pytest.mark.parametrize("word", ["区", "的", "重庆", "发展", "科技创新", "创新发展再上新台阶"])
def test_newest_first_whatever_the_load_order(shuffled_db, monkeypatch, budget, word):
    monkeypatch.setattr(search_module, "_STREAM_BUDGET", budget)
    conn = query.connect(shuffled_db)
    want = newest_by_scan(shuffled_db, word)
    assert want, word
    for limit, offset in [(1, 0), (10, 0), (10, 7), (50, 3), (1000, 0)]:
        r = query.search(conn, word, limit=limit, offset=offset, counts=False)
        assert [h.id for h in r.hits] == want[offset : offset + limit], (limit, offset)
        assert r.total == len(want)
    district = sqlite3.connect(shuffled_db).execute(
        "SELECT district FROM articles GROUP BY district ORDER BY COUNT(*) DESC LIMIT 1 OFFSET 2").fetchone()[0]
    r = query.search(conn, word, district=district, limit=5)
    assert [h.id for h in r.hits] == newest_by_scan(shuffled_db, word, district)[:5]


def test_reach_bounds_every_smaller_id(shuffled_db):
    rows = sqlite3.connect(shuffled_db).execute("SELECT id, sortkey, reach FROM articles ORDER BY id").fetchall()
    top = None
    for _, key, reach in rows:
        top = key if top is None else max(top, key)
        assert reach >= top
