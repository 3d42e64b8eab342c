"""Is a file one page? The signs that it holds several, and the items a file repeats word for word.

Archives hold files that are several pages run together: two copies of one page, two days'
pages, a month of pages in one file. The loader stores such a file as one page (its text is the
user's and stays findable; refusing it would also fail every rebuild of a database that holds
it), but says what it found in the page's warnings, where a user can find where each page starts,
and stores an item the file repeats word for word once.

The signs, each read from the text as printed:
- page headers: every page prints one header line (date, 星期, page number) and one editor line;
  two of them are two pages (or one page twice);
- repeated text: a long run of lines printed again in the same order is a copy;
- size: far more text than any page holds.
"""
from __future__ import annotations

import re

from ..cjk import count_cjk
from .furniture import EDITOR, HEADER, header_of

# The two patterns over the whole text, a line's spaces aside: fewer than two matches of each and
# no line is looked at (a page's lines one by one cost 0.2 ms of its 9).
# (Both patterns are anchored at a line's start, EDITOR at its end too: checked, as the slices rely on it.)
if not (HEADER.pattern.startswith("^") and EDITOR.pattern.startswith("^") and EDITOR.pattern.endswith("$")):
    raise ImportError("onepage: furniture.HEADER/EDITOR are no longer anchored; rewrite _HEADER_ANY/_EDITOR_ANY")
_HEADER_ANY = re.compile(r"^[ \t]*" + HEADER.pattern[1:], re.M)
_EDITOR_ANY = re.compile(r"^[ \t]*" + EDITOR.pattern[1:-1] + r"[ \t]*$", re.M)

REPEAT_CHARS = 300  # characters of consecutive lines printed again in order: a copy, not a quote
MAX_PAGE_CHINESE = 25_000  # Chinese characters: the longest pages seen hold about 8,000
LISTED = 3  # headers named in a warning; the rest are counted


def several_pages(text: str) -> list[str]:
    """Warnings for a page file that looks like more than one page; [] for one page."""
    lines = text.split("\n")
    warnings = []
    several = (text.count("星期") >= 2 and len(_HEADER_ANY.findall(text)) >= 2
               or text.count("编辑") >= 2 and len(_EDITOR_ANY.findall(text)) >= 2)
    marks = _marks(lines) if several else None
    if marks:
        warnings.append(marks)
    repeat = repeated_run(lines)
    if repeat is not None:
        (a_from, a_to), b_from = repeat
        warnings.append(f"holds the same text twice (lines {a_from}–{a_to} again from line {b_from}): "
                        f"a copy of a page run on after it?")
    if not warnings and len(text) > MAX_PAGE_CHINESE:  # counted only where it may be so many
        chinese = count_cjk(text)
        if chinese > MAX_PAGE_CHINESE:
            warnings.append(f"{chinese:,} Chinese characters, more than any page holds: it may hold several "
                            f"pages; load each page as its own file")
    return warnings


def _marks(lines: list[str]) -> str | None:
    """The warning for a file printing two or more page headers (or editor lines), else None."""
    headers, editors = [], []
    for n, line in enumerate(lines, 1):
        t = line.strip()
        if HEADER.search(t):
            date, number = header_of(t)
            headers.append(f"{date}{'' if number is None else f' p{number}'} at line {n}")
        elif EDITOR.search(t):
            editors.append(f"“{t}” at line {n}")
    # The headers name the pages by date and number: listed when there are two; else the editor lines.
    found, what = (headers, "page headers") if len(headers) >= 2 else (editors, "editor lines")
    if len(found) < 2:
        return None
    listed = ", ".join(found[:LISTED]) + (", …" if len(found) > LISTED else "")
    more = f" and {len(editors)} editor lines" if found is headers and len(editors) > len(headers) else ""
    return f"holds {len(found)} {what} ({listed}){more}: load each page as its own file"


def repeated_run(lines: list[str]) -> tuple[tuple[int, int], int] | None:
    """The first long run of lines printed again in the same order (blank lines and leading or
    trailing spaces aside): ((first line, last line) of the first print, first line of the second),
    1-based; None when there is none as long as REPEAT_CHARS."""
    if not _may_repeat(list(filter(None, map(str.strip, lines)))):
        return None
    first: dict[str, int] = {}  # a line's text -> its first line number
    run = _Run()
    for i, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line:
            continue
        j = first.setdefault(line, i)
        if run.chars:
            nxt = _next_printed(lines, run.end, run.again)
            if nxt and lines[nxt - 1].strip() == line:  # the copy goes on
                run.end, run.chars = nxt, run.chars + len(line)
                continue
            if run.chars >= REPEAT_CHARS:
                break
        run = _Run(j, j, i, len(line)) if j != i else _Run()
    if run.chars >= REPEAT_CHARS:
        return (run.start, run.end), run.again
    return None


def _may_repeat(printed: list[str]) -> bool:
    """Whether the printed lines may hold a run of REPEAT_CHARS printed twice, told in C: such a
    run of four lines or more repeats four consecutive lines; of two or three, a pair of them
    half as long (one of its two pairs holds half its characters); of one, a long line."""
    quads = list(zip(printed, printed[1:], printed[2:], printed[3:]))
    if len(set(quads)) < len(quads):
        return True
    half = REPEAT_CHARS // 2
    pairs = [a + "\n" + b for a, b in zip(printed, printed[1:]) if len(a) + len(b) >= half]
    ones = [t for t in printed if len(t) >= REPEAT_CHARS]
    return len(set(pairs)) < len(pairs) or len(set(ones)) < len(ones)


def _next_printed(lines: list[str], after: int, before: int) -> int:
    """The first line after line `after` that is not blank, if before line `before`; else 0."""
    for n in range(after + 1, before):
        if lines[n - 1].strip():
            return n
    return 0


class _Run:
    """Lines printed again: the first print's first and last line, the second's first line."""

    def __init__(self, start: int = 0, end: int = 0, again: int = 0, chars: int = 0):
        self.start, self.end, self.again, self.chars = start, end, again, chars


def drop_repeated_items(articles: list) -> tuple[list, int]:
    """The articles without those that repeat an earlier one word for word (title and body),
    and how many were dropped."""
    seen: set[tuple] = set()
    kept = []
    for a in articles:
        key = (a.title or "", a.body)
        if key in seen:
            continue
        seen.add(key)
        kept.append(a)
    return kept, len(articles) - len(kept)
