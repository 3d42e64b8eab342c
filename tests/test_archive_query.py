"""Editions by date, date ranges in search, pinyin search, related stories."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

import pytest

from tui.cli import main
from tui.db import dates, editions, pinyin, query, related, sortkeys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> str:
    """240 synthetic articles over eight days and eight page numbers."""
    out = tmp_path_factory.mktemp("corpus")
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "corpus.py"), "--articles", "240",
                    "--out", str(out / "pages"), "--seed", "3"], check=True, capture_output=True)
    path = str(out / "c.db")
    assert main(["load", str(out / "pages"), "--db", path, "-q"]) == 0
    return path


def _all(conn):
    return conn.execute("SELECT id, title, district, page_date, page_no, source, position, body FROM articles").fetchall()


# -- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, since, until", [
    ("2020", date(2020, 1, 1), date(2020, 12, 31)),
    ("2020-02", date(2020, 2, 1), date(2020, 2, 29)),
    ("2020/2/3", date(2020, 2, 3), date(2020, 2, 3)),
    ("2020-12-01..2020-12-31", date(2020, 12, 1), date(2020, 12, 31)),
    ("2020-11..2021", date(2020, 11, 1), date(2021, 12, 31)),
    ("..2020-12", None, date(2020, 12, 31)),
    ("2020-12-07..", date(2020, 12, 7), None),
])
def test_date_spans(text, since, until):
    assert dates.span(text) == dates.Range(since, until)


@pytest.mark.parametrize("text", ["2020-13", "2020-02-30", "abc", "..", "2021..2020", "20-12"])
def test_bad_dates_are_errors(text):
    with pytest.raises(dates.DateError):
        dates.span(text)


def test_range_keys_hold_exactly_the_days_sort_keys():
    d = date(2020, 12, 7)
    lo, hi = dates.Range(d, d).keys()
    for pos in (1, 5, 1000):
        for src in ("a.txt", "b/c.txt"):
            assert lo <= sortkeys.sortkey("2020-12-07", src, pos) <= hi
            assert not lo <= sortkeys.sortkey("2020-12-06", src, pos) <= hi
            assert not lo <= sortkeys.sortkey("2020-12-08", src, pos) <= hi
            assert not lo <= sortkeys.sortkey(None, src, pos) <= hi


def test_date_words_and_options_filter_search(corpus_db):
    conn = query.connect(corpus_db)
    arts = _all(conn)
    days = sorted({a[3] for a in arts})
    word = "重庆"
    for since, until in [(days[2], days[4]), (days[0], days[0]), (days[-1], None)]:
        want = {a[0] for a in arts if a[3] >= since and (until is None or a[3] <= until)
                and word in (a[1] or "") + (a[7] or "")}
        spec = f"date:{since}..{until or ''}"
        for res in (query.search(conn, f"{word} {spec}", limit=1000),
                    query.search(conn, word, limit=1000, since=since, until=until, counts=False)):
            assert {h.id for h in res.hits} == want and res.total == len(want)
    alone = query.search(conn, f"date:{days[1]}", limit=1000)
    assert {h.id for h in alone.hits} == {a[0] for a in arts if a[3] == days[1]}
    assert sum(alone.by_district.values()) == alone.total
    assert query.search(conn, "重庆 date:2020-13").error


def test_search_cli_date_options(corpus_db, capsys):
    conn = query.connect(corpus_db)
    day = sorted({a[3] for a in _all(conn)})[3]
    assert main(["search", "重庆", "--db", corpus_db, "--since", day, "--until", day, "--json", "--limit", "500"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert lines and {x["date"] for x in lines} == {day}
    assert main(["search", "重庆", "--db", corpus_db, "--since", "2021-02-30"]) == 2
    assert "not a date" in capsys.readouterr().err


# -- pinyin ------------------------------------------------------------------------------------


def test_syllables_are_pypinyins():
    from pypinyin import Style, pinyin as py
    from pypinyin.pinyin_dict import pinyin_dict

    readings = {r for cp in pinyin_dict for r in py(chr(cp), style=Style.NORMAL, heteronym=True)[0]}
    assert pinyin.SYLLABLES <= readings
    assert readings - pinyin.SYLLABLES <= {"m", "n", "ng", "hm", "hng", "ê"}


def test_query_readings():
    assert pinyin.readings("keji")[0].full == [" ke ji "]
    assert pinyin.readings("ke ji chuang xin")[0].label == "ke ji chuang xin"
    assert " xi an " in pinyin.readings("xian")[0].full and " xian " in pinyin.readings("xian")[0].full
    assert pinyin.readings("xi'an")[0].full == [" xi an "]
    assert pinyin.readings("kjcx")[-1].initials == "kjcx"
    assert pinyin.readings("lue")[0].full[0] == " lve "
    for not_pinyin in ("科技", "5g", "a", "", "ke-ji"):
        assert pinyin.readings(not_pinyin) == []


def test_title_tokens_read_phrases():
    assert pinyin.title_tokens("重庆5G·科技") == ["chong", "qing", "5g", "ke", "ji"]
    full, ini = pinyin.row(pinyin.title_tokens("科技创新"), "璧山", ["科技"])
    assert full == " ke ji chuang xin | bi shan | ke ji |" and ini == "kjcx|bs|kj|"


def _py_scan(conn, want):
    """Articles whose title, district or a keyword read as pinyin holds want (a syllable list)."""
    out = set()
    for art_id, title, district, kws in conn.execute("SELECT id, title, district, keywords FROM articles"):
        texts = [title or "", district] + [k for k, _ in json.loads(kws)]
        for t in texts:
            syl = pinyin.title_tokens(t)
            if any(syl[i:i + len(want)] == want for i in range(len(syl))):
                out.add(art_id)
    return out


def test_pinyin_search_matches_a_scan(corpus_db):
    conn = query.connect(corpus_db)
    title = next(t for (t,) in conn.execute("SELECT title FROM articles WHERE length(title) >= 6 ORDER BY id"))
    syl = pinyin.title_tokens(title)[1:4]
    for q in ("".join(syl), " ".join(syl)):
        res = query.search(conn, q, limit=1000)
        assert res.pinyin == " ".join(syl)
        assert {h.id for h in res.hits} == _py_scan(conn, syl) and res.total == len(res.hits)
        assert all(h.via == "pinyin" for h in res.hits)
        hit = next(h for h in res.hits if h.title == title)
        a, b = hit.spans[0]
        assert pinyin.title_tokens(hit.snippet[a:b]) == syl


def test_initials_and_unfinished_syllables(seeded_db):
    conn = query.connect(seeded_db)
    res = query.search(conn, "kjcx")
    assert res.total >= 1 and res.pinyin == "kjcx"
    for h in res.hits:
        a, b = h.spans[0]
        assert "".join(t[0] for t in pinyin.title_tokens(h.snippet[a:b])) == "kjcx"
    partial = query.search(conn, "kejichuangx")
    assert partial.pinyin.endswith("…") and {h.id for h in res.hits} <= {h.id for h in partial.hits}


def test_text_matches_win_over_pinyin(seeded_db):
    conn = query.connect(seeded_db)
    latin = conn.execute("SELECT body FROM articles WHERE body GLOB '*[a-z][a-z][a-z]*' LIMIT 1").fetchone()
    assert query.search(conn, "璧山").pinyin is None
    assert query.search(conn, "zzzzqqq").total == 0
    if latin:
        import re

        word = re.search("[a-z]{3,}", latin[0]).group()
        assert query.search(conn, word).pinyin is None


def test_pinyin_in_search_cli(seeded_db, capsys):
    assert main(["search", "bishan", "--db", seeded_db]) == 0
    out = capsys.readouterr().out
    assert "璧山" in out and out.rstrip().endswith("matching the pinyin bi shan")
    assert main(["search", "bishan", "--db", seeded_db, "--json"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert rows and all(r["matched"] == "pinyin" for r in rows)


# -- editions ----------------------------------------------------------------------------------


def test_edition_tree_counts_and_order(corpus_db):
    conn = query.connect(corpus_db)
    arts = _all(conn)
    tree = editions.tree(conn)
    assert sum(y.count for y in tree) == len(arts)
    days = [d.date for y in tree for d in y.days]
    assert days == sorted({a[3] for a in arts}, reverse=True)
    for y in tree:
        for d in y.days:
            assert d.count == sum(1 for a in arts if a[3] == d.date) == sum(p.count for p in d.pages)
            numbers = [p.number for p in d.pages]
            assert numbers == sorted(numbers)
            for p in d.pages:
                assert p.count == sum(1 for a in arts if a[3] == d.date and a[4] == p.number)
    assert editions.years(conn) == [(y.year, y.count) for y in tree]
    assert editions.pages(conn, days[0]) == [(p.number, p.count) for p in tree[0].days[0].pages]


def test_edition_items_in_page_order(corpus_db):
    conn = query.connect(corpus_db)
    arts = _all(conn)
    day = sorted({a[3] for a in arts})[2]
    want = [a[0] for a in sorted((a for a in arts if a[3] == day), key=lambda a: (a[4], a[5], a[6]))]
    assert [r.id for r in editions.items(conn, day)] == want
    number = editions.pages(conn, day)[0][0]
    assert [r.id for r in editions.items(conn, day, number)] == [i for i in want if dict((a[0], a[4]) for a in arts)[i] == number]


def test_adjacent_editions_and_labels(corpus_db):
    conn = query.connect(corpus_db)
    days = sorted({a[3] for a in _all(conn)})
    assert editions.adjacent(conn, days[1], +1) == days[2]
    assert editions.adjacent(conn, days[1], -1) == days[0]
    assert editions.adjacent(conn, days[-1], +1) is None and editions.adjacent(conn, days[0], -1) is None
    assert editions.adjacent(conn, "1999-01-01", +1) == days[0]  # from a day without paper
    assert editions.newest(conn) == days[-1]
    art = editions.items(conn, days[3])[0]
    assert editions.of_article(conn, art.id)[0] == days[3]
    assert editions.label("2020-12-07") == "2020年12月7日 星期一"
    assert editions.label("2020-12-07", 3) == "2020年12月7日 星期一 第3版"
    assert editions.label(None) == "日期不详"


# -- related -----------------------------------------------------------------------------------


def _scores(conn, art_id):
    kw = {}
    for i, kws in conn.execute("SELECT id, keywords FROM articles"):
        kw[i] = dict((w, s) for w, s in json.loads(kws))
    mine = kw[art_id]
    return {i: sum(mine[t] * k[t] for t in mine if t in k) for i, k in kw.items() if i != art_id}


def test_related_share_the_heaviest_keywords(seeded_db):
    conn = query.connect(seeded_db)
    checked = 0
    for (art_id,) in conn.execute("SELECT id FROM articles ORDER BY id").fetchall():
        got = related.related(conn, art_id)
        scores = _scores(conn, art_id)
        assert len(got) <= 5 and all(r.id != art_id and r.shared for r in got)
        assert [r.score for r in got] == sorted((r.score for r in got), reverse=True)
        for r in got:
            assert r.score == pytest.approx(scores[r.id], abs=1e-5)
            assert r.district and hasattr(r, "page_date")
        if got:  # nothing left out scores higher than the last one kept
            titles = {r.id: r.title for r in got}
            assert all(s <= got[-1].score + 1e-5 for i, s in scores.items() if i not in titles
                       and conn.execute("SELECT title FROM articles WHERE id=?", [i]).fetchone()[0]
                       not in set(titles.values()))
            checked += 1
    assert checked > 10
    assert related.related(conn, 10**9) == []


def test_related_follow_a_reload(seed_copy, db_path):
    assert main(["load", str(seed_copy), "--db", db_path, "-q"]) == 0
    conn = query.connect(db_path)
    first = conn.execute("SELECT id, title FROM articles ORDER BY id LIMIT 1").fetchone()
    before = [r.title for r in related.related(conn, first[0])]
    conn.close()
    assert main(["load", str(seed_copy), "--db", db_path, "--force", "-q"]) == 0
    conn = query.connect(db_path)
    new_id = conn.execute("SELECT id FROM articles WHERE title IS ? ORDER BY id LIMIT 1", [first[1]]).fetchone()[0]
    assert [r.title for r in related.related(conn, new_id)] == before
    assert conn.execute("SELECT COUNT(*) FROM article_terms WHERE id NOT IN (SELECT id FROM articles)").fetchone()[0] == 0


def _pinyin_ids(conn, q):
    return {h.id for h in query.search(conn, q, limit=10_000).hits}


def test_indexes_catch_up_when_a_load_ends_and_search_covers_the_rest(seed_copy, db_path):
    from tui import loading
    from tui.db import derived, files, store

    assert main(["load", str(seed_copy), "--db", db_path, "-q"]) == 0
    conn = query.connect(db_path)
    high = conn.execute("SELECT MAX(id) FROM articles").fetchone()[0]
    assert derived.upto(conn) == high
    assert f"'{derived.UPTO}'" in pinyin._UPTO  # search reads the watermark catch_up writes
    n_kw = sum(len(json.loads(k)) for (k,) in conn.execute("SELECT keywords FROM articles"))
    assert conn.execute("SELECT COUNT(*) FROM article_terms").fetchone()[0] == n_kw
    before = _pinyin_ids(conn, "bishan")
    assert before
    # Pages stored without a catch-up (a load still running, or interrupted), twice: the second
    # time deletes rows the trigram index never held.
    db = files.open_db(db_path)
    page = sorted(seed_copy.glob("*.txt"))[1]
    for _ in range(2):
        p = loading._parse_file(str(page))
        store.save_page(db, p.record, p.articles, p.counts)
    assert derived.upto(conn) == high < conn.execute("SELECT MAX(id) FROM articles").fetchone()[0]
    scan = {i for i in _py_scan(conn, ["bi", "shan"])}
    assert _pinyin_ids(conn, "bishan") == scan  # the rows above the watermark are scanned
    assert derived.catch_up(db.conn) > 0
    db.conn.execute("INSERT INTO pinyin_tri(pinyin_tri) VALUES ('integrity-check')")
    assert derived.upto(conn) == conn.execute("SELECT MAX(id) FROM articles").fetchone()[0]
    assert _pinyin_ids(conn, "bishan") == scan
    assert derived.catch_up(db.conn) == 0
    db.conn.close()
    assert main(["load", str(seed_copy), "--db", db_path, "--force", "-q"]) == 0
    assert _pinyin_ids(conn, "bishan") == _py_scan(conn, ["bi", "shan"])
    n_kw = sum(len(json.loads(k)) for (k,) in conn.execute("SELECT keywords FROM articles"))
    assert conn.execute("SELECT COUNT(*) FROM article_terms").fetchone()[0] == n_kw


@pytest.mark.parametrize("full, short", [("bishanqu", "bishan"), ("bi shan qu", "bishan"), ("chengkouxian", "chengkou"),
                                         ("ｂｉｓｈａｎ", "bishan")])  # typed in full width: read as typed in half
def test_pinyin_of_a_districts_full_name_finds_what_its_short_name_does(seeded_db, full, short):
    """"bishan" found 璧山's articles, "bishanqu" (璧山区, as the name is said) none: the rows
    hold the short name (a new user's report). The suffix is dropped when nothing holds the
    whole reading; a reading that matches as it is keeps its own results."""
    conn = query.connect(seeded_db)
    want = {h.id for h in query.search(conn, short, limit=100).hits}
    assert want and {h.id for h in query.search(conn, full, limit=100).hits} == want
    assert [r.label for r in pinyin.readings("diqu")] == ["di qu", "di qu…"]  # too short to strip
