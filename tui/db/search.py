"""Literal search: which articles hold every word of a query, newest first or by relevance,
with the hits marked in a snippet.

Semantics: every space-separated word of the query must occur, as an exact substring, in the
title, the sub-headlines or the body of an article; Latin letters match regardless of case; the
query is literal text (quotes, *, -, AND, NEAR, brackets mean themselves); full-width letters,
digits and the signs inside Latin words and numbers match their ASCII forms ("5G" finds "５Ｇ",
ftstokens.fold: one fold for the index, the query words and the hits marked). The index (ftstokens)
finds candidates; where it cannot be exact by itself they are checked on the text.
"""
from __future__ import annotations

import heapq
import re
import sqlite3
from dataclasses import dataclass
from . import dates, ftstokens, pinyin, searchindex
from .connection import in_chunks
from .results import Hit, SearchResult  # noqa: F401 - part of this module's interface

SNIPPET = 40  # characters of context around the first hit


def words_of(query: str) -> list[str]:
    """The words of a query: split at white space, kept literally, duplicates dropped."""
    seen, out = set(), []
    for w in query.split():
        key = ftstokens.fold(w)
        if key not in seen:
            seen.add(key)
            out.append(w)
    return out


def _occurs(word: str, texts: tuple[str, ...]) -> bool:
    w = ftstokens.fold(word)
    return any(t and w in ftstokens.fold(t) for t in texts)


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


def _plan(words: list[str], folded: bool = True) -> _Plan:
    """The plan for an index that folds widths, or (folded=False) for one of a schema before 11."""
    plan = _Plan([], [], [])
    for w in words:
        either = None if folded else ftstokens.unfolded_terms(w)
        if either:
            plan.pairs.extend(either[0])
            plan.chars.extend(either[1])
            plan.check.append(w)
            continue
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
    limit: int = 50, offset: int = 0, counts: bool = True, since: str | None = None, until: str | None = None,
) -> SearchResult:
    """Articles containing every word of query; newest first or by relevance.

    date: words in the query and since/until (a year, month or day) keep the articles of those
    days (dates.py); a query of date: words alone lists them. A query in Latin letters that
    matches no text is tried as pinyin (pinyin.py); result.pinyin then says how it was read."""
    try:
        text, when = dates.split_query(query)
        when = when.narrow(dates.from_options(since, until))
    except dates.DateError as err:
        return SearchResult(query, [], 0, error=str(err))
    words = words_of(text)
    result = SearchResult(query, words, 0, when=when or None)
    keys = when.keys() if when else None
    if not words:
        if when:
            _in_range(conn, result, keys, district, limit, offset, counts)
        return result
    if any(_CONTROL.search(w) for w in words):
        # Stored text holds no control characters (the loader strips them): nothing can match.
        return result
    plan = _plan(words, searchindex.folds_widths(conn))
    if plan.check:
        ids = _checked(conn, result, plan, district, keys, order)[offset : offset + limit]
    else:
        ids = _indexed(conn, result, plan, district, keys, order, limit, offset, counts)
    result.hits = _hits(conn, ids, words)
    if not result.total and not result.by_district and pinyin.readings(text):
        pinyin.search(conn, result, text, district, keys, limit, offset)
    return result


def matching_ids(conn: sqlite3.Connection, query: str, district: str | None = None,
                 since: str | None = None, until: str | None = None) -> tuple[list[int], str | None]:
    """Every match's id, newest first, with no snippets (for export), and how the query was read
    as pinyin if it was. Raises dates.DateError for a date that is not one."""
    text, when = dates.split_query(query)
    when = when.narrow(dates.from_options(since, until))
    words, keys = words_of(text), (when.keys() if when else None)
    if not words:
        raise ValueError("the query has no words to search for")
    plan = _plan(words, searchindex.folds_widths(conn))
    result = SearchResult(query, words, 0)
    ids = _checked(conn, result, plan, district, keys, "newest") if plan.check else \
        _newest_sorted(conn, plan, district, -1, keys)
    found = None if ids else pinyin.matches(conn, text, district, keys)
    return ([r[1] for r in found[1]], found[0].label) if found else (ids, None)


def _indexed(conn, result: SearchResult, plan: _Plan, district, keys, order, limit, offset, counts) -> list[int]:
    """Counts and the ids to show, where the index alone is exact."""
    ids_sql, params = plan.ids_sql()
    joined = f"FROM ({ids_sql}) m JOIN articles a INDEXED BY articles_keys ON a.id = m.id WHERE 1"
    if keys:
        joined, params = joined + " AND a.sortkey BETWEEN ? AND ?", params + list(keys)
    if counts:
        result.by_district = dict(conn.execute(
            f"SELECT a.district, COUNT(*) {joined} GROUP BY a.district", params
        ).fetchall())
        result.total = result.by_district.get(district, 0) if district else sum(result.by_district.values())
    elif district:
        result.total = conn.execute(f"SELECT COUNT(*) {joined} AND a.district = ?", params + [district]).fetchone()[0]
    elif keys:
        result.total = conn.execute(f"SELECT COUNT(*) {joined}", params).fetchone()[0]
    else:
        result.total = conn.execute(f"SELECT COUNT(*) FROM ({ids_sql})", params).fetchone()[0]
    if order == "relevance":
        return _by_relevance(conn, _newest(conn, plan, district, _CHECK_LIMIT, keys), result.words)[offset : offset + limit]
    return _newest(conn, plan, district, offset + limit, keys)[offset:]


def _checked(conn, result: SearchResult, plan: _Plan, district, keys, order) -> list[int]:
    """Candidates checked on the text; counts and order come from the checked set."""
    ids_sql, params = plan.ids_sql()
    bare = [w for w in plan.check if not ftstokens.runs(w)]
    cond = "".join(
        " AND (instr(coalesce(a.title, ''), ?) OR instr(coalesce(a.subtitle, ''), ?) OR instr(a.body, ?))"
        for _ in bare
    )
    params = params + [w for w in bare for _ in range(3)]
    if keys:
        cond, params = cond + " AND a.sortkey BETWEEN ? AND ?", params + list(keys)
    checked: list[tuple[int, str]] = []
    for art_id, dist, title, subtitle, body in conn.execute(
        f"SELECT a.id, a.district, a.title, a.subtitle, a.body FROM articles a "
        f"WHERE a.id IN ({ids_sql}){cond} ORDER BY a.sortkey DESC", params,
    ):
        if all(_occurs(w, (title, subtitle, body)) for w in result.words):
            checked.append((art_id, dist))
    for _, dist in checked:
        result.by_district[dist] = result.by_district.get(dist, 0) + 1
    chosen = [i for i, d in checked if not district or d == district]
    result.total = len(chosen)
    if order == "relevance":
        chosen = _by_relevance(conn, chosen[:_CHECK_LIMIT], result.words)
    return chosen


def _in_range(conn, result: SearchResult, keys, district, limit, offset, counts) -> None:
    """Every article of the days, newest first: a search of date: words alone."""
    base = "FROM articles INDEXED BY articles_sortkey WHERE sortkey BETWEEN ? AND ?"
    if counts or not district:
        result.by_district = dict(conn.execute(f"SELECT district, COUNT(*) {base} GROUP BY district", keys))
        result.total = result.by_district.get(district, 0) if district else sum(result.by_district.values())
    if district:
        base = base.replace("articles_sortkey", "articles_district_sortkey") + " AND district = ?"
        keys = [*keys, district]
        if not counts:
            result.total = conn.execute(f"SELECT COUNT(*) {base}", keys).fetchone()[0]
    ids = [r[0] for r in conn.execute(f"SELECT id {base} ORDER BY sortkey DESC LIMIT ? OFFSET ?",
                                      [*keys, limit, offset])]
    result.hits = _hits(conn, ids, [])


def _newest(conn: sqlite3.Connection, plan: _Plan, district: str | None, k: int, keys=None) -> list[int]:
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
                if keys and reach is not None and reach < keys[0]:
                    return [i for _, i in sorted(heap, reverse=True)]  # all the rest are older
                if (district is None or dist == district) and (not keys or keys[0] <= key <= keys[1]):
                    if len(heap) < k:
                        heapq.heappush(heap, (key, art_id))
                    elif key > heap[0][0]:
                        heapq.heapreplace(heap, (key, art_id))
                if len(heap) == k and reach is not None and heap[0][0] >= reach:
                    return [i for _, i in sorted(heap, reverse=True)]
            read += len(batch)
            if read > max(_STREAM_BUDGET, 4 * k):
                return _newest_sorted(conn, plan, district, k, keys)
    finally:
        cur.close()
    return [i for _, i in sorted(heap, reverse=True)]


def _newest_sorted(conn: sqlite3.Connection, plan: _Plan, district: str | None, k: int, keys=None) -> list[int]:
    """The k newest matches by walking the sort-key index against the whole match set."""
    ids_sql, params = plan.ids_sql()
    span, extra = (" AND a.sortkey BETWEEN ? AND ?", list(keys)) if keys else ("", [])
    if district:
        sql = (f"SELECT a.id FROM articles a INDEXED BY articles_district_sortkey WHERE a.district = ?{span} "
               f"AND a.id IN ({ids_sql}) ORDER BY a.sortkey DESC LIMIT ?")
        return [r[0] for r in conn.execute(sql, [district] + extra + params + [k])]
    sql = (f"SELECT a.id FROM articles a INDEXED BY articles_sortkey WHERE 1{span} AND a.id IN ({ids_sql}) "
           f"ORDER BY a.sortkey DESC LIMIT ?")
    return [r[0] for r in conn.execute(sql, extra + params + [k])]


def _by_relevance(conn, ids: list[int], words: list[str]) -> list[int]:
    scored = []
    for art_id, title, subtitle, body in _texts(conn, ids):
        head = ftstokens.fold(f"{title or ''}\n{subtitle or ''}")
        text = ftstokens.fold(body or "")
        in_head = sum(head.count(ftstokens.fold(w)) for w in words)
        scored.append((-(in_head > 0), -(in_head + text_count(text, words)), art_id))
    scored.sort()
    return [s[2] for s in scored]


def text_count(text: str, words: list[str]) -> int:
    """Occurrences of the words in text, which is folded already (ftstokens.fold)."""
    return sum(text.count(ftstokens.fold(w)) for w in words)


def _texts(conn, ids: list[int]):
    return in_chunks(conn, "SELECT id, title, subtitle, body FROM articles WHERE id IN ({marks})", ids)


def find_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Every occurrence of every word in text, as (start, end), sorted, folded as the index is
    (ftstokens.fold: "5G" marks "５Ｇ"), the spans in text's own characters."""
    folded = _fold_in_place(text)
    spans = []
    for w in words:
        f = ftstokens.fold(w)
        if not f:
            continue
        start = folded.find(f)
        while start >= 0:
            spans.append((start, start + len(f)))
            start = folded.find(f, start + len(f))
    return sorted(spans)


def _fold_in_place(text: str) -> str:
    """fold(text), one character for each of text's: a character whose lower case is longer
    (a rare few: "İ") is kept as it is, so that offsets stay those of text."""
    folded = ftstokens.fold(text)
    if len(folded) == len(text):
        return folded
    return "".join(f if len(f := ftstokens.fold(c)) == 1 else c for c in text)


def _hits(conn, ids: list[int], words: list[str]) -> list[Hit]:
    sql = "SELECT id, title, district, page_date, kind, subtitle, body FROM articles WHERE id IN ({marks})"
    meta = {r[0]: r for r in in_chunks(conn, sql, ids)}
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

