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
