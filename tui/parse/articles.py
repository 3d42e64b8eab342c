"""The article model the segmenter fills, and the clusters of headlines it meets."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import gazetteer
from . import bylines
from .model import Element

BOX = re.compile(r"^[■□●◆▲◎]+\s*")


@dataclass
class Article:
    paragraphs: list[str] = field(default_factory=list)
    subheads: list[str] = field(default_factory=list)
    byline: str | None = None
    title: str | None = None
    subtitles: list[str] = field(default_factory=list)
    district: str = gazetteer.CITY
    kind: str = "article"
    continued: bool = False  # the rest of a story begun on another page ("（上接第1版）")
    line: int = 0  # page line of the first paragraph: reading order on the page
    # Working state for the segmenter.
    heads: list[tuple[Element, str]] = field(default_factory=list)  # (head, where: lead/trail/far)
    labels: list[str] = field(default_factory=list)
    top_credit: bool = False
    closed: bool = False
    para_lines: list[int] = field(default_factory=list)
    section_heads: list[tuple[int, Element]] = field(default_factory=list)  # (paragraph index, heading)
    lead_head: Element | None = None  # the headline printed right above the body's first line
    body_start: int = 0  # index in paragraphs where the body found in place starts
    _mentions: tuple | None = field(default=None, repr=False, compare=False)

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)

    def drop_working_state(self) -> None:
        """Forget what only the segmenter needs (less to send from a worker process)."""
        self.heads, self.labels, self.para_lines, self.section_heads = [], [], [], []
        self.lead_head, self._mentions = None, None


CAPTION_PARAGRAPHS = 2  # a caption under a picture runs a paragraph or two, with no sections


def is_photo(a: Article) -> bool:
    """A picture with its caption: a photo credit ("…摄", "供图") under a caption-sized text."""
    return bylines.is_photo_credit(a.byline) and len(a.paragraphs) <= CAPTION_PARAGRAPHS and not a.subheads


@dataclass
class Cluster:
    items: list[Element]
    before: int | None  # index of the article just before it, None at the page top
    after: int | None  # index of the article right after it
    attached: bool = False  # printed directly above the next paragraph, no blank line


WINDOW = 12  # articles on either side of a cluster that its headlines may belong to


def near(articles: list[Article], c: Cluster):
    """The articles a cluster's headlines may go to: all on a normal page, the nearby ones on
    a huge one (a page of thousands of items must not cost thousands squared)."""
    at = c.after if c.after is not None else (c.before or 0)
    lo, hi = max(0, at - WINDOW), min(len(articles), at + WINDOW + 1)
    return ((i, articles[i]) for i in range(lo, hi))
