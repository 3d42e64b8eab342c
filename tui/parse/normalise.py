"""Page text -> elements in page order: paragraphs, heads, district labels, credits, furniture.

Stage one of the loader. Lines are grouped into blocks (runs of non-blank lines); each block is
cut into units by the column's width (a paragraph's inner lines fill the column, its first line
is indented, its last line may stop short) and by sentence-final punctuation; a paragraph cut by
a column break is joined again with the paragraph that continues it, even when another block is
printed in between.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import gazetteer
from . import bylines
from .textutil import (
    ends_sentence, join_lines, squeeze_heading, squeeze_spaces, undouble, undouble_prefix, width,
)

PARA, HEAD, LABEL, CREDIT, FURNITURE = "para", "head", "label", "credit", "furniture"
MAX_HEAD = 60  # characters: no headline is longer
INDENT = 4  # cells: a paragraph's first line starts two full-width characters in

_MD_HEAD = re.compile(r"^(#{1,6})\s+(.*)$")
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_FURNITURE = [
    re.compile(r"^\d{0,4}\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*星期[一二三四五六日天]"),
    re.compile(r"^(?:责任)?编辑\s*\S{2,4}(?:\s+(?:美编|校对|视觉|审读)\s*\S{2,4})*$"),
    re.compile(r"^(?:主办|承办|协办)\s"),
    re.compile(r"[：:]\s*\d{8}.*[：:]\s*\d{8}"),  # the paper's phone line
    re.compile(r"^[（(](?:上|下)(?:接|转)\s*\S{1,3}版[)）]$"),
    re.compile(r"^重庆日报\s*$"),
]
_JUMP = re.compile(r"^[（(](?:上|下)(?:接|转)\s*\S{1,3}版[)）]\s*")


@dataclass
class Element:
    kind: str
    text: str
    line: int  # 1-based line of the page where it starts
    level: int = 0  # Markdown heading level, 0 for none
    district: str | None = None  # for labels, and heads with a glued label
    first_width: int = 0  # width of the first printed line, to tell indented starts
    second_width: int = 0  # width of the second printed line (0 for a one-line paragraph)
    first_hangs: bool = False  # the first line ends in punctuation that may hang past the measure
    first_raw: int = 0  # width of the first line as printed, whatever follows it
    first_len: int = 0  # characters of text from the first printed line
    last_width: int = 0
    nlines: int = 1
    column: int = 0  # the column width the element was measured against
    complete: bool = True  # paragraphs: ends a sentence
    maybe_head: bool = False  # a one-line paragraph start that may be a headline instead
    section: bool = False  # a section heading inside a story ("谋篇 旗怎么举？号怎么吹？")

    @property
    def indented(self) -> bool:
        """First line starts short of the column, as a paragraph's first line does: compared
        with the line under it where there is one (half-width digits make lines vary)."""
        if self.column <= 0:
            return False
        ref = self.column if self.nlines < 3 else min(self.column, self.second_width + 1)
        # Punctuation hangs only past the measure: it counts unless the line is over-full.
        hang = 2 if self.first_hangs and self.first_width > self.column else 0
        return self.first_width - hang <= ref - 3


@dataclass
class Page:
    format: str  # "wrapped" or "markdown"
    elements: list[Element]
    date: str | None = None
    number: int | None = None
    furniture: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def detect_format(lines: list[str]) -> str:
    heads = sum(1 for line in lines if _MD_HEAD.match(line.strip()))
    return "markdown" if heads >= 2 else "wrapped"


def is_furniture(text: str) -> bool:
    t = text.strip()
    return any(p.search(t) for p in _FURNITURE)


def page_header(furniture: list[str]) -> tuple[str | None, int | None]:
    """Date and page number from the header line ("332020年 12月7日 星期一": page 3, doubled)."""
    for text in furniture:
        m = _DATE.search(text)
        if not m:
            continue
        date = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
        lead = re.sub(r"\s", "", text[: m.start()])
        number = None
        if lead.isdigit():
            half = len(lead) // 2
            doubled = len(lead) % 2 == 0 and lead[:half] == lead[half:]
            number = int(lead[:half] if doubled else lead)
        return date, number
    return None, None


def clean_head(text: str) -> tuple[str, str | None]:
    """A headline written once, without justification spaces, with a glued district split off."""
    text = squeeze_heading(text)
    once = undouble(text)
    glued = None
    if once is None:
        pair = undouble_prefix(text)
        if pair and gazetteer.canonical(pair[1].strip()):
            once, glued = pair[0], pair[1].strip()
    if once is not None:
        text = once
    if glued is None:
        name = gazetteer.trailing(text)
        # "…户户见干部綦江" ends with a glued label; "…捐赠给巫山" ends with its object.
        if name and len(text) - len(name) >= 5 and text[-len(name) - 1] not in _GOVERNS:
            glued = name
        if glued:
            text = text[: -len(glued)].rstrip()
    return text, gazetteer.canonical(glued) if glued else None


# Characters after which a district name is the sentence's object, not a glued label.
_GOVERNS = set("给在到赴进来去走游助援于至回驻访看为向对从自和与及、“《 ")


def _label(text: str) -> str | None:
    if len(text) > 24:
        return None  # district names are short, doubled ones too
    flat = re.sub(r"\s", "", text)
    once = undouble(flat, min_len=2) or flat
    return gazetteer.label_of(once)


# ---------------------------------------------------------------------------------------------
# Wrapped pages


@dataclass
class _Line:
    no: int
    raw: str
    width: int
    justified: bool = False  # spaces inside: the line was stretched to fill the column


_JUSTIFIED = re.compile(r"\S\s+\S")


def _blocks(lines: list[str]) -> list[list[_Line]]:
    blocks, cur = [], []
    for no, raw in enumerate(lines, 1):
        if raw.strip():
            text = raw.strip()
            justified = bool(_JUSTIFIED.search(text)) and not _has_gap(text)
            # A justified line's spaces are layout: measure its characters only.
            cur.append(_Line(no, raw.rstrip(), width(re.sub(r"\s+", "", text) if justified else text), justified))
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


def _measure(ln: _Line) -> int:
    """Width inside the column's measure: punctuation hanging past the end does not count."""
    return ln.width - 2 if ln.raw.rstrip()[-1:] in _HANGING else ln.width


def _page_column(blocks: list[list[_Line]]) -> int:
    widths = [_measure(ln) for b in blocks if len(b) >= 4 for ln in b[:-1] if ln.width <= 60]
    if len(widths) < 8:
        widths = [_measure(ln) for b in blocks for ln in b if ln.width <= 60]
    return max(_percentile(widths, 0.8), 6)


def _own_column(block: list[_Line]) -> int | None:
    """The column a block's own lines tell, when it has enough of them: every line but the
    last fills the column (a caption column is narrower than the body's)."""
    inner = [_measure(ln) for ln in block[:-1] if ln.width <= 80]
    return max(_percentile(inner, 0.8), 8) if len(inner) >= 4 else None


def _fits(block: list[_Line], col: int) -> int:
    """How many of a block's lines fit a column of that width."""
    return sum(_measure(ln) <= col + 2 for ln in block)


def _block_columns(blocks: list[list[_Line]], page_col: int) -> list[int]:
    """The column each block is set in: its own lines tell when it has enough of them, else the
    nearest blocks that can tell: the one before (the same column going on) unless the block's
    lines are too wide for it and fit the one after."""
    own = [_own_column(b) for b in blocks]
    cols = []
    for i, col in enumerate(own):
        if col is None:
            prev = next((own[j] for j in range(i - 1, -1, -1) if own[j] is not None), None)
            nxt = next((own[j] for j in range(i + 1, len(own)) if own[j] is not None), None)
            col = prev if prev is not None else nxt if nxt is not None else page_col
            if nxt is not None and _fits(blocks[i], nxt) > _fits(blocks[i], col):
                col = nxt
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


def _has_gap(text: str) -> bool:
    """A headline-style space between two CJK runs, outside quotes ("走村不漏户 户户见干部")."""
    t = text.strip()
    if t.startswith("本报讯"):
        return False
    tokens = t.split()
    if len(tokens) < 2 or len(tokens) > 4 or any(len(tok) == 1 for tok in tokens):
        return False
    for m in re.finditer(r"(?<=[\u4e00-\u9fff”》）])\s+(?=[\u4e00-\u9fff“《（])", t):
        if not _inside_pair(t[: m.start()]):
            return True
    return False


_HANGING = set("，。、；：？！”’）》")
_LATIN_ATOM = re.compile(r"[A-Za-z0-9][A-Za-z0-9.%&+\-]*")


def _effective(ln: "_Line", nxt: "_Line | None", col: int) -> int:
    """A line's width, or the column's when the word starting the next line would not have
    fitted in what is left: a Latin word or a number moves whole to the next line."""
    if nxt is not None:
        atom = _LATIN_ATOM.match(nxt.raw.strip())
        if atom and col - ln.width < width(atom.group(0)) + 1:
            return max(ln.width, col)
    return ln.width


def _glued_label(text: str) -> bool:
    """A line ending in a district name stuck to a headline ("…户户见干部綦江")."""
    if ends_sentence(text) or re.search("[，。、；：]", text):
        return False
    name = gazetteer.trailing(text)
    return bool(name) and len(text) - len(name) >= 5 and text[-len(name) - 1] not in _GOVERNS


def _split_block(block: list[_Line], col: int) -> list[list[_Line]]:
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
        short = _effective(ln, nxt, col) < col - 3 and not ln.justified
        nxt_width = _effective(nxt, block[i + 2] if i + 2 < len(block) else None, col)
        # A line wider than the column is a headline across columns, unless a sentence ends
        # inside it (a caption set wide).
        wide = any(
            x.width > col + 4 and not x.justified and len(x.raw.strip()) <= MAX_HEAD
            and not re.search("[。！？]", x.raw.strip()[:-1])
            for x in (ln, nxt)
        )
        cut = False
        if wide or _has_gap(text) or _has_gap(ntext) or _glued_label(text):
            cut = True
        elif (
            len(cur) == 1 and not short and not ends_sentence(text) and text[-1] not in _GOES_ON
            and nxt_width <= col - 4 and not nxt.justified and i + 2 < len(block)
            and not ends_sentence(ntext) and not _crosses_word(text, ntext)
        ):
            # A full line right above an indented first line: a headline as wide as the column.
            cut = True
        elif ends_sentence(text):
            # Ends a sentence: a paragraph ends here when the line stops short, or when the next
            # line is indented as a first line and does not itself end there.
            # A paragraph's first line is indented: it is short only against the indented measure.
            if len(cur) == 1:
                short = short and _effective(ln, nxt, col) < col - INDENT - 3
            cut = short or (nxt_width <= col - 4 and not ends_sentence(ntext))
        elif short:
            # A short line that ends no sentence is a headline, unless it is a paragraph's
            # indented first line with the column-filling lines of that paragraph after it.
            # Inside a paragraph a short line is a justified one with half-width digits: go on.
            # A first line as wide as the indented measure, with text punctuation inside,
            # above a line that ends the paragraph, is that paragraph's first line too.
            first_line = (ln.width >= col - 8 and nxt_width >= col - 4) or (
                ln.width >= col - 8 and _crosses_word(text, ntext)
            ) or (
                ln.width >= col - INDENT - 3 and _PUNCT.search(text) is not None
                and (ends_sentence(ntext) or ntext[-1] in "：；")
            )
            cut = len(cur) == 1 and not first_line
        if cut:
            units.append(cur)
            cur = []
    return units


def _wrapped_elements(lines: list[str], warnings: list[str]) -> list[Element]:
    blocks = _blocks(lines)
    page_col = _page_column(blocks)
    out: list[Element] = []
    for block, col in zip(blocks, _block_columns(blocks, page_col)):
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
                    kept.append(_Line(src.no, piece, width(piece)))
            block = kept
            break
        del tail
        units = _split_block(block, col) if block else []
        elements = [el for unit in units for el in _unit_elements(unit, col)]
        out.extend(_join_wrapped_heads(_section_heads(elements)))
        if credit:
            out.append(Element(CREDIT, credit[0], credit[1]))
    return out


def _join_wrapped_heads(elements: list[Element]) -> list[Element]:
    """A headline wrapped onto a second line is one headline ("独特路径：打造大学城创新" + "生态区"):
    joined when a word runs across the break or the second line is a mere tail."""
    out: list[Element] = []
    for el in elements:
        prev = out[-1] if out else None
        if (
            prev is not None and prev.kind == HEAD and el.kind == HEAD
            and el.line == prev.line + 1 and len(prev.text) > 4
            and not prev.district and not gazetteer.leading(el.text)
            and (len(el.text) <= 4 or _crosses_word(prev.text, el.text))
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


def _unit_elements(unit: list[_Line], col: int) -> list[Element]:
    first, last = unit[0], unit[-1]
    text = first.raw.strip() if len(unit) == 1 else join_lines([ln.raw for ln in unit])
    if len(unit) == 1:
        if is_furniture(text):
            return [Element(FURNITURE, squeeze_heading(text), first.no)]
        district = _label(text)
        if district:
            return [Element(LABEL, district, first.no, district=district)]
    complete = ends_sentence(text)
    one_line_head = (
        len(unit) == 1
        and not complete
        and len(text) <= MAX_HEAD  # a long line is text, whatever its layout
        and (first.width < col - 3 or first.width > col + 4 or _has_gap(text))
    )
    if one_line_head and not (col - 9 <= first.width < col - 3 and not _has_gap(text)):
        head, district = clean_head(text)
        return [Element(HEAD, head, first.no, district=district, first_width=first.width, column=col)]
    para = Element(
        PARA, squeeze_spaces(text), first.no,
        first_width=_effective(first, unit[1] if len(unit) > 1 else None, col),
        second_width=unit[1].width if len(unit) > 1 else 0,
        first_hangs=first.raw.rstrip()[-1:] in _HANGING, first_raw=first.width,
        first_len=len(squeeze_spaces(first.raw.strip())),
        last_width=last.width, nlines=len(unit), column=col,
        complete=complete, maybe_head=one_line_head,
    )
    return [para]


# ---------------------------------------------------------------------------------------------
# Markdown-like pages


def _markdown_elements(lines: list[str]) -> list[Element]:
    items: list[tuple[int, str]] = [(no, ln.strip()) for no, ln in enumerate(lines, 1) if ln.strip()]
    out: list[Element] = []
    for k, (no, text) in enumerate(items):
        m = _MD_HEAD.match(text)
        if m:
            head, district = clean_head(m.group(2))
            out.append(Element(HEAD, head, no, level=len(m.group(1)), district=district))
            continue
        if is_furniture(text):
            out.append(Element(FURNITURE, squeeze_heading(text), no))
            continue
        district = _label(text)
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
        next_is_head = bool(_MD_HEAD.match(nxt))
        near_head = next_is_head or bool(_MD_HEAD.match(prv)) or k == 0 or _label(prv) or _label(nxt)
        complete = ends_sentence(text)
        short = len(text) <= 40
        if short and near_head and (not complete or next_is_head):
            if not (nxt and not next_is_head and not complete and _crosses_word(text, nxt)):
                head, district = clean_head(text)
                out.append(Element(HEAD, head, no, district=district))
                continue
        out.append(Element(PARA, squeeze_spaces(text), no, complete=complete))
    return out


# ---------------------------------------------------------------------------------------------
# Joining paragraphs cut at column breaks


def _crossing(left: str, right: str) -> float:
    """How surely a word runs across the cut between left and right: 1 when segmenting the
    text around the cut puts a word across it ("区域经" + "营，" -> 经营), 0.5 when only the
    dictionary has a word made of the characters on both sides ("…科" + "技术…"), else 0."""
    from .wordcut import cut, has_word

    a, b = left.rstrip(), right.lstrip()
    if not a or not b:
        return 0.0
    pos = 0
    for token in cut(a[-3:] + b[:3]):
        end = pos + len(token)
        if pos < len(a[-3:]) < end and has_word(token):  # not an unknown-word guess
            return 1.0
        pos = end
    for i in range(1, min(3, len(a)) + 1):
        for j in range(1, min(3, len(b)) + 1):
            if has_word(a[-i:] + b[:j]):
                return 0.5
    return 0.0


def _crosses_word(left: str, right: str) -> bool:
    return _crossing(left, right) > 0


_GOES_ON = "，、；：“‘（《—-"
# A numbered clause opens its own paragraph: "1.", "（一）", "一是", "一、", "(1)".
CLAUSE = re.compile(r"^\s*(?:\d{1,2}\s*[.．、](?!\d)|[(（]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}[是、])")


_PUNCT = re.compile("[，。；：！？,;]")  # 、 and quotes are common in headlines


def _headline_like(el: Element) -> bool:
    """Two short lines without a single punctuation mark read as a headline, not a paragraph."""
    return (
        el.nlines <= 2 and el.column >= 20 and el.first_raw > el.column - 4
        and 10 <= len(el.text) <= 40 and not _PUNCT.search(el.text)
    )


def _join_score(out: list[Element], i: int, j: int, fmt: str, skipped_paras: int) -> float:
    """How likely paragraph out[j] is the rest of the cut paragraph out[i] (>= 0: join).

    For: open punctuation at the cut, a word running across it. Against: out[j] starts indented
    as a new paragraph does; out[i] is a lone line right after a credit, where a story's headline
    is often printed; whole paragraphs printed in between.
    """
    el, cand = out[i], out[j]
    lone = fmt == "wrapped" and el.nlines == 1
    score = 0.0
    if el.text and el.text[-1] in _GOES_ON:
        score += 2
    score += _crossing(el.text, cand.text)
    if el.text[-1:] in "：；" and CLAUSE.match(cand.text):
        score -= 4  # "…以下内容：" + "1. …": a list of clauses, each its own paragraph
    if re.match(r"^[^\W\d_][，、。；：]", cand.text):
        score += 1  # "展，…": one character that ends the cut word, then punctuation
    if fmt == "wrapped" and cand.indented and (cand.nlines >= 2 or not cand.complete):
        # Judged against the line under it, an indent is surer in a longer paragraph.
        score -= 1 if cand.nlines >= 3 else 0.5
    if lone:
        if "，" in el.text:
            score += 0.5  # a comma inside: more like a line of text than a headline
        prev = out[i - 1] if i > 0 else None
        if prev is not None and prev.kind == CREDIT:
            score -= 1.5
        elif prev is not None and prev.kind == HEAD and prev.line == el.line - 1 and "，" not in el.text:
            score -= 1  # right under a headline, no comma: a sub-headline more than a text line
    elif fmt == "wrapped" and _headline_like(el):
        score -= 1.5
    else:
        # A paragraph of several lines that stops mid-sentence was cut: that is the rule.
        score += 1
    skipped = sum(1 for e in out[i + 1 : j] if e.kind != PARA)
    if skipped:
        # Headlines printed between: a lone line is then more likely a headline itself.
        score -= 1 if lone else 0.5
    score -= (0.5 if fmt == "wrapped" else 0.25) * skipped_paras
    return score


def join_column_breaks(elements: list[Element], fmt: str, window: int = 6) -> list[Element]:  # noqa: C901 - to be split
    """Join each paragraph that stops mid-sentence with the paragraph that continues it.

    The continuation is looked for past headlines, labels and at most one paragraph printed in
    between (as a column break allows). A lone short line that nothing continues is a headline.
    """
    out = list(elements)
    i = 0
    while i < len(out):
        el = out[i]
        if el.kind == PARA and el.complete and _cut_at_sentence_end(out, i, fmt):
            cont = out.pop(i + 1)
            out[i] = _merged(el, cont)
            continue
        if el.kind != PARA or el.complete:
            i += 1
            continue
        lone = fmt == "wrapped" and el.nlines == 1
        best: tuple[float, int] | None = None
        paras_seen = 0
        for j in range(i + 1, min(len(out), i + 1 + window)):
            nxt = out[j]
            if nxt.kind == CREDIT:
                break
            if nxt.kind != PARA:
                continue
            score = _join_score(out, i, j, fmt, paras_seen)
            if score >= 0 and (best is None or score > best[0]):
                best = (score, j)
                if fmt == "wrapped":
                    # In print, a paragraph standing between is indented and scores below 0:
                    # the first that may continue the cut one does.
                    break
            paras_seen += 1
            # A lone line takes only the paragraph right after it; another cut paragraph in
            # between has the better claim on what follows it.
            if lone or not nxt.complete or paras_seen >= 2:
                break
        if best is None:
            if (lone or el.maybe_head) and len(el.text) <= MAX_HEAD:
                head, district = clean_head(el.text)
                out[i] = Element(HEAD, head, el.line, district=district, first_width=el.first_width, column=el.column)
            elif fmt == "wrapped" and _headline_like(el) and len(el.text) <= MAX_HEAD:
                # Two headline lines in one block: a headline and its sub-headline, each its own
                # (joined again later if a word runs across the break).
                cut = el.first_len if 0 < el.first_len < len(el.text) else len(el.text)
                heads = []
                for k, part in enumerate((el.text[:cut], el.text[cut:])):
                    if part:
                        head, district = clean_head(part)
                        heads.append(Element(HEAD, head, el.line + k, district=district, column=el.column))
                out[i : i + 1] = _join_wrapped_heads(heads)
            i += 1
            continue
        cont = out.pop(best[1])
        out[i] = _merged(el, cont)  # looked at again: the joined paragraph may still be cut
    return out


def _merged(el: Element, cont: Element) -> Element:
    return Element(
        PARA, join_lines([el.text, cont.text]), el.line,
        first_width=el.first_width, second_width=el.second_width or cont.first_width,
        first_hangs=el.first_hangs, last_width=cont.last_width, nlines=el.nlines + cont.nlines,
        column=el.column, complete=cont.complete,
    )


def _cut_at_sentence_end(out: list[Element], i: int, fmt: str) -> bool:
    """A column break right after a sentence that filled its line: the paragraph goes on when
    the next block starts with a full line, which no new (indented) paragraph does."""
    if fmt != "wrapped" or i + 1 >= len(out):
        return False
    el, cand = out[i], out[i + 1]
    if cand.kind != PARA:
        return False
    last = el.last_width
    atom = _LATIN_ATOM.match(cand.text)
    if atom and el.column - last < width(atom.group(0)) + 1:
        last = el.column  # the Latin word starting the next block did not fit: a full line
    col = max(el.column, cand.column)  # one column, estimated twice: take the surer (wider)
    return (
        last >= col - 2 and el.nlines >= 2
        and cand.first_width >= col - 1 and cand.first_raw >= col - 3
        and cand.nlines >= 2 and not cand.indented
    )


# ---------------------------------------------------------------------------------------------


def normalise(text: str) -> Page:
    lines = text.split("\n")
    fmt = detect_format(lines)
    warnings: list[str] = []
    if fmt == "markdown":
        elements = _markdown_elements(lines)
    else:
        elements = _wrapped_elements(lines, warnings)
    elements = _split_leads(elements)
    elements = join_column_breaks(elements, fmt)
    furniture = [e.text for e in elements if e.kind == FURNITURE]
    date, number = page_header(furniture)
    return Page(fmt, elements, date, number, furniture, warnings)


def _split_leads(elements: list[Element]) -> list[Element]:
    """"本报讯 （记者 张莎）12月6日，…": the credit becomes its own element before the text."""
    out = []
    for el in elements:
        if el.kind == PARA:
            jump = _JUMP.match(el.text)
            if jump:
                out.append(Element(FURNITURE, jump.group(0).strip(), el.line))
                el.text = el.text[jump.end():]
            lead = bylines.split_lead(el.text)
            if lead:
                out.append(Element(CREDIT, lead[0], el.line, level=-1))  # level -1: opens an article
                el.text = lead[1]
        if el.kind != PARA or el.text:
            out.append(el)
    return out
