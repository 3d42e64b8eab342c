"""Related stories: the articles that share the most weighted keywords with one article.

Each article's keywords carry TF-IDF weights (parse/keywords.py); two articles are as related as
the sum, over the keywords they share, of the products of their weights. The postings
(article_terms, derived.py) are read by term, heaviest first; a word that many articles hold
weighs little in each and is read only to POSTINGS_PER_TERM of them, so the cost stays bounded
at any archive size.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

RELATED = 5
POSTINGS_PER_TERM = 400


@dataclass
class Related:
    id: int
    title: str | None
    district: str
    page_date: str | None
    score: float
    shared: list[str]  # the keywords it shares, heaviest first

    @property
    def label(self) -> str:
        return self.title or "（无题）"


def related(conn: sqlite3.Connection, article_id: int, k: int = RELATED) -> list[Related]:
    """Up to k articles sharing the most weighted keywords with article_id, best first; the same
    story printed twice (same title and first words) counts once."""
    row = conn.execute("SELECT keywords, title, ukey FROM articles WHERE id = ?", [article_id]).fetchone()
    if not row:
        return []
    try:
        mine = {w: float(s) for w, s in json.loads(row[0] or "[]")}
    except (ValueError, TypeError):
        return []
    scores: dict[int, float] = {}
    shared: dict[int, list[tuple[float, str]]] = {}
    for term, weight in mine.items():
        for (other, w) in conn.execute(
            "SELECT id, w FROM article_terms WHERE term = ? ORDER BY w DESC LIMIT ?", [term, POSTINGS_PER_TERM]
        ):
            if other != article_id:
                scores[other] = scores.get(other, 0.0) + weight * w
                shared.setdefault(other, []).append((weight * w, term))
    best = sorted(scores, key=lambda i: (-scores[i], -i))[: k * 3]
    return _rows(conn, best, scores, shared, row[1], k)


def _rows(conn, ids: list[int], scores, shared, own_title: str | None, k: int) -> list[Related]:
    if not ids:
        return []
    meta = {r[0]: r for r in conn.execute(
        f"SELECT id, title, district, page_date, substr(body, 1, 40) FROM articles WHERE id IN "
        f"({','.join('?' * len(ids))})", ids)}
    out, seen = [], set()
    for i in ids:
        if i not in meta:
            continue
        _, title, district, day, first = meta[i]
        sig = (title, first)
        if sig in seen or (title and title == own_title):  # a reprint of the same story, or of itself
            continue
        seen.add(sig)
        terms = [t for _, t in sorted(shared[i], reverse=True)]
        out.append(Related(i, title, district, day, round(scores[i], 6), terms))
        if len(out) == k:
            break
    return out
