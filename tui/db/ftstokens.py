"""What the search index holds for an article, and how a query word is looked up in it.

Two contentless FTS5 tables (see store.py), both keyed by the article id:
- articles_chars (detail='none'): each article's *set* of characters. A one-character word is
  one token whose document list is only row ids: exact and fast at any frequency.
- articles_pairs (positions kept): the article's text as the sequence of its overlapping
  character pairs, "科技创新" → "科技 技创 创新". A two-character word is one token; a longer
  word is the phrase of its pairs, which matches exactly where the word occurs, since
  consecutive pairs overlap by one character.
Characters are letters, digits, CJK and punctuation, lower-cased (unicode61 with the punctuation
as "tokenchars"); anything else (spaces, line ends, emoji) ends a run of them. SQLite's own
tokenizers do not fit: unicode61 reads a run of Chinese as one token, and trigram cannot match
fewer than three characters. Pairs rather than trigrams: a positional trigram table alone was
larger than the pairs table (1.35x against 1.24x the text, 25,000 articles), and words of one or
two characters would still need a table of their own.
"""
from __future__ import annotations

import operator
import re

# Punctuation the index holds as characters (FTS5 unicode61 "tokenchars"), so that "、新" or
# "R&D" are exact look-ups too: ASCII punctuation, general punctuation (— … “ ” ‘ ’ ·), CJK
# symbols and punctuation (、。《》「」), full-width forms (，！？（）：；％).
PUNCT = "".join(
    chr(c)
    for c in [*range(0x21, 0x30), *range(0x3A, 0x41), *range(0x5B, 0x61), *range(0x7B, 0x7F),
              0xB7, *range(0x2010, 0x2028), *range(0x2030, 0x205F), *range(0x3001, 0x3040),
              *range(0xFF01, 0xFF10), *range(0xFF1A, 0xFF21), *range(0xFF3B, 0xFF41), *range(0xFF5B, 0xFF66)]
)
_PUNCT_SET = frozenset(PUNCT)
# Letters to Python that SQLite 3.40's Unicode tables call marks: unicode61 drops them, which
# would shift the positions of the pairs after them (tests/test_search.py checks the list).
_NOT_TOKENS = frozenset(chr(c) for c in [*range(0x19B0, 0x19CA), 0x1CF2, 0x1CF3])

# Put between two runs where the first ends with the character the next begins with, so that
# their pairs cannot read as one phrase ("ab bc" must not match "abc"). A private-use character:
# a token to unicode61, never a token character here, so no query holds it.
BREAK = "\ue000"


def tokenize_option() -> str:
    """The tokenize= argument of both tables, as an SQL string literal's content."""
    chars = PUNCT.replace("'", "''")
    return f"unicode61 remove_diacritics 0 tokenchars '{chars}'"


def is_token_char(c: str) -> bool:
    return c in _PUNCT_SET or (c.isalnum() and c not in _NOT_TOKENS)


# \w is isalnum() and "_": take out "_" and the characters above; add the punctuation.
_RUNS = re.compile(
    "(?:[^\\W_" + "".join(sorted(_NOT_TOKENS)) + "]|[" + re.escape(PUNCT) + "])+"
)


def runs(text: str) -> list[str]:
    """The maximal runs of token characters in the lower-cased text."""
    return _RUNS.findall(text.lower())


def chars(*texts: str | None) -> str:
    """The distinct characters of the texts, space-separated: a row of articles_chars."""
    seen: set[str] = set()
    for text in texts:
        if text:
            seen.update(text.lower())
    return " ".join("".join(_RUNS.findall("".join(seen))))


def pairs(*texts: str | None) -> str:
    """The overlapping character pairs of the texts, in order: a row of articles_pairs."""
    out: list[str] = []
    last = ""
    for text in texts:
        if not text:
            continue
        for run in runs(text):
            if len(run) < 2:
                continue
            if run[0] == last:
                out.append(BREAK)
            out.extend(map(operator.add, run, run[1:]))
            last = run[-1]
    return " ".join(out)


def quote(text: str) -> str:
    """An FTS5 string: double quotes, inner quotes doubled. Nothing inside is syntax."""
    return '"' + text.replace('"', '""') + '"'


def char_term(run: str) -> str:
    """The articles_chars term for a one-character run."""
    return quote(run)


def pair_term(run: str) -> str:
    """The articles_pairs term for a run of two or more characters: the phrase of its pairs."""
    return quote(" ".join(map(operator.add, run, run[1:])))


def word_runs(word: str) -> tuple[list[str], bool]:
    """The runs of a query word, and whether they are the whole word (then the index alone is
    exact; otherwise matches must be checked on the text)."""
    found = runs(word)
    return found, found == [word.lower()]
