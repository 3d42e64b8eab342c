"""`cqdaily search`: results one per line, hits marked, "N articles" last; or JSON lines."""
from __future__ import annotations

import argparse
import json
import os
import sys

from ..db import query


def _mark(snippet: str, spans: list[tuple[int, int]], tty: bool) -> str:
    on, off = ("\x1b[1;7m", "\x1b[0m") if tty else ("«", "»")
    out, pos = [], 0
    for a, b in spans:
        if a < pos:
            continue
        out += [snippet[pos:a], on, snippet[a:b], off]
        pos = b
    out.append(snippet[pos:])
    return "".join(out)


def _clean(text: str) -> str:
    """Text from the database shown in a terminal: no control characters (the loader strips
    them; a database written by something else may not have)."""
    return "".join(c if c.isprintable() or c == " " else " " for c in text)


def run_search(args: argparse.Namespace) -> int:
    if not os.path.exists(args.db):
        print(f"cqdaily search: no database at {args.db}; run 'cqdaily load PATH…' first", file=sys.stderr)
        return 1
    try:
        conn = query.connect(args.db)
        result = query.search(conn, args.query, district=args.district, order=args.order,
                              limit=max(args.limit, 0), counts=False, since=args.since, until=args.until)
    except Exception as err:  # a damaged or foreign database: say so in one line
        print(f"cqdaily search: cannot read {args.db}: {err}", file=sys.stderr)
        return 1
    if result.error:
        print(f"cqdaily search: {result.error}", file=sys.stderr)
        return 2
    if args.json:
        for h in result.hits:
            print(json.dumps({
                "id": h.id, "title": h.title, "district": h.district, "date": h.page_date,
                "kind": h.kind, "hits": h.hits, "snippet": h.snippet, "spans": h.spans,
                **({"matched": "pinyin", "pinyin": result.pinyin} if h.via == "pinyin" else {}),
            }, ensure_ascii=False))
        return 0
    tty = sys.stdout.isatty()
    for h in result.hits:
        title = _clean(h.title or "（无题）")
        print(f"{title}  [{h.district} {h.page_date or '?'}]  {_mark(_clean(h.snippet), h.spans, tty)}")
    how = f" matching the pinyin {result.pinyin}" if result.pinyin else ""
    print(f"{result.total} articles{how}")
    return 0
