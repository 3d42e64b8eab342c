"""The cqdaily command: a thin layer over the library. Heavy imports wait until a command needs them."""
from __future__ import annotations

import argparse
import sys

from ..paths import DEFAULT_DB


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="cqdaily",
        description="Read the district pages of Chongqing Daily in the terminal.",
    )
    ap.add_argument("--db", default=DEFAULT_DB, help="database file (default: data.db)")
    ap.add_argument("--lang", choices=["en", "zh"],
                    help="the reader's interface language (default: zh when the locale is zh_*, else en)")
    sub = ap.add_subparsers(dest="command")

    ld = sub.add_parser("load", help="load page files or folders of *.txt pages into the database")
    ld.add_argument("paths", nargs="*", help="page files or folders (default: the seed pages)")
    ld.add_argument("--db", default=argparse.SUPPRESS, help="database file (default: data.db)")
    ld.add_argument("--force", action="store_true", help="parse pages again even when unchanged")
    ld.add_argument(
        "--rebuild", action="store_true",
        help="re-create the database from scratch from the pages it recorded (and any named)",
    )
    ld.add_argument("--quiet", "-q", action="store_true", help="print only the total and failures")

    se = sub.add_parser("search", help="search titles and bodies for literal text")
    se.add_argument("query", help="text to find; several words separated by spaces must all occur")
    se.add_argument("--db", default=argparse.SUPPRESS, help="database file (default: data.db)")
    se.add_argument("--district", help="only articles of this district (e.g. 璧山)")
    se.add_argument("--order", choices=["newest", "relevance"], default="newest")
    se.add_argument("--limit", type=int, default=20, help="results to print (default 20)")
    se.add_argument("--json", action="store_true", help="one JSON object per result")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "load":
            from .load import run_load

            return run_load(args)
        if args.command == "search":
            from .search import run_search

            return run_search(args)
        return run_reader(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `cqdaily search … | head`: the reader of our output went away; that is fine.
        sys.stderr.close()
        return 0


def run_reader(args: argparse.Namespace) -> int:
    from .load import ensure_seeds_loaded

    code = ensure_seeds_loaded(args.db)
    if code:
        return code
    from ..db.store import check_readable, upgrade_in_place

    problem = check_readable(args.db)
    if problem and upgrade_in_place(args.db):  # written by an older cqdaily: upgraded once
        problem = check_readable(args.db)
    if problem:
        print(f"cqdaily: {problem}", file=sys.stderr)
        return 1
    from ..reader.app import run_app

    return run_app(args.db, getattr(args, "lang", None))
