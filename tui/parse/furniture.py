"""Page furniture: the header and footer lines of the paper, jump lines, the date and page number."""
from __future__ import annotations

import re

_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


# The page's header line ("332020年 12月7日 星期一": page number (printed twice), date, weekday)
# and its editor line ("编辑 邱碧湘 美编 张辉", "责任编辑 方静 美编 程宇"): each page prints one of each.
HEADER = re.compile(r"^\d{0,4}\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*星期[一二三四五六日天]")
EDITOR = re.compile(r"^(?:责任)?编辑\s*\S{2,4}(?:\s+(?:美编|校对|视觉|审读)\s*\S{2,4})*$")

_FURNITURE = [
    HEADER,
    EDITOR,
    re.compile(r"^(?:主办|承办|协办)\s"),
    re.compile(r"[：:]\s*\d{8}.*[：:]\s*\d{8}"),  # the paper's phone line
    re.compile(r"^[（(](?:上|下)(?:接|转)\s*\S{1,3}版[)）]$"),
    re.compile(r"^重庆日报\s*$"),
]


JUMP = re.compile(r"^[（(](?:上|下)(?:接|转)\s*\S{1,3}版[)）]\s*")
JUMP_TAIL = re.compile(r"\s*[（(]\s*下转\s*\S{1,3}版\s*[)）]$")  # "…（下转第7版）" ends a page's part
CONTINUED = re.compile(r"^[（(]\s*上接")


def is_furniture(text: str) -> bool:
    t = text.strip()
    return any(p.search(t) for p in _FURNITURE)


def page_header(furniture: list[str]) -> tuple[str | None, int | None]:
    """Date and page number from the header line ("332020年 12月7日 星期一": page 3, doubled)."""
    for text in furniture:
        found = header_of(text)
        if found is not None:
            return found
    return None, None


def header_of(text: str) -> tuple[str, int | None] | None:
    """The date and page number a line holding a date prints, else None."""
    m = _DATE.search(text)
    if not m:
        return None
    date = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    lead = re.sub(r"\s", "", text[: m.start()])
    number = None
    if lead.isdigit():
        half = len(lead) // 2
        doubled = len(lead) % 2 == 0 and lead[:half] == lead[half:]
        number = int(lead[:half] if doubled else lead)
    return date, number
