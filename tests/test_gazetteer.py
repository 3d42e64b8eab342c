"""District names: short forms that are parts of other names do not count (issue 11, class 4)."""
from __future__ import annotations

import pytest

from tui import gazetteer
from tui.parse.classify import district_marker


@pytest.mark.parametrize("text, districts", [
    ("铜梁高新区今年新引进企业二十家", {"铜梁"}),  # another district's zone, not 重庆高新区
    ("璧山高新区企业", {"璧山"}),
    ("欣赏两江四岸的夜景", {}),  # the two rivers, not 两江新区
    ("位于西部（重庆）科学城的重庆高新区", {"重庆高新区"}),  # the science city spans districts
    ("在高新区工作", {"重庆高新区"}),
    ("两江，渝北", {"两江新区", "渝北"}),
    ("在两江新区果园港", {"两江新区"}),
    ("万盛经开区南桐镇", {"万盛"}),
])
def test_mentions(text, districts):
    assert set(gazetteer.mentions(text)) == set(districts)


def test_science_city_is_no_district_label():
    assert gazetteer.label_of("西部（重庆）科学城") is None
    assert gazetteer.label_of("高新区") == "重庆高新区"
    assert gazetteer.label_of("两江新区") == "两江新区"


def test_leading_district_of_a_headline():
    assert gazetteer.leading("铜梁 招商引资跑出新进度") == "铜梁"
    assert gazetteer.leading("两江四岸夜景更美") is None
    assert gazetteer.leading("高新区企业") == "重庆高新区"


@pytest.mark.parametrize("head, district", [
    ("铜梁 招商引资跑出新进度", "铜梁"), ("璧山：小城讲述创新故事", "璧山"), ("綦江“坝坝直播间”赋能乡村振兴", "綦江"),
    ("万盛经开区 化解货运行业安全管理难", "万盛"), ("璧山经验：创新引领发展", None), ("大足石刻修复用上“黑科技”", None),
])
def test_headline_marked_with_a_district(head, district):
    assert district_marker(head) == district
