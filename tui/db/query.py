"""Reading the database: article lists, district counts, one article, and literal search.

The only module besides the store that speaks SQL. It imports nothing heavy (no sqlite-utils,
Textual or jieba) so that `cqdaily search` starts at once.

Search semantics: every space-separated word of the query must occur, as an exact substring,
in the title, the sub-headlines or the body of an article; Latin letters match regardless of
case; the query is literal text (quotes, *, -, AND, NEAR, brackets mean themselves). The index
(ftstokens) finds candidates; where it cannot be exact by itself they are checked on the text.
"""
from __future__ import annotations

import heapq
import json
import re
import sqlite3
from dataclasses import dataclass, field

from . import ftstokens

SNIPPET = 40  # characters of context around the first hit


@dataclass
class Article:
    id: int
    source: str
    page_date: str | None
    page_no: int | None
    position: int
    kind: str
    district: str
    title: str | None
    subtitle: str | None
    byline: str | None
    body: str
    subheads: list[str]
    keywords: list[tuple[str, float]]

    @property
    def label(self) -> str:
        """What a list shows: the title, or the first words of the body where there is none."""
        if self.title:
            return self.title
        first = (self.body or "").split("\n", 1)[0]
        return first[:24] + ("…" if len(first) > 24 else "")


@dataclass
class Row:
    """One line of an article list."""
    id: int
    title: str | None
    district: str
    page_date: str | None
    kind: str
    first_words: str

    @property
    def label(self) -> str:
        return self.title or (self.first_words + "…")


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


@dataclass
class SearchResult:
    query: str
    words: list[str]
    total: int  # matching articles (within the district, if one is given)
    by_district: dict[str, int] = field(default_factory=dict)  # matching articles per district
    hits: list[Hit] = field(default_factory=list)


def connect(path: str) -> sqlite3.Connection:
    """A read connection that waits for a writer instead of failing with 'database is locked'."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 10000")
    return conn


# ---------------------------------------------------------------------------------------------
# Lists


_ROW = "SELECT id, title, district, page_date, kind, substr(body, 1, 24) FROM articles"
# Newest first: the sort key orders by page date, page and position (see store.sortkey).
_ORDER = "ORDER BY sortkey DESC"


def district_counts(conn: sqlite3.Connection) -> dict[str, int]:
    return dict(conn.execute("SELECT district, COUNT(*) FROM articles GROUP BY district").fetchall())


def rows(conn: sqlite3.Connection, district: str | None = None, limit: int = 100_000, offset: int = 0) -> list[Row]:
    """Articles newest first, all or of one district; a page of them."""
    if district:
        cur = conn.execute(f"{_ROW} WHERE district = ? {_ORDER} LIMIT ? OFFSET ?", (district, limit, offset))
    else:
        cur = conn.execute(f"{_ROW} {_ORDER} LIMIT ? OFFSET ?", (limit, offset))
    return [Row(*r) for r in cur.fetchall()]


def rows_tail(conn: sqlite3.Connection, district: str | None = None, limit: int = 1000) -> list[Row]:
    """The last `limit` rows of rows(): the oldest articles, read from that end of the index
    (an OFFSET near the end of a long list would step through every row before it)."""
    where, params = ("WHERE district = ?", [district]) if district else ("", [])
    cur = conn.execute(f"{_ROW} {where} ORDER BY sortkey ASC LIMIT ?", [*params, limit])
    return [Row(*r) for r in reversed(cur.fetchall())]


def place_of(conn: sqlite3.Connection, article_id: int, district: str | None = None) -> int | None:
    """Where an article stands in rows() (0 = newest), or None if it is not there."""
    row = conn.execute("SELECT sortkey, district FROM articles WHERE id = ?", [article_id]).fetchone()
    if row is None or (district and row[1] != district):
        return None
    where, params = ("AND district = ?", [district]) if district else ("", [])
    return conn.execute(f"SELECT COUNT(*) FROM articles WHERE sortkey > ? {where}", [row[0], *params]).fetchone()[0]


def rows_by_id(conn: sqlite3.Connection, ids: list[int]) -> list[Row]:
    out: dict[int, Row] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for r in conn.execute(f"{_ROW} WHERE id IN ({marks})", chunk).fetchall():
            out[r[0]] = Row(*r)
    return [out[i] for i in ids if i in out]


def article(conn: sqlite3.Connection, article_id: int) -> Article | None:
    r = conn.execute(
        "SELECT id, source, page_date, page_no, position, kind, district, title, subtitle, byline, "
        "body, subheads, keywords FROM articles WHERE id = ?",
        (article_id,),
    ).fetchone()
    if r is None:
        return None
    subheads = json.loads(r[11] or "[]")
    kws = [tuple(k) for k in json.loads(r[12] or "[]")]
    return Article(*r[:11], subheads, kws)


def titles(conn: sqlite3.Connection) -> list[tuple[int, str, str]]:
    """(id, title, district) of every titled article: for jumping to one by name."""
    return conn.execute(f"SELECT id, title, district FROM articles WHERE title IS NOT NULL {_ORDER}").fetchall()


def data_version(conn: sqlite3.Connection) -> tuple[int, int]:
    """Changes when another connection commits: (article count, largest id)."""
    return conn.execute("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM articles").fetchone()


# ---------------------------------------------------------------------------------------------
# Search


def words_of(query: str) -> list[str]:
    """The words of a query: split at white space, kept literally, duplicates dropped."""
    seen, out = set(), []
    for w in query.split():
        key = w.casefold()
        if key not in seen:
            seen.add(key)
            out.append(w)
    return out


def _occurs(word: str, texts: tuple[str, ...]) -> bool:
    w = word.casefold()
    return any(t and w in t.casefold() for t in texts)


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_CHECK_LIMIT = 5000  # relevance ranks at most this many newest matches
_STREAM_BUDGET = 4000  # matches read newest-first before sorting the whole match set instead


@dataclass
class _Plan:
    """How the index answers the query words (see ftstokens)."""
    pairs: list[str]  # articles_pairs terms (phrases of character pairs)
    chars: list[str]  # articles_chars terms (single characters)
    check: list[str]  # words the index only narrows down: to be checked on the text

    def ids_sql(self) -> tuple[str, list]:
        """SQL selecting the ids (column "id") of articles holding every term."""
        if self.pairs and self.chars:
            return (
                "SELECT rowid AS id FROM articles_pairs WHERE articles_pairs MATCH ? AND rowid IN "
                "(SELECT rowid FROM articles_chars WHERE articles_chars MATCH ?)",
                [" AND ".join(self.pairs), " AND ".join(self.chars)],
            )
        if self.pairs:
            return "SELECT rowid AS id FROM articles_pairs WHERE articles_pairs MATCH ?", [" AND ".join(self.pairs)]
        if self.chars:
            return "SELECT rowid AS id FROM articles_chars WHERE articles_chars MATCH ?", [" AND ".join(self.chars)]
        return "SELECT id FROM articles", []  # no character the index holds: every article

    def stream_sql(self) -> tuple[str, list]:
        """The matches by descending id, with what ordering them needs (covering index)."""
        table, terms = ("articles_pairs", self.pairs) if self.pairs else ("articles_chars", self.chars)
        sql = (f"SELECT f.rowid, a.sortkey, a.reach, a.district FROM {table} f "
               f"JOIN articles a INDEXED BY articles_keys ON a.id = f.rowid WHERE {table} MATCH ?")
        params = [" AND ".join(terms)]
        if self.pairs and self.chars:
            sql += " AND f.rowid IN (SELECT rowid FROM articles_chars WHERE articles_chars MATCH ?)"
            params.append(" AND ".join(self.chars))
        return sql + " ORDER BY f.rowid DESC", params


def _plan(words: list[str]) -> _Plan:
    plan = _Plan([], [], [])
    for w in words:
        found, whole = ftstokens.word_runs(w)
        for run in found:
            if len(run) == 1:
                plan.chars.append(ftstokens.char_term(run))
            else:
                plan.pairs.append(ftstokens.pair_term(run))
        if not whole:  # spaces inside are impossible; emoji, marks, rare symbols are not
            plan.check.append(w)
    return plan


def search(
    conn: sqlite3.Connection, query: str, district: str | None = None, order: str = "newest",
    limit: int = 50, offset: int = 0, counts: bool = True,
) -> SearchResult:
    """Articles containing every word of query; newest first or by relevance."""
    words = words_of(query)
    result = SearchResult(query, words, 0)
    if not words or any(_CONTROL.search(w) for w in words):
        # Stored text holds no control characters (the loader strips them): nothing can match.
        return result
    plan = _plan(words)
    ids_sql, params = plan.ids_sql()

    if not plan.check:
        joined = f"FROM ({ids_sql}) m JOIN articles a INDEXED BY articles_keys ON a.id = m.id"
        if counts:
            result.by_district = dict(conn.execute(
                f"SELECT a.district, COUNT(*) {joined} GROUP BY a.district", params
            ).fetchall())
            result.total = result.by_district.get(district, 0) if district else sum(result.by_district.values())
        elif district:
            result.total = conn.execute(f"SELECT COUNT(*) {joined} WHERE a.district = ?", params + [district]).fetchone()[0]
        else:
            result.total = conn.execute(f"SELECT COUNT(*) FROM ({ids_sql})", params).fetchone()[0]
        if order == "relevance":
            ids = _by_relevance(conn, _newest(conn, plan, district, _CHECK_LIMIT), words)[offset : offset + limit]
        else:
            ids = _newest(conn, plan, district, offset + limit)[offset:]
    else:
        # Check candidates on the text; counts and order come from the checked set.
        bare = [w for w in plan.check if not ftstokens.runs(w)]
        instr = "".join(
            " AND (instr(coalesce(a.title, ''), ?) OR instr(coalesce(a.subtitle, ''), ?) OR instr(a.body, ?))"
            for _ in bare
        )
        checked: list[tuple[int, str]] = []
        for art_id, dist, title, subtitle, body in conn.execute(
            f"SELECT a.id, a.district, a.title, a.subtitle, a.body FROM articles a "
            f"WHERE a.id IN ({ids_sql}){instr} ORDER BY a.sortkey DESC",
            params + [w for w in bare for _ in range(3)],
        ):
            if all(_occurs(w, (title, subtitle, body)) for w in words):
                checked.append((art_id, dist))
        for _, dist in checked:
            result.by_district[dist] = result.by_district.get(dist, 0) + 1
        chosen = [i for i, d in checked if not district or d == district]
        result.total = len(chosen)
        if order == "relevance":
            chosen = _by_relevance(conn, chosen[:_CHECK_LIMIT], words)
        ids = chosen[offset : offset + limit]
    result.hits = _hits(conn, ids, words)
    return result


def _newest(conn: sqlite3.Connection, plan: _Plan, district: str | None, k: int) -> list[int]:
    """Ids of the k newest matches, newest first.

    Ids grow with every insert, so reading matches by descending id mostly reads newest first;
    each article's reach (store.save_page) bounds the sort keys of every article with a smaller
    id, so once the k newest so far are all at least the reach of the row just read, no later
    row can displace them. A frequent word stops after about k rows. Where loads came in far
    from date order, that takes too long, and the whole match set is sorted instead."""
    if k <= 0:
        return []
    sql, params = plan.stream_sql()
    cur = conn.execute(sql, params)
    heap: list[tuple[int, int]] = []
    read = 0
    try:
        while batch := cur.fetchmany(256):
            for art_id, key, reach, dist in batch:
                if district is None or dist == district:
                    if len(heap) < k:
                        heapq.heappush(heap, (key, art_id))
                    elif key > heap[0][0]:
                        heapq.heapreplace(heap, (key, art_id))
                if len(heap) == k and reach is not None and heap[0][0] >= reach:
                    return [i for _, i in sorted(heap, reverse=True)]
            read += len(batch)
            if read > max(_STREAM_BUDGET, 4 * k):
                return _newest_sorted(conn, plan, district, k)
    finally:
        cur.close()
    return [i for _, i in sorted(heap, reverse=True)]


def _newest_sorted(conn: sqlite3.Connection, plan: _Plan, district: str | None, k: int) -> list[int]:
    """The k newest matches by walking the sort-key index against the whole match set."""
    ids_sql, params = plan.ids_sql()
    if district:
        sql = (f"SELECT a.id FROM articles a INDEXED BY articles_district_sortkey WHERE a.district = ? "
               f"AND a.id IN ({ids_sql}) ORDER BY a.sortkey DESC LIMIT ?")
        return [r[0] for r in conn.execute(sql, [district] + params + [k])]
    sql = f"SELECT a.id FROM articles a INDEXED BY articles_sortkey WHERE a.id IN ({ids_sql}) ORDER BY a.sortkey DESC LIMIT ?"
    return [r[0] for r in conn.execute(sql, params + [k])]


def _by_relevance(conn, ids: list[int], words: list[str]) -> list[int]:
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


def _hits(conn, ids: list[int], words: list[str]) -> list[Hit]:
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

