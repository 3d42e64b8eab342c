"""Text out: one article as plain text / Markdown, and `cqdaily export`."""
from __future__ import annotations

import csv
import io
import json
import os

import pytest

from tui.cli import main
from tui.db import query, textout
from tui.db.userstate import UserState


def _with_subheads(conn) -> query.Article:
    art_id = conn.execute("SELECT id FROM articles WHERE subheads != '[]' AND subtitle IS NOT NULL "
                          "AND byline IS NOT NULL AND page_no IS NOT NULL ORDER BY id").fetchone()[0]
    return query.article(conn, art_id)


def test_plain_text_has_head_meta_and_paragraphs(seeded_db):
    conn = query.connect(seeded_db)
    a = _with_subheads(conn)
    text = textout.plain(a)
    lines = text.split("\n")
    subs = a.subtitle.split("\n")
    assert lines[0] == a.title and lines[1:1 + len(subs)] == subs
    meta = lines[1 + len(subs)]
    assert meta.split(" · ")[0] == a.district and f"第{a.page_no}版" in meta and meta.endswith(a.byline)
    assert "年" in meta and "星期" in meta
    assert text.split("\n\n")[1:] == [p for p in a.body.split("\n")[:-1]] + [a.body.split("\n")[-1] + "\n"]


def test_markdown_marks_structure_and_escapes_the_text(seeded_db):
    conn = query.connect(seeded_db)
    a = _with_subheads(conn)
    md = textout.markdown(a)
    assert md.startswith(f"# {textout.md_escape(a.title)}\n")
    for s in a.subheads:
        assert f"\n### {textout.md_escape(s)}\n" in md
    odd = query.Article(1, "x.txt", None, None, 1, "article", "璧山", "*粗*[链](x)", None, None,
                        "# 不是标题\n<b>一</b>\n1. 不是列表", [], [])
    md = textout.markdown(odd)
    assert "# \\*粗\\*\\[链\\](x)" in md and "\n\\# 不是标题\n" in md and "\\<b\\>" in md and "\n1\\. 不是列表" in md
    assert textout.plain(odd).startswith("*粗*[链](x)\n璧山\n")
    assert textout.default_filename(odd) == "undated_粗_[链](x).md"
    assert textout.default_filename(a) == f"{a.page_date}_{a.title}.md".replace(" ", "_")


def _jsonl(db, *args, capsys):
    assert main(["export", "--db", db, "--format", "jsonl", *args]) == 0
    return [json.loads(x) for x in capsys.readouterr().out.splitlines()]


def test_export_everything_with_all_fields(seeded_db, capsys):
    conn = query.connect(seeded_db)
    rows = _jsonl(seeded_db, capsys=capsys)
    n, = conn.execute("SELECT COUNT(*) FROM articles").fetchone()
    assert len(rows) == n and len({r["id"] for r in rows}) == n
    one = rows[0]
    a = query.article(conn, one["id"])
    assert one["title"] == a.title and one["paragraphs"] == a.body.split("\n") and one["district"] == a.district
    assert one["keywords"] == [k for k, _ in a.keywords] and one["key"] and one["path"]
    keys = [conn.execute("SELECT sortkey FROM articles WHERE id = ?", [r["id"]]).fetchone()[0] for r in rows]
    assert keys == sorted(keys, reverse=True)  # newest first


def test_export_filters(seeded_db, capsys):
    conn = query.connect(seeded_db)
    district = max(query.district_counts(conn).items(), key=lambda kv: kv[1])[0]
    rows = _jsonl(seeded_db, "--district", district, capsys=capsys)
    assert len(rows) == query.district_counts(conn)[district] and {r["district"] for r in rows} == {district}
    found = query.search(conn, "创新", limit=1000, counts=False)
    assert [r["id"] for r in _jsonl(seeded_db, "--query", "创新", capsys=capsys)] == [h.id for h in found.hits]
    day = conn.execute("SELECT MAX(page_date) FROM articles").fetchone()[0]
    rows = _jsonl(seeded_db, "--since", day, capsys=capsys)
    assert rows and {r["date"] for r in rows} == {day}
    assert _jsonl(seeded_db, "--until", "1999", capsys=capsys) == []
    pinyin = _jsonl(seeded_db, "--query", "bishan", capsys=capsys)
    assert [r["id"] for r in pinyin] == [h.id for h in query.search(conn, "bishan", limit=1000).hits]


def test_export_starred(loaded_copy, capsys):
    conn = query.connect(loaded_copy)
    ids = [r.id for r in query.rows(conn)][:3]
    UserState(loaded_copy).set_starred(ids)
    assert sorted(r["id"] for r in _jsonl(loaded_copy, "--starred", capsys=capsys)) == sorted(ids)


@pytest.fixture
def loaded_copy(seed_copy, db_path):
    assert main(["load", str(seed_copy), "--db", db_path, "-q"]) == 0
    return db_path


def test_csv_and_markdown_formats(seeded_db, tmp_path, capsys):
    out = tmp_path / "a.csv"
    assert main(["export", "--db", seeded_db, "--format", "csv", "-o", str(out)]) == 0
    assert "exported to" in capsys.readouterr().err
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    conn = query.connect(seeded_db)
    a = query.article(conn, int(rows[0]["id"]))
    assert rows[0]["paragraphs"] == a.body and rows[0]["title"] == (a.title or "")
    assert main(["export", "--db", seeded_db, "--format", "md", "--district", a.district]) == 0
    md = capsys.readouterr().out
    assert md.count("\n---\n") == query.district_counts(conn)[a.district] - 1 and md.startswith("# ")


def test_export_never_replaces_a_file_unless_told(seeded_db, tmp_path, capsys):
    target = tmp_path / "notes.md"
    target.write_text("my notes", encoding="utf-8")
    assert main(["export", "--db", seeded_db, "--format", "md", "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert "exists" in err and "--force" in err and len(err.strip().splitlines()) == 1
    assert target.read_text(encoding="utf-8") == "my notes"
    assert main(["export", "--db", seeded_db, "--format", "md", "-o", str(tmp_path)]) == 1
    assert main(["export", "--db", seeded_db, "--format", "md", "-o", str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8").startswith("# ")
    assert sorted(os.listdir(tmp_path)) == ["notes.md"]  # no temporary file left behind


def test_export_errors_are_one_line(seeded_db, tmp_path, capsys):
    for args, code in ([["--since", "2020-13"], 2], [["--district", "北京"], 2], [["--query", "date:2020-02-30"], 2]):
        assert main(["export", "--db", seeded_db, "--format", "jsonl", "-o", str(tmp_path / "x"), *args]) == code
        assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert not os.listdir(tmp_path)
    assert main(["export", "--db", str(tmp_path / "none.db"), "--format", "jsonl"]) == 1


def test_save_never_replaces_without_being_told(seeded_db, tmp_path):
    a = _with_subheads(query.connect(seeded_db))
    target = tmp_path / textout.default_filename(a)
    assert textout.save(textout.markdown(a), str(target)) == str(target)
    assert target.read_text(encoding="utf-8") == textout.markdown(a)
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        textout.save("x", str(target))
    assert target.read_text(encoding="utf-8") == "mine"
    with pytest.raises(IsADirectoryError):
        textout.save("x", str(tmp_path))
    textout.save("new", str(target), overwrite=True)
    assert target.read_text(encoding="utf-8") == "new" and len(os.listdir(tmp_path)) == 1


def test_export_query_of_date_words_alone_exports_those_days(seeded_db, capsys):
    """Issue #1: `export --query 'date:…'` lists the days' articles, as `cqdaily search` does."""
    conn = query.connect(seeded_db)
    day = conn.execute("SELECT MAX(page_date) FROM articles").fetchone()[0]
    month = day[:7]
    found = query.search(conn, f"date:{month}", limit=100_000, counts=False)
    assert found.total and not found.error
    rows = _jsonl(seeded_db, "--query", f"date:{month}", capsys=capsys)
    assert [r["id"] for r in rows] == [h.id for h in found.hits]
    assert {r["date"][:7] for r in rows} == {month}
    # narrowed by the flags and the district, as any other query
    assert _jsonl(seeded_db, "--query", f"date:{month}", "--until", "1999", capsys=capsys) == []
    district = rows[0]["district"]
    narrowed = _jsonl(seeded_db, "--query", f"date:{day}", "--district", district, capsys=capsys)
    assert narrowed and {(r["date"], r["district"]) for r in narrowed} == {(day, district)}


@pytest.mark.parametrize("q", ["", "   "])
def test_export_empty_query_is_a_usage_error_like_search(seeded_db, tmp_path, capsys, q):
    """Issue #9: an empty --query is refused as `cqdaily search ''` is: usage, exit 2, no file."""
    out = tmp_path / "x.jsonl"
    with pytest.raises(SystemExit) as exit_:
        main(["export", "--db", seeded_db, "--format", "jsonl", "-o", str(out), "--query", q])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "cqdaily export: error:" in err and "query is empty" in err and "usage: cqdaily export" in err
    assert not os.listdir(tmp_path)
    with pytest.raises(SystemExit) as exit_:
        main(["search", "--db", seeded_db, q])
    assert exit_.value.code == 2 and "query is empty" in capsys.readouterr().err


def test_bad_since_until_suggest_the_flag_syntax(seeded_db, capsys):
    """Issue #10: --since/--until errors show the flag's own syntax, not the date: words."""
    for flag in ("--since", "--until"):
        assert main(["export", "--db", seeded_db, "--format", "jsonl", flag, "2020-13"]) == 2
        err = capsys.readouterr().err
        assert f"{flag} 2020-12" in err and "date:" not in err and len(err.strip().splitlines()) == 1
        assert main(["search", "--db", seeded_db, "的", flag, "2020-13"]) == 2
        err = capsys.readouterr().err
        assert f"{flag} 2020-12" in err and "date:" not in err
    assert main(["search", "--db", seeded_db, "date:2020-13"]) == 2
    assert "date:2020-12" in capsys.readouterr().err  # in a query, the query's syntax


@pytest.mark.parametrize("mask", [0o022, 0o027])
def test_written_files_get_the_mode_of_new_files(seeded_db, tmp_path, capsys, mask):
    """Issue #7: an export or a saved article gets 0666 & ~umask, not the temporary file's 0600;
    a file replaced with --force keeps the mode it had."""
    old = os.umask(mask)
    try:
        out = tmp_path / "a.jsonl"
        assert main(["export", "--db", seeded_db, "--format", "jsonl", "-o", str(out)]) == 0
        assert out.stat().st_mode & 0o777 == 0o666 & ~mask
        saved = textout.save("text", str(tmp_path / "b.md"))
        assert os.stat(saved).st_mode & 0o777 == 0o666 & ~mask
        os.chmod(out, 0o640)
        assert main(["export", "--db", seeded_db, "--format", "csv", "-o", str(out), "--force"]) == 0
        textout.save("again", saved, overwrite=True)
        os.chmod(saved, 0o604)
        textout.save("again", saved, overwrite=True)
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o640 and os.stat(saved).st_mode & 0o777 == 0o604
    assert sorted(os.listdir(tmp_path)) == ["a.jsonl", "b.md"]


def test_a_continued_story_without_a_headline_is_written_out_as_the_reader_shows_it(seeded_db):
    """The reader shows a story continued from an earlier page with no headline here as
    "(continued)" / "（上接）"; `export --format md` and `w` wrote "# （无题）" (untitled) for it
    (a new user's report). An item without a headline that is not continued stays untitled."""
    conn = query.connect(seeded_db)
    rows = conn.execute("SELECT id, continued FROM articles WHERE title IS NULL").fetchall()
    cont = [i for i, c in rows if c]
    plain = [i for i, c in rows if not c]
    assert cont and plain  # the seed pages hold both
    a = query.article(conn, cont[0])
    assert textout.markdown(a).startswith("# （上接）\n") and textout.plain(a).startswith("（上接）\n")
    assert "上接" in textout.default_filename(a)
    assert textout.markdown(query.article(conn, plain[0])).startswith("# （无题）\n")


def test_export_md_writes_a_continued_story_as_the_reader_shows_it(seeded_db, capsys):
    """`cqdaily export --format md` still wrote "# （无题）" for the continued story: the records
    it writes from did not carry `continued` (a tester's report); jsonl and csv carry it now."""
    assert main(["export", "--db", seeded_db, "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert "# （上接）" in out
    assert main(["export", "--db", seeded_db, "--format", "jsonl"]) == 0
    recs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert any(r["continued"] for r in recs) and not all(r["continued"] for r in recs)
