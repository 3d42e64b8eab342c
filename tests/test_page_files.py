"""Page files as archives hold them: several pages run together in one file, a page reloaded from
a truncated copy, copies that differ only in trailing whitespace. The loader stores what it can
and says what it found (tui/parse/onepage.py, loading.shrink_warning, decode.text_digest)."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tui import loading
from tui.cli import main
from tui.parse import onepage, parse_page
from tui.parse.decode import text_digest

HEADED = "003_1aa8c1ab2ae5791b.txt"  # the seed page that prints its header, date and editor lines
PLAIN = "000_6dd89e3262396e08.txt"


def _text(seeds_dir: Path, name: str) -> str:
    return (seeds_dir / name).read_text(encoding="utf-8")


def _headed(seeds_dir: Path, name: str, header: str, editor: str = "编辑 张三 美编 李四") -> str:
    """A seed page with the header lines a page of the paper prints at its top."""
    return f"\n{header}\n{editor}\n\n{_text(seeds_dir, name)}"


def _rows(db: str, sql: str, *args) -> list:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def _load(db: str, *paths: Path, force: bool = False) -> list[loading.PageResult]:
    return loading.load([str(p) for p in paths], db, force=force)


def test_two_copies_of_a_page_store_its_items_once_and_say_so(tmp_path, seeds_dir):
    page = _text(seeds_dir, HEADED)
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text(page, encoding="utf-8")
    two.write_text(page + page, encoding="utf-8")
    [single] = _load(str(tmp_path / "a.db"), one)
    [double] = _load(str(tmp_path / "b.db"), two)
    assert double.ok and double.items == single.items
    said = "; ".join(double.warnings)
    assert "holds the same text twice" in said and f"again from line {page.count(chr(10)) + 2}" in said
    assert f"{single.items} item(s) printed again word for word: stored once" in said
    rows = _rows(str(tmp_path / "b.db"), "SELECT title, body, ukey FROM articles")
    assert len({(t, b) for t, b, _ in rows}) == len(rows) == len({k for *_, k in rows})
    assert not single.warnings or "holds" not in "; ".join(single.warnings)


def test_pages_of_different_days_in_one_file_are_named(tmp_path, seeds_dir, capsys):
    pages = [
        _text(seeds_dir, HEADED),
        _headed(seeds_dir, PLAIN, "772022年 6月15日 星期三"),
        _headed(seeds_dir, "001_251e972a222be27a.txt", "662022年 11月23日 星期三"),
        _headed(seeds_dir, "004_9556b01e60d2e770.txt", "552023年 1月9日 星期一"),
    ]
    f = tmp_path / "month.txt"
    f.write_text("".join(pages[:3]), encoding="utf-8")
    line_b = pages[0].count("\n") + 2
    assert main(["load", str(f), "--db", str(tmp_path / "m.db")]) == 0
    out = capsys.readouterr().out
    assert (f"holds 3 page headers (2020-12-07 p3 at line 2, 2022-06-15 p7 at line {line_b}, 2022-11-23 p6 at line"
            in out)
    assert "load each page as its own file" in out
    # Stored, warning and all: the text is the user's, and findable (see onepage.py's docstring).
    [(warnings, n)] = _rows(str(tmp_path / "m.db"), "SELECT warnings, articles FROM pages")
    assert n > 0 and any("holds 3 page headers" in w for w in json.loads(warnings))
    # Four: three named, the rest counted.
    said = "; ".join(parse_page("".join(pages)).warnings)
    assert "holds 4 page headers (" in said and "2022-11-23 p6 at line" in said and ", …)" in said
    assert "2023-01-09" not in said


def test_headerless_pages_run_together_are_told_by_their_editor_lines(seeds_dir):
    text = (_text(seeds_dir, PLAIN) + "\n责任编辑 方静 美编 程宇\n\n"
            + _text(seeds_dir, "001_251e972a222be27a.txt") + "\n责任编辑 韦一宁 美编 杜可\n")
    said = "; ".join(parse_page(text).warnings)
    assert "holds 2 editor lines (“责任编辑 方静 美编 程宇” at line" in said


def test_far_more_text_than_a_page_holds_is_said(seeds_dir, monkeypatch):
    text = "".join(_text(seeds_dir, n) for n in (PLAIN, "001_251e972a222be27a.txt", "004_9556b01e60d2e770.txt"))
    assert onepage.several_pages(text) == []
    monkeypatch.setattr(onepage, "MAX_PAGE_CHINESE", 10_000)
    [said] = onepage.several_pages(text)
    assert "more than any page holds: it may hold several pages" in said


def test_one_page_is_one_page(seeds_dir):
    """No seed page says it holds several: no header, editor line or long run of text twice."""
    for f in sorted(seeds_dir.glob("*.txt")):
        assert onepage.several_pages(f.read_text(encoding="utf-8")) == [], f.name


def test_a_run_of_text_printed_again_is_found_whatever_the_blank_lines():
    body = [f"第{i}行，这是一段足够长的正文文字，用来检验重复文本的查找。" for i in range(20)]
    first = "\n".join(body)
    again = "\n\n".join(f"  {line}  " for line in body)  # other blank lines, spaces at the ends
    lines = (first + "\n标题\n" + again).split("\n")
    assert onepage.repeated_run(lines) == ((1, 20), 22)
    short = (first + "\n" + "\n".join(body[:3])).split("\n")  # a short quote is not a copy
    assert onepage.repeated_run(short) is None


def test_a_truncated_reload_says_the_page_shrank(tmp_path, seeds_dir):
    db = str(tmp_path / "t.db")
    f = tmp_path / "p.txt"
    whole = (seeds_dir / PLAIN).read_bytes()
    f.write_bytes(whole)
    [first] = _load(db, f)
    assert first.items >= 6
    f.write_bytes(whole[:4000])
    [cut] = _load(db, f)
    shrunk = [w for w in cut.warnings if "may be truncated" in w]
    assert cut.ok and cut.items < first.items  # reloaded as asked
    assert shrunk and shrunk[0].startswith(f"now {cut.items} items, was {first.items} (")
    [(warnings,)] = _rows(db, "SELECT warnings FROM pages")
    assert shrunk[0] in json.loads(warnings)
    f.write_bytes(whole)  # whole again: more than before, nothing to say
    [again] = _load(db, f)
    assert not any("truncated" in w for w in again.warnings)
    [same] = _load(db, f, force=True)  # the same page loaded again
    assert not any("truncated" in w for w in same.warnings)


def test_shrink_threshold_counts_text_and_items():
    from tui.parse.articles import Article

    def arts(n, chars):
        return [Article(paragraphs=["字" * chars]) for _ in range(n)]

    assert loading.shrink_warning(None, arts(1, 10)) is None
    assert loading.shrink_warning((6, 6000), arts(6, 1000)) is None
    assert "now 2 items, was 6" in loading.shrink_warning((6, 6000), arts(2, 600))
    assert "now 2 items, was 6" in loading.shrink_warning((6, 6000), arts(2, 2900))  # same text, far fewer items
    assert loading.shrink_warning((6, 6000), arts(3, 1900)) is None  # half the items: not below half
    assert loading.shrink_warning((2, 2000), arts(1, 1900)) is None  # one item fewer: not far fewer


def test_copies_that_differ_in_trailing_whitespace_are_the_same_page(tmp_path, seeds_dir):
    text = _text(seeds_dir, PLAIN)
    d = tmp_path / "copies"
    d.mkdir()
    (d / "a.txt").write_text(text, encoding="utf-8")
    (d / "b_spaces.txt").write_text("\n".join(line + "  " for line in text.split("\n")), encoding="utf-8")
    (d / "c_no_newline.txt").write_text(text.rstrip("\n"), encoding="utf-8")
    (d / "d_blank_lines.txt").write_text("\n\n" + text + "\n\n\n", encoding="utf-8")
    (d / "e_crlf.txt").write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    results = _load(str(tmp_path / "w.db"), d)
    assert [bool(r.duplicate_of) for r in results] == [False, True, True, True, True]
    assert _rows(str(tmp_path / "w.db"), "SELECT COUNT(*) FROM pages") == [(1,)]


def test_inner_spaces_make_another_text():
    assert text_digest("建成通车。\n") == text_digest("\n建成通车。   \n\n")
    assert text_digest("建成通车。") != text_digest("建 成 通 车 。")
    assert text_digest("  建成通车。") != text_digest("建成通车。")  # indentation starts a paragraph
