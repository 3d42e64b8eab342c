"""Where stories and their headlines begin and end: more failure classes of the generated
pages (bench/pagegen.py), one decision at a time."""
from __future__ import annotations

from tui.parse.joining import join_column_breaks
from tui.parse.model import HEAD, PARA, Element


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
