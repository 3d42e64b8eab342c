"""Page text -> articles: the loader's parsing stage, one entry point.

    decode (bytes -> text) -> normalise (text -> elements) -> segment (elements -> articles)

Importing this package costs nothing: the stages (and jieba, which column joining uses) load
on the first call. The reader never imports it.
"""
from __future__ import annotations

from typing import NamedTuple


class ParsedPage(NamedTuple):
    page: object  # normalise.Page: format, elements, date, page number, furniture
    articles: list  # segment.Article, in reading order
    warnings: list[str]


def parse_page(data: bytes | str) -> ParsedPage:
    """Bytes (or text) of one page -> its articles. Raises decode.DecodeError for non-pages."""
    from .decode import decode, text_digest
    from .normalise import normalise
    from .onepage import drop_repeated_items, several_pages
    from .segment import segment

    # Text goes through decode too: control characters are stripped whatever the source.
    decoded = decode(data if isinstance(data, bytes) else data.encode("utf-8"))
    page = normalise(decoded.text)
    page.text_sha256 = text_digest(decoded.text)
    articles, repeated = drop_repeated_items(segment(page))
    warnings = list(decoded.warnings) + page.warnings + several_pages(decoded.text)
    if repeated:
        warnings.append(f"{repeated} item(s) printed again word for word: stored once")
    if not articles:
        warnings.append("no article found on the page")
    return ParsedPage(page, articles, warnings)
