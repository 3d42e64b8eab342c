"""Credits as the pages print them (issue 11, class 5): at the end, glued, letter-spaced,
broken over lines, in a 本报讯 opener with either bracket, over the body."""
from __future__ import annotations

import pytest

from tui.parse import bylines, parse_page


@pytest.mark.parametrize("printed, credit", [
    ("通讯员 侯兰", "通讯员 侯兰"),
    ("记 者 龙 俊 杰 摄", "记者 龙俊杰 摄"),  # letter-spaced
    ("本报记者 吴刚", "本报记者 吴刚"),
    ("璧山区融媒体中心 谢捷 尹秀秀", "璧山区融媒体中心 谢捷 尹秀秀"),
    ("特约摄影 孙凯芳/视觉重庆", "特约摄影 孙凯芳/视觉重庆"),
])
def test_whole_line_credits(printed, credit):
    assert bylines.is_credit(printed)
    assert bylines.tidy(printed) == credit


@pytest.mark.parametrize("text, body, credit", [
    ("让“荣昌猪”养得更科学。通讯员 廖晨阳", "让“荣昌猪”养得更科学。", "通讯员 廖晨阳"),  # glued
    ("成为常态。 北碚区融媒体中心 庞思远 韩露", "成为常态。", "北碚区融媒体中心 庞思远 韩露"),
    ("2600 吨 。 通 讯 员\n邬秋实 摄", "2600 吨 。", "通讯员 邬秋实 摄"),  # caption end, two lines
    ("群众满意。\n通 讯 员\n杨筱箐 周胜芳 摄", "群众满意。", "通讯员 杨筱箐 周胜芳 摄"),
])
def test_credits_at_a_text_end(text, body, credit):
    assert bylines.split_tail(text) == (body, credit)


@pytest.mark.parametrize("text", ["记者从市教委获悉，市教委、市应急", "通讯员们都说：“好。”", "他是一名记者。"])
def test_text_naming_a_role_is_not_a_credit(text):
    assert bylines.split_tail(text) is None


@pytest.mark.parametrize("opener, credit, rest", [
    ("本报讯 （记者 彭光耀)6月13日上午", "记者 彭光耀", "6月13日上午"),  # half-width bracket
    ("本报讯 （记者 何子健） 11 月 21 日，", "记者 何子健", "11 月 21 日，"),
    ("本报讯（通讯员 王五）近日", "通讯员 王五", "近日"),
])
def test_lead_credits(opener, credit, rest):
    assert bylines.split_lead(opener) == (credit, rest)


def test_district_of_a_credit():
    assert bylines.district_of("万盛经开区融媒体中心 肖贵平") == "万盛经开区"
    assert bylines.district_of("通讯员 侯兰") is None


def test_credit_printed_before_the_body_belongs_to_that_story():
    page = "\n".join([
        "到2027年全市新建绿道1600公里", "本报记者 唐嘉怡", "",
        "记者从市住房城乡建委获悉，我", "市近日发布《城市绿道建设三年行动", "方案》，提出到2027年全市新建", "各类城市绿道1600公里。", "",
        "市住房城乡建委相关负责人表示，", "今年将启动建设绿道560公里，并同", "步建立绿道运营管护机制。", "",
    ]) + "\n"
    got = parse_page(page).articles
    assert [a.byline for a in got] == ["本报记者 唐嘉怡"]
    assert got[0].paragraphs[0].startswith("记者从市住房城乡建委获悉")


def _para(text: str) -> list[str]:
    from bench.corpus import wrap

    return wrap(text, 15) + [""]


def test_each_story_keeps_its_credit_wherever_printed():
    """A credit in a 本报讯 opener, one over the body, one at the end of a story printed right
    after another with no headline between (its headline comes after it): each is its own
    story's byline (the dev pages' 0.70 came from credits given to the next story)."""
    a = ["本报讯 （记者 何子健）11月21日，位于科学城的人工智能创新中心正式投用，首批入驻企业三十五家。",
         "创新中心建有算力服务平台，可为企业提供模型训练、数据标注和测试验证等服务。"]
    b = ["记者从市住房城乡建委获悉，我市近日发布城市绿道建设行动方案，提出新建绿道一千六百公里。",
         "市住房城乡建委相关负责人表示，今年将启动建设绿道五百六十公里，并同步建立管护机制。"]
    c = ["晚上下班回到小区，渝北区仙桃街道居民吴昊把车停进车位，插上充电枪就能充电。",
         "今年以来，渝北区把充电设施建设列入民生实事，全区已新建公共充电桩五千六百个。"]
    lines = sum((_para(p) for p in a), []) + ["人工智能创新中心投用", "", "我市发布城市绿道建设行动方案",
                                               "本报记者 唐嘉怡", ""]
    lines += sum((_para(p) for p in b + c), []) + ["渝北区融媒体中心 骆思彤", "", "渝北充电桩建设提速", ""]
    got = parse_page("\n".join(lines) + "\n").articles
    assert [(x.paragraphs[0][:6], x.byline) for x in got] == [
        ("11月21日", "记者 何子健"), (b[0][:6], "本报记者 唐嘉怡"), (c[0][:6], "渝北区融媒体中心 骆思彤")]
