import pytest

from tui.parse.decode import DecodeError, decode, strip_controls

TEXT = "近日，垫江县总工会分别与四川\n省大竹县签订了协议。\n"


def test_utf8_plain():
    assert decode(TEXT.encode()).text == TEXT


def test_utf8_bom_and_crlf():
    d = decode(b"\xef\xbb\xbf" + TEXT.replace("\n", "\r\n").encode())
    assert d.text == TEXT and d.encoding == "utf-8"


def test_old_mac_line_ends():
    assert decode(TEXT.replace("\n", "\r").encode()).text == TEXT


def test_gb18030():
    d = decode(TEXT.encode("gb18030"))
    assert d.text == TEXT and d.encoding == "gb18030"


def test_damaged_bytes_in_utf8_are_replaced_and_reported():
    data = ("璧山" * 200).encode() + b"\xff\xfe" + ("铜梁" * 200).encode()
    d = decode(data)
    assert "\ufffd" in d.text and d.text.startswith("璧山") and d.text.endswith("铜梁")
    assert any("replaced" in w for w in d.warnings)


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"   \n\n  ", "empty"),
    (bytes(range(256)) * 40, "binary"),
    (b"\x89PNG\r\n\x1a\n" + bytes(2000), "binary"),
])
def test_not_a_page(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode(data)


def test_terminal_controls_are_stripped():
    hostile = "标题\x1b[31m红\x1b[0m\x1b]8;;http://x\x07链接\x1b]8;;\x07\u202e反\u200b\x07\x00字\x9b2J"
    assert strip_controls(hostile) == "标题红链接反字"


def test_markup_is_kept_literally():
    assert decode("[bold]粗[/] [link=x]a[/link]".encode()).text == "[bold]粗[/] [link=x]a[/link]"


@pytest.mark.parametrize("data", [
    "璧山区 新闻。\r\n第二行".encode("utf-16"),  # LE with BOM, as Windows editors save "Unicode"
    b"\xfe\xff" + "璧山区 新闻。\r\n第二行".encode("utf-16-be"),
    "璧山区 新闻。\r\n第二行".encode("utf-32"),
])
def test_utf16_and_utf32_with_bom(data):
    d = decode(data)
    assert d.text == "璧山区 新闻。\n第二行" and d.encoding in ("utf-16", "utf-32")


@pytest.mark.parametrize("data", [
    b"hi",
    b"It was a bright cold day in April, and the clocks were striking thirteen.\n" * 40,
    ("The quick brown fox jumps over the lazy dog. " * 100 + "重庆").encode(),  # a word of Chinese in English
])
def test_no_chinese_text_is_refused_with_its_reason(data):
    with pytest.raises(DecodeError, match="Chinese text"):
        decode(data)


def test_count_cjk_agrees_with_is_cjk_at_the_range_edges():
    from tui.cjk import count_cjk, is_cjk

    edges = "\u33ff\u3400\u4dbf\u4dc0\u4dff\u4e00\u9fff\ua000"
    text = f"重庆 a1，{edges}\n科技\U00020000创新。" * 3
    assert count_cjk(text) == sum(map(is_cjk, text)) == 30
    assert count_cjk("") == 0 and count_cjk("abc，。") == 0


# ---- Characters PDF extractors emit (a tester's loads of the seed and dev pages) ------------

SEEDS = __import__("pathlib").Path(__file__).resolve().parent.parent / "seeds"


def _articles(text: str) -> list[tuple]:
    from tui.parse import parse_page

    _, articles, _ = parse_page(text.encode("utf-8"))
    return [(a.title, a.district, a.byline, a.body) for a in articles]


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def test_soft_hyphens_are_removed_and_a_broken_latin_word_is_joined():
    """A soft hyphen (U+00AD) was kept: a stray cell in titles and bodies, and "冰粉" no longer
    found "冰\\xad粉". At a line end inside a Latin word it marks the break: joined as "Micro"."""
    d = decode("弹子石老\u00ad街的灯笼\u00ad亮起\n".encode())
    assert d.text == "弹子石老街的灯笼亮起\n" and d.warnings == []
    assert decode("采用Mi\u00ad\ncro LED技术\n".encode()).text == "采用Mi-\ncro LED技术\n"
    page = _seed("001")
    soft = "\n".join(ln[:5] + "\u00ad" + ln[5:] if len(ln) > 8 else ln for ln in page.split("\n"))
    assert _articles(soft) == _articles(page)


@pytest.mark.parametrize("space", ["\u3000", "\u00a0", "\u2002"])
def test_any_space_between_a_district_and_its_headline_reads_as_one(space):
    """"南川\\u3000梳理民生实事…": the headline was lost (title NULL, glued to the first paragraph),
    as only an ASCII space was taken for the gap. Every space of another width reads as one."""
    page = _seed("001")
    assert "\n南川 梳理民生实事" in page
    other = page.replace("\n南川 梳理民生实事", f"\n南川{space}梳理民生实事")
    assert _articles(other) == _articles(page)


def test_a_crlf_file_converted_twice_keeps_its_lines():
    """"\\r\\r\\n" (CRLF converted to CRLF again) made a blank line after every line: each line
    became a paragraph of its own."""
    assert decode(TEXT.replace("\n", "\r\r\n").encode()).text == TEXT
    page = _seed("000")
    assert _articles(page.replace("\n", "\r\r\n")) == _articles(page)


def test_what_extractors_emit_as_a_matter_of_course_is_not_reported():
    """A form feed (pdftotext's page end) and zero-width spaces drew "(37 control/escape
    character(s) removed)" on every page; the form feed is a break, and a real escape sequence
    is still reported."""
    d = decode("第一段文字。\f第二段\u200b文字。\n".encode())
    assert d.text == "第一段文字。\n\n第二段文字。\n" and d.warnings == []
    assert decode("文字\x1b[31m红\n".encode()).warnings == ["5 control/escape character(s) removed"]
