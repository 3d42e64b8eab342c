"""`cqdaily search`: results one per line, hits marked, "N articles" last; or JSON lines."""
from __future__ import annotations

import argparse
import json
import sys

from ..db import query
from .names import printable


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


def _district(name: str | None) -> tuple[str | None, str]:
    """The district to search in, or an error message."""
    if name is None:
        return None, ""
    from ..gazetteer import close_districts, resolve_district

    found = resolve_district(name)
    if found:
        return found, ""
    close = close_districts(name)
    hint = f"; did you mean {', '.join(close)}?" if close else "; names look like 璧山, 璧山区 or bishan"
    return None, f"cqdaily search: no district called {name!r}{hint}"


def _print(result: query.SearchResult, as_json: bool) -> None:
    if as_json:
        for h in result.hits:
            print(json.dumps({
                "id": h.id, "title": h.title, "district": h.district, "date": h.page_date,
                "kind": h.kind, "hits": h.hits, "snippet": h.snippet, "spans": h.spans,
                **({"matched": "pinyin", "pinyin": result.pinyin} if h.via == "pinyin" else {}),
            }, ensure_ascii=False))
        return
    tty = sys.stdout.isatty()
    for h in result.hits:
        title = _clean(h.title or "（无题）")
        print(f"{title}  [{h.district} {h.page_date or '?'}]  {_mark(_clean(h.snippet), h.spans, tty)}")
    how = f" matching the pinyin {result.pinyin}" if result.pinyin else ""
    print(f"{result.total:,} {'article' if result.total == 1 else 'articles'}{how}")


def run_search(args: argparse.Namespace, db_path: str, parser: argparse.ArgumentParser) -> int:
    if not query.words_of(args.query):
        parser.error("the query is empty: give the text to find")
    district, problem = _district(args.district)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from ..db import files

    found = files.identify(db_path)
    # An older cqdaily's database is searched as it is: search reads nothing an upgrade changes.
    unreadable = None if found.older else files.problem(db_path, found)
    if unreadable:
        print(f"cqdaily search: {printable(unreadable)}", file=sys.stderr)
        return 1
    try:
        conn = query.connect(db_path)
        result = query.search(conn, args.query, district=district, order=args.order, limit=args.limit, counts=False,
                              since=args.since, until=args.until)
    except Exception as err:  # a damaged or foreign database: say so in one line
        why = files.problem(db_path, found) if found.older else f"cannot read {db_path}: {err}"
        print(f"cqdaily search: {printable(why)}", file=sys.stderr)
        return 1
    if result.error:  # a date that is not one
        print(f"cqdaily search: {printable(result.error)}", file=sys.stderr)
        return 2
    _print(result, args.json)
    return 0
