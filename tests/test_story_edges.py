"""Where stories and their headlines begin and end: more failure classes of the generated
pages (bench/pagegen.py), one decision at a time."""
from __future__ import annotations

from bench.corpus import wrap
from tui.parse.joining import join_column_breaks
from tui.parse.model import HEAD, PARA, Element
from tui.parse.normalise import normalise
from tui.parse.textutil import width

from .test_classify import COL, P, articles, page, para


def test_sub_headline_with_a_comma_wider_than_the_column_under_its_headline():
    """"引进项目203个，合同引资额595.5亿元" right under its headline, wider than the column with
    nothing hanging past it: a sub-headline, not the start of the paragraph after the blank."""
    head = Element(HEAD, "上半年招商引资成效显著", 96, first_width=22, column=32)
    sub = Element(PARA, "引进项目203个，合同引资额595.5亿元", 97, first_width=34, first_raw=34, first_len=21,
                  last_width=34, column=32, complete=False, head_score=-2.0)
    text = "“顺藤摸瓜引进来，开花结果落下去。”2021年全市招商投资促进系"
    cand = Element(PARA, text, 99, first_width=27, first_raw=27, first_len=18, second_width=30, last_width=30,
                   nlines=2, column=32, complete=False)
    out = join_column_breaks([head, sub, cand], "wrapped")
    assert [(e.kind, e.text) for e in out] == [(HEAD, head.text), (HEAD, sub.text), (PARA, text)]


def test_column_break_after_a_clause_whose_one_line_half_width_digits_left_short():
    """"30.建立健全主动发现机制。" fills the indented measure but for what its half-width
    digits leave: a column break after it, and the next block starts full, so it goes on."""
    text = "30.建立健全主动发现机制。将走访、发现需救助困难群众列为村（社区）组织重要工作内容。"
    lines = wrap(text, COL)
    assert width(lines[0]) == 2 * COL - 5
    got = articles(page(["全市完善社会救助机制", ""], para(P[0]), [lines[0], ""], lines[1:] + [""], para(P[1]), "记者 王五"))
    assert got[0].paragraphs == [P[0], text, P[1]]


def test_markdown_line_cut_after_a_sentence_under_a_heading_is_text():
    """On a Markdown-like page a paragraph cut in two right under a section heading: its first
    piece holds a finished sentence, so it is text going on, not a kicker."""
    c34 = "34.加强组织领导。健全党委领导、政府负责、民政牵头、部门协同、社会参与的社会救助工作体制。"
    c35 = "35.强化分工协作。民政部门牵头统筹社会救助工作，负责困难群众基本生活救助。"
    k = c34.index("民政") + 2
    text = "\n\n".join(["# 我市进一步加强社会救助工作", "### 十二、强化社会救助保障", c34[:k], c34[k:], c35,
                       "## 巫山 每年千万元促科创成果转化", P[0], "巫山县融媒体中心 卢先庆"]) + "\n"
    got = articles(text)
    assert got[0].paragraphs == ["十二、强化社会救助保障", c34, c35]


def test_quoted_phrase_alone_under_a_headline_line_ends_that_headline():
    """"石柱冷水镇避暑民宿" then "“一房难求”" alone on the next line: the headline wrapped before
    its quoted end, not a headline and a sub-headline."""
    body = ["七月的石柱县冷水镇最高气温不到二十六度，来自主城的避暑游客纷至沓来。",
            "镇上的民宿几乎天天满房，停车场里停满了外地牌照的车辆，民宿老板忙得不亦乐乎。"]
    got = articles(page(["石柱冷水镇避暑民宿", "“一房难求”", ""], para(body[0]) + para(body[1]), "通讯员 隆婧"))
    assert [(a.title, a.subtitles) for a in got] == [("石柱冷水镇避暑民宿“一房难求”", [])]


def test_district_name_running_on_into_its_suffix_is_not_a_glued_label():
    """"该线路北起大渡口" + "区跳磴站，…": the name goes on as "大渡口区" on the next line, so the
    first line is text, not a headline with a district label glued to it."""
    text = "该线路北起大渡口区跳磴站，南至江津区鼎山站，全长约31公里，设站9座。"
    lines = ["该线路北起大渡口", "区跳磴站，南至江津区", "鼎山站，全长约31公里，", "设站9座。"]
    assert "".join(lines) == text
    els = normalise("\n".join(lines) + "\n").elements
    assert [(e.kind, e.text) for e in els] == [(PARA, text)]


def test_headline_over_a_first_line_spaced_around_its_number():
    """A headline as wide as the column right over a first line whose number is set apart by
    spaces ("6 月14日，…"): the spaces are not justification stretching the line, so the line
    is indented and the headline ends above it."""
    text = "6月14日，记者从市教委获悉，市教委等部门近日联合印发通知，部署开展暑期防溺水专项行动。"
    lines = wrap(text, COL)
    lines[0] = lines[0].replace("6月", "6 月", 1)
    got = articles(page(["我市部署开展暑期防溺水专项行", *lines, ""], para(P[1]), "记者 罗颖"))
    assert [(a.title, a.paragraphs) for a in got] == [("我市部署开展暑期防溺水专项行", [text, P[1]])]
