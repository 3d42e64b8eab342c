"""The cqdaily command: a thin layer over the library. Heavy imports wait until a command needs them."""
from __future__ import annotations

import argparse
import os
import sys

from .. import paths

DB_HELP = "database file (default: the project's data.db, or ~/.local/share/cqdaily/data.db)"


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="cqdaily",
        description="Read the district pages of Chongqing Daily in the terminal.",
    )
    ap.add_argument("--db", default=None, help=DB_HELP)
    ap.add_argument("--lang", choices=["en", "zh"],
                    help="the reader's interface language (default: zh when the locale is zh_*, else en)")
    sub = ap.add_subparsers(dest="command")

    ld = sub.add_parser("load", help="load page files or folders of *.txt pages into the database")
    ld.add_argument("paths", nargs="*", help="page files or folders (default: the seed pages)")
    ld.add_argument("--db", default=argparse.SUPPRESS, help=DB_HELP)
    ld.add_argument("--force", action="store_true", help="parse pages again even when unchanged")
    ld.add_argument(
        "--rebuild", action="store_true",
        help="re-create the database from the pages it recorded (and any named), beside it; "
             "swapped in only when every page loaded",
    )
    ld.add_argument("--quiet", "-q", action="store_true", help="print only the total and failures")

    se = sub.add_parser("search", help="search titles and bodies for literal text")
    se.add_argument("query", help="text to find; several words separated by spaces must all occur")
    se.add_argument("--db", default=argparse.SUPPRESS, help=DB_HELP)
    se.add_argument("--district", help="only articles of this district (璧山, 璧山区 or bishan)")
    se.add_argument("--order", choices=["newest", "relevance"], default="newest")
    se.add_argument("--limit", type=_positive, default=20, help="results to print (default 20)")
    se.add_argument("--json", action="store_true", help="one JSON object per result")
    se.add_argument("--since", metavar="DATE", help="only pages of this day or later (2020, 2020-12 or 2020-12-07)")
    se.add_argument("--until", metavar="DATE", help="only pages of this day or earlier (a month means its last day)")
    ap.set_defaults(command_parser=None)
    se.set_defaults(command_parser=se)  # usage errors found after parsing name the command
    _export_parser(sub)
    return ap


def _export_parser(sub) -> None:
    ex = sub.add_parser("export", help="write the selected articles with all their fields (jsonl, csv or md)")
    ex.add_argument("--db", default=argparse.SUPPRESS, help=DB_HELP)
    ex.add_argument("--format", choices=["md", "jsonl", "csv"], required=True)
    ex.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: standard output)")
    ex.add_argument("--force", action="store_true", help="replace FILE if it exists")
    ex.add_argument("--district", help="only articles of this district (璧山, 璧山区 or bishan)")
    ex.add_argument("--since", metavar="DATE", help="only pages of this day or later (2020, 2020-12 or 2020-12-07)")
    ex.add_argument("--until", metavar="DATE", help="only pages of this day or earlier")
    ex.add_argument("--query", "-q", help="only articles matching this search (as in cqdaily search)")
    ex.add_argument("--starred", action="store_true", help="only the articles starred in the reader")
    ex.set_defaults(command_parser=ex)


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if n <= 0:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {n}")
    return n


def entry() -> None:
    """The console command: main(), then, after a load, an exit that skips tearing down the
    word tables of jieba and pypinyin (millions of objects, 0.1-0.2 s of every `cqdaily load`).
    Everything is written and closed by then; only the output streams need flushing."""
    global _fast_exit
    _fast_exit = False
    code = main()
    if _fast_exit:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


_fast_exit = False  # set by main() when the command was a load


def main(argv: list[str] | None = None) -> int:
    global _fast_exit
    ap = _parser()
    args = ap.parse_args(argv)
    # None: the default database, the one the example pages are loaded into.
    db_path = args.db if args.db is not None else paths.default_db()
    try:
        if args.command == "load":
            from .load import run_load

            if args.db is None:
                os.makedirs(os.path.dirname(db_path), exist_ok=True)
            _fast_exit = True
            return run_load(args, db_path)
        if args.command == "export":
            from .export import run_export

            return run_export(args, db_path, args.command_parser)
        if args.command == "search":
            from .search import run_search

            return run_search(args, db_path, args.command_parser)
        return run_reader(db_path, default=args.db is None, lang=args.lang)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `cqdaily search … | head`: the reader of our output went away; that is fine.
        sys.stderr.close()
        return 0


def run_reader(db_path: str, default: bool, lang: str | None = None) -> int:
    """Open the reader. Only the default database is built or refreshed from the example pages;
    a database named with --db is only read (an older one is upgraded once, said first)."""
    if default:
        from .load import ensure_seeds_loaded

        code = ensure_seeds_loaded(db_path)
        if code:
            return code
    from ..db.files import check_readable, upgrade_in_place

    problem = check_readable(db_path)
    if problem and upgrade_in_place(db_path):  # written by an older cqdaily: upgraded once
        problem = check_readable(db_path)
    if problem:
        from .names import printable

        print(f"cqdaily: {printable(problem)}", file=sys.stderr)
        return 1
    from ..reader.app import run_app

    return run_app(db_path, lang)
