"""Joining paragraphs cut at column breaks, even with other blocks printed between."""
from __future__ import annotations

import re

from .blocks import HANGING, LATIN_ATOM
from .classify import (
    ANY_PUNCT,
    CLAUSE,
    GOES_ON,
    INDENT,
    MEASURE_SLACK,
    LONE_MIN,
    SLACK,
    STOPS,
    TEXT_PUNCT,
    clean_head,
    headline_like,
    narrowing,
)
from .classify import JOIN_WEIGHTS as W
from .model import CREDIT, HEAD, MAX_HEAD, PARA, Element
from .textutil import NO_LINE_END, join_lines, width
from .wordcut import crossing
from .wrapped import join_wrapped_heads


def _join_score(out: list[Element], i: int, j: int, fmt: str, skipped_paras: int, indents: bool = True) -> float:
    """How likely paragraph out[j] is the rest of the cut paragraph out[i] (>= 0: join).

    For: open punctuation at the cut, a word running across it, out[j] starting full. Against:
    out[j] starts indented as a new paragraph does; out[i] is a lone line where headlines are
    printed; whole paragraphs or headlines printed in between.
    """
    el, cand = out[i], out[j]
    lone = fmt == "wrapped" and el.nlines == 1
    score = crossing(el.text, cand.text) + (W["open_end"] if el.text and el.text[-1] in GOES_ON else 0)
    if el.text[-1:] in "：；" and CLAUSE.match(cand.text):
        score += W["clause_after_colon"]  # "…以下内容：" + "1. …": a clause is a paragraph
    elif el.text[-1:] not in GOES_ON and _NUMBERED.match(cand.text):
        score += W["numbered_start"]  # "17.做好…" opens a paragraph of its own
    if _ENDS_CUT_WORD.match(cand.text):
        score += W["ends_cut_word"]  # "展，…": one character ends the cut word, then a mark
    if _OPENS_SPEECH.match(cand.text) and el.text[-1:] not in SPEECH_LEADS:
        score += W["opens_speech"]  # "“一头牛养一年能赚三四千元。”…": speech opens a paragraph
    if fmt == "wrapped" and indents:  # on a page set flush every paragraph starts full
        score += _start_evidence(cand)
    elif lone and el.column and el.first_width < el.column - SLACK:
        score += W["short_lone_flush"]
    if lone:
        score += _lone_evidence(out, i)
        if cand.nlines == 1 and not ANY_PUNCT.search(el.text + cand.text):
            score += W["two_bare_lines"]  # not one mark between two lone lines: headlines
    elif fmt == "wrapped" and headline_like(el):
        score += W["headline_like"]
    elif fmt == "wrapped" and _stops_short(el, cand):
        score += W["stops_short"]  # a paragraph cut by a column break fills its last line
    else:
        # A paragraph of several lines that stops mid-sentence was cut: that is the rule.
        score += W["cut"]
    if any(e.kind != PARA for e in out[i + 1 : j]):
        # Headlines printed between: a lone line is then more likely a headline itself.
        score += W["heads_between_lone"] if lone else W["heads_between"]
    return score + (W["para_between"] if fmt == "wrapped" else W["para_between_md"]) * skipped_paras


_ENDS_CUT_WORD = re.compile(r"^[^\W\d_][，、。；：]")
_NUMBERED = re.compile(r"^\s*\d{1,2}\s*[.．](?!\d)")
SPEECH_LEADS = "：:，,"  # what may lead into quoted speech: "他说：" + "“…。”"
_OPENS_SPEECH = re.compile("^“[^”]{1,80}?[。！？]”")


def _start_evidence(cand: Element) -> float:
    """What the first line of a candidate continuation says: a full line goes on from
    somewhere (+1); an indented one starts a paragraph, surer in a longer paragraph and surest
    when no narrow character (digit, Latin, quote) could have shortened the line."""
    hang = 2 if cand.first_hangs else 0  # a closing mark may hang past the measure
    # The column estimated twice (the blocks around, the block's own middle lines): the wider.
    col = max(cand.column, cand.measured)
    if cand.nlines >= 2 and cand.first_width - hang >= col - SLACK:
        return W["starts_full"]
    # A first line filling the indented measure with a comma hanging past it is indented too:
    # judged against the narrower column estimate, and only where the block's own lines tell
    # one (a column taken too wide, or a caption's borrowed, would make a full line look so).
    # Not after a full stop, nor before a line opening with a quote: the line may then be a
    # whole one cut short by the quote it could not end on.
    narrow = min(cand.column, cand.measured)
    k = cand.first_len
    comma = bool(hang) and cand.text[k - 1 : k] in "，、；：" and cand.text[k : k + 1] not in NO_LINE_END
    indented = cand.indented or comma and cand.first_width - hang <= narrow - INDENT + MEASURE_SLACK
    if indented and (cand.nlines >= 2 or not cand.complete):
        if cand.nlines < 3:
            return W["indented_short"]
        return W["indented_sure"] if not narrowing(cand.text[: cand.first_len]) else W["indented"]
    return 0.0


def _lone_evidence(out: list[Element], i: int) -> float:
    """A lone line: with a comma more like text; right after a credit or right under a
    headline, without text punctuation, more like a headline itself."""
    el = out[i]
    prev = out[i - 1] if i > 0 else None
    score = W["lone_comma"] if "，" in el.text else 0.0
    if prev is not None and prev.kind == CREDIT and not TEXT_PUNCT.search(el.text):
        score += W["lone_after_credit"]
    elif prev is not None and prev.kind == HEAD and prev.line == el.line - 1 and ("，" not in el.text or _over_column(el)):
        score += W["lone_under_head"]
    return score


def join_column_breaks(elements: list[Element], fmt: str, window: int = 6, indents: bool = True) -> list[Element]:
    """Join each paragraph that stops mid-sentence with the paragraph that continues it.

    The continuation is looked for past headlines, labels and at most one paragraph printed in
    between (as a column break allows). A lone short line that nothing continues is a headline.
    indents: the page indents a paragraph's first line (normalise.py); on a page set flush a
    block's full first line is no sign that it goes on from another.
    """
    out = list(elements)
    i = 0
    while i < len(out):
        el = out[i]
        if el.kind == PARA and el.complete and indents and _cut_at_sentence_end(out, i, fmt):
            out[i] = _merged(el, out.pop(i + 1))
            continue
        if el.kind != PARA or el.complete:
            i += 1
            continue
        j = _continuation(out, i, fmt, window, indents)
        if j is None:
            out[i : i + 1] = _unjoined(el, fmt)
            i += 1
            continue
        out[i] = _merged(el, out.pop(j))  # looked at again: the joined paragraph may still be cut
    # A cut paragraph found to be a headline may be the first line of one wrapped in its column.
    return join_wrapped_heads(out) if fmt == "wrapped" else out


def _continuation(out: list[Element], i: int, fmt: str, window: int, indents: bool) -> int | None:
    """Index of the paragraph that continues the cut paragraph out[i], if any."""
    lone = fmt == "wrapped" and out[i].nlines == 1
    best: tuple[float, int] | None = None
    paras_seen = 0
    for j in range(i + 1, min(len(out), i + 1 + window)):
        nxt = out[j]
        if nxt.kind == CREDIT:
            break
        if nxt.kind != PARA:
            continue
        score = _join_score(out, i, j, fmt, paras_seen, indents)
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
    return best[1] if best else None


def _stops_short(el: Element, cand: Element | None = None) -> bool:
    """Its last line stops short of the column without open punctuation: not cut by a column
    break (a Latin word starting the next block that would not have fitted aside)."""
    if not el.column or el.text[-1:] in GOES_ON:
        return False
    last = el.last_width
    atom = LATIN_ATOM.match(cand.text) if cand is not None else None
    if atom and el.column - last < width(atom.group(0)) + 1:
        return False
    # Short against the column and against the paragraph's own full lines (the column of a
    # block too short to measure is borrowed, and may be too wide).
    return last < el.column - SLACK and last < max(el.first_width, el.second_width) - SLACK


def _unjoined(el: Element, fmt: str) -> list[Element]:
    """A cut paragraph that nothing continues: a headline when its line may be one (the
    classifier's MAYBE_MIN), two headline lines when it reads as such, else the text it is."""
    if len(el.text) > MAX_HEAD:
        return [el]
    if el.maybe_head or fmt == "wrapped" and el.nlines == 1 and el.head_score >= LONE_MIN:
        head, district = clean_head(el.text)
        return [Element(HEAD, head, el.line, district=district, first_width=el.first_width, column=el.column)]
    if fmt == "wrapped" and 2 <= el.nlines <= 3 and len(el.text) <= 40 and _stops_short(el) and not STOPS.search(el.text):
        # A heading wrapped in its column: no paragraph ends without a mark, short of the column.
        head, district = clean_head(el.text)
        return [Element(HEAD, head, el.line, district=district, first_width=el.first_width, column=el.column)]
    if fmt == "wrapped" and headline_like(el):
        # Two headline lines in one block: a headline and its sub-headline, each its own
        # (joined again later if a word runs across the break).
        cut = el.first_len if 0 < el.first_len < len(el.text) else len(el.text)
        heads = []
        for k, part in enumerate((el.text[:cut], el.text[cut:])):
            if part:
                head, district = clean_head(part)
                heads.append(Element(HEAD, head, el.line + k, district=district, column=el.column))
        return join_wrapped_heads(heads)
    return [el]


def _merged(el: Element, cont: Element) -> Element:
    return Element(
        PARA, join_lines([el.text, cont.text]), el.line,
        first_width=el.first_width, second_width=el.second_width or cont.first_width,
        first_hangs=el.first_hangs, last_width=cont.last_width, nlines=el.nlines + cont.nlines,
        column=el.column, complete=cont.complete, measured=el.measured, end_measured=cont.end_measured,
    )


def _cut_at_sentence_end(out: list[Element], i: int, fmt: str) -> bool:
    """A column break right after a sentence that filled its line: the paragraph goes on when
    the next block starts with a full line, which no new (indented) paragraph does."""
    if fmt != "wrapped" or i + 1 >= len(out):
        return False
    el, cand = out[i], out[i + 1]
    if cand.kind != PARA or _heading_like_start(cand):
        return False
    last = el.last_width
    atom = LATIN_ATOM.match(cand.text)
    if atom and el.column - last < width(atom.group(0)) + 1:
        last = el.column  # the Latin word starting the next block did not fit: a full line
    col = max(el.column, cand.column)  # one column, estimated twice: take the surer (wider)
    # A paragraph's only line fills the indented measure (its mark may hang past it).
    full = col - 2 if el.nlines >= 2 else col - INDENT - 2
    # The next block's first line is full against the column its own middle lines fill, where
    # they tell one: squeezed punctuation widens a line, so the wider estimate may be a cell or
    # two too wide for a line with no mark in it.
    # (A mark hanging past the measure does not count against that estimate: an indented
    # first line with a comma hanging is as wide as a full one without.)
    ref = min(col, cand.measured) if cand.measured else col
    first = cand.first_width - (2 if cand.first_hangs and ref < col else 0)
    return (
        last >= full
        and first >= ref - 1 and cand.first_raw >= ref - 3
        and cand.nlines >= 2 and not cand.indented
    )


def _heading_like_start(cand: Element) -> bool:
    """What follows a sentence end opens a unit of its own: a numbered heading ("九、", "24.",
    "（一）"; "一是" runs on in text), or a piece that stops short mid-sentence, as a
    sub-heading wrapped in its column does and no text paragraph (a note in brackets,
    "（本报资料图片）", is the text's)."""
    m = CLAUSE.match(cand.text)
    if m and not m.group(0).rstrip().endswith("是"):
        return True
    return not cand.complete and cand.text[-1:] not in "）)" and _stops_short(cand)


def _over_column(el: Element) -> bool:
    """A line wider than its column with no mark hanging past it: not a line of text set in
    the column (a sub-headline under its headline may hold a comma)."""
    return el.column > 0 and el.first_raw > el.column and el.text[-1:] not in HANGING
