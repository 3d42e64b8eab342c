"""The block classifier and the failure classes of issue 11, on small pages made for them.

Each page is laid out as the extraction prints: paragraphs wrapped at a 15-character column
with indented first lines (bench.corpus.wrap), blank lines between blocks.
"""
from __future__ import annotations

import pytest

from bench.corpus import wrap
from tui.parse import parse_page
from tui.parse.classify import HEAD_MIN, LONE_MIN, head_features, head_score
from tui.parse.model import HEAD, PARA
from tui.parse.normalise import normalise

COL = 15
P = [
    "今年以来，该区聚焦群众关心的出行难题，新建改建公路一百二十公里，打通了一批断头路。",
    "在沿线村里，不少村民家门口通了硬化路，农产品运出去更方便了，收入也跟着涨了起来。",
    "该区交通部门相关负责人介绍，下一步还将完善养护机制，让群众出行更安全、更舒心。",
    "为了让公路建得好、管得好，该区推行路长制，每条道路都有专人负责日常巡查和维护。",
]


def para(text: str) -> list[str]:
    return wrap(text, COL) + [""]


def page(*parts: list[str] | str) -> str:
    lines: list[str] = []
    for part in parts:
        lines += [part, ""] if isinstance(part, str) else part
    return "\n".join(lines) + "\n"


def articles(text: str):
    return parse_page(text.encode("utf-8")).articles


# ---------------------------------------------------------------------------------------------
# The classifier's features and scores


def test_features_of_a_headline_and_of_text():
    assert {"no_punct", "short"} <= head_features("公路通到家门口", 14, 30)
    assert "ends_open" in head_features("通知要求，各区县要重点抓好以下工作：", 30, 30)
    assert "ends_sentence" in head_features("群众出行更方便了。", 18, 30)
    assert "marker" in head_features("■公路通到家门口", 16, 30)
    assert "gap" in head_features("走村不漏户 户户见干部", 21, 30)
    assert "wide" in head_features("全区新建改建公路一百二十公里打通一批断头路", 42, 30)


def test_scores_order_headline_above_text():
    assert head_score("公路通到家门口", 14, 30) >= HEAD_MIN
    assert head_score("通知要求，各区县和学校要重点", 28, 32) < HEAD_MIN
    # A lead-in to a list that nothing continues stays text.
    assert head_score("《方案》明确了三项重点任务：", 28, 32) < LONE_MIN


def test_short_line_above_indented_text_is_a_headline_at_a_narrow_column():
    """A sub-heading as short as a first line, right above its text (class 1)."""
    text = "一张网查遍全区\n" + "\n".join(wrap(P[0], 10)) + "\n"
    kinds = [e.kind for e in normalise(text).elements]
    assert kinds == [HEAD, PARA]


def test_marked_sub_heading_as_wide_as_a_first_line_ends_over_its_text():
    """"●夜游：江景山景看不够" on a 13-character column, right over an indented first line: as
    wide as that first line and holding a colon, it was read as one and the sub-heading glued
    to the paragraph under it, marker kept (hold-out page h05)."""
    body = wrap("乘坐游船夜游两江、登上观景台俯瞰山城夜景，是不少外地游客来渝中的必选项。", 13)
    assert len(body[0]) == 11  # the indented first line: as wide as the sub-heading
    els = normalise("\n".join(["●夜游：江景山景看不", *body]) + "\n").elements
    assert [(e.kind, e.text[:4]) for e in els] == [(HEAD, "●夜游："), (PARA, "乘坐游船")]


# ---------------------------------------------------------------------------------------------
# 1. In-body sub-headings stay in their story


SUBHEAD_FORMS = {
    "attached": (["公路修到家门口"], False, "公路修到家门口"),
    "blank_around": (["公路修到家门口"], True, "公路修到家门口"),
    "two_lines": (["路长制让每一条农村公路都有人管", "也有人修"], True, "路长制让每一条农村公路都有人管也有人修"),
    "marker": (["■公路修到家门口"], True, "公路修到家门口"),
    # wrapped in its column, the text right under it: the short line ends the sub-heading
    "marker_two_lines": (["■路长制让每一条农村公路都有", "人管也有人修"], False, "路长制让每一条农村公路都有人管也有人修"),
    "question": (["钱从哪里来？"], True, "钱从哪里来？"),
    "district_led": (["璧山经验：管好每一条路"], True, "璧山经验：管好每一条路"),
    "numbered": (["一、公路修到家门口"], False, "一、公路修到家门口"),
}


@pytest.mark.parametrize("form", sorted(SUBHEAD_FORMS))
def test_subheadings_stay_in_their_story(form):
    lines, blank, text = SUBHEAD_FORMS[form]
    second = ["农村公路通到家门口", ""]
    body = para(P[0]) + para(P[1]) + lines + ([""] if blank else []) + para(P[3]) + para(P[2])
    got = articles(page(second, body, "璧山区融媒体中心 谢捷"))
    assert len(got) == 1, [a.title for a in got]
    a = got[0]
    assert a.title == "农村公路通到家门口"
    assert text in a.paragraphs and text in a.subheads
    assert a.paragraphs.index(text) == 2


def test_several_subheadings_keep_one_story():
    body = para(P[0]) + ["公路修到家门口"] + para(P[1]) + ["", "路长制管好路", ""] + para(P[3]) + ["群众出行更舒心"] + para(P[2])
    got = articles(page(["农村公路通到家门口", ""], body, "通讯员 王五"))
    assert len(got) == 1
    assert got[0].subheads == ["公路修到家门口", "路长制管好路", "群众出行更舒心"]


# ---------------------------------------------------------------------------------------------
# 2. Numbered clauses after a paragraph ending in "："


@pytest.mark.parametrize("marks", [("1. ", "2. "), ("一是", "二是"), ("（一）", "（二）")])
def test_numbered_clauses_are_paragraphs_of_the_story(marks):
    lead = "通知要求，各区县要重点抓好以下工作："
    c1 = marks[0] + "强化安全教育。各校要通过主题班会、安全演练等形式开展专题教育。"
    c2 = marks[1] + "加强隐患排查。各区县要对辖区内危险水域开展全面排查。"
    got = articles(page(["我市部署暑期防溺水工作", ""], para(P[0]) + para(lead) + para(c1) + para(c2), "记者 罗颖"))
    assert len(got) == 1
    texts = [p.replace(" ", "") for p in got[0].paragraphs]
    assert texts[1:] == [lead, c1.replace(" ", ""), c2.replace(" ", "")]


# ---------------------------------------------------------------------------------------------
# 3. Headlines


def test_first_line_after_a_lead_credit_is_text_not_a_headline():
    opener = "本报讯 （记者 罗颖）6月14日，记者从市教委获悉，全市将开展暑期防溺水专项行动。"
    lead = "通知要求，各区县和学校要重点抓好以下工作：强化教育、排查隐患、做好救援准备。"
    got = articles(page(para(opener), para(lead), para(P[2]), "我市部署开展暑期防溺水专项行动"))
    assert len(got) == 1
    assert got[0].title == "我市部署开展暑期防溺水专项行动"
    assert got[0].paragraphs[1] == lead


def test_two_line_headline_keeps_its_second_line():
    got = articles(page(["小城讲述创新故事把大学城的成果", "引流过来", ""], para(P[0]) + para(P[1]), "通讯员 王五"))
    assert got[0].title == "小城讲述创新故事把大学城的成果引流过来"


def test_far_headline_finds_its_story():
    a = [P[0], P[1]]
    b = ["随着一列市域列车缓缓驶出，市郊铁路跳磴至江津线正式开通运营，沿线居民出行更方便。",
         "该线路全长约三十一公里，设站九座，高峰期发车间隔约八分钟，乘客扫码即可进站乘车。"]
    text = page(
        sum((para(p) for p in b), []), "江津区融媒体中心 李四",
        sum((para(p) for p in a), []), "通讯员 王五",
        "市郊铁路跳磴至江津线开通运营", "农村公路新建改建一百二十公里",
    )
    got = {a.paragraphs[0][:6]: a.title for a in articles(text)}
    assert got == {b[0][:6]: "市郊铁路跳磴至江津线开通运营", P[0][:6]: "农村公路新建改建一百二十公里"}


def test_headline_after_a_story_that_has_none_ends_it():
    """A lone headline made of the words of the story above it is that story's, printed after
    it: the story below is another one (class 3: two stories merged)."""
    first = ["本报讯 （记者 彭光耀）6月13日上午，市郊铁路跳磴至江津线正式开通运营，沿线居民出行更方便。",
             "该线路全长约三十一公里，设站九座，乘客扫码即可进站乘车，江津与主城的距离进一步缩短。"]
    text = page(sum((para(p) for p in first), []), "市郊铁路跳磴至江津线开通运营",
                para(P[0]) + para(P[1]), "巴南区融媒体中心 邓一凡")
    got = articles(text)
    assert len(got) == 2
    assert got[0].title == "市郊铁路跳磴至江津线开通运营" and got[0].byline == "记者 彭光耀"
    assert got[1].byline == "巴南区融媒体中心 邓一凡" and got[1].paragraphs[0] == P[0]


# ---------------------------------------------------------------------------------------------
# 4. Districts: the one printed on the item wins


def test_district_printed_on_the_item_wins_over_the_text():
    body = ["长寿区桃花街道的一间小屋里凉风习习，长寿区总工会在这里建起了服务驿站。",
            "长寿区已建成驿站五十八个，长寿区总工会还推出了电子地图，方便外卖骑手歇脚。"]
    got = articles(page(["巴南 闲置地变身共享菜园", ""], sum((para(p) for p in body), []), "通讯员 王五"))
    assert got[0].district == "巴南"


def test_zone_of_another_district_is_not_the_high_tech_zone():
    body = ["铜梁高新区今年新引进企业二十家，铜梁区相关负责人表示，将继续优化营商环境。", P[1]]
    got = articles(page(["园区引进企业二十家", ""], sum((para(p) for p in body), []), "通讯员 王五"))
    assert got[0].district == "铜梁"


# ---------------------------------------------------------------------------------------------
# 5. Credits (more in test_bylines.py)


def test_credit_over_the_body_is_the_byline():
    got = articles(page(["綦江 防汛演练拉响警报", "本报记者 钟星宇", ""], para(P[0]) + para(P[1])))
    assert got[0].byline == "本报记者 钟星宇" and got[0].paragraphs == [P[0], P[1]]


def test_credit_glued_to_a_caption_end():
    caption = wrap("5月26日，一艘满载集装箱的纯电动货船从忠县新生港缓缓驶出。", 8)
    caption[-1] += " 通 讯 员"
    text = page(caption + ["邬秋实 摄", ""], "纯电动货船驶入长江")
    got = articles(text)
    assert got[0].byline == "通讯员 邬秋实 摄"
    assert got[0].kind == "photo"


# ---------------------------------------------------------------------------------------------
# 6. Continued stories


def test_continued_story_is_an_item_of_its_own():
    cont = ["园区还将建设一批公共服务平台，为入驻企业提供检验检测、人才培训等服务。",
            "据了解，今年以来园区已签约项目十二个，总投资超过八十亿元，带动就业三千余人。"]
    text = page("（上接第1版）", sum((para(p) for p in cont), []), "本报记者 张三",
                ["铜梁 招商引资跑出新进度", ""], para(P[0]) + wrap(P[1], COL) + ["（下转第7版）", ""])
    got = articles(text)
    assert len(got) == 2
    assert got[0].continued and got[0].title is None and got[0].paragraphs == cont
    assert not got[1].continued and got[1].title == "铜梁 招商引资跑出新进度"
    assert all("下转" not in p for a in got for p in a.paragraphs)



def test_headline_line_as_wide_as_a_narrow_column_over_a_first_line_ending_in_a_hanging_mark():
    """A caption in a narrow column under its two-line headline: the comma hanging past the
    indented measure does not make the caption's first line look full, so the headline's
    second line is not taken for the caption's start."""
    caption = wrap("7月23日，大足区棠香街道双丰村紫薇花盛开，游客正在紫薇长廊打卡拍照。", 6)
    assert caption[0] == "7月23日，"
    got = articles(page(["大足 紫薇", "长廊花正开", *caption, ""], "通讯员 王五 摄"))
    assert got[0].title == "大足 紫薇长廊花正开"
    assert got[0].paragraphs[0].startswith("7月23日")


def test_headline_after_an_uncredited_story_opens_the_credited_one():
    """A story without a credit, then the next story's headline over its body: the media
    centre's credit at the end names the district the text under the headline names and the
    text above it never does, so the headline opens a second story (class 3)."""
    first = ["初秋时节，梁平区礼让镇的稻田里稻穗低垂，稻田里养的小龙虾也到了起捕的时候。",
             "梁平区推广稻田综合种养模式，统一提供种苗和技术指导，实现一田两用、一水两收。"]
    second = ["恒温恒湿的房间里，一排排蚕架整齐排列，黔江区濯水镇的小蚕共育工厂正忙着养蚕。",
              "黔江是全国蚕桑生产重点区，小蚕共育让蚕农省心省力，蚕茧产量和质量都提高了。"]
    text = page(["梁平一田两用鼓起农民钱袋子", ""], sum((para(p) for p in first), []),
                ["小蚕住进智能工厂", *sum((para(p) for p in second), [])], "黔江区融媒体中心 简文")
    got = articles(text)
    assert [(a.title, a.byline, a.paragraphs) for a in got] == [
        ("梁平一田两用鼓起农民钱袋子", None, first), ("小蚕住进智能工厂", "黔江区融媒体中心 简文", second)]


def test_headline_wrapped_in_its_column_right_above_its_text():
    """A headline longer than the column wraps onto a stub of a line, and the body starts
    right under it: no line inside a paragraph stops short of half the column, so the stub
    ends the headline."""
    head = ["农村公路一百二十公里修到了村民", "家门口"]
    got = articles(page(head + para(P[0]) + para(P[1]), "通讯员 王五"))
    assert [(a.title, a.paragraphs) for a in got] == [("农村公路一百二十公里修到了村民家门口", [P[0], P[1]])]


LEAD = ["本报讯 （记者 彭光耀）6月13日上午，市郊铁路跳磴至江津线正式开通运营，沿线居民出行更方便。",
        "该线路全长约三十一公里，设站九座，乘客扫码即可进站乘车，江津与主城的距离进一步缩短。"]


def test_headline_right_above_a_dateline_is_not_its_text():
    """"本报讯 （记者 …）" opens a story's first paragraph: the line above it is no part of it."""
    got = articles(page(["市郊铁路跳磴至江津线开通运营", *para(LEAD[0])], para(LEAD[1])))
    assert [(a.title, a.byline) for a in got] == [("市郊铁路跳磴至江津线开通运营", "记者 彭光耀")]
    assert got[0].paragraphs == [LEAD[0].split("）", 1)[1], LEAD[1]]


def test_headline_after_a_dateline_story_sharing_half_its_words_is_its_own():
    """A story opened by its dateline credit, with no headline above it, has its headline
    printed after it, though the headline words it otherwise than the text."""
    text = page(sum((para(p) for p in LEAD), []), "市郊铁路江津线今起开通运营",
                para(P[0]) + para(P[1]), "巴南区融媒体中心 邓一凡")
    got = articles(text)
    assert [(a.title, a.byline) for a in got] == [("市郊铁路江津线今起开通运营", "记者 彭光耀"),
                                                  (None, "巴南区融媒体中心 邓一凡")]


def test_space_inside_a_quote_opened_on_the_line_before_is_text():
    """A quoted motto with a space in it ("为民调解行善事 排忧解难积功德"), its opening quote on
    the line before: the space on this line is inside the quote, not a headline's gap."""
    text = "5月25日上午，张某的儿女们将一面题有“为民调解行善事 排忧解难积功德”的锦旗送到了调解委员会办公室。"
    lines = ["5月25日上午，张某的", "儿女们将一面题有“为民调", "解行善事 排忧解难积功德”", "的锦旗送到了调解委员会", "办公室。"]
    els = normalise("\n".join(lines) + "\n").elements
    assert [(e.kind, e.text.replace(" ", "")) for e in els] == [(PARA, text.replace(" ", ""))]


def test_column_break_after_a_one_line_start_that_ends_a_sentence():
    """A paragraph's first line fills the indented measure with a full stop, and a column
    break follows it: the next block starts with a full line, as no new paragraph does, so it
    goes on."""
    text = "联赛采用主客场，比赛在周末。不少学校把班级啦啦队、家长志愿者都组织了起来，赛场内外氛围热烈。"
    lines = wrap(text, COL)
    assert lines[0].endswith("。")
    got = articles(page(["周末赛场人气旺", ""], para(P[0]), [lines[0], ""], lines[1:] + [""], para(P[1]), "通讯员 王五"))
    assert got[0].paragraphs == [P[0], text, P[1]]


# A paragraph whose last line is full and ends a sentence: what follows a blank line may go on.
FULL_END = "今年以来，该区聚焦群众关心的出行难题，新建改建公路一百二十公里，打通了一批断头路，方便了村民出行和运输各类农产品。"


@pytest.mark.parametrize("heading", [["九、持续发展其他社会救助帮扶工", "作"], ["创新企业多，创新产品层出不穷的", "势头"]])
def test_wrapped_heading_after_a_full_line_that_ends_a_sentence_is_not_its_text(heading):
    """A numbered heading, or a heading that stops short mid-sentence, wrapped in its column
    after a paragraph whose last line is full: not the rest of that paragraph."""
    assert wrap(FULL_END, COL)[-1].endswith("。") and len(wrap(FULL_END, COL)[-1]) == 14
    got = articles(page(["农村公路通到家门口", ""], para(FULL_END) + heading + [""] + para(P[1]), "通讯员 王五"))
    assert got[0].paragraphs == [FULL_END, "".join(heading), P[1]]


def test_numbered_heading_wrapped_in_its_column_stays_one_heading():
    """"十、…" filling a 12-character column, its stub on the next line, the clauses under it:
    one section heading of the story (two would cut the story in two)."""
    def para12(text):
        return wrap(text, 12) + [""]
    c1 = "25.加强特殊救助帮扶。加强特困人员照料护理服务，做好困难群众基本殡葬服务。"
    c2 = "26.引导慈善救助。鼓励和动员自然人、法人及其他组织自愿开展慈善救助活动。"
    c3 = "27.鼓励社工参与。通过购买服务、开发岗位、政策引导等方式，鼓励社会工作者参与。"
    body = para12(c1) + ["十、广泛发动社会力量参与", "社会救助"] + wrap(c2, 12) + [""] + para12(c3)
    got = articles(page(["我市进一步加强社会救助工作", ""], body, "记者 王五"))
    assert len(got) == 1
    assert [p.replace(" ", "") for p in got[0].paragraphs] == [c1, "十、广泛发动社会力量参与社会救助", c2, c3]


def test_heading_led_by_a_district_the_story_never_names_opens_another_story():
    """A story without a credit, then a headline led by another district's name right over
    that district's story: a section of the first would be led by its own district."""
    first = ["住房安全保障，直接关系脱贫攻坚战质量。城口县采取主动申报与现场排查相结合的方式。",
             "城口县共投入补助资金约一点四亿元，累计改造农村危房九千余户，群众住上了安全房。"]
    second = ["七月的冷水镇最高气温不到二十六度，来自主城和湖北等地的避暑游客纷至沓来。",
              "镇上的民宿几乎天天满房，停车场里停满了外地牌照的车辆，民宿老板忙得不亦乐乎。"]
    text = page(["城口 保障住房安全", ""], sum((para(p) for p in first), []),
                ["石柱冷水镇避暑民宿迎客忙", *sum((para(p) for p in second), [])], "通讯员 隆婧")
    got = articles(text)
    assert [(a.title, a.byline, a.paragraphs) for a in got] == [
        ("城口 保障住房安全", None, first), ("石柱冷水镇避暑民宿迎客忙", "通讯员 隆婧", second)]


def test_heading_over_the_first_text_naming_a_second_credits_district_is_its_headline():
    """A story credited over its body, a heading, then text naming the district of the
    media-centre credit at the end: the second story starts at the heading, its headline."""
    first = ["11月22日，记者从涪陵页岩气田获悉，该气田日产气量达到两千万立方米，创投产以来新高。",
             "涪陵页岩气田是我国首个实现大规模商业开发的页岩气田，气田持续推进技术攻关。"]
    second = ["今年以来，北碚区上下紧紧扭住项目建设这个牛鼻子，全力推动重点项目快速有序推进。",
              "北碚区级重点建设项目今年计划完成投资一百余亿元，一批项目已经陆续开工建设。"]
    text = page(["涪陵页岩气田日产气量创新高", "本报记者 顾一鸣", ""], sum((para(p) for p in first), []),
                "重点项目快速有序推进", sum((para(p) for p in second), []), "北碚区融媒体中心 张霞")
    got = articles(text)
    assert [(a.title, a.byline, a.paragraphs) for a in got] == [
        ("涪陵页岩气田日产气量创新高", "本报记者 顾一鸣", first), ("重点项目快速有序推进", "北碚区融媒体中心 张霞", second)]


def test_a_page_set_flush_is_told_from_an_indented_one():
    """Some pages set text flush: no paragraph's first line indented. There the loader took every
    full first line after a column break for a continuation, and a full line over a narrower one
    for a headline (hold-out pages h02, h06). The lines that surely open a paragraph tell."""
    from pathlib import Path

    from tui.parse.blocks import block_columns, page_blocks, page_column
    from tui.parse.classify import indents_paragraphs
    from tui.parse.markdown import detect_format

    def indents(text: str) -> bool:
        blocks = page_blocks(text.split("\n"))
        return indents_paragraphs(blocks, block_columns(blocks, page_column(blocks)))

    root = Path(__file__).resolve().parent
    pages = [*(root.parent / "seeds").glob("*.txt"), *(root / "holdout" / "pages").glob("*.txt")]
    wrapped = {p.name[:3]: p.read_text(encoding="utf-8") for p in pages}
    wrapped = {k: t for k, t in wrapped.items() if detect_format(t.split("\n")) == "wrapped"}
    assert len(wrapped) >= 9
    assert {k for k, t in wrapped.items() if not indents(t)} == {"h02", "h06"}


def test_a_short_marked_sub_heading_ends_over_its_text_on_a_page_set_flush():
    """"■周末赛场人气旺" right over the full first line of its paragraph on a page set flush:
    as short as an indented first line would be, it was taken for one and glued to the text."""
    from tui.parse.blocks import page_blocks
    from tui.parse.classify import unit_ends

    body = wrap("联赛采取主客场制，比赛大多安排在周末进行，不少学校把班级啦啦队都组织了起来。", 11, 0)
    block = page_blocks(["■周末赛场人气旺", *body])[0]
    assert unit_ends(block, 0, 1, 22, indents=False)
    assert not unit_ends(block, 1, 1, 22, indents=False)  # the paragraph's own lines go on
