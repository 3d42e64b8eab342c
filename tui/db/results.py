"""What a search gives back: the matching articles with their hits marked in a snippet. Its own
module so that both ways of searching (literal text, pinyin) fill it without importing each other."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import dates


@dataclass
class Hit:
    id: int
    title: str | None
    district: str
    page_date: str | None
    kind: str
    hits: int  # occurrences of the query words in the article
    snippet: str
    spans: list[tuple[int, int]]  # hit offsets inside snippet
    in_title: bool = False
    via: str = ""  # "pinyin" when the article matched the query read as pinyin


@dataclass
class SearchResult:
    query: str
    words: list[str]
    total: int  # matching articles (within the district, if one is given)
    by_district: dict[str, int] = field(default_factory=dict)  # matching articles per district
    hits: list[Hit] = field(default_factory=list)
    when: dates.Range | None = None  # the days searched, from date: words and since/until
    pinyin: str | None = None  # how the query was read as pinyin, when it matched that way
    error: str | None = None  # what is wrong with the query (a date that is not one)
