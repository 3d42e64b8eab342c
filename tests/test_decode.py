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
