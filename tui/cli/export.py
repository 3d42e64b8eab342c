"""`cqdaily export`: the selected articles as JSON lines, CSV or Markdown, to stdout or a file.

A file is written beside its target under a temporary name and renamed when complete, so an
interrupted export leaves nothing half-written; an existing file is replaced only with --force.
"""
from __future__ import annotations

import argparse
import os
import sys

from ..db import dates, export, query
from .names import printable


def _fail(message: str, code: int = 1) -> int:
    print(f"cqdaily export: {printable(message)}", file=sys.stderr)
    return code


def _check_target(path: str, force: bool) -> str | None:
    if os.path.isdir(path):
        return f"{path} is a folder; name a file with -o"
    if os.path.lexists(path) and not force:
        return f"{path} exists; choose another name, or add --force to replace it"
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        return f"no folder {folder}"
    if not os.access(folder, os.W_OK):
        return f"cannot write in {folder}"
    return None


def _to_file(rows, fmt: str, path: str) -> int:
    from ..newfile import write_beside

    return write_beside(path, lambda out: export.write(rows, fmt, out), newline="")


def run_export(args: argparse.Namespace, db_path: str, parser: argparse.ArgumentParser) -> int:
    from ..db.files import check_readable
    from .search import _district

    if args.query is not None and not args.query.split():
        parser.error(export.EMPTY_QUERY)  # as `cqdaily search ''` does: a usage error, exit 2
    unreadable = check_readable(db_path)
    if unreadable:
        return _fail(unreadable)
    district, problem = _district(args.district)
    if problem:
        print(problem.replace("cqdaily search", "cqdaily export"), file=sys.stderr)
        return 2
    problem = _check_target(args.output, args.force) if args.output else None
    if problem:
        return _fail(problem)
    conn = query.connect(db_path)
    sel = export.Selection(district, args.since, args.until, args.query, args.starred)
    rows = export.records(conn, sel)
    try:
        first = next(rows, None)  # a bad date or selection fails here, before any file is made
    except (dates.DateError, ValueError) as err:
        return _fail(str(err), 2)
    stream = iter([first] if first is not None else [])
    rows = _chain(stream, rows)
    if args.output:
        n = _to_file(rows, args.format, args.output)
        print(f"{n} article{'s' if n != 1 else ''} exported to {printable(args.output)}", file=sys.stderr)
    else:
        export.write(rows, args.format, sys.stdout)
    return 0


def _chain(*its):
    for it in its:
        yield from it
