"""What a line or block is: the one place that decides headline or text, where a paragraph
ends inside a block, district labels and glued labels.

Every threshold and weight of these decisions is in the table below. Widths are in cells
(a CJK character is 2) and compared with the column the block is set in (blocks.py).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import gazetteer
from .blocks import Line, effective, has_gap
from .bylines import LEAD_OPENER
from .model import MAX_HEAD, Element
from .textutil import ends_sentence, squeeze_heading, undouble, undouble_prefix

BOX = re.compile(r"^[■□●◆▲◎]+\s*")
_CLAUSE_MARKS = re.compile("[，。、；：,]")
STOPS = re.compile("[。！；]")  # a question inside is common in section headings
_ENDS = re.compile("[。！？]")

# ---- The table ---------------------------------------------------------------------------
INDENT = 4  # a paragraph's first line starts two full-width characters in
MEASURE_SLACK = 1  # a block's middle lines may measure its column a cell narrow (half-width digits)
SLACK = 3  # a full line may stop this short of the column (half-width digits, compressed marks)
NARROW = 2  # narrow quotes and half-width digits may leave a first line this much shorter still
WIDE = 4  # a line this much wider than its column spans columns: a headline
STUB = 0.5  # a line after a unit's first stopping short of this share of the column ends the unit
QUOTE_ALONE = 10  # characters: a quoted phrase alone under a headline line is that headline's end
# A lone line's headline score: the sum of the weights of the features it shows.
HEAD_WEIGHTS = {
    "ends_sentence": -4.0,  # 。！？ at the end: text (headlines carry no full stop)
    "ends_open": -3.0,  # ，、；： or an opening quote at the end: the text goes on
    "stop_inside": -2.0,  # a sentence ends inside the line
    "comma_inside": -1.0,  # a comma inside: more often text than headline
    "no_punct": 1.0,  # not one mark: headline-like
    "gap": 3.5,  # a space between two CJK halves ("走村不漏户 户户见干部")
    "question": 6.0,  # a short question and nothing else ("钱从哪里来？"): a sub-heading
    "marker": 3.0,  # a box marker before it (■ ◆ □ ●): a sub-heading
    "glued_label": 2.5,  # a district name stuck to its end
    "short": 1.5,  # shorter than a paragraph's indented first line
    "wide": 2.0,  # wider than the column: set across columns
    "first_line": -0.5,  # as wide as an indented first line: maybe a cut paragraph's start
    "full": -1.0,  # as wide as the column
}
HEAD_MIN = 1.0  # a lone line scoring this is a headline
MAYBE_MIN = 0.0  # ... this, a headline unless a paragraph elsewhere continues it (joining.py)
LONE_MIN = -2.0  # ... this, when no paragraph continues it: a line that ends open stays text
MARKERS = "■◆□●▲◎"
# Whether a paragraph that stops mid-sentence goes on in a later one (joining.py): the sum of
# these weights, >= 0 joins.
JOIN_WEIGHTS = {
    "open_end": 2.0,  # it ends in ，、；： or an opening quote
    "clause_after_colon": -6.0,  # "…以下内容：" then "1." / "（一）" / "一是": each its own paragraph
    "numbered_start": -2.0,  # the next opens with a number ("17.做好…") after a closed end
    "ends_cut_word": 1.0,
    "opens_speech": -1.0,  # the next opens with a quoted sentence: speech starts a paragraph  # the next starts with one character and a mark ("展，…")
    "starts_full": 1.0,  # the next starts with a full line, as no paragraph's first line does
    "indented_short": -0.5,  # the next starts indented (two lines: less sure)
    "indented": -1.0,  # ... (three lines or more)
    "indented_sure": -3.0,  # ... and no narrow character could have shortened its first line
    "short_lone_flush": -3.0,  # on a page set flush a cut paragraph's lone line is full: a heading
    "lone_comma": 0.5,  # a lone line with a comma: text more than headline
    "lone_after_credit": -1.5,  # a lone line without text marks right after a credit: a headline
    "lone_under_head": -1.0,  # ... right under a headline: a sub-headline
    "two_bare_lines": -2.0,  # two lone lines without one mark between them: headlines
    "headline_like": -1.5,  # two short lines without a mark (classify.headline_like)
    "stops_short": -3.0,  # its last line stops short: it ended, no column break cut it
    "cut": 1.0,  # a paragraph of several lines that stops mid-sentence was cut
    "heads_between_lone": -1.0,  # headlines printed between, after a lone line
    "heads_between": -0.5,  # ... after a longer paragraph
    "para_between": -0.5,  # each paragraph printed between (wrapped pages)
    "para_between_md": -0.25,  # ... (Markdown pages)
}
# Stories run together (segment.py): an in-body heading whose words the text under it holds
# this much more than the text above may head a story of its own.
OWN_HEADING = 0.2
# A lone headline after a story opened by its dateline credit, with no headline above it, is
# that story's when it shares this share of its character pairs with it.
TRAILING_AFTER_LEAD = 0.5
# A text this long (characters) that names a district once, and prints none, is the city's.
PASSING_CHARS = 1500
# ... as is one of any length that names no district more than once (a full name "九龙坡区"
# weighs 2) and the city ("全市", "我市", …) at least this many times.
CITY_MENTIONS = 2
# Pages set flush, with no indent on a paragraph's first line: of the lines that surely open a
# paragraph (after a line ending a sentence this many cells short of the column), at most this
# share indented, out of at least this many, and a line's indent tells nothing on the page.
SURE_SHORT = 6
FLUSH_SHARE = 0.34
FLUSH_MIN = 4
FLUSH_SAMPLE = 24  # ... and this many are enough to tell
# -------------------------------------------------------------------------------------------


# Characters after which a district name is the sentence's object, not a glued label.
GOVERNS = set("给在到赴进来去走游助援于至回驻访看为向对从自和与及、“《 ")


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
        if name and len(text) - len(name) >= 5 and text[-len(name) - 1] not in GOVERNS:
            glued = name
        if glued:
            text = text[: -len(glued)].rstrip()
    return text, gazetteer.canonical(glued) if glued else None


def label_of(text: str) -> str | None:
    if len(text) > 24:
        return None  # district names are short, doubled ones too
    flat = re.sub(r"\s", "", text)
    once = undouble(flat, min_len=2) or flat
    return gazetteer.label_of(once)


@lru_cache(maxsize=8192)
def glued_label(text: str) -> bool:
    """A line ending in a district name stuck to a headline ("…户户见干部綦江")."""
    if ends_sentence(text) or _CLAUSE_MARKS.search(text):
        return False
    name = gazetteer.trailing(text)
    return bool(name) and len(text) - len(name) >= 5 and text[-len(name) - 1] not in GOVERNS


GOES_ON = "，、；：“‘（《—-"


# A numbered clause opens its own paragraph: "1.", "（一）", "一是", "一、", "(1)".
CLAUSE = re.compile(r"^\s*(?:\d{1,2}\s*[.．、](?!\d)|[(（]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}(?:是|、(?![一二三四五六七八九十])))")


TEXT_PUNCT = re.compile("[，。；：！？,;]")  # 、 and quotes are common in headlines


ANY_PUNCT = re.compile("[，。；：！？,;、]")


def headline_like(el: Element) -> bool:
    """Two short lines without a single punctuation mark read as a headline, not a paragraph."""
    return (
        el.nlines <= 2 and el.column >= 20 and el.first_raw > el.column - 4
        and 10 <= len(el.text) <= 40 and not TEXT_PUNCT.search(el.text)
    )



_NARROW_CHARS = re.compile("[\x21-\x7e“”‘’]")


def narrowing(text: str) -> int:
    """Cells a line may fall short of its measure for its narrow characters (half-width
    digits and letters, narrow quotes): none for a line of CJK characters alone."""
    return min(NARROW, len(_NARROW_CHARS.findall(text)))


def head_features(text: str, line_width: int, col: int) -> set[str]:
    """The features of HEAD_WEIGHTS a lone line of that printed width shows."""
    t = text.strip()
    f = _punct_features(t)
    if has_gap(t):
        f.add("gap")
    if t[:1] in MARKERS:
        f.add("marker")
    if glued_label(t):
        f.add("glued_label")
    first_line_min = col - INDENT - SLACK - NARROW
    if t[-1:] in "？?" and not _CLAUSE_MARKS.search(t) and line_width < first_line_min:
        f.add("question")
    if line_width > col + WIDE:
        f.add("wide")
    elif line_width >= col - SLACK:
        f.add("full")
    elif line_width >= first_line_min:
        f.add("first_line")
    else:
        f.add("short")
    return f


def _punct_features(t: str) -> set[str]:
    f = set()
    if ends_sentence(t):
        f.add("ends_sentence")
    elif t[-1:] in GOES_ON:
        f.add("ends_open")
    if STOPS.search(t, 0, len(t) - 1):
        f.add("stop_inside")
    if "，" in t[:-1]:
        f.add("comma_inside")
    if not ANY_PUNCT.search(t):
        f.add("no_punct")
    return f


def head_score(text: str, line_width: int, col: int) -> float:
    """How much a lone line reads as a headline (>= HEAD_MIN) rather than text (< MAYBE_MIN)."""
    if len(text.strip()) > MAX_HEAD or text.lstrip().startswith(LEAD_OPENER):
        return -10.0  # a long line is text, whatever its layout; so is a story's dateline
    return sum(HEAD_WEIGHTS[f] for f in head_features(text, line_width, col))


def _wide(ln: Line, col: int) -> bool:
    """Set across columns: wider than the column, no sentence ending inside (a wide caption)."""
    t = ln.text
    return ln.width > col + WIDE and not ln.justified and len(t) <= MAX_HEAD and not _ENDS.search(t, 0, len(t) - 1)


def _headline_over_first_line(block: list[Line], i: int, col: int) -> bool:
    """A full line, the first of its unit, right above an indented first line: a headline as
    wide as the column (a paragraph's own first line would be indented)."""
    from .wordcut import crosses_word

    ln, nxt = block[i], block[i + 1]
    text, ntext = ln.text, nxt.text
    # A closing mark hanging past the indented measure does not make the next line wider.
    nxt_width = effective(nxt, block[i + 2] if i + 2 < len(block) else None, col) - (nxt.width - nxt.measured)
    return (
        effective(ln, nxt, col) >= col - SLACK and not ends_sentence(text) and text[-1] not in GOES_ON
        and nxt_width <= col - INDENT and not (nxt.justified and not _digit_spaced(ntext)) and i + 2 < len(block)
        and not ends_sentence(ntext) and not crosses_word(text, ntext)
    )


_STRETCH = re.compile(r"[^\x21-\x7e]\s+[^\x21-\x7e]")


def _digit_spaced(text: str) -> bool:
    """Spaces only beside half-width digits or letters ("6 月14日"): set around a number, not
    stretched across the line, so its width still tells an indent."""
    return _STRETCH.search(text) is None


def _first_line_goes_on(block: list[Line], i: int, col: int) -> bool:
    """Whether a short-looking first line of a unit is a paragraph's indented first line: as
    wide as the indented measure (give or take narrow quotes) and a word running on into the
    next line or text punctuation in it; or as wide, with the paragraph's next line full."""
    from .wordcut import crosses_word

    ln, nxt = block[i], block[i + 1]
    text, ntext = ln.text, nxt.text
    if ln.width < col - INDENT - SLACK - NARROW:
        return False
    if TEXT_PUNCT.search(text) is not None or crosses_word(text, ntext):
        return True
    nxt_width = effective(nxt, block[i + 2] if i + 2 < len(block) else None, col)
    if ln.width < col - INDENT - SLACK:
        return False
    # The next line is full, or is the block's last and ends the paragraph ("以下内容：").
    return nxt_width > col - INDENT or i + 2 == len(block) and (ends_sentence(ntext) or ntext[-1] in "：；")


def indents_paragraphs(blocks: list[list[Line]], cols: list[int]) -> bool:
    """Whether the page indents a paragraph's first line, as most pages do; a page set flush
    (every line full) tells a new paragraph by its last line stopping short alone. Judged by
    the lines that surely open a paragraph, each against the line under it (a column taken too
    wide would make a full line look indented)."""
    starts: list[bool] = []
    after_end = False
    for block, col in zip(blocks, cols):
        for i, ln in enumerate(block):
            opens = after_end if i == 0 else _surely_ends(block[i - 1], col)
            if opens and i + 1 < len(block) and not ln.justified and not ends_sentence(ln.text):
                starts.append(ln.width <= min(col, block[i + 1].width + 1) - 3)
        if len(starts) >= FLUSH_SAMPLE:
            break
        after_end = _surely_ends(block[-1], col)
    return len(starts) < FLUSH_MIN or sum(starts) > FLUSH_SHARE * len(starts)


def _surely_ends(ln: Line, col: int) -> bool:
    return ln.width < col - SURE_SHORT and ends_sentence(ln.text)


def unit_ends(block: list[Line], i: int, unit_len: int, col: int, indents: bool = True) -> bool:
    """Whether the unit (paragraph or headline line) that line i closes ends there: unit_len
    lines of it so far, line i included. On a page that indents no paragraph (indents False),
    a line's indent tells nothing."""
    ln, nxt = block[i], block[i + 1]
    text, ntext = ln.text, nxt.text
    if ln.width > col + WIDE and _wide(ln, col) or nxt.width > col + WIDE and _wide(nxt, col):
        return True
    # A space is rare in a line of text; a glued label ends a line without a mark.
    # (A district's name running on into "区"/"县" on the next line is text: "北起大渡口" + "区…".)
    if (" " in text and has_gap(text)) or (" " in ntext and has_gap(ntext)) or (
            glued_label(text) and not ntext.startswith(gazetteer.SUFFIXES)):
        return True
    if ntext[:1] in MARKERS or CLAUSE.match(ntext) or ntext.startswith(LEAD_OPENER):
        # A marked sub-heading, a numbered clause or a story's dateline opens a unit of its own.
        return True
    if indents and unit_len == 1 and _headline_over_first_line(block, i, col):
        return True
    width_here = effective(ln, nxt, col)
    short = width_here < col - SLACK and not ln.justified
    nxt_width = effective(nxt, block[i + 2] if i + 2 < len(block) else None, col)
    if ends_sentence(text):
        # A paragraph ends here when the line stops short (a first line: short of the indented
        # measure), or when the next line is indented as a first line and ends no sentence.
        if unit_len == 1:
            short = short and width_here < col - INDENT - SLACK
        return short or (indents and nxt_width <= col - INDENT and not ends_sentence(ntext))
    if short:
        # A short line that ends no sentence is a headline, unless it is a paragraph's indented
        # first line; inside a paragraph it is a justified one with half-width digits: go on.
        # No inner line is shorter than half the column: that one ends a heading wrapped in
        # its column. Nor does a unit opened by a box marker go on: that is a sub-heading, and
        # its short line after the first ends it (a short first line may be cut by characters).
        if unit_len > 1 and (width_here < col * STUB or block[i - unit_len + 1].text[:1] in MARKERS):
            return True
        if unit_len == 1 and text[:1] in MARKERS and (not indents or nxt_width <= col - INDENT):
            return True  # a marked sub-heading over a paragraph's (indented) first line
        return unit_len == 1 and not _first_line_goes_on(block, i, col)
    return False


_MARKER_SEP = " ：:“《「"


def district_marker(text: str) -> str | None:
    """The district a headline is marked with: its name leading it, then a space, a colon or
    a quote ("铜梁 招商引资…", "璧山：小城…", "綦江“坝坝直播间”…"). A sub-heading merely
    starting with a name ("璧山经验：创新引领发展") is not so marked."""
    t = BOX.sub("", text.strip())
    d = gazetteer.leading(t)
    if not d:
        return None
    forms = [d, *(d + s for s in gazetteer.SUFFIXES), *(a for a, c in gazetteer.ALIASES.items() if c == d)]
    name = max((f for f in forms if t.startswith(f)), key=len, default=d)
    return d if t[len(name):][:1] in _MARKER_SEP else None


COLUMN_CHANGE = 1.3  # two columns this many times apart are two stories' (a caption's and a body's)


def new_story_layout(heads: list[Element], before: Element | None, after: Element | None) -> bool:
    """Whether headings between two paragraphs start another story by their layout: a heading
    wider than the column spans columns, as a story's headline does (a sub-heading sits in
    its column), or the column the text is set in changes across them."""
    if any(h.first_width > h.column + WIDE for h in heads if h.column):
        return True
    if before is None or after is None or not before.column or not after.column:
        return False
    wide, narrow = max(before.column, after.column), min(before.column, after.column)
    return wide >= narrow * COLUMN_CHANGE
