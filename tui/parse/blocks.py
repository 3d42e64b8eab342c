"""Lines and blocks of a wrapped page, measured: widths, justification, the column each block is set in."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .bylines import LEAD_OPENER
from .textutil import width

HANGING = set("，。、；：？！”’）》")


@dataclass(slots=True)
class Line:
    no: int
    raw: str
    width: int
    justified: bool = False  # spaces inside: the line was stretched to fill the column
    text: str = ""  # the line without its surrounding spaces
    measured: int = 0  # width inside the measure (see measure())

    def __post_init__(self) -> None:
        self.text = self.raw.strip()
        hangs = self.text[-1:] in HANGING
        self.measured = self.width - 2 if hangs else self.width


_SPACE = re.compile(r"\s")


def page_blocks(lines: list[str]) -> list[list[Line]]:
    blocks, cur = [], []
    for no, raw in enumerate(lines, 1):
        text = raw.strip()
        if text:
            # Spaces inside a line (it is stripped): justified, unless a headline's gap.
            justified = _SPACE.search(text) is not None and not has_gap(text)
            # A justified line's spaces are layout: measure its characters only.
            cur.append(Line(no, raw.rstrip(), width("".join(text.split()) if justified else text), justified))
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    return blocks


def _percentile(values: list[int], q: float) -> int:
    if not values:
        return 0
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]




def measure(ln: Line) -> int:
    """Width inside the column's measure: punctuation hanging past the end does not count."""
    return ln.measured


def page_column(blocks: list[list[Line]]) -> int:
    """The page's usual column: what the inner lines of long blocks fill; on a page of short
    blocks, what the lines before a block's last fill (headline lines wider than most left out)."""
    widths = [measure(ln) for b in blocks if len(b) >= 4 for ln in b[:-1] if ln.width <= 60]
    if len(widths) >= 8:
        return max(_percentile(widths, 0.8), 6)
    widths = [measure(ln) for b in blocks for ln in b[:-1] if ln.width <= 60]
    if len(widths) < 4:
        widths = [measure(ln) for b in blocks for ln in b if ln.width <= 60]
    if len(widths) >= 6:
        typical = _percentile(widths, 0.5)
        widths = [w for w in widths if w <= typical * 1.25]
    return max(_percentile(widths, 0.9), 6)


def own_column(block: list[Line]) -> int | None:
    """The column a block's own lines tell, when it has enough of them: every line but the
    last fills the column (a caption column is narrower than the body's)."""
    # (A dateline's credit may widen the line it opens: that line does not tell.)
    inner = [measure(ln) for ln in block[:-1] if ln.width <= 80 and not ln.text.startswith(LEAD_OPENER)]
    if len(inner) < 4:
        return None
    # Headline lines printed in the block (wider than its text) do not set its column; nor
    # does a first line wider than all the others (a headline right above the text).
    typical = _percentile(inner, 0.5)
    inner = [w for w in inner if w <= typical * 1.25]
    if inner[0] > max(inner[1:]) + 2:
        inner = inner[1:]
    return max(_percentile(inner, 0.8), 8)


def _fits(block: list[Line], col: int) -> int:
    """How many of a block's lines fit a column of that width."""
    return sum(ln.measured <= col + 2 for ln in block)


def block_columns(blocks: list[list[Line]], page_col: int) -> list[int]:
    """The column each block is set in: its own lines tell when it has enough of them, else the
    one its few middle lines show far from the page's, the nearest blocks' that tell one, or
    the page's: the first of those that most of the block's lines fit."""
    own = [own_column(b) for b in blocks]
    # A block too short to tell its column still shows one far from the page's (a caption's)
    # by its middle lines.
    told = [c or _other_column(b, page_col) for c, b in zip(own, blocks)]
    cols = []
    for i, col in enumerate(own):
        if col is None:
            prev = next((told[j] for j in range(i - 1, -1, -1) if told[j] is not None), None)
            nxt = next((told[j] for j in range(i + 1, len(told)) if told[j] is not None), None)
            # The candidate that most of its lines fit; on a tie the column going on.
            candidates = [c for c in (told[i], prev, nxt, page_col) if c is not None]
            col = max(candidates, key=lambda c: _fits(blocks[i], c))
        cols.append(col)
    return cols


def _inside_pair(before: str) -> bool:
    """Whether text after `before` is inside quotes or brackets opened on this line."""
    for o, c in ("“”", "《》", "（）", "()", "「」"):
        depth = 0
        for ch in before:
            if ch == o:
                depth += 1
            elif ch == c:
                depth = max(depth - 1, 0)  # a closer first: the line began inside a pair
        if depth:
            return True
    return False


@lru_cache(maxsize=8192)
def has_gap(text: str) -> bool:
    """A headline-style space between two CJK runs, outside quotes ("走村不漏户 户户见干部")."""
    t = text.strip()
    if t.startswith("本报讯"):
        return False
    tokens = t.split()
    if len(tokens) < 2 or len(tokens) > 4 or any(len(tok) == 1 for tok in tokens):
        return False
    for m in re.finditer(r"(?<=[\u4e00-\u9fff”》）])\s+(?=[\u4e00-\u9fff“《（])", t):
        if not _inside_pair(t[: m.start()]) and not _closes_unopened(t[m.end():]):
            return True
    return False


def _closes_unopened(after: str) -> bool:
    """Whether text after a space closes a quote or bracket it did not open: the space is
    inside a pair opened on a line before ("解行善事 排忧解难积功德”的锦旗")."""
    for o, c in ("“”", "《》", "（）"):
        k = after.find(c)
        if k >= 0 and o not in after[:k]:
            return True
    return False


LATIN_ATOM = re.compile(r"[A-Za-z0-9][A-Za-z0-9.%&+\-]*")


def effective(ln: "Line", nxt: "Line | None", col: int) -> int:
    """A line's width, or the column's when the word starting the next line would not have
    fitted in what is left: a Latin word or a number moves whole to the next line."""
    if nxt is not None:
        atom = LATIN_ATOM.match(nxt.text)
        if atom and col - ln.width < width(atom.group(0)) + 1:
            return max(ln.width, col)
    return ln.width


def _other_column(block: list[Line], page_col: int) -> int | None:
    """The width a short block's middle lines fill, when they all fill it alike (a headline
    line among them would not) and it is a quarter or more off the page's column."""
    middle = [measure(ln) for ln in block[1:-1] if ln.width <= 80]
    if len(middle) < 2 or max(middle) - min(middle) > 2:
        return None
    col = max(middle)
    return col if col * 1.25 <= page_col or col >= page_col * 1.25 else None


def line_measure(block: list[Line]) -> int:
    """The column a block's middle lines fill (not the first, which may be indented, nor the
    last, which may stop short): 0 when the block has fewer than two of them."""
    middle = sorted(measure(ln) for ln in block[1:-1] if ln.width <= 80)
    return middle[len(middle) // 2] if len(middle) >= 2 else 0
