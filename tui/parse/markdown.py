"""The Markdown-like variant: "## 标题" headings, one paragraph a line (still cut in places)."""
from __future__ import annotations

import re

from . import bylines
from .classify import STOPS, clean_head, label_of
from .furniture import is_furniture
from .model import CREDIT, FURNITURE, HEAD, LABEL, PARA, Element
from .textutil import ends_sentence, squeeze_heading, squeeze_spaces
from .wordcut import crosses_word

MD_HEAD = re.compile(r"^(#{1,6})\s+(.*)$")


def detect_format(lines: list[str]) -> str:
    heads = sum(1 for line in lines if MD_HEAD.match(line.strip()))
    return "markdown" if heads >= 2 else "wrapped"


def markdown_elements(lines: list[str]) -> list[Element]:
    items: list[tuple[int, str]] = [(no, ln.strip()) for no, ln in enumerate(lines, 1) if ln.strip()]
    out: list[Element] = []
    for k, (no, text) in enumerate(items):
        m = MD_HEAD.match(text)
        if m:
            head, district = clean_head(m.group(2))
            out.append(Element(HEAD, head, no, level=len(m.group(1)), district=district))
            continue
        if is_furniture(text):
            out.append(Element(FURNITURE, squeeze_heading(text), no))
            continue
        district = label_of(text)
        if district:
            out.append(Element(LABEL, district, no, district=district))
            continue
        if bylines.is_credit(text):
            out.append(Element(CREDIT, bylines.tidy(text), no))
            continue
        split = bylines.split_tail(text)
        if split and split[0]:
            out.append(Element(PARA, squeeze_spaces(split[0]), no, complete=ends_sentence(split[0])))
            out.append(Element(CREDIT, split[1], no))
            continue
        nxt = items[k + 1][1] if k + 1 < len(items) else ""
        prv = items[k - 1][1] if k > 0 else ""
        next_is_head = bool(MD_HEAD.match(nxt))
        near_head = next_is_head or bool(MD_HEAD.match(prv)) or k == 0 or label_of(prv) or label_of(nxt)
        complete = ends_sentence(text)
        # A line near a heading reads as one, unless a sentence ends inside it (text cut short).
        short = len(text) <= 40 and not STOPS.search(text, 0, len(text) - 1)
        if short and near_head and (not complete or next_is_head):
            if not (nxt and not next_is_head and not complete and crosses_word(text, nxt)):
                head, district = clean_head(text)
                out.append(Element(HEAD, head, no, district=district))
                continue
        out.append(Element(PARA, squeeze_spaces(text), no, complete=complete))
    return out
