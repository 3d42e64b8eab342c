"""The text the search index holds: one token per letter, digit or CJK character.

SQLite's unicode61 tokenizer reads a run of Chinese as one token, so it cannot find a substring.
Written out with a space between every character, and every run of punctuation or white space
as one break token, a phrase query over this text finds every article that contains a query, for
a query of any length; the few false hits (a different punctuation mark at a break) are dropped
by checking the real text.
"""
from __future__ import annotations

import re

BREAK = "zz"  # never produced otherwise: letters are one-character tokens


_RUNS = re.compile(r"[^\W_]|[\W_]+")


def _tokens(text: str) -> list[str]:
    """Letters, digits and CJK characters one by one, lower-cased; each run of anything else
    between two of them becomes one break token."""
    out = [t if t[0].isalnum() else BREAK for t in _RUNS.findall(text.lower())]
    while out and out[0] == BREAK:
        out.pop(0)
    while out and out[-1] == BREAK:
        out.pop()
    return out


def document(title: str | None, subtitle: str | None, body: str | None) -> tuple[str, str]:
    """Index text of an article: (headlines, body), a break between title and subtitle."""
    head = f" {BREAK} ".join(" ".join(_tokens(t)) for t in (title, subtitle) if t and _tokens(t))
    return head, " ".join(_tokens(body or ""))


def is_exact(word: str) -> bool:
    """Whether the index alone answers this word exactly: letters, digits and CJK only.

    With punctuation inside, different punctuation at the same place also matches; characters
    beyond these may be read differently by SQLite's tokenizer. Such hits are checked on the text.
    """
    return all(("\u4e00" <= c <= "\u9fff") or (c.isascii() and c.isalnum()) for c in word)


def phrase(query: str) -> str | None:
    """An FTS5 phrase for one query word, or None when it holds no letter, digit or character.

    Breaks at the query's ends are left out: the text around a hit may be anything.
    """
    toks: list[str] = []
    gap = False
    for ch in query:
        if ch.isalnum():
            if gap and toks:
                toks.append(BREAK)
            gap = False
            toks.append(ch.lower())
        else:
            gap = True
    if not toks:
        return None
    # Tokens are letters, digits and CJK characters only: nothing here can be FTS5 syntax.
    return '"' + " ".join(toks) + '"'
