"""Line breaking for Chinese text in a terminal: by cell width, at any character, with kinsoku.

Rich and Textual wrap only at spaces, so a paragraph of Chinese would either overflow or break
anywhere, leaving "，" at the start of a line. Here a line holds as many cells as fit; a closing
mark that would start the next line is pulled back onto this one (it may overhang by one mark),
and an opening mark that would end this line moves down with the character it opens. A Latin
word is kept whole when it fits on a line.
"""
from __future__ import annotations

import re

from ..cjk import NO_LINE_END, NO_LINE_START, char_width

_LATIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,%&+\-']*")


def cell_len(text: str) -> int:
    return sum(char_width(c) for c in text)


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Break text into lines of at most width cells: (start, end) offsets of each line.

    A line may overhang by one closing punctuation mark rather than start the next line with it.
    """
    width = max(width, 4)
    lines: list[tuple[int, int]] = []
    start, used, i, n = 0, 0, 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            lines.append((start, i))
            start, used, i = i + 1, 0, i + 1
            continue
        # Keep a Latin word or number together if it fits on a line of its own.
        m = _LATIN.match(text, i) if ch.isascii() and ch.isalnum() else None
        unit_end = m.end() if m and cell_len(m.group(0)) <= width else i + 1
        w = cell_len(text[i:unit_end])
        if used + w > width and i > start:
            brk = i
            # A closing mark may not start a line: hang it at the end of this one.
            if text[brk] in NO_LINE_START:
                while brk < n and text[brk] in NO_LINE_START and brk - i < 2:
                    brk += 1
                lines.append((start, brk))
                start, used, i = brk, 0, brk
                continue
            # An opening mark may not end a line: carry it down with what it opens.
            while brk - 1 > start and text[brk - 1] in NO_LINE_END:
                brk -= 1
            lines.append((start, brk))
            start, used, i = brk, 0, brk
            continue
        used += w
        i = unit_end
    if start < n or not lines:
        lines.append((start, n))
    # A line may begin with a space left from a break between Latin words: drop it.
    return [(a + 1, b) if b > a and text[a] == " " and a > 0 else (a, b) for a, b in lines]
