"""What the search index holds for an article, and how a query word is looked up in it.

Two FTS5 tables (see store.py):
- articles_grams: contentless, detail='none'; each article's *set* of single characters and
  pairs of adjacent characters (letters, digits, CJK; lower-cased). A one- or two-character
  word is then one token whose document list is just row ids: exact and fast at any frequency.
- articles_tri: the trigram tokenizer over title, subtitle and body (external content): a word
  of three or more characters is a quoted string, matched as an exact, case-insensitive
  substring.
SQLite's own unicode61 tokenizer would read a run of Chinese as one token, and the trigram one
cannot match fewer than three characters (on SQLite 3.40 a 1-2 character LIKE on it finds
nothing), hence the pair.
"""
from __future__ import annotations

import re

# Punctuation the 1-2 character index holds as well (FTS5 unicode61 "tokenchars"), so that
# "、新" or "R&" are exact look-ups too: ASCII punctuation, general punctuation (— … “ ” ‘ ’ ·),
# CJK symbols and punctuation (、。《》「」), full-width forms (，！？（）：；％).
PUNCT = "".join(
    chr(c)
    for c in [*range(0x21, 0x30), *range(0x3A, 0x41), *range(0x5B, 0x61), *range(0x7B, 0x7F),
              0xB7, *range(0x2010, 0x2028), *range(0x2030, 0x205F), *range(0x3001, 0x3040),
              *range(0xFF01, 0xFF10), *range(0xFF1A, 0xFF21), *range(0xFF3B, 0xFF41), *range(0xFF5B, 0xFF66)]
)
_PUNCT_SET = frozenset(PUNCT)
_RUN = re.compile("[^\\s]+")


_CLASS = "\\w" + re.escape(PUNCT)


def tokenize_option() -> str:
    """The tokenize= argument of the 1-2 character table, as an SQL string literal's content."""
    chars = PUNCT.replace("'", "''")
    return f"unicode61 remove_diacritics 0 tokenchars '{chars}'"


def _is_token_char(c: str) -> bool:
    return c.isalnum() or c in _PUNCT_SET


def grams(*texts: str | None) -> str:
    """The distinct 1- and 2-character tokens of the texts, space-separated."""
    seen: set[str] = set()
    for text in texts:
        if not text:
            continue
        for run in _RUN.findall(text.lower()):
            # Characters the tokenizer would not keep split a run (an emoji, a rare symbol).
            for part in re.split("[^" + _CLASS + "]+", run) if not all(map(_is_token_char, run)) else (run,):
                if part:
                    seen.update(part)
                    seen.update(part[i : i + 2] for i in range(len(part) - 1))
    return " ".join(seen)


def gram_token(word: str) -> str | None:
    """The grams token answering a 1-2 character word exactly, or None."""
    w = word.lower()
    if 1 <= len(w) <= 2 and all(_is_token_char(c) for c in w) and len(word) == len(w):
        return w
    return None


def token_chars(word: str) -> list[str]:
    """Letters, digits and CJK characters of a word: a pre-filter where no exact lookup exists."""
    return [c for c in word.lower() if _is_token_char(c)]


def quote(text: str) -> str:
    """An FTS5 string: double quotes, inner quotes doubled. Nothing inside is syntax."""
    return '"' + text.replace('"', '""') + '"'
