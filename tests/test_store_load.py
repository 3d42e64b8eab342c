"""Loading pages into SQLite: replace on re-load, each page whole or absent, clear failures."""
import json
import os
import sqlite3
import subprocess
import sys

import pytest

from tui import loading as loader
from tui.db import files, store
from tui.cli import main


def rows(db_path, sql, *args):
    con = sqlite3.connect(db_path)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def articles_of(db_path, by_name=False):
    """The articles, page by page; by_name: their pages named by base name (copies in other folders)."""
    got = rows(db_path, "SELECT source, kind, district, title, subtitle, byline, body FROM articles ORDER BY source, position")
    return [(os.path.basename(r[0]), *r[1:]) for r in got] if by_name else got


def test_load_seeds(seeds_dir, db_path, capsys):
    assert main(["load", str(seeds_dir), "--db", db_path]) == 0
    out = capsys.readouterr().out
    assert "5 pages loaded" in out
    n = rows(db_path, "SELECT COUNT(*) FROM articles")[0][0]
    assert n >= 40
    cols = {r[1] for r in rows(db_path, "PRAGMA table_info(articles)")}
    assert {"id", "source", "page_date", "page_no", "position", "kind", "district", "title", "subtitle",
            "byline", "body", "subheads", "keywords", "chars"} <= cols
    page = rows(db_path, "SELECT date, number, format, path FROM pages WHERE name = '003_1aa8c1ab2ae5791b.txt'")[0]
    assert page == ("2020-12-07", 3, "wrapped", str((seeds_dir / "003_1aa8c1ab2ae5791b.txt").resolve()))
    assert rows(db_path, "SELECT format FROM pages WHERE name LIKE '002%'")[0][0] == "markdown"


def test_reload_replaces_and_never_duplicates(seeds_dir, db_path):
    main(["load", str(seeds_dir), "--db", db_path])
    first = articles_of(db_path)
    main(["load", str(seeds_dir), "--db", db_path, "--force"])
    assert articles_of(db_path) == first
    # The search index follows: each article is found once.
    n = rows(db_path, "SELECT COUNT(*) FROM articles_pairs WHERE articles_pairs MATCH '\"璧山\"'")[0][0]
    tri = rows(db_path, "SELECT COUNT(*) FROM articles_pairs WHERE articles_pairs MATCH '\"璧山 山区\"'")[0][0]
    assert tri == rows(db_path, "SELECT COUNT(*) FROM articles WHERE title LIKE '%璧山区%' OR subtitle LIKE '%璧山区%' OR body LIKE '%璧山区%'")[0][0]
    direct = rows(db_path, "SELECT COUNT(*) FROM articles WHERE title LIKE '%璧山%' OR subtitle LIKE '%璧山%' OR body LIKE '%璧山%'")[0][0]
    assert n == direct


def test_unchanged_page_is_skipped(seeds_dir, db_path, capsys):
    main(["load", str(seeds_dir), "--db", db_path])
    capsys.readouterr()
    assert main(["load", str(seeds_dir), "--db", db_path]) == 0
    assert "5 unchanged" in capsys.readouterr().out


def test_gb18030_and_bom_crlf_copies_load_the_same(seeds_dir, tmp_path):
    src = seeds_dir / "000_6dd89e3262396e08.txt"
    text = src.read_text(encoding="utf-8")
    variants = {
        "utf8": text.encode("utf-8"),
        "gbk": text.encode("gb18030"),
        "bomcrlf": b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"),
    }
    results = {}
    for name, data in variants.items():
        d = tmp_path / name
        d.mkdir()
        (d / src.name).write_bytes(data)
        db = str(tmp_path / f"{name}.db")
        assert main(["load", str(d), "--db", db]) == 0
        results[name] = articles_of(db, by_name=True)
    assert results["utf8"] == results["gbk"] == results["bomcrlf"]
    assert len(results["utf8"]) >= 5


def test_bad_files_fail_clearly_and_good_ones_load(seeds_dir, tmp_path, capsys):
    d = tmp_path / "mixed"
    d.mkdir()
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (d / "good.txt").write_bytes((seeds_dir / "004_9556b01e60d2e770.txt").read_bytes())
    db = str(tmp_path / "m.db")
    assert main(["load", str(d), str(tmp_path / "missing.txt"), "--db", db]) == 1
    captured = capsys.readouterr()
    err = captured.err
    assert "empty.txt: empty file" in err
    assert "binary.txt: binary file" in err
    assert "missing.txt: no such file or folder" in err
    assert "Traceback" not in err + captured.out
    assert rows(db, "SELECT COUNT(*) FROM articles WHERE source = ?", str(d.resolve() / "good.txt"))[0][0] >= 8


def test_failed_page_leaves_database_as_it_was(seeds_dir, db_path, monkeypatch):
    main(["load", str(seeds_dir), "--db", db_path])
    before = articles_of(db_path)

    def boom(*a, **k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store.keywords, "top", boom)  # fails inside the page's transaction
    db = files.open_db(db_path)
    with pytest.raises(RuntimeError):
        page = str((seeds_dir / "000_6dd89e3262396e08.txt").resolve())
        store.save_page(db, store.PageRecord(page, "y", None, None, "wrapped", [], []),
                        loader.parse_page((seeds_dir / "000_6dd89e3262396e08.txt").read_bytes())[1])
    db.conn.close()
    assert articles_of(db_path) == before


def test_hostile_text_is_stored_literally(tmp_path):
    page = ("本报讯 （记者 张莎）12月6日，[bold]大渡口区[/]春晖路街道新\n华社区开放\x1b[31m志愿者注册\x1b[0m，45位市民\n"
            "现场注册成为[link=http://x]志愿者[/link]。\n")
    f = tmp_path / "hostile.txt"
    f.write_text(page, encoding="utf-8")
    db = str(tmp_path / "h.db")
    assert main(["load", str(f), "--db", db]) == 0
    (body,) = rows(db, "SELECT body FROM articles")[0]
    assert "[bold]大渡口区[/]" in body and "[link=http://x]志愿者[/link]" in body
    assert "\x1b" not in body


def test_keywords_are_stored(seeds_dir, db_path):
    main(["load", str(seeds_dir), "--db", db_path])
    for (kw,) in rows(db_path, "SELECT keywords FROM articles WHERE chars > 300"):
        words = json.loads(kw)
        assert 3 <= len(words) <= 8
        assert all(isinstance(w, str) and len(w) >= 2 and s > 0 for w, s in words)


def test_python_m_tui_load_exit_status(seeds_dir, tmp_path):
    db = str(tmp_path / "p.db")
    ok = subprocess.run([sys.executable, "-m", "tui", "load", str(seeds_dir), "--db", db],
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    bad = subprocess.run([sys.executable, "-m", "tui", "load", str(tmp_path / "nope"), "--db", db],
                         capture_output=True, text=True)
    assert bad.returncode == 1 and "no such file or folder" in bad.stderr
