"""Wrapped pages: blocks cut into units (a paragraph or a headline line each), units into elements."""
from __future__ import annotations

from .. import gazetteer
from . import bylines
from .blocks import HANGING, Line, block_columns, effective, has_gap, line_measure, page_blocks, page_column
from .classify import (
    HEAD_MIN, MAYBE_MIN, QUOTE_ALONE, SLACK, WIDE, clean_head, head_score, indents_paragraphs, label_of, unit_ends,
)
from .furniture import is_furniture
from .model import CREDIT, FURNITURE, HEAD, LABEL, PARA, Element
from .textutil import ends_sentence, join_lines, squeeze_heading, squeeze_spaces, width
from .wordcut import crosses_word


def _split_block(block: list[Line], col: int, indents: bool) -> list[list[Line]]:
    """Cut a block into units: one paragraph or one headline line each."""
    units, cur = [], []
    for i, ln in enumerate(block):
        cur.append(ln)
        if i == len(block) - 1 or unit_ends(block, i, len(cur), col, indents):
            units.append(cur)
            cur = []
    return units


def wrapped_elements(lines: list[str], warnings: list[str]) -> tuple[list[Element], bool]:
    """The page's elements, and whether it indents its paragraphs' first lines."""
    blocks = page_blocks(lines)
    page_col = page_column(blocks)
    cols = block_columns(blocks, page_col)
    indents = indents_paragraphs(blocks, cols)
    out: list[Element] = []
    for block, col in zip(blocks, cols):
        # Credits sit at a block's end, alone or glued to the last line(s).
        credit = None
        tail = block[-2:] if len(block) >= 2 else block[-1:]
        for take in (1, 2):
            if take > len(block):
                break
            chunk = "\n".join(ln.text for ln in block[-take:])
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
        units = _split_block(block, col, indents) if block else []
        elements = [el for unit in units for el in _unit_elements(unit, col)]
        measured = line_measure(block)
        for el in elements:
            el.measured = el.end_measured = measured
        out.extend(_section_heads(join_wrapped_heads(elements)))
        if credit:
            out.append(Element(CREDIT, credit[0], credit[1]))
    return out, indents


TAIL = 3  # a second line at most a third of the first is the rest of it


def _left_open(text: str) -> bool:
    """A quote or bracket opened and not closed: the line goes on."""
    return any(text.count(o) > text.count(c) for o, c in ("“”", "《》", "（）", "‘’"))


def _fills(el: Element) -> bool:
    """A heading line as wide as its column (not set across columns) was wrapped there: its
    next line goes on."""
    return el.column > 0 and el.column - SLACK <= el.first_width <= el.column + WIDE


def join_wrapped_heads(elements: list[Element]) -> list[Element]:
    """A headline wrapped onto a second line is one headline ("独特路径：打造大学城创新" + "生态区"):
    joined when the first line fills its column, a word runs across the break, a quote or
    bracket is left open, or the second line is a mere tail of the first. A lone line that
    may be a headline counts as one next to a headline, or under a line that fills."""
    out: list[Element] = []
    for el in elements:
        prev = out[-1] if out else None
        if prev is not None and _wrapped_pair(prev, el):
            text = prev.text if prev.kind == HEAD else clean_head(prev.text)[0]
            prev.text = text + (clean_head(el.text)[0] if el.kind == PARA else el.text)
            prev.kind, prev.district = HEAD, el.district
            continue
        out.append(el)
    return out


def _headlike(el: Element) -> bool:
    return el.kind == HEAD or el.kind == PARA and el.nlines == 1 and el.maybe_head


def _wrapped_pair(prev: Element, el: Element) -> bool:
    if el.line != prev.line + 1 or not (_headlike(prev) and _headlike(el)):
        return False
    if HEAD not in (prev.kind, el.kind) and not _fills(prev):
        return False
    if prev.district or gazetteer.leading(el.text):
        return False
    # A line that fills the column goes on in a line no wider (a wider one is a headline of
    # its own under a kicker).
    fills = _fills(prev) and (not el.first_width or el.first_width <= prev.first_width + WIDE)
    return (fills or len(el.text) * TAIL <= len(prev.text) or _left_open(prev.text)
            or _quote_alone(el.text) or crosses_word(prev.text, el.text))


def _quote_alone(text: str) -> bool:
    """A quoted phrase and nothing else ("“一房难求”"): no headline of its own, the end of
    the one above wrapped before its quote."""
    return text[:1] == "“" and text[-1:] == "”" and text.count("“") == 1 and len(text) <= QUOTE_ALONE


def _section_heads(elements: list[Element]) -> list[Element]:
    """A section heading is a label and a question: on two lines at the block's top ("谋篇" +
    "旗怎么举？号怎么吹？"), or on one with a space between ("谋篇 旗怎么举？号怎么吹？")."""
    def question(e: Element) -> bool:
        return e.kind == HEAD and e.text.endswith(("？", "?"))

    if len(elements) >= 2 and elements[0].kind == HEAD and question(elements[1]) and elements[1].line == elements[0].line + 1:
        a, b = elements[:2]
        joined = Element(HEAD, f"{a.text} {squeeze_heading(b.text)}", a.line, first_width=a.first_width, column=a.column, section=True)
        return [joined, *elements[2:]]
    if elements and question(elements[0]) and has_gap(elements[0].text):
        elements[0].section = True
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
    score = head_score(text, first.width, col) if len(unit) == 1 else -10.0
    if score >= HEAD_MIN:
        head, district = clean_head(text)
        return [Element(HEAD, head, first.no, district=district, first_width=first.width, column=col)]
    para = Element(
        PARA, squeeze_spaces(text), first.no,
        first_width=effective(first, unit[1] if len(unit) > 1 else None, col),
        second_width=unit[1].width if len(unit) > 1 else 0,
        first_hangs=first.raw.rstrip()[-1:] in HANGING, first_raw=first.width,
        first_len=len(squeeze_spaces(first.raw.strip())),
        last_width=last.width, nlines=len(unit), column=col,
        complete=complete, maybe_head=score >= MAYBE_MIN, head_score=score,
    )
    return [para]
