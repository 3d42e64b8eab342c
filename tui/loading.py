"""Load page files into the database: find, decode, normalise, segment, store; report per page."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .cjk import count_cjk
from .interrupts import HeldInterrupt
from . import workers
from .db import batch, files, store
from .parse import parse_page
from .parse.decode import DecodeError


@dataclass
class PageResult:
    path: str
    ok: bool
    items: int = 0
    skipped: bool = False  # unchanged since the last load
    duplicate_of: str = ""  # the stored page with the same bytes (this one was not stored)
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
            before = len(files)
            for root, dirs, names in os.walk(p, followlinks=False):
                dirs.sort()
                for name in sorted(names):
                    if name.lower().endswith(".txt"):
                        files.append(Path(root) / name)
            if len(files) == before:  # named to be loaded, it holds nothing: say so, as for a missing path
                problems.append(PageResult(str(p), False, reason="no *.txt page files in this folder"))
        elif p.exists():
            files.append(p)
        elif p.is_symlink():
            problems.append(PageResult(str(p), False, reason="broken symbolic link"))
        else:
            problems.append(PageResult(str(p), False, reason="no such file or folder"))
    unique = []
    for f in files:
        key = os.path.realpath(f)
        if key in seen:
            continue
        seen.add(key)
        if _utf8(key):
            unique.append(f)
        else:  # bytes that are not UTF-8 (a GBK name): neither stored nor printed as text
            problems.append(PageResult(str(f), False, reason="the file name is not valid UTF-8: rename it"))
    return unique, problems


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # os.fsdecode kept the undecodable bytes as lone surrogates
        return False
    return True


# A page that yields suspiciously little is loaded, with a warning: a long page read as one
# article, or articles that hold a small part of the page's Chinese text.
LONG_PAGE = 4000  # Chinese characters: a page this long holds several articles
MIN_KEPT_SHARE = 0.5  # of the page's Chinese characters, found again in its articles


def _chinese(text: str | None) -> int:
    return count_cjk(text or "")


def yield_warning(page, articles: list) -> str | None:
    """A warning when the articles found hold too little of the page (its elements), else None.
    (No article at all is parse_page's own warning.)"""
    if not articles:
        return None
    # Counted over the texts joined: one pass of count_cjk's regex, not one per element. Text
    # printed twice counts once (a page run on after a copy of itself: onepage.py says so).
    on_page = _chinese("".join(dict.fromkeys(e.text for e in page.elements)))
    kept = _chinese("".join(f"{a.title or ''}{a.body or ''}{''.join(a.subtitles)}" for a in articles))
    if len(articles) == 1 and on_page >= LONG_PAGE:
        return f"only 1 item from a page of {on_page:,} Chinese characters; check the page"
    if on_page and kept < MIN_KEPT_SHARE * on_page:
        return f"the items hold only {100 * kept // on_page}% of the page's Chinese text; check the page"
    return None


# A reload of a page that stores far less than the version it replaces is done (the user asked for
# it) and said: the file may have been cut short (a copy interrupted, a disk full).
SHRUNK_SHARE = 0.5  # of the stored version's text, or of its items
SHRUNK_ITEMS = 3  # items fewer at least, for the item count alone to tell (6 -> 3, not 2 -> 1)


def shrink_warning(before: tuple[int, int] | None, articles: list) -> str | None:
    """A warning when the page's new articles hold far less than the stored ones (items, chars)."""
    if before is None:
        return None
    items, chars = before
    now_items, now_chars = len(articles), sum(len(p) for a in articles for p in a.paragraphs)
    fewer_items = now_items < SHRUNK_SHARE * items and items - now_items >= SHRUNK_ITEMS
    if now_chars >= SHRUNK_SHARE * chars and not fewer_items:
        return None
    return (f"now {now_items} items, was {items} ({now_chars:,} characters of text, was {chars:,}): "
            f"the file may be truncated")


@dataclass
class _Parsed:
    """What a worker hands back for one file: all the CPU work done, nothing written."""
    path: str
    sha: str = ""
    record: store.PageRecord | None = None  # the page's fields (not the parsed page: less to pickle)
    articles: list = field(default_factory=list)
    counts: list = field(default_factory=list)  # keyword term counts per article
    warnings: list = field(default_factory=list)
    error: str = ""


def _read(path: Path) -> tuple[bytes | None, str]:
    try:
        return path.read_bytes(), ""
    except PermissionError:
        return None, "permission denied"
    except IsADirectoryError:
        return None, "is a folder"
    except OSError as err:
        return None, err.strerror or str(err)


def _parse_file(path: str, known_sha: str | None = None) -> _Parsed:
    from .parse import keywords

    data, error = _read(Path(path))
    if data is None:
        return _Parsed(path, error=error)
    sha = hashlib.sha256(data).hexdigest()
    if sha == known_sha:
        return _Parsed(path, sha=sha)  # unchanged: nothing to parse
    try:
        page, articles, warnings = parse_page(data)
        small = yield_warning(page, articles)
        if small:
            warnings = [*warnings, small]
        counts = [keywords.terms(store.article_text(a)) for a in articles]
        prepared = store.prepare(articles, counts)
        for a in articles:
            a.drop_working_state()
    except DecodeError as err:
        return _Parsed(path, sha=sha, error=str(err))
    except RecursionError:
        return _Parsed(path, sha=sha, error="page too deeply nested to parse")
    except Exception as err:  # a bug on one page must not stop the batch
        return _Parsed(path, sha=sha, error=f"internal error: {type(err).__name__}: {err}")
    record = store.PageRecord(
        path=os.path.realpath(path), sha256=sha, date=page.date, number=page.number,
        format=page.format, warnings=warnings, furniture=page.furniture, text_sha256=page.text_sha256,
    )
    return _Parsed(path, sha, record, articles, prepared, warnings)


def _store(db, parsed: _Parsed, known_sha: str | None, later: batch.Later | None = None) -> PageResult:
    if parsed.error:
        return PageResult(parsed.path, False, reason=parsed.error)
    if parsed.record is None and parsed.sha == known_sha:
        return PageResult(parsed.path, True, skipped=True)
    duplicate = store.duplicate_of(db, parsed.sha, parsed.record.path, parsed.record.text_sha256)
    if duplicate:
        if known_sha is not None:  # this path held other text before: that version is gone
            store.delete_page(db, parsed.record.path)
        return PageResult(parsed.path, True, duplicate_of=duplicate)
    shrunk = shrink_warning(store.stored_size(db, parsed.record.path), parsed.articles)
    if shrunk:
        parsed.warnings = [*parsed.warnings, shrunk]
        parsed.record.warnings = parsed.warnings
    n = store.save_page(db, parsed.record, parsed.articles, parsed.counts, later)
    return PageResult(parsed.path, True, items=n, warnings=parsed.warnings)


class _Writer:
    """Stores parsed pages in batches and reports each page once its batch is committed."""

    def __init__(self, db, results: list[PageResult], on_page: Callable[[PageResult], None] | None):
        self.db, self.results, self.on_page = db, results, on_page
        self.batch = batch.PageBatch(db)
        self.pending: list[PageResult] = []

    def store(self, parsed: _Parsed, known_sha: str | None) -> None:
        with HeldInterrupt():  # the page and what its batch notes of it, whole
            self.batch.begin()
            try:
                r = _store(self.db, parsed, known_sha, self.batch.later)
            except store.StoreError:
                raise
            except Exception as err:  # one bad page must not stop the load
                r = PageResult(parsed.path, False, reason=f"internal error: {type(err).__name__}: {err}")
            self.pending.append(r)
        if self.batch.stored() or not self.batch.conn.in_transaction:  # full, or lost to an error
            self.commit()

    def commit(self) -> None:
        with HeldInterrupt():  # committed pages are reported
            pending, self.pending = self.pending, []
            error = self.batch.commit()
            for r in pending:
                if error and r.ok and not r.skipped:
                    r = PageResult(r.path, False, reason=error)
                self.results.append(r)
                if self.on_page:
                    self.on_page(r)


def _parse_one(path: str, known: str | None) -> _Parsed:
    # What the workers run: _parse_file looked up when called (tests put another in its place).
    return _parse_file(path, known)


def _failed(path: str, reason: str) -> _Parsed:
    return _Parsed(path, error=reason)


def load(
    paths: Iterable[str], db_path: str, force: bool = False,
    on_page: Callable[[PageResult], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> list[PageResult]:
    """Load every page; parsing runs in worker processes when there are many, while this
    process writes the pages in order, each whole or not at all, in batches (db/batch.py).
    A page is reported once its batch is committed. When stop() says so (after a page is
    stored), the batch in hand is committed and the rest left for another load."""
    found, results = find_pages(paths)
    for r in results:
        if on_page:
            on_page(r)
    db = files.open_db(db_path)
    if on_start:
        on_start(len(found))
    stored = [store.page_sha(db, os.path.realpath(f)) for f in found]
    known = [None if force else k for k in stored]
    n_workers = workers.count(len(found))
    pool = workers.Workers(n_workers) if n_workers else None
    writer = _Writer(db, results, on_page)
    if pool is not None:
        from .parse import keywords, wordcut

        # Loaded once here, before the fork, so that the workers inherit them. pypinyin (0.15 s,
        # for the pinyin rows, written here) loads while the workers start on the first pages.
        keywords.jieba_idf()
        wordcut.has_word("重庆")
        pool.start()
        parsed_iter = pool.results(_parse_one, [str(f) for f in found], known, _failed,
                                   writer.batch.time_left, writer.commit)
    else:
        parsed_iter = (_parse_file(str(f), k) for f, k in zip(found, known))
    finished = False
    try:
        for parsed, k in zip(parsed_iter, stored):
            writer.store(parsed, k)
            if stop is not None and stop():
                break
        else:
            finished = True
    finally:
        if pool is not None:
            pool.stop(now=not finished)
        writer.commit()  # the pages stored whole so far, also when a page or the user stopped the load
        _catch_up(db.conn)
        db.conn.close()
    return results


def _catch_up(conn) -> None:
    """The keyword postings and pinyin trigrams of the pages just stored, in one sorted pass
    (derived.catch_up); if that fails, the next load does it."""
    import sqlite3

    from .db import derived

    try:
        derived.catch_up(conn)
    except sqlite3.Error:
        pass


def seeds_changed(db_path: str, seeds: Path) -> bool:
    """Whether any example page is missing from the database or differs from what it holds."""
    from .db.connection import connect

    try:
        conn = connect(db_path, readonly=True)
        try:
            known = dict(conn.execute("SELECT path, sha256 FROM pages").fetchall())
        finally:
            conn.close()
    except Exception:
        return False  # the reader reports what is wrong with the database
    for f in sorted(seeds.glob("*.txt")):
        if known.get(os.path.realpath(f)) != hashlib.sha256(f.read_bytes()).hexdigest():
            return True
    return False
