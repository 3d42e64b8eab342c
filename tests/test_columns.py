"""The column each block of a wrapped page is set in (tui/parse/blocks.py)."""
from __future__ import annotations

from bench.corpus import wrap
from tui.parse.blocks import block_columns, own_column, page_blocks, page_column

BODY = ("今年以来，该区聚焦群众关心的出行难题，新建改建公路一百二十公里，打通了一批断头路。"
        "在沿线村里，不少村民家门口通了硬化路，农产品运出去更方便了，收入也跟着涨了起来。"
        "该区交通部门相关负责人介绍，下一步还将完善养护机制，让群众出行更安全、更舒心。")
CAPTION = "7月20日，晨光中的南川区石溪镇南茶村。南茶村有上千亩生态梯田，纵横交错、生机盎然。"


def test_a_caption_too_short_to_measure_keeps_its_narrow_column():
    """A photo caption of four lines in a column of 8 characters beside a body of 20: its
    middle lines fill 16 cells alike, far from the page's 40, so it and the block cut from it
    by a column break are measured against 16, not against the body's column."""
    caption = wrap(CAPTION, 8)
    assert len(caption) == 6
    lines = wrap(BODY, 20) + ["", *caption[:4], "", *caption[4:], "", "南川区融媒体中心 汪新 摄"]
    blocks = page_blocks(lines)
    cols = block_columns(blocks, page_column(blocks))
    assert cols[0] == 40 and cols[1:3] == [16, 16]


def test_a_dateline_widening_its_line_does_not_set_the_column():
    """"本报讯 （记者 …）" set before a first line makes it wider than the column: the block's
    other lines tell the column."""
    lines = wrap(BODY, 20)[:5]
    lines[0] = "本报讯 （记者 韩毅）" + lines[0]
    blocks = page_blocks(lines)
    assert own_column(blocks[0]) is None  # four lines left to tell: too few
    assert block_columns(blocks, 40) == [40]


def test_a_headline_right_above_the_text_does_not_set_its_column():
    """A (doubled) headline wider than the column printed right above the text, no blank
    line between: the text's lines tell the column."""
    lines = ["农村公路通到家门口农村公路通到家门口农村公路通到", *wrap(BODY, 20)[:4]]
    blocks = page_blocks(lines)
    assert blocks[0][0].measured > 44
    assert own_column(blocks[0]) == 40
