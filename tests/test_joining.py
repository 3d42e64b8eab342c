"""Joining paragraphs cut at column breaks (tui/parse/joining.py), decision by decision."""
from __future__ import annotations

import pytest

from tui.parse.joining import join_column_breaks
from tui.parse.model import HEAD, PARA, Element


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
