"""Line breaking for Chinese text in a terminal: by cell width, at any character, with kinsoku.

Rich and Textual wrap only at spaces, so a paragraph of Chinese would either overflow or break
anywhere, leaving "，" at the start of a line. Here a line holds as many cells as fit, never more
(a longer line would be wrapped again by the terminal widget, putting the mark on a line of its
own). Where the break would start a line with closing marks (also several: "。”") or end one with
an opening mark, the break moves back until it falls between two characters that may part: the
last characters of the line go down with the marks (oidashi). Only when a whole line holds no
such place (a run of marks longer than the line) is the break made where it falls. A Latin word
is kept whole when it fits on a line.
"""
from __future__ import annotations

import re

from ..cjk import NO_LINE_END, NO_LINE_START, char_width

_LATIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,%&+\-']*")


def cell_len(text: str) -> int:
    return sum(char_width(c) for c in text)


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def may_break(text: str, i: int) -> bool:
    """May a line end before text[i]? Not before a closing mark, not after an opening one, not
    inside a Latin word."""
    if text[i] in NO_LINE_START or text[i - 1] in NO_LINE_END:
        return False
    if text[i] == " " and text[i + 1 : i + 2] in tuple(NO_LINE_START):
        return False  # the space is dropped at the line's start, which the mark would then begin
    return not (_latin(text[i]) and _latin(text[i - 1]))


def _break_before(text: str, start: int, i: int) -> int:
    """The break for a line from start that cannot hold text[i]: i, or the nearest place before."""
    brk = i
    while brk > start + 1 and not may_break(text, brk):
        brk -= 1
    if brk > start and may_break(text, brk):
        return brk
    return i  # no place to part on this line: break where it falls


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Break text into lines of at most width cells: (start, end) offsets of each line."""
    width = max(width, 4)
    lines: list[tuple[int, int]] = []
    start, used, i, n = 0, 0, 0, len(text)
    while i < n:
        if text[i] == "\n":
            lines.append((start, i))
            start, used, i = i + 1, 0, i + 1
            continue
        # Keep a Latin word or number together if it fits on a line of its own.
        m = _LATIN.match(text, i) if _latin(text[i]) else None
        unit_end = m.end() if m and cell_len(m.group(0)) <= width else i + 1
        w = cell_len(text[i:unit_end])
        if used + w > width and i > start:
            brk = _break_before(text, start, i)
            lines.append((start, brk))
            start, used, i = brk, 0, brk
            continue
        used += w
        i = unit_end
    if start < n or not lines:
        lines.append((start, n))
    # A line may begin with a space left from a break between Latin words: drop it (and the
    # line, if that space was all of it).
    out = [(a + 1, b) if b > a and text[a] == " " and a > 0 else (a, b) for a, b in lines]
    return [(a, b) for a, b in out if a < b or text[a - 1 : a] != " "]
