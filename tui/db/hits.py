"""Search results shown: each hit's snippet with the query words marked, and relevance order."""
from __future__ import annotations

from dataclasses import dataclass

SNIPPET = 40  # characters of context around the first hit


@dataclass
class Hit:
    id: int
    title: str | None
    district: str
    page_date: str | None
    kind: str
    hits: int  # occurrences of the query words in the article
    snippet: str
    spans: list[tuple[int, int]]  # hit offsets inside snippet
    in_title: bool = False
    via: str = ""  # "pinyin" when the article matched the query read as pinyin



def by_relevance(conn, ids: list[int], words: list[str]) -> list[int]:
    scored = []
    for art_id, title, subtitle, body in _texts(conn, ids):
        head = f"{title or ''}\n{subtitle or ''}".casefold()
        text = (body or "").casefold()
        in_head = sum(head.count(w.casefold()) for w in words)
        scored.append((-(in_head > 0), -(in_head + text_count(text, words)), art_id))
    scored.sort()
    return [s[2] for s in scored]


def text_count(text: str, words: list[str]) -> int:
    return sum(text.count(w.casefold()) for w in words)


def _texts(conn, ids: list[int]):
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        yield from conn.execute(f"SELECT id, title, subtitle, body FROM articles WHERE id IN ({marks})", chunk)


def find_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Every occurrence of every word in text, as (start, end), sorted, case-insensitive."""
    folded = text.casefold()
    # casefold can change lengths (ß -> ss); fall back to lower() offsets then.
    if len(folded) != len(text):
        folded = text.lower()
    spans = []
    for w in words:
        f = w.casefold() if len(w.casefold()) == len(w) else w.lower()
        if not f:
            continue
        start = folded.find(f)
        while start >= 0:
            spans.append((start, start + len(f)))
            start = folded.find(f, start + len(f))
    return sorted(spans)


def hits(conn, ids: list[int], words: list[str]) -> list[Hit]:
    meta = {
        r[0]: r
        for i in range(0, len(ids), 500)
        for r in conn.execute(
            f"SELECT id, title, district, page_date, kind, subtitle, body FROM articles "
            f"WHERE id IN ({','.join('?' * len(ids[i:i + 500]))})",
            ids[i : i + 500],
        )
    }
    out = []
    for art_id in ids:
        if art_id not in meta:
            continue
        _, title, dist, date, kind, subtitle, body = meta[art_id]
        head = "\n".join(filter(None, [title, subtitle]))
        head_spans = find_spans(head, words)
        body_spans = find_spans(body or "", words)
        source, spans = (body or "", body_spans) if body_spans else (head, head_spans)
        snippet, rel = _snippet(source, spans)
        out.append(Hit(art_id, title, dist, date, kind, len(head_spans) + len(body_spans), snippet, rel,
                       in_title=bool(head_spans)))
    return out


def _snippet(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """About SNIPPET characters around the first hit, on one line, and the hits inside it."""
    if not spans:
        flat = text.replace("\n", " ")
        return flat[:SNIPPET], []
    first = spans[0][0]
    start = max(0, first - SNIPPET // 3)
    end = min(len(text), max(start + SNIPPET, spans[0][1]))
    snippet = text[start:end].replace("\n", " ")
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    rel = [(a - start + len(prefix), b - start + len(prefix)) for a, b in spans if a >= start and b <= end]
    return prefix + snippet + suffix, rel

