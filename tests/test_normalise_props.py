"""Property tests of the normaliser: a paragraph re-laid out any way comes back exactly."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bench.corpus import wrap
from tui.parse.classify import clean_head
from tui.parse.model import HEAD, PARA
from tui.parse.normalise import normalise
from tui.parse.textutil import NO_LINE_END, ends_sentence, undouble, width

# Real sentences from the seed pages (short and long, with digits, quotes, Latin words).
SENTENCES = [
    "近日，垫江县总工会分别与四川省大竹县、邻水县总工会签订了推动融入成渝地区双城经济圈协同发展合作协议。",
    "今年前三季度，璧山区新培育入库科技型企业239家，累计达到728家。",
    "“研发公司的优势在于技术，弱势在于产品工程化和市场推广问题。”",
    "入驻企业平创半导体研究院负责人陈显平说，大学城（璧山）双创生态社区建有先进的中试平台。",
    "刀片电池、云巴、3.25英寸Micro LED显示屏、柔性薄膜等高新技术产品成为璧山制造业最闪亮的名片。",
    "截至11月，铜梁区内资引资额和实际到位资金，分别比去年同期增长42.4%和70.8%。",
    "居民刘勇主动前来帮忙，他说：“人行道被占了，大家只能走公路，多危险啊。”",
    "NB-ioT物联网水表拥有计量精度高、功耗低、抗冻等特点。",
    "全区R&D占比达2.95%，已有180家企业单独设立研究院。",
    "这是重庆蓝黛动力传动机械股份有限公司车间里的生产场景。",
]

paragraphs = st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4).map("".join)


def _layout(text: str, cells: int, cut_after: int | None, spaced: int | None) -> str:
    lines = wrap(text, max(cells // 2, 4))
    if spaced is not None and lines:
        k = spaced % len(lines)
        # Justification spaces: around a number, or (short lines) between every character.
        if re.search(r"\d", lines[k]):
            lines[k] = re.sub(r"(\d+(?:\.\d+)?)", r" \1 ", lines[k], count=1).strip()
        elif len(lines[k]) <= 12 and not re.search("[A-Za-z]", lines[k]):
            lines[k] = " ".join(lines[k])  # a short CJK line spread across the column
    if cut_after is not None and len(lines) > 1:
        k = cut_after % (len(lines) - 1)
        lines.insert(k + 1, "")
    return "\n".join(lines) + "\n"


def _ambiguous_cut(text: str, cells: int, cut_after: int | None) -> bool:
    """A break after a line ending a sentence, before a line that stops 2+ characters short of
    the column (a Latin word did not fit), or a break right after such a short line: that is
    exactly how a new, indented paragraph looks, so no reader of the text alone can tell. Such
    layouts are left out."""
    col = max(cells // 2, 4)
    lines = wrap(text, col)
    if cut_after is None or len(lines) < 2:
        return False
    k = cut_after % (len(lines) - 1)
    if ends_sentence(lines[k]) and width(lines[k + 1]) <= 2 * col - 4:
        return True
    # A break after a sentence-final line, before a line that stops short only because the
    # opening mark after it could not end a line: one character short reads, within the pages'
    # own slack (hanging punctuation, narrow quotes), as a new paragraph's indented first line.
    if (ends_sentence(lines[k]) and k + 2 < len(lines) and lines[k + 2][:1] in NO_LINE_END
            and width(lines[k + 1]) < 2 * col):
        return True
    # The line before the break ended early because a Latin word moved across the break: it
    # then looks like a new paragraph's indented first line, after a sentence that ended.
    return (
        k >= 1 and ends_sentence(lines[k - 1]) and width(lines[k]) <= 2 * col - 4
        and bool(re.match("[A-Za-z0-9]", lines[k + 1]))
    )


def _paragraphs(page_text: str) -> list[str]:
    return [e.text for e in normalise(page_text).elements if e.kind == PARA]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=paragraphs,
    cells=st.integers(min_value=8, max_value=30),
    cut_after=st.one_of(st.none(), st.integers(min_value=0, max_value=200)),
    spaced=st.one_of(st.none(), st.integers(min_value=0, max_value=200)),
)
def test_rewrapped_paragraph_comes_back(text, cells, cut_after, spaced):
    assume(not _ambiguous_cut(text, cells, cut_after))
    page = _layout(text, cells, cut_after, spaced)
    assert _paragraphs(page) == [text]


@settings(max_examples=150, deadline=None)
@given(
    first=paragraphs, second=paragraphs,
    cells=st.integers(min_value=20, max_value=30),
    cut_after=st.integers(min_value=0, max_value=200),
)
def test_two_paragraphs_stay_two(first, second, cells, cut_after):
    """Two paragraphs, the first cut by a column break: both come back, in order.

    Left out: a first paragraph whose last line fills the column. Its end is then told from a
    column break only by the next line's indent, which narrow quotes and hanging punctuation
    can hide; the loader joins such a pair, as test_rewrapped_paragraph_comes_back requires.
    """
    last = wrap(first, max(cells // 2, 4))[-1]
    assume(width(last) < 2 * max(cells // 2, 4) - 3)
    assume(not _ambiguous_cut(first, cells, cut_after))
    # A page has more than two short paragraphs: one long one before them sets the column.
    context = "".join(SENTENCES[:4])
    page = "\n".join([_layout(context, cells, None, None), _layout(first, cells, cut_after, None),
                      _layout(second, cells, None, None)])
    assert _paragraphs(page) == [context, first, second]


HEADLINES = ["潼南", "东升大桥完成承台施工", "走村不漏户 户户见干部", "更多老旧小区“喜提”智能门禁系统",
             "南川 喜看梯田千重浪", "重点项目快速有序推进", "巴南“背篼书屋”添新书"]


@given(st.sampled_from(HEADLINES))
def test_doubled_headline_comes_back_single(head):
    once = re.sub(r"(\S+)", lambda m: m.group(1) * 2, head)  # bold rendering doubles each run
    assert clean_head(once)[0] == head
    assert clean_head(head)[0] == head


@given(st.text(alphabet="天天向上谢谢大家好人", min_size=1, max_size=6))
def test_short_repeats_are_not_undoubled(text):
    """Words like 谢谢 or 天天 are text, not bold doubling."""
    assume(len(text) < 4)
    assert undouble(text) is None


def test_doubled_headline_with_glued_label():
    head, district = clean_head("科创产业获三大引擎强力支撑科创产业获三大引擎强力支撑江津")
    assert (head, district) == ("科创产业获三大引擎强力支撑", "江津")


def test_label_after_preposition_stays():
    assert clean_head("37万义卖款定向捐赠给巫山") == ("37万义卖款定向捐赠给巫山", None)


def test_headline_line_is_not_a_paragraph():
    page = "党员带了头 居民跟身后\n华上新天是典型的老旧小区，存在较多历史遗\n留问题：没有物业，用水也有困难。\n"
    els = normalise(page).elements
    assert [e.kind for e in els] == [HEAD, PARA]
    assert els[0].text == "党员带了头 居民跟身后"


@pytest.mark.parametrize("printed, kept", [
    ("“为民调解行善事 排忧解难积功德”的锦旗", "“为民调解行善事 排忧解难积功德”的锦旗"),
    ("下午，《艺扬大爱 助力脱贫——彭柯、", "下午，《艺扬大爱 助力脱贫——彭柯、"),
    ("学共同主办的“志愿青春 科普有我”活动", "学共同主办的“志愿青春 科普有我”活动"),
    ("“建 成 通 车 。”", "“建成通车。”"),  # justification: single characters apart
    ("6 月14日，全区新建 公路", "6月14日，全区新建公路"),  # digit spacing; a space outside quotes
    ("采用Micro LED技术", "采用Micro LED技术"),
])
def test_a_space_between_two_phrases_of_a_quoted_slogan_or_title_is_kept(printed, kept):
    """The seed pages print "“为民调解行善事 排忧解难积功德”" and "《艺扬大爱 助力脱贫》" with a
    space between the two phrases, as the gold keeps it; the loader dropped every space beside a
    CJK character, so the stored text read "行善事排忧解难" (a new user's report)."""
    from tui.parse.textutil import squeeze_spaces

    assert squeeze_spaces(printed) == kept
