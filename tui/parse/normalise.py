"""Page text -> elements in page order: paragraphs, heads, district labels, credits, furniture.

Stage one of the loader. A wrapped page is cut into blocks and units (wrapped.py) by the
column's width (blocks.py) and by what each unit is (classify.py); a Markdown-like page one
line at a time (markdown.py). Paragraphs cut by a column break are joined again (joining.py).
"""
from __future__ import annotations

from . import bylines
from .furniture import JUMP, JUMP_TAIL, page_header
from .joining import join_column_breaks
from .markdown import detect_format, markdown_elements
from .model import CREDIT, FURNITURE, PARA, Element, Page
from .wrapped import wrapped_elements


def normalise(text: str) -> Page:
    lines = text.split("\n")
    fmt = detect_format(lines)
    warnings: list[str] = []
    indents = True
    if fmt == "markdown":
        elements = markdown_elements(lines)
    else:
        elements, indents = wrapped_elements(lines, warnings)
    elements = split_leads(elements)
    elements = join_column_breaks(elements, fmt, indents=indents)
    furniture = [e.text for e in elements if e.kind == FURNITURE]
    date, number = page_header(furniture)
    return Page(fmt, elements, date, number, furniture, warnings)


def split_leads(elements: list[Element]) -> list[Element]:
    """"本报讯 （记者 张莎）12月6日，…": the credit becomes its own element before the text."""
    out = []
    for el in elements:
        if el.kind == PARA:
            jump = JUMP.match(el.text)
            if jump:
                out.append(Element(FURNITURE, jump.group(0).strip(), el.line))
                el.text = el.text[jump.end():]
            tail = JUMP_TAIL.search(el.text)
            if tail:
                el.text = el.text[: tail.start()]
                furniture_after = Element(FURNITURE, tail.group(0).strip(), el.line + el.nlines - 1)
            else:
                furniture_after = None
            lead = bylines.split_lead(el.text)
            if lead:
                out.append(Element(CREDIT, lead[0], el.line, level=-1))  # level -1: opens an article
                el.text = lead[1]
        if el.kind != PARA or el.text:
            out.append(el)
        if el.kind == PARA and furniture_after is not None:
            out.append(furniture_after)
    return out
