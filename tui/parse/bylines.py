"""Recognise credit lines: "璧山区融媒体中心 谢捷", "通讯员 侯兰", "本报讯 （记者 张莎）", "…摄"."""
from __future__ import annotations

import re

from .textutil import CLOSERS, FINAL, squeeze_heading

_CJK = "\u4e00-\u9fff"
# Who a credit names before the people: a media centre, the paper's own staff, a correspondent.
ROLE = (
    rf"(?:本报(?:首席)?(?:记者|通讯员|见习记者|特约记者)"
    rf"|[{_CJK}]{{2,8}}?融媒体中心"
    rf"|特约(?:摄影|记者|通讯员)|首席记者|见习记者|实习生|通讯员|记者|摄影|图/文|文/图)"
)
# On text with all white space removed: role, names (2-12 characters each run), more roles,
# then an optional photo mark and agency ("摄/视觉重庆").
_CREDIT = re.compile(
    rf"[□■]?(?:{ROLE}[{_CJK}·]{{2,16}}?)+(?:摄影?|供图|报道)?(?:/[^\s/]{{2,12}})?"
)
_ROLE_AT = re.compile(ROLE)
LEAD_OPENER = "本报讯"  # the dateline that opens a story's first paragraph
_LEAD = re.compile(r"^本报讯\s*[（(]\s*((?:记者|通讯员|见习记者|实习生)?[^）)]{1,30}?)\s*[）)]\s*")
MAX_CREDIT = 48
_SPACE = re.compile(r"\s+")
# Every credit holds one of these (also when justified: "记 者", "通 讯 员").
_HINT = re.compile(r"融\s*媒|记\s*者|通\s*讯|摄|实\s*习|图|文\s*/")


def _despace(text: str) -> tuple[str, list[int]]:
    """Text without white space, and for each kept character its index in text."""
    chars, index = [], []
    for i, ch in enumerate(text):
        if not ch.isspace():
            chars.append(ch)
            index.append(i)
    return "".join(chars), index


def is_credit(text: str) -> bool:
    if not _HINT.search(text):
        return False  # no role word anywhere: the common case, decided at once
    flat = _SPACE.sub("", text)
    return 0 < len(flat) <= MAX_CREDIT and _CREDIT.fullmatch(flat) is not None


def split_tail(text: str) -> tuple[str, str] | None:
    """Split a credit off the end of text: ("…新格局。", "通讯员 侯兰"), or None.

    The credit must start the text or follow a sentence end or a space, so that a body line
    merely containing 记者 is never cut.
    """
    if not _HINT.search(text):
        return None  # no role word anywhere: the common case, decided at once
    flat, index = _despace(text)
    for start in range(max(0, len(flat) - MAX_CREDIT), len(flat)):
        if start > 0:
            prev = flat[start - 1]
            spaced = index[start] > index[start - 1] + 1
            if prev not in FINAL + CLOSERS and not spaced:
                continue
            if prev in CLOSERS and not (start >= 2 and flat[start - 2] in FINAL) and not spaced:
                continue
        if flat[start] not in "□■" and not _ROLE_AT.match(flat, start):
            continue
        if _CREDIT.fullmatch(flat, start):
            cut = index[start]
            return text[:cut].rstrip(), tidy(text[cut:])
    return None


def tidy(credit: str) -> str:
    """Credit as printed, without justification spaces or box marks: "记者 谢智强 摄/视觉重庆"."""
    lines = [squeeze_heading(line) for line in credit.splitlines() if line.strip()]
    out = ""
    for line in lines:
        # A line break inside a credit falls after a role ("通 讯 员" / "杨筱箐 …": a space) or
        # inside a justified name ("记 者 谢 智" / "强 摄": nothing).
        out += (" " if out and out.endswith(ROLE_WORDS) else "") + line
    out = out.lstrip("□■ ")
    # Put back the space between a role and the names after it ("记者谢智强" -> "记者 谢智强").
    out = re.sub(rf"^((?:本报)?(?:记者|通讯员|见习记者|实习生|特约摄影|特约记者)|[{_CJK}]{{2,8}}?融媒体中心)(?=[{_CJK}])", r"\1 ", out)
    out = re.sub(rf"(?<=[{_CJK}])(摄(?:影)?)(?=/|$)", r" \1", out)
    return re.sub(r"\s+", " ", out).strip()


ROLE_WORDS = ("记者", "通讯员", "融媒体中心", "特约摄影", "实习生")


def split_lead(text: str) -> tuple[str, str] | None:
    """"本报讯 （记者 张莎）12月6日，…" -> ("记者 张莎", "12月6日，…")."""
    m = _LEAD.match(text)
    if not m:
        return None
    return tidy(m.group(1)), text[m.end():]


def is_photo_credit(credit: str | None) -> bool:
    return bool(credit) and ("摄" in credit or "供图" in credit)


def district_of(credit: str | None) -> str | None:
    """The district a media-centre credit names ("璧山区融媒体中心 …" -> "璧山区")."""
    if not credit:
        return None
    m = re.match(rf"([{_CJK}]{{2,8}}?)融媒体中心", credit)
    return m.group(1) if m else None
