"""Wrapped pages: blocks cut into units (a paragraph or a headline line each), units into elements."""
from __future__ import annotations

import re

from .. import gazetteer
from . import bylines
from .blocks import HANGING, Line, block_columns, effective, has_gap, line_measure, page_blocks, page_column
from .classify import GOES_ON, INDENT, TEXT_PUNCT, clean_head, glued_label, label_of
from .furniture import is_furniture
from .model import CREDIT, FURNITURE, HEAD, LABEL, MAX_HEAD, PARA, Element
from .textutil import ends_sentence, join_lines, squeeze_heading, squeeze_spaces, width
from .wordcut import crosses_word


def _split_block(block: list[Line], col: int) -> list[list[Line]]:
    """Cut a block into units: one paragraph or one headline line each."""
    units, cur = [], []
    for i, ln in enumerate(block):
        cur.append(ln)
        last = i == len(block) - 1
        if last:
            units.append(cur)
            break
        nxt = block[i + 1]
        text, ntext = ln.raw.strip(), nxt.raw.strip()
        short = effective(ln, nxt, col) < col - 3 and not ln.justified
        nxt_width = effective(nxt, block[i + 2] if i + 2 < len(block) else None, col)
        # A line wider than the column is a headline across columns, unless a sentence ends
        # inside it (a caption set wide).
        wide = any(
            x.width > col + 4 and not x.justified and len(x.raw.strip()) <= MAX_HEAD
            and not re.search("[。！？]", x.raw.strip()[:-1])
            for x in (ln, nxt)
        )
        cut = False
        if wide or has_gap(text) or has_gap(ntext) or glued_label(text):
            cut = True
        elif (
            len(cur) == 1 and not short and not ends_sentence(text) and text[-1] not in GOES_ON
            and nxt_width <= col - 4 and not nxt.justified and i + 2 < len(block)
            and not ends_sentence(ntext) and not crosses_word(text, ntext)
        ):
            # A full line right above an indented first line: a headline as wide as the column.
            cut = True
        elif ends_sentence(text):
            # Ends a sentence: a paragraph ends here when the line stops short, or when the next
            # line is indented as a first line and does not itself end there.
            # A paragraph's first line is indented: it is short only against the indented measure.
            if len(cur) == 1:
                short = short and effective(ln, nxt, col) < col - INDENT - 3
            cut = short or (nxt_width <= col - 4 and not ends_sentence(ntext))
        elif short:
            # A short line that ends no sentence is a headline, unless it is a paragraph's
            # indented first line with the column-filling lines of that paragraph after it.
            # Inside a paragraph a short line is a justified one with half-width digits: go on.
            # A first line as wide as the indented measure, with text punctuation inside,
            # above a line that ends the paragraph, is that paragraph's first line too.
            first_line = (ln.width >= col - 8 and nxt_width >= col - 4) or (
                ln.width >= col - 8 and crosses_word(text, ntext)
            ) or (
                ln.width >= col - INDENT - 3 and TEXT_PUNCT.search(text) is not None
                and (ends_sentence(ntext) or ntext[-1] in "：；")
            )
            cut = len(cur) == 1 and not first_line
        if cut:
            units.append(cur)
            cur = []
    return units


def wrapped_elements(lines: list[str], warnings: list[str]) -> list[Element]:
    blocks = page_blocks(lines)
    page_col = page_column(blocks)
    out: list[Element] = []
    for block, col in zip(blocks, block_columns(blocks, page_col)):
        # Credits sit at a block's end, alone or glued to the last line(s).
        credit = None
        tail = block[-2:] if len(block) >= 2 else block[-1:]
        for take in (1, 2):
            if take > len(block):
                break
            chunk = "\n".join(ln.raw.strip() for ln in block[-take:])
            split = bylines.split_tail(chunk)
            if split is None:
                continue
            head, credit_text = split
            if take == 2 and not head and bylines.is_credit(block[-1].raw):
                continue  # the last line alone is the credit; the line before is text
            credit = (credit_text, block[-take].no)
            kept = block[:-take]
            if head:
                head_lines = head.split("\n")
                for j, piece in enumerate(head_lines):
                    src = block[-take + j]
                    kept.append(Line(src.no, piece, width(piece)))
            block = kept
            break
        del tail
        units = _split_block(block, col) if block else []
        elements = [el for unit in units for el in _unit_elements(unit, col)]
        measured = line_measure(block)
        for el in elements:
            el.measured = el.end_measured = measured
        out.extend(join_wrapped_heads(_section_heads(elements)))
        if credit:
            out.append(Element(CREDIT, credit[0], credit[1]))
    return out


def join_wrapped_heads(elements: list[Element]) -> list[Element]:
    """A headline wrapped onto a second line is one headline ("独特路径：打造大学城创新" + "生态区"):
    joined when a word runs across the break or the second line is a mere tail."""
    out: list[Element] = []
    for el in elements:
        prev = out[-1] if out else None
        if (
            prev is not None and prev.kind == HEAD and el.kind == HEAD
            and el.line == prev.line + 1 and len(prev.text) > 4
            and not prev.district and not gazetteer.leading(el.text)
            and (len(el.text) <= 4 or crosses_word(prev.text, el.text))
        ):
            prev.text = prev.text + el.text
            prev.district = el.district
            continue
        out.append(el)
    return out


def _section_heads(elements: list[Element]) -> list[Element]:
    """A tiny section label and the short line under it are one heading ("谋篇 旗怎么举？号怎么吹？")."""
    if (
        len(elements) == 2
        and elements[0].kind == HEAD and len(elements[0].text) <= 4
        and elements[1].kind == PARA and elements[1].nlines == 1 and len(elements[1].text) <= 16
    ):
        a, b = elements
        return [Element(HEAD, f"{a.text} {squeeze_heading(b.text)}", a.line, first_width=a.first_width, column=a.column, section=True)]
    return elements


def _unit_elements(unit: list[Line], col: int) -> list[Element]:
    first, last = unit[0], unit[-1]
    text = first.raw.strip() if len(unit) == 1 else join_lines([ln.raw for ln in unit])
    if len(unit) == 1:
        if is_furniture(text):
            return [Element(FURNITURE, squeeze_heading(text), first.no)]
        district = label_of(text)
        if district:
            return [Element(LABEL, district, first.no, district=district)]
    complete = ends_sentence(text)
    one_line_head = (
        len(unit) == 1
        and not complete
        and len(text) <= MAX_HEAD  # a long line is text, whatever its layout
        and (first.width < col - 3 or first.width > col + 4 or has_gap(text))
    )
    if one_line_head and not (col - 9 <= first.width < col - 3 and not has_gap(text)):
        head, district = clean_head(text)
        return [Element(HEAD, head, first.no, district=district, first_width=first.width, column=col)]
    para = Element(
        PARA, squeeze_spaces(text), first.no,
        first_width=effective(first, unit[1] if len(unit) > 1 else None, col),
        second_width=unit[1].width if len(unit) > 1 else 0,
        first_hangs=first.raw.rstrip()[-1:] in HANGING, first_raw=first.width,
        first_len=len(squeeze_spaces(first.raw.strip())),
        last_width=last.width, nlines=len(unit), column=col,
        complete=complete, maybe_head=one_line_head,
    )
    return [para]
