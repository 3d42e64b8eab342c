"""Issue 12.3: kinsoku at every width. No line starts with a closing mark or ends with an opening
one, also where marks are adjacent ("增收。”"), and no line is wider than its width (a wider one
would be wrapped again by the widget, putting the marks on a line of their own)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.cjk import NO_LINE_END, NO_LINE_START
from tui.reader.textlayout import cell_len, may_break, wrap

from .conftest import SHARED

# shared/ beside the repository, or beside the folder of worktrees it is checked out in.
_SHARED = next((p for p in (SHARED, SHARED.parent.parent / "shared") if (p / "gold").is_dir()), SHARED)
GOLD = sorted((_SHARED / "gold").glob("*.json")) + sorted((_SHARED / "dev" / "gold").glob("*.json"))


def _texts(files: list[Path]) -> list[str]:
    out = []
    for f in files:
        for a in json.loads(f.read_text(encoding="utf-8"))["articles"]:
            out += [t for t in [a.get("title"), *(a.get("subtitles") or []), *(a.get("paragraphs") or [])] if t]
    return out


def check(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert "".join(text[a:b] for a, b in lines).replace(" ", "") == text.replace(" ", "")
    for k, (a, b) in enumerate(lines):
        line = text[a:b]
        assert cell_len(line) <= width, (width, line)
        if k:  # the first line starts where the text does
            assert line[:1] not in NO_LINE_START, (width, line)
        if k < len(lines) - 1:
            assert line[-1:] not in NO_LINE_END, (width, line)


@pytest.mark.skipif(not GOLD, reason="the shared gold files are not beside the repository")
def test_every_gold_article_at_every_width():
    texts = _texts(GOLD)
    assert len(texts) > 100
    for width in range(10, 81):
        for text in texts:
            check(text, width)


@pytest.mark.parametrize("text,width", [
    ("近日，垫江县总工会签订了协同发展合作协议，助推贫困群众增收。”他说。", 60),
    ("打破了国外企业在这一领域的长期技术垄断。”目前已投产。", 40),
    ("“双城记”、建好“经济圈”，为3.25英寸Micro LED显示屏……", 12),
])
def test_adjacent_closing_marks(text, width):
    for w in range(10, width + 1):
        check(text, w)


_CHARS = st.sampled_from(list("重庆日报区县新闻志愿者科技创新") + list(NO_LINE_START[:12]) + list(NO_LINE_END[:6])
                         + ["Micro", "LED", "3.25", " "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_CHARS, min_size=1, max_size=80).map("".join), st.integers(10, 80))
def test_marks_in_any_order(text, width):
    """Text made of characters and marks in any order: where a line can part between two
    characters, it does so there; the line never overflows."""
    lines = wrap(text, width)
    for k, (a, b) in enumerate(lines):
        assert cell_len(text[a:b]) <= width
        if k and _can_part(text, lines[k - 1][0], a):
            assert text[a] not in NO_LINE_START


def _can_part(text: str, start: int, end: int) -> bool:
    """Is there a place between start and end where a closing mark does not follow, an opening
    mark does not precede, and no Latin word is cut?"""
    return any(may_break(text, i) for i in range(start + 1, end))
