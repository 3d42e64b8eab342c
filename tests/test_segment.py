"""Segmenting small hand-made pages: credits, headlines, labels, photos, districts."""
from tui.parse.normalise import normalise
from tui.parse.segment import segment

BODY = (
    "近日，璧山区科技创新大会召开，会议客观系统\n分析了科技创新的重要性，谋划了璧山的科技创\n新实践路径，"
    "努力抢占科技创新和产业发展的\n制高点。\n\n"
    "一分部署，九分落实。从空间结构塑造，到科学\n城片区系列重大项目集中投用，都能找到璧山科\n技创新的坚实足印。\n"
)


def articles(text):
    return segment(normalise(text))


def test_headline_after_credit_goes_to_its_story():
    page = BODY + "\n璧山区融媒体中心 谢捷\n\n璧山科技创新大会召开\n"
    (a,) = articles(page)
    assert a.title == "璧山科技创新大会召开"
    assert a.byline == "璧山区融媒体中心 谢捷"
    assert a.district == "璧山"
    assert a.paragraphs[0].startswith("近日，璧山区科技创新大会召开")
    assert len(a.paragraphs) == 2


def test_credit_glued_to_last_line():
    page = BODY.rstrip("\n") + " 璧山区融媒体中心 谢捷\n"
    (a,) = articles(page)
    assert a.byline == "璧山区融媒体中心 谢捷"
    assert a.paragraphs[-1].endswith("坚实足印。")


def test_lead_credit_opens_article():
    page = "本报讯 （记者 张莎）12月6日，大渡口区春晖\n路街道新华社区开放志愿者注册，45位市民现\n场注册成为志愿者。\n"
    (a,) = articles(page)
    assert a.byline == "记者 张莎"
    assert a.paragraphs == ["12月6日，大渡口区春晖路街道新华社区开放志愿者注册，45位市民现场注册成为志愿者。"]
    assert a.district == "大渡口"


def test_glued_label_and_doubled_headline():
    page = "走村不漏户走村不漏户 户户见干部户户见干部綦江\n\n" + BODY.replace("璧山", "綦江") + "\n通讯员 吴长飞\n"
    (a,) = articles(page)
    assert a.title == "走村不漏户 户户见干部"
    assert a.district == "綦江"


def test_photo_item():
    page = ("5月31日，市级重点工程——位于潼南\n区城市复合中心的东升大桥施工现场。\n\n"
            "潼南区融媒体中心 杨筱箐 摄\n\n东升大桥完成承台施工\n")
    (a,) = articles(page)
    assert a.kind == "photo" and a.district == "潼南" and a.title == "东升大桥完成承台施工"


def test_two_stories_with_credits():
    other = BODY.replace("璧山", "铜梁")
    page = BODY + "\n璧山区融媒体中心 谢捷\n\n" + other + "\n铜梁区融媒体中心 张浩\n"
    a, b = articles(page)
    assert (a.district, b.district) == ("璧山", "铜梁")
    assert (a.byline, b.byline) == ("璧山区融媒体中心 谢捷", "铜梁区融媒体中心 张浩")


def test_lone_label_goes_to_story_naming_it():
    page = "铜梁\n\n" + BODY + "\n通讯员 谢捷\n"
    (a,) = articles(page)
    assert a.district == "璧山"  # the text is about 璧山; a label far away does not override it


def test_subheads_stay_in_body():
    page = (BODY + "\n让制造走向“智造”\n\n生产线上，机器人挥舞“臂膀”，将一个个齿胚\n变为齿轮；检测区域内，齿轮被送进智能检测\n机器人的“肚子”里。\n"
            "\n璧山区融媒体中心 谢捷\n")
    (a,) = articles(page)
    assert "让制造走向“智造”" in a.paragraphs and a.subheads == ["让制造走向“智造”"]


def test_nothing_is_dropped():
    page = BODY + "\n璧山区融媒体中心 谢捷\n\n孤零零的一行字\n"
    (a,) = articles(page)
    text = a.title or ""
    assert "孤零零的一行字" in text + "".join(a.subtitles) + a.body


def test_markdown_page():
    page = ("自上而下 由点及面\n\n大渡口\n\n# 全面激发社会创新活力\n\n下好“先手棋”\n\n## 制度创新引导科技创新\n\n"
            "“全区上下要进一步统一思想、凝聚力量。”5月28日，大渡口区委全会召开。\n\n"
            "大渡口区融媒体中心 胡肖艺\n\n## 綦江“坝坝直播间”赋能乡村振兴\n\n“欢迎大家来到坝坝直播间。”8月11日，綦江区三角镇中坝村“坝坝直播间”开播。\n\n"
            "綦江区融媒体中心 贾海涛\n")
    a, b = articles(page)
    assert a.title == "全面激发社会创新活力" and a.subtitles == ["自上而下 由点及面"]
    assert a.subheads == ["下好“先手棋” 制度创新引导科技创新"]
    assert a.district == "大渡口" and b.district == "綦江"
    assert b.title == "綦江“坝坝直播间”赋能乡村振兴"
