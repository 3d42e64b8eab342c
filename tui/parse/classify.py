"""What a line or block is: headline or text, district label, glued label."""
from __future__ import annotations

import re

from .. import gazetteer
from .model import Element
from .textutil import ends_sentence, squeeze_heading, undouble, undouble_prefix

INDENT = 4  # cells: a paragraph's first line starts two full-width characters in


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


def glued_label(text: str) -> bool:
    """A line ending in a district name stuck to a headline ("…户户见干部綦江")."""
    if ends_sentence(text) or re.search("[，。、；：]", text):
        return False
    name = gazetteer.trailing(text)
    return bool(name) and len(text) - len(name) >= 5 and text[-len(name) - 1] not in GOVERNS


GOES_ON = "，、；：“‘（《—-"


# A numbered clause opens its own paragraph: "1.", "（一）", "一是", "一、", "(1)".
CLAUSE = re.compile(r"^\s*(?:\d{1,2}\s*[.．、](?!\d)|[(（]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}[是、])")


TEXT_PUNCT = re.compile("[，。；：！？,;]")  # 、 and quotes are common in headlines


ANY_PUNCT = re.compile("[，。；：！？,;、]")


def headline_like(el: Element) -> bool:
    """Two short lines without a single punctuation mark read as a headline, not a paragraph."""
    return (
        el.nlines <= 2 and el.column >= 20 and el.first_raw > el.column - 4
        and 10 <= len(el.text) <= 40 and not TEXT_PUNCT.search(el.text)
    )

