"""jieba's IDF table (how rare each word is in Chinese at large), read from jieba's data file
without importing jieba (0.5 s), and kept in the user's cache as a marshal file.

Reading the text file took 0.14 s of every `cqdaily load` before the first page could be parsed
(the workers are forked with the table in memory); the marshal copy loads in 0.06 s. The copy is
named after the data file's path, size and modification time, so a new jieba is read afresh; it
is written beside its final name and renamed, so two loads at once never read half a file; the
KEEP newest copies are kept. A cache that cannot be read or written is skipped: the text file is
always enough.
"""
from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import time
from pathlib import Path

DEFAULT_MEDIAN = 10.0  # with no table at all (jieba without its data file)


def data_file() -> str | None:
    spec = importlib.util.find_spec("jieba")
    if not (spec and spec.origin):
        return None
    path = os.path.join(os.path.dirname(spec.origin), "analyse", "idf.txt")
    return path if os.path.exists(path) else None


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/cqdaily, or ~/.cache/cqdaily (a relative XDG_CACHE_HOME is ignored)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / "cqdaily"


def _cache_file(path: str) -> Path:
    st = os.stat(path)
    key = f"{os.path.realpath(path)}\0{st.st_size}\0{st.st_mtime_ns}\0{marshal.version}"
    return cache_dir() / f"jieba-idf-{hashlib.sha256(key.encode()).hexdigest()[:16]}.marshal"


def parse(text: str) -> dict[str, float]:
    parts = text.split()
    try:  # "word value" on every line: read all at once (twice as fast as line by line)
        return dict(zip(parts[0::2], map(float, parts[1::2])))
    except ValueError:  # a line without a value put a word where a number should be
        table = {}
        for line in text.splitlines():
            word, _, value = line.strip().partition(" ")
            if value:
                table[word] = float(value)
        return table


def _median(table: dict[str, float]) -> float:
    values = sorted(table.values())
    return values[len(values) // 2] if values else DEFAULT_MEDIAN


def _from_cache(cache: Path) -> tuple[dict[str, float], float] | None:
    try:
        table, median = marshal.loads(cache.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not isinstance(table, dict) or not isinstance(median, float):
        return None
    return table, median


KEEP = 3  # copies kept (one per jieba install in use); older ones are removed
STALE_PART = 24 * 3600  # seconds after which a half-written copy (a killed load's) is removed


def _to_cache(cache: Path, table: dict[str, float], median: float) -> None:
    tmp = cache.with_name(f".{cache.name}.{os.getpid()}.part")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(marshal.dumps((table, median)))
        os.replace(tmp, cache)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
        return
    _prune(cache.parent)


def _prune(folder: Path) -> None:
    """Only files of the names this module gives: the copies beyond the KEEP newest, and
    half-written ones left by a load that was killed."""
    def age(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0

    copies = sorted(folder.glob("jieba-idf-*.marshal"), key=age, reverse=True)
    parts = [p for p in folder.glob(".jieba-idf-*.marshal.*.part") if time.time() - age(p) > STALE_PART]
    for old in copies[KEEP:] + parts:
        try:
            old.unlink()
        except OSError:
            pass


def load() -> tuple[dict[str, float], float]:
    """The table (word -> IDF) and its median (what an unknown word gets)."""
    path = data_file()
    if path is None:
        return {}, DEFAULT_MEDIAN
    cache = _cache_file(path)
    cached = _from_cache(cache)
    if cached is not None:
        return cached
    with open(path, encoding="utf-8") as fh:
        table = parse(fh.read())
    median = _median(table)
    _to_cache(cache, table, median)
    return table, median
