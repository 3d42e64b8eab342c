"""Load page files into the database: find, decode, normalise, segment, store; report per page."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from . import store
from .decode import DecodeError, decode
from .normalise import normalise
from .segment import Article, segment


@dataclass
class PageResult:
    path: str
    ok: bool
    items: int = 0
    skipped: bool = False  # unchanged since the last load
    reason: str = ""
    warnings: list[str] = field(default_factory=list)


def find_pages(paths: Iterable[str]) -> tuple[list[Path], list[PageResult]]:
    """Files named, and every *.txt below folders named; problems found on the way as results."""
    files: list[Path] = []
    problems: list[PageResult] = []
    seen: set[str] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for root, dirs, names in os.walk(p, followlinks=False):
                dirs.sort()
                for name in sorted(names):
                    if name.lower().endswith(".txt"):
                        files.append(Path(root) / name)
        elif p.exists():
            files.append(p)
        elif p.is_symlink():
            problems.append(PageResult(str(p), False, reason="broken symbolic link"))
        else:
            problems.append(PageResult(str(p), False, reason="no such file or folder"))
    unique = []
    for f in files:
        key = os.path.realpath(f)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, problems


def parse_page(data: bytes) -> tuple[object, list[Article], list[str]]:
    """Bytes of one page -> (page, articles, warnings). Raises DecodeError for non-pages."""
    decoded = decode(data)
    page = normalise(decoded.text)
    articles = segment(page)
    warnings = decoded.warnings + page.warnings
    if not articles:
        warnings.append("no article found on the page")
    return page, articles, warnings


def load_file(db, path: Path, force: bool = False) -> PageResult:
    try:
        data = path.read_bytes()
    except PermissionError:
        return PageResult(str(path), False, reason="permission denied")
    except IsADirectoryError:
        return PageResult(str(path), False, reason="is a folder")
    except OSError as err:
        return PageResult(str(path), False, reason=err.strerror or str(err))
    sha = hashlib.sha256(data).hexdigest()
    source = path.name
    if not force and store.page_sha(db, source) == sha:
        return PageResult(str(path), True, skipped=True)
    try:
        page, articles, warnings = parse_page(data)
    except DecodeError as err:
        return PageResult(str(path), False, reason=str(err))
    except RecursionError:
        return PageResult(str(path), False, reason="page too deeply nested to parse")
    record = store.PageRecord(
        source=source, path=str(path), sha256=sha, date=page.date, number=page.number,
        format=page.format, warnings=warnings, furniture=page.furniture,
    )
    n = store.save_page(db, record, articles)
    return PageResult(str(path), True, items=n, warnings=warnings)


def load(
    paths: Iterable[str], db_path: str, force: bool = False,
    on_page: Callable[[PageResult], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> list[PageResult]:
    files, results = find_pages(paths)
    for r in results:
        if on_page:
            on_page(r)
    db = store.open_db(db_path)
    if on_start:
        on_start(len(files))
    for f in files:
        try:
            r = load_file(db, f, force=force)
        except store.StoreError:
            raise
        except Exception as err:  # one bad page must not stop the batch
            r = PageResult(str(f), False, reason=f"internal error: {type(err).__name__}: {err}")
        results.append(r)
        if on_page:
            on_page(r)
    return results
