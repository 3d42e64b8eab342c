"""Joining paragraphs cut at column breaks (tui/parse/joining.py), wrapped headlines
(wrapped.py), headlines to their stories (headlines.py) and districts (districts.py), one decision
at a time."""
from __future__ import annotations

import pytest

from tui.parse.articles import Article, Cluster
from tui.parse.districts import article_district
from tui.parse.headlines import assign_heads
from tui.parse.joining import join_column_breaks
from tui.parse.model import HEAD, PARA, Element
from tui.parse.wrapped import join_wrapped_heads


def test_an_indented_first_line_is_not_full_against_the_wider_column_estimate():
    """The column of a block too short to measure is borrowed and may be a cell narrow; its
    own middle lines tell the wider, surer one. Against that, the first line under a lone
    headline-like line is indented (a new paragraph), not the rest of a cut one."""
    lone = Element(PARA, "重庆高新区人工智能创新中心投用", 10, first_width=30, first_raw=30, first_len=15,
                   last_width=30, column=39, complete=False, maybe_head=True, head_score=0.5)
    body = "11月21日，位于西部（重庆）科学城的重庆高新区人工智能创新中心正式投用，首批入驻企业二十家。"
    cand = Element(PARA, body, 12, first_width=36, first_raw=36, first_len=19, second_width=40, last_width=20,
                   nlines=4, column=39, measured=40)
    out = join_column_breaks([lone, cand], "wrapped")
    assert [(e.kind, e.text) for e in out] == [(HEAD, lone.text), (PARA, body)]


@pytest.mark.parametrize("measured", [20, 19])  # middle lines with half-width digits measure a cell narrow
def test_a_first_line_with_a_comma_hanging_past_the_indented_measure_is_indented(measured):
    """A lone line as wide as a caption's column, then a caption whose first line fills the
    indented measure and hangs its comma past it: that line is indented, a new paragraph,
    and the lone line above it a headline, not the start of a cut paragraph."""
    lone = Element(PARA, "巴南爱心书屋添新书了", 10, first_width=20, first_raw=20, first_len=10,
                   last_width=20, column=20, complete=False, maybe_head=True, head_score=0.0)
    body = "今年六一儿童节前，巴南区部分企业和爱心人士来到界石镇新玉村，给孩子们送上节日礼物。"
    cand = Element(PARA, body, 11, first_width=18, first_raw=18, first_len=9, second_width=20, first_hangs=True,
                   last_width=22, nlines=4, column=20, measured=measured)
    out = join_column_breaks([lone, cand], "wrapped")
    assert [(e.kind, e.text) for e in out] == [(HEAD, lone.text), (PARA, body)]


def test_a_headline_wider_than_the_line_above_it_is_not_that_line_wrapped():
    """A kicker as wide as the column, then a (doubled) headline wider than it: two headlines,
    not one wrapped in its column (whose second line is never the wider)."""
    kicker = Element(HEAD, "引进项目203个，合同引资额595.5亿元", 10, first_width=34, column=32)
    head = Element(HEAD, "上半年招商引资成效显著", 11, first_width=44, column=32)
    assert [e.text for e in join_wrapped_heads([kicker, head])] == [kicker.text, head.text]


def test_a_headline_sharing_words_alike_with_a_far_story_goes_to_the_one_beside_it():
    """A headline after a story's credit shares its words with that story as much as with a
    long one far up the page: the story it is printed beside takes it."""
    far = Article(paragraphs=["全市推进重点项目建设，各区县要加快有序推进项目进度。"] * 3, byline="记者 张三")
    mid = Article(paragraphs=["江津区今年新开工一批民生项目。"], byline="记者 李四")
    here = Article(paragraphs=["北碚区推进重点项目建设，加快有序推进项目进度。"], byline="北碚区融媒体中心 张霞")
    after = Article(paragraphs=["这些天，綦江区古南街道的居民忙着整治小区环境。"], byline="綦江区融媒体中心 吴长飞")
    head = Element(HEAD, "重点项目快速有序推进", 50)
    arts = [far, mid, here, after]
    assert assign_heads(arts, [Cluster([head], 2, 3)]) == []
    assert here.heads == [(head, "trail")]


def test_a_long_text_naming_a_district_once_is_the_citys():
    """Nothing printed names the district, and the long text names one only in passing."""
    text = "各区县要健全社会救助体系，完善救助机制，做好困难群众基本生活保障工作。" * 50
    a = Article(paragraphs=[text, "九龙坡开通氢能公交示范线。"])
    assert article_district(a) == "全市"
    assert article_district(Article(paragraphs=["九龙坡开通氢能公交示范线。"])) == "九龙坡"


def test_a_report_on_the_city_naming_one_district_as_an_example_is_the_citys():
    """A continued report ("（上接1版）", no headline, no credit) on the whole city names one
    street of 九龙坡区 as an example and the city five times: it was given 九龙坡 (hold-out h04).
    A story naming its district twice, or the city once, keeps the district."""
    city = ["今年一季度，全市城市更新项目完成投资120亿元。",
            "我市探索多方共担的资金机制。在九龙坡区黄桷坪街道，居民们自筹资金改造了老楼。",
            "按照计划，今年我市将新开工改造城镇老旧小区1000个。"]
    assert article_district(Article(paragraphs=city)) == "全市"
    district = ["九龙坡区黄桷坪街道启动老楼改造。", "九龙坡区还将在全市率先推行“居民点单”。"]
    assert article_district(Article(paragraphs=district)) == "九龙坡"
    once = ["在九龙坡区黄桷坪街道，居民们自筹资金改造了老楼，这在全市尚属首次。"]
    assert article_district(Article(paragraphs=once)) == "九龙坡"


# (opening line, cut half, speech printed between, the cut half's end, a closing paragraph)
SPEECH_BETWEEN = {
    # Hold-out h03: the cut ends with no mark; the first candidate of equal weight took it.
    "no mark": ("走进该县三建乡的一家肉牛养殖场，牛舍宽敞明亮。",
                "近年来，该县引进龙头企业建设标准化养殖场，推广新的养殖模式，由企业提供牛犊、饲料和",
                "“一头牛养一年能赚三四千元，比外出打工强。”村民余德福去年代养了12头牛，纯收入4万多元。",
                "技术，农户负责代养，出栏后企业按保底价回收，每养一头牛农户还能拿到一笔代养费。",
                "去年，全县肉牛产业综合产值达到61亿元，带动三千多户农户增收。"),
    # Hold-out k03: the enumeration comma counted as leading into speech.
    "enumeration comma": ("入夏以来，小寨天坑景区迎来旅游旺季。", "景区今年新开发了夜间游览线路，推出了光影秀、",
                          "“白天看天坑，晚上看星星，这样的体验太难得了。”来自成都的游客王女士说。",
                          "星空露营等体验项目，吸引了不少外地游客专程前来打卡。", "据介绍，景区还将推出更多文旅融合的新产品。"),
}


@pytest.mark.parametrize("case", list(SPEECH_BETWEEN))
def test_a_quoted_sentence_between_the_halves_of_a_cut_paragraph_stays_a_paragraph(case):
    """Markdown: a paragraph cut mid-sentence, a paragraph opening with a quoted sentence, then
    the cut one's end. The quote was glued to the cut half; speech opens a paragraph (only a
    colon or a comma leads into it), so the end printed after it is the better continuation."""
    from tui.parse.normalise import normalise

    opening, cut, speech, rest, closing = SPEECH_BETWEEN[case]
    text = "\n\n".join(["## 一条消息", opening, cut, speech, rest, closing, "## 另一条消息",
                         "全县游客数量同比增长两成。"]) + "\n"
    page = normalise(text)
    assert page.format == "markdown"
    assert [e.text for e in page.elements if e.kind == PARA][1:3] == [cut + rest, speech]


def test_a_column_break_after_a_sentence_end_with_squeezed_punctuation_around():
    """Hold-out h01 (12-character column, marks squeezed to half width as the real pages do):
    "…晚了，就会造成大面积减产。" fills its line, the block after the break starts with a full
    line "示范园里安装的智能虫情测" (no mark in it: 24 cells, exactly the column), but lines
    holding marks widen the column estimate to 26, so that line looked short and the paragraph
    was cut in two. Its block's middle lines measure 24. An indented first line with a comma
    hanging past the measure stays a new paragraph (dev page d01)."""
    el = Element(PARA, "柑橘大实蝇、红蜘蛛是脐橙的主要害虫，一旦发现晚了，就会造成大面积减产。", 80,
                 first_width=20, second_width=24, last_width=26, nlines=3, column=25, measured=24)
    cont = "示范园里安装的智能虫情测报灯，能自动诱捕害虫、拍照识别并统计数量，平台发现虫情异常会第一时间向果农和技术员发送预警。"
    cand = Element(PARA, cont, 84, first_width=24, first_raw=24, first_len=12, second_width=26,
                   last_width=18, nlines=5, column=26, measured=24)
    out = join_column_breaks([el, cand], "wrapped")
    assert [e.text for e in out] == [el.text + cont]
    # Indented, with its comma hanging: 30 cells against a measure of 33 is a new paragraph.
    new = "梁平区是传统的水稻产区。近年来，梁平区推广稻田综合种养模式，统一提供种苗、技术指导和收购服务。"
    el2 = Element(PARA, "用打农药，一亩田能多收好几千块。”", 150, first_width=30, second_width=34, last_width=34,
                  nlines=3, column=35, measured=34)
    cand2 = Element(PARA, new, 157, first_width=32, first_raw=32, first_len=16, first_hangs=True, second_width=28,
                    last_width=21, nlines=6, column=33, measured=33)
    assert len(join_column_breaks([el2, cand2], "wrapped")) == 2


def test_a_numbered_clause_after_a_closed_line_opens_a_paragraph():
    """A page set flush (no indent to tell): the numbered heading "七、抓实受灾人员救助" alone
    between blank lines, then "17.做好自然灾害应急救助。…": glued into one paragraph, as nothing
    argued against a lone line going on. A number opening the next paragraph after a line that
    does not end open does."""
    head = Element(PARA, "七、抓实受灾人员救助", 593, first_width=20, first_raw=20, first_len=10,
                   last_width=20, column=22, complete=False, maybe_head=True, head_score=0.0)
    clause = "17.做好自然灾害应急救助。完善自然灾害应急救助制度，逐步建立与我市经济社会发展水平相适应的救助标准。"
    cand = Element(PARA, clause, 595, first_width=22, first_raw=22, first_len=11, second_width=22,
                   last_width=14, nlines=6, column=22, measured=22)
    out = join_column_breaks([head, cand], "wrapped", indents=False)
    assert [(e.kind, e.text) for e in out] == [(HEAD, head.text), (PARA, clause)]


def test_a_sub_headline_opening_with_a_full_district_name_is_not_taken_for_the_title():
    """Hold-out h02: "老旧小区加装电梯按下“快进键”" over "江北区今年已开工建设287台": the second
    line, opening with a district's name, was taken as the title. Headlines lead with the short
    name ("渝北新能源车主…", "铜梁 招商引资…"); a line opening with the full name reads as the
    sub-headline's text. A headline led by the short name still wins (dev d04)."""
    from tui.parse.headlines import choose_title

    body = ["江北区今年已开工建设加装电梯287台，惠及居民1.6万余户。", "老旧小区加装电梯，居民出行更方便了。"]
    a = Article(paragraphs=body, heads=[(Element(HEAD, "老旧小区加装电梯按下“快进键”", 87), "trail"),
                                        (Element(HEAD, "江北区今年已开工建设287台", 88), "trail")])
    choose_title(a, "wrapped")
    assert (a.title, a.subtitles) == ("老旧小区加装电梯按下“快进键”", ["江北区今年已开工建设287台"])
    b = Article(paragraphs=["渝北区今年已新建公共充电桩5600个，车主充电更方便。"],
                heads=[(Element(HEAD, "渝北新能源车主充电不再“排长队”", 106), "trail"),
                       (Element(HEAD, "今年已新建公共充电桩5600个", 107), "trail")])
    choose_title(b, "wrapped")
    assert b.title == "渝北新能源车主充电不再“排长队”"


def test_a_plain_line_over_a_markdown_sub_heading_inside_a_story_is_its_first_half():
    """Hold-out h03 and k03: "专人巡河" then "## 一段一人" inside a story is one sub-heading,
    "专人巡河 一段一人", as seed 002 prints "下好“先手棋”" + "## 制度创新引导科技创新" at a story's
    opening; inside a story the two were kept apart."""
    from tui.parse import parse_page

    text = "\n\n".join([
        "# 河长制让河流有人管",
        "今年以来，全县建立县、乡、村三级河长体系，聘请巡河员、护河志愿者600余名，让每一段河流都有人管、有人护。",
        "专人巡河", "## 一段一人",
        "全县每条河流都明确了巡河员，巡河员每天沿河巡查，发现乱扔垃圾、违规排污等问题及时上报，由相关部门限时处理。",
        "## 科技巡河 看得更远",
        "县里在重点河段安装了48个高清监控摄像头，平台发现水面漂浮物、违规捕捞等异常情况会自动报警，通知巡河员到场处置。",
        "通讯员 张明",
    ]) + "\n"
    page = parse_page(text.encode("utf-8"))
    (a,) = page.articles
    assert a.subheads == ["专人巡河 一段一人", "科技巡河 看得更远"]
    assert "专人巡河 一段一人" in a.paragraphs and "专人巡河" not in a.paragraphs
