"""The element model: what normalising a page yields, element by element."""
from __future__ import annotations

from dataclasses import dataclass, field

PARA, HEAD, LABEL, CREDIT, FURNITURE = "para", "head", "label", "credit", "furniture"


MAX_HEAD = 60  # characters: no headline is longer


@dataclass
class Element:
    kind: str
    text: str
    line: int  # 1-based line of the page where it starts
    level: int = 0  # Markdown heading level, 0 for none
    district: str | None = None  # for labels, and heads with a glued label
    first_width: int = 0  # width of the first printed line, to tell indented starts
    second_width: int = 0  # width of the second printed line (0 for a one-line paragraph)
    first_hangs: bool = False  # the first line ends in punctuation that may hang past the measure
    first_raw: int = 0  # width of the first line as printed, whatever follows it
    first_len: int = 0  # characters of text from the first printed line
    last_width: int = 0
    nlines: int = 1
    column: int = 0  # the column width the element was measured against
    measured: int = 0  # the column its block's own lines measure (0: too few lines to tell)
    end_measured: int = 0  # the same for the block it ends in (a joined paragraph)
    complete: bool = True  # paragraphs: ends a sentence
    head_score: float = -10.0  # a one-line unit's headline score (classify.head_score)
    maybe_head: bool = False  # a one-line paragraph start that may be a headline instead
    section: bool = False  # a section heading inside a story ("谋篇 旗怎么举？号怎么吹？")

    @property
    def indented(self) -> bool:
        """First line starts short of the column, as a paragraph's first line does: compared
        with the line under it where there is one (half-width digits make lines vary)."""
        if self.column <= 0:
            return False
        ref = self.column if self.nlines < 3 else min(self.column, self.second_width + 1)
        # Punctuation hangs only past the measure: it counts unless the line is over-full.
        hang = 2 if self.first_hangs and self.first_width > self.column else 0
        return self.first_width - hang <= ref - 3


@dataclass
class Page:
    format: str  # "wrapped" or "markdown"
    elements: list[Element]
    date: str | None = None
    number: int | None = None
    furniture: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    text_sha256: str = ""  # of the decoded text (decode.text_digest): set by parse_page
