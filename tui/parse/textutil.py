"""Character-level helpers shared by the loader stages: widths, spaces, punctuation, doubling."""
from __future__ import annotations

import re
import unicodedata

from ..cjk import CLOSERS, FINAL, NO_LINE_END, NO_LINE_START, char_width, is_cjk  # noqa: F401

_SPACES = re.compile(r"[ \t\u3000\u00a0]+")

_NARROW_QUOTES = "“”‘’"
# Per character: (cells, a full-width punctuation mark, compressed after another mark).
_INFO: dict[str, tuple[int, bool, bool]] = {}


def _char_info(ch: str) -> tuple[int, bool, bool]:
    if ch in _NARROW_QUOTES:
        return 1, True, False
    w = char_width(ch)
    punct = w == 2 and not is_cjk(ch) and unicodedata.category(ch).startswith("P")
    # "……" and "——" are one mark two ems wide: never compressed.
    return w, punct, punct and ch not in "…—"


def width(text: str) -> int:
    """Width of a printed line in cells, as the paper set it: quotes are narrow, and a full-width
    punctuation mark right after another one is compressed to half ("”，" takes 1.5 em)."""
    total, prev_punct = 0, False
    info = _INFO
    for ch in text:
        i = info.get(ch)
        if i is None:
            i = info[ch] = _char_info(ch)
        w, punct, compressible = i
        total += 1 if compressible and prev_punct else w
        prev_punct = punct
    return total



def ends_sentence(text: str) -> bool:
    """True when text ends a sentence: 。！？… possibly followed by closing quotes/brackets."""
    last = text[-1:]
    if not last:
        return False
    if last in FINAL:
        return True
    if last not in CLOSERS and not last.isspace():
        return False  # most lines: settled by their last character alone
    t = "".join(text.split()).rstrip(CLOSERS)  # justification spaces do not count
    return t[-1:] in FINAL and bool(t)


def squeeze_spaces(text: str) -> str:
    """Drop spaces that come from justification or digit spacing; keep one between Latin words,
    and one between two phrases inside quotes or book-title marks.

    A space survives between two ASCII letters/digits/symbols ("Micro LED", "5 G" stays "5 G"),
    and between two runs of two or more CJK characters inside a quoted slogan or title, as the
    page prints it ("“为民调解行善事 排忧解难积功德”", "《艺扬大爱 助力脱贫》"); justification
    spreads spaces between single characters ("建 成 通 车"). Elsewhere beside CJK it is layout.
    """
    parts = _SPACES.split(text.strip())
    if len(parts) == 1:
        return parts[0]
    out = parts[0]
    for part in parts[1:]:
        if not part:
            continue
        if out and out[-1].isascii() and part[0].isascii() and out[-1].isalnum() and part[0].isalnum():
            out += " " + part
        elif _phrase_space(out, part):
            out += " " + part
        else:
            out += part
    return out


_PAIRS = ("“”", "《》", "「」", "‘’")


def _phrase_space(before: str, after: str) -> bool:
    """A space between two phrases of a slogan or title: two CJK characters or more on each side,
    inside a quote or book-title mark opened before it and not closed."""
    if len(before) < 2 or len(after) < 2 or not all(map(is_cjk, before[-2:] + after[:2])):
        return False
    return any(before.count(o) > before.count(c) for o, c in _PAIRS)


def squeeze_heading(text: str) -> str:
    """Clean a headline: keep a real space between two CJK halves, drop justification spaces.

    "走村不漏户 户户见干部" keeps its space; "建 成 通 车" (every piece one character) loses them.
    """
    tokens = [t for t in _SPACES.split(text.strip()) if t]
    if len(tokens) <= 1:
        return tokens[0] if tokens else ""
    singles = sum(len(t) == 1 for t in tokens)
    if singles * 2 > len(tokens):
        return squeeze_spaces(text)
    out = tokens[0]
    for tok in tokens[1:]:
        a, b = out[-1], tok[0]
        if (a.isascii() and a.isalnum() and b.isascii() and b.isalnum()) or (
            (is_cjk(a) or a in CLOSERS) and (is_cjk(b) or b in "“‘《（")
        ):
            out += " " + tok
        else:
            out += tok
    return out


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines of one paragraph: no separator, except Latin words and hyphenation."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
            continue
        if len(out) >= 2 and out[-1] == "-" and out[-2].isascii() and out[-2].isalpha() and line[0].isascii() and line[0].isalpha():
            out = out[:-1] + line  # "Mi-" / "cro" -> "Micro"
        elif out[-1].isascii() and out[-1].isalpha() and line[0].isascii() and line[0].isalpha():
            out += " " + line
        else:
            out += line
    return out


def undouble(text: str, min_len: int = 4) -> str | None:
    """Write once what bold rendering printed twice, or return None when text is not doubled.

    "潼南潼南" -> "潼南"; "更多老旧小区更多老旧小区““喜提喜提””" -> "更多老旧小区“喜提”";
    "南川南川 喜看梯田千重浪喜看梯田千重浪" -> "南川 喜看梯田千重浪". Spaces may stand between
    doubled pieces. A text whose doubled pieces cover less than min_len characters is left alone
    ("谢谢" is a word, not a rendering fault).
    """
    s = text.strip()
    n = len(s)
    if n < min_len or n > 120:
        return None  # headlines are short; the search below is quadratic
    if any(s.count(c) % 2 for c in set(s) if c != " "):
        return None  # doubled pieces hold every character an even number of times
    # best[i]: (doubled chars covered, pieces) for the suffix s[i:], or None if it cannot be parsed.
    best: list[tuple[int, list[str]] | None] = [None] * (n + 1)
    best[n] = (0, [])
    for i in range(n - 1, -1, -1):
        options = []
        if s[i] == " ":
            nxt = best[i + 1]
            if nxt is not None:
                options.append((nxt[0], [" "] + nxt[1]))
        for length in range(1, (n - i) // 2 + 1):
            if s[i : i + length] == s[i + length : i + 2 * length] and " " not in s[i : i + length]:
                nxt = best[i + 2 * length]
                if nxt is not None:
                    options.append((nxt[0] + length, [s[i : i + length]] + nxt[1]))
        if options:
            # Prefer longer pieces: fewer pieces for the same coverage.
            best[i] = max(options, key=lambda o: (o[0], -len(o[1])))
    result = best[0]
    if result is None:
        return None
    covered, pieces = result
    if covered * 2 < min_len or max((len(p) for p in pieces if p != " "), default=0) < 2 and covered < 3:
        return None
    return "".join(pieces)


def undouble_prefix(text: str, min_len: int = 4) -> tuple[str, str] | None:
    """Undouble the longest doubled prefix, leaving an undoubled tail ("…支撑…支撑江津" + "江津")."""
    s = text.strip()
    if len(s) > 120:
        return None
    for cut in range(len(s) - 1, max(min_len - 1, len(s) - 7), -1):
        once = undouble(s[:cut], min_len)
        if once is not None and len(s) - cut <= 6:
            return once, s[cut:]
    return None
