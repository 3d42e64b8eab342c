"""Search finds every article containing the query, and nothing else, for any query."""
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.db import query
from tui.db.ftstokens import fold
from tui.cli import main


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    from tests.conftest import SEEDS

    db = str(tmp_path_factory.mktemp("s") / "s.db")
    assert main(["load", str(SEEDS), "--db", db, "-q"]) == 0
    conn = query.connect(db)
    texts = {
        r[0]: (r[1], r[2], r[3], r[4])
        for r in sqlite3.connect(db).execute("SELECT id, title, subtitle, body, district FROM articles")
    }
    return db, conn, texts


def scan(texts, q, district=None):
    words = query.words_of(q)
    return {
        i for i, (t, s, b, d) in texts.items()
        if words and (district is None or d == district)
        and all(any(x and fold(w) in fold(x) for x in (t, s, b)) for w in words)
    }


def found(conn, q, **kw):
    """The literal matches: a query that matched no text but was then read as pinyin (tested in
    test_archive_query) found none."""
    r = query.search(conn, q, limit=10_000, **kw)
    assert r.total == len(r.hits)
    if r.pinyin is not None:
        assert all(h.via == "pinyin" for h in r.hits)
        return set(), r
    return {h.id for h in r.hits}, r


@pytest.mark.parametrize("q", ["区", "璧山", "科技创新", "谢捷", "5G", "R&D", "3.5公里", "Micro LED", "micro",
                               "“喜提”", "，", "……", "创新 璧山", "led 显示屏", "NB-ioT", "2020", "19.7%"])
def test_known_queries_match_a_scan(seeded, q):
    _, conn, texts = seeded
    ids, r = found(conn, q)
    assert ids == scan(texts, q)


@pytest.mark.parametrize("q", ['"', '""', '*', '-', 'AND', 'NEAR', '(', ')', 'OR 璧山', '"璧山', '璧山*',
                               'NEAR(璧山 铜梁)', '^', ':', 'title:璧山', "'", '\\', '%', '_', '璧山 -铜梁'])
def test_fts_syntax_is_literal(seeded, q):
    _, conn, texts = seeded
    ids, _ = found(conn, q)
    assert ids == scan(texts, q)


def test_district_filter_and_counts(seeded):
    _, conn, texts = seeded
    ids, r = found(conn, "创新", district="璧山")
    assert ids == scan(texts, "创新", district="璧山")
    assert r.by_district["璧山"] == len(ids)
    assert sum(r.by_district.values()) == len(scan(texts, "创新"))


def test_relevance_puts_title_hits_first(seeded):
    _, conn, texts = seeded
    r = query.search(conn, "璧山", order="relevance", limit=50)
    flags = [h.in_title for h in r.hits]
    assert flags == sorted(flags, reverse=True) and flags[0]


def test_snippet_marks_the_hit(seeded):
    _, conn, _ = seeded
    r = query.search(conn, "刀片电池", limit=5)
    for h in r.hits:
        assert h.spans and all(h.snippet[a:b] == "刀片电池" for a, b in h.spans)
        assert len(h.snippet) <= 45


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_substrings_are_found_exactly(seeded, data):
    _, conn, texts = seeded
    art = data.draw(st.sampled_from(sorted(texts)))
    body = texts[art][2]
    start = data.draw(st.integers(0, max(0, len(body) - 1)))
    n = data.draw(st.integers(1, 8))
    q = body[start:start + n].strip()
    if not q:
        return
    ids, _ = found(conn, q)
    assert ids == scan(texts, q)
    assert art in ids or not all(fold(w) in fold(body) for w in query.words_of(q))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(min_size=0, max_size=500))
def test_any_string_never_raises(seeded, q):
    _, conn, texts = seeded
    ids, _ = found(conn, q)
    assert ids == scan(texts, q)


def test_index_follows_reload_and_deletion(tmp_path, seeds_dir):
    db = str(tmp_path / "r.db")
    page = tmp_path / "p"
    page.mkdir()
    src = (seeds_dir / "004_9556b01e60d2e770.txt").read_text(encoding="utf-8")
    (page / "x.txt").write_text(src, encoding="utf-8")
    main(["load", str(page), "--db", db, "-q"])
    conn = query.connect(db)
    assert query.search(conn, "紫薇长廊").total == 1
    # The page changes: the old text must not be found any more, the new one must.
    (page / "x.txt").write_text(src.replace("紫薇长廊", "银杏大道"), encoding="utf-8")
    main(["load", str(page), "--db", db, "-q"])
    conn = query.connect(db)
    assert query.search(conn, "紫薇长廊").total == 0
    assert query.search(conn, "银杏大道").total == 1
    n = sqlite3.connect(db).execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert query.search(conn, "的").total <= n


def test_search_cli(seeded, capsys):
    db, _, _ = seeded
    assert main(["search", "璧山", "--db", db, "--limit", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1].endswith("articles") and len(out) == 3 and "«璧山»" in out[0]
    assert main(["search", "璧山", "--db", db, "--json", "--limit", "1"]) == 0
    import json
    row = json.loads(capsys.readouterr().out)
    assert row["district"] and row["snippet"] and row["spans"]
