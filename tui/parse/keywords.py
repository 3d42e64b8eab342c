"""Each article's key words: jieba TF-IDF, with document frequencies from the loaded corpus.

jieba's own IDF table says how rare a word is in Chinese at large; the corpus says how rare it is
in this archive ("重庆" is rare in Chinese and in every article here). The two are blended, the
corpus weighing more as it grows.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from . import wordcut

TOP_K = 8
CORPUS_WEIGHT_AT = 200  # with this many articles loaded the corpus counts as much as jieba's table

_WORD = re.compile(r"^[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9]*$")
STOP_WORDS = set(
    """的 了 在 是 和 与 及 等 也 都 就 而 对 为 把 被 让 向 从 到 以 于 之 其 这 那 有 一个 一些 我们
    他们 她们 你们 自己 这个 那个 这些 那些 什么 怎么 如何 因为 所以 但是 不仅 而且 并且 同时 以及
    通过 进行 开展 实现 推动 推进 加强 加快 提升 提高 积极 相关 工作 方面 目前 近日 今年 去年 日前
    已经 正在 可以 能够 没有 不断 进一步 一批 一次 一起 一样 表示 介绍 记者 通讯员 融媒体 中心 其中
    此外 另外 以来 之后 以后 之前 以前 左右 主要 重要 全面 持续 更加 非常 这样 那样 还是 或者 为了
    当地 全区 全县 全市 我市 我区 该区 该县 负责人 有关 一是 二是 三是 上半年 下半年 今年以来 近年来
    """.split()
)


@lru_cache(maxsize=1)
def jieba_idf() -> tuple[dict[str, float], float]:
    """jieba's IDF table and its median (idftable.py)."""
    from . import idftable

    return idftable.load()


# What the words seen so far are, kept in small tables of their own: the same words come back in
# every article, and a look-up in jieba's table of 350,000 words misses the processor's caches
# (reading it word by word was a third of the keyword work of a page).
class _Terms(dict):
    """A word as segmented -> the term, or None; worked out (_term) on first sight."""

    def __missing__(self, word: str) -> str | None:
        term = self[word] = _term(word)
        return term


_TERM_OF = _Terms()
_IDF_OF: dict[str, float] = {}  # a term -> its jieba IDF
_CACHE_MAX = 1 << 18  # words; the tables start again beyond this


def terms(text: str) -> Counter:
    """Word counts of text: words of two or more characters, no stop words, no numbers."""
    if len(_TERM_OF) > _CACHE_MAX:
        _TERM_OF.clear()
        _IDF_OF.clear()
    return Counter(filter(None, map(_TERM_OF.__getitem__, wordcut.cut(text))))


def _term(word: str) -> str | None:
    """The word as a keyword term, or None; records the term's IDF."""
    word = word.strip()
    if len(word) >= 2 and word not in STOP_WORDS and _WORD.match(word):
        if word not in _IDF_OF:
            table, median = jieba_idf()
            _IDF_OF[word] = table.get(word, median)
        return word
    return None


def idf(word: str, df: int, docs: int) -> float:
    table, median = jieba_idf()
    base = table.get(word, median)
    if docs <= 0:
        return base
    corpus = math.log((docs + 1) / (df + 1)) + 1.0
    weight = docs / (docs + CORPUS_WEIGHT_AT)
    return (1 - weight) * base + weight * corpus * (median / math.log(CORPUS_WEIGHT_AT + 1))


SHORTLIST = 40


def shortlist(counts: Counter, n: int = SHORTLIST) -> tuple[Counter, int]:
    """The words that can make an article's top keywords, by jieba's IDF alone, and the word
    total: done where the article is parsed (a worker) so the writer only re-weighs these few
    with the corpus frequencies, which move a word by far less than 40 places."""
    words = list(counts)
    known = _IDF_OF
    if not known.keys() >= counts.keys():  # counts not made by terms() here
        table, median = jieba_idf()
        known = {w: table.get(w, median) for w in words}
    scores = [k * s for k, s in zip(counts.values(), map(known.__getitem__, words))]
    # Highest first; ties keep the words' order (sorting is stable, also reversed).
    best = sorted(range(len(words)), key=scores.__getitem__, reverse=True)[:n]
    return Counter({words[i]: counts[words[i]] for i in best}), sum(counts.values())


def top(
    counts: Counter, df: dict[str, int], docs: int, k: int = TOP_K, total: int | None = None
) -> list[tuple[str, float]]:
    total = total or sum(counts.values())
    if not total:
        return []
    table, median = jieba_idf()
    weight = docs / (docs + CORPUS_WEIGHT_AT) if docs > 0 else 0.0
    scale = median / math.log(CORPUS_WEIGHT_AT + 1)
    log_docs = math.log(docs + 1) if docs > 0 else 0.0

    # idf() inlined, the same operations in the same order: this runs for every word of every
    # article (a function call per word was a third of the writer's keyword time).
    get, get_df, log = table.get, df.get, math.log
    if weight:
        keep = 1 - weight
        scored = [(w, n / total * (keep * get(w, median) + weight * (log_docs - log(get_df(w, 0) + 1) + 1.0) * scale))
                  for w, n in counts.items()]
    else:
        scored = [(w, n / total * get(w, median)) for w, n in counts.items()]
    scored.sort(key=lambda kv: (-kv[1], kv[0]))
    return [(w, round(s, 4)) for w, s in scored[:k]]
