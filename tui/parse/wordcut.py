"""Chinese word segmentation with jieba's dictionary: rjieba when present, else jieba, quietly."""
from __future__ import annotations

import contextlib
import io
import logging
from functools import lru_cache

try:  # jieba-rs: the same dictionary, ~20x faster, no start-up message
    import rjieba as _fast
except ImportError:  # pragma: no cover - depends on the platform's wheels
    _fast = None


@lru_cache(maxsize=1)
def _jieba():
    """jieba, initialised without letting "Building prefix dict…" reach the terminal."""
    import jieba

    jieba.setLogLevel(logging.ERROR)
    with contextlib.redirect_stderr(io.StringIO()):
        jieba.initialize()
    return jieba


def cut(text: str) -> list[str]:
    if _fast is not None:
        return _fast.cut(text)
    return _jieba().lcut(text)


@lru_cache(maxsize=65536)
def has_word(word: str) -> bool:
    if _fast is not None:
        return _fast.has_word(word)
    return (_jieba().dt.FREQ.get(word) or 0) > 0


def crossing(left: str, right: str) -> float:
    """How surely a word runs across the cut between left and right: 1 when segmenting the
    text around the cut puts a word across it ("区域经" + "营，" -> 经营), 0.5 when only the
    dictionary has a word made of the characters on both sides ("…科" + "技术…"), else 0."""
    a, b = left.rstrip(), right.lstrip()
    if not a or not b or a[-1] == b[0]:
        return 0.0  # a character doubled across the cut ("日日清" + "清漂") tells nothing
    pos = 0
    for token in cut(a[-3:] + b[:3]):
        end = pos + len(token)
        if pos < len(a[-3:]) < end and has_word(token):  # not an unknown-word guess
            return 1.0
        pos = end
    for i in range(1, min(3, len(a)) + 1):
        for j in range(1, min(3, len(b)) + 1):
            if has_word(a[-i:] + b[:j]):
                return 0.5
    return 0.0


def crosses_word(left: str, right: str) -> bool:
    return crossing(left, right) > 0
