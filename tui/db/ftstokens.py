"""What the search index holds for an article, and how a query word is looked up in it.

Two contentless FTS5 tables (see store.py), both keyed by the article id:
- articles_chars (detail='none'): each article's *set* of characters. A one-character word is
  one token whose document list is only row ids: exact and fast at any frequency.
- articles_pairs (positions kept): the article's text as the sequence of its overlapping
  character pairs, "科技创新" → "科技 技创 创新". A two-character word is one token; a longer
  word is the phrase of its pairs, which matches exactly where the word occurs, since
  consecutive pairs overlap by one character.
Characters are letters, digits, CJK and punctuation (unicode61 with the punctuation as
"tokenchars"), folded by fold() alike in the text indexed and the words looked up: lower case, and
full-width letters, digits and the signs inside Latin words and numbers as ASCII. Anything else
(spaces, line ends, emoji) ends a run of them. SQLite's own tokenizers do not fit: unicode61
reads a run of Chinese as one token, and trigram cannot match fewer than three characters. Pairs
rather than trigrams: a positional trigram table alone was larger than the pairs table (1.35x
against 1.24x the text, 25,000 articles), and words of one or two characters would still need a
table of their own.
"""
from __future__ import annotations

import operator
import re
from typing import Callable

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


# Full-width forms (U+FF01-FF5E) of what makes up Latin words and numbers: digits, letters and
# the signs written inside them (# $ % & + - . / @), so that "5G", "80.1%" or "R&D" typed on a plain
# keyboard find "５Ｇ", "80.1％", "Ｒ＆Ｄ" and the other way round. Chinese sentence punctuation
# (，。：；！？（）…) is not folded: every article holds it, so folding it would mean indexing every
# stored article again, and "，" would start finding the "," of "1,000". Only the index, the query
# words and the hit search fold; the stored text stays as printed.
_WIDE = re.compile("[\uff03-\uff06\uff0b\uff0d-\uff19\uff20-\uff3a\uff41-\uff5a]")
_WIDE_OFFSET = 0xFEE0  # U+FF01 - "!"


def _narrow(m: re.Match) -> str:
    return chr(ord(m.group()) - _WIDE_OFFSET)


def fold(text: str) -> str:
    """Text as the index reads it: lower-cased (which lengthens a rare few: "İ"), and the
    full-width forms above made ASCII (one character for one)."""
    return _WIDE.sub(_narrow, text.lower())


def has_wide(text: str | None) -> bool:
    """Whether fold() changes more in text than its case."""
    return bool(text and _WIDE.search(text))


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


def runs(text: str, folding: Callable[[str], str] = fold) -> list[str]:
    """The maximal runs of token characters in the folded text."""
    return _RUNS.findall(folding(text))


# folding= below: str.lower gives the tokens of the index as schemas before 11 wrote it (migrations).


def chars(*texts: str | None, folding: Callable[[str], str] = fold) -> str:
    """The distinct characters of the texts, space-separated: a row of articles_chars."""
    seen: set[str] = set()
    for text in texts:
        if text:
            seen.update(text.lower())  # lower() of the whole text: a final Σ is ς
    # Folding the lower-cased characters changes only their widths: done once per character.
    joined = "".join(seen)
    folded = folding(joined)
    if folded != joined:  # "5" and "５" are one character now (only then: a second set is slow)
        folded = "".join(set(folded))
    return " ".join("".join(_RUNS.findall(folded)))


def pairs(*texts: str | None, folding: Callable[[str], str] = fold) -> str:
    """The overlapping character pairs of the texts, in order: a row of articles_pairs."""
    out: list[str] = []
    last = ""
    for text in texts:
        if not text:
            continue
        for run in runs(text, folding):
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
    return found, found == [fold(word)]


# The ASCII characters fold() gives for a full-width form: where an index that does not fold
# (schemas before 11) may hold either form.
_PAIRED = frozenset(fold(chr(c)) for c in range(0xFF01, 0xFF5F) if _WIDE.match(chr(c)))


def _either(c: str) -> str:
    """The articles_chars term for a character in either width, of a word folded."""
    return f"({quote(c)} OR {quote(chr(ord(c) + _WIDE_OFFSET))})"


def unfolded_terms(word: str) -> tuple[list[str], list[str]] | None:
    """(articles_pairs terms, articles_chars terms) that narrow word down in an index written
    before schema 11, which did not fold widths; None when the word has no character that a
    fold changes (then its plain terms are exact there too). The candidates are to be checked
    on the text: the width of each folded character is left open."""
    found = runs(word)
    if not any(c in _PAIRED for run in found for c in run):
        return None
    pair_terms: list[str] = []
    char_terms: list[str] = []
    for run in found:
        for piece in re.split(f"([{re.escape(''.join(sorted(_PAIRED)))}])", run):
            if piece in _PAIRED:
                char_terms.append(_either(piece))
            elif len(piece) == 1:
                char_terms.append(char_term(piece))
            elif piece:
                pair_terms.append(pair_term(piece))
    return pair_terms, char_terms
