"""The article pane: headline, kickers, a meta line, paragraphs; hits and keywords highlighted.

Text is laid out here (textlayout.wrap) at a reading measure of about 40 CJK characters, centred
in wide terminals, and built as rich Text with styled spans: nothing from the database is ever
parsed as markup.
"""
from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widget import Widget

from ..db import query
from . import keys
from .i18n import tr
from .relatedlist import RelatedList
from .textlayout import cell_len, wrap

MEASURE = 80  # cells: about 40 Chinese characters a line


@dataclass
class Block:
    """A run of text laid out as one unit: its kind styles it."""
    kind: str  # title, untitled, subtitle, meta, subhead, para
    text: str
    offset: int  # where this text starts in the article's flat text (for hit positions); -1: not searched


class ArticleBody(Widget):
    """The laid-out article. Lines are made for the current width on every resize."""

    COMPONENT_CLASSES = {
        "article--title", "article--untitled", "article--subtitle", "article--meta", "article--subhead",
        "article--hit", "article--hit-current", "article--keyword", "article--empty",
    }
    DEFAULT_CSS = """
    ArticleBody { height: auto; width: 1fr; padding: 0 2; }
    ArticleBody > .article--title { text-style: bold; color: $text; }
    ArticleBody > .article--untitled { color: $text-muted; text-style: bold italic; }
    ArticleBody > .article--subtitle { color: $text-muted; text-style: italic; }
    ArticleBody > .article--meta { color: $text-muted; }
    ArticleBody > .article--subhead { text-style: bold; color: $accent; }
    ArticleBody > .article--hit { background: $warning 40%; }
    ArticleBody > .article--hit-current { background: $warning; color: $text; text-style: bold; }
    ArticleBody > .article--keyword { text-style: underline; color: $secondary; }
    ArticleBody > .article--empty { color: $text-muted; text-style: italic; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.article: query.Article | None = None
        self.blocks: list[Block] = []
        self.flat = ""  # all blocks' text, one after another, searched for hits
        self.words: list[str] = []
        self.hits: list[tuple[int, int]] = []  # in flat
        self.current = -1
        self.keywords_on = True
        self.hit_lines: list[int] = []  # line of each hit in the last layout
        self._lines: list[Text] = []
        self._laid_for = -1

    # -- content -------------------------------------------------------------------------------

    def show(self, article: query.Article | None, words: list[str]) -> None:
        self.article = article
        self.blocks = self._blocks(article) if article else []
        # What search reads (title, sub-headlines, body), one block a line so that no word is
        # found across two of them: the hits here are those the list counts.
        self.flat = "\n".join(b.text for b in self.blocks if b.offset >= 0)
        self.set_words(words)

    def set_words(self, words: list[str]) -> None:
        self.words = list(words)
        self.hits = query.find_spans(self.flat, self.words) if self.words else []
        self.current = 0 if self.hits else -1
        self._relayout()

    def _blocks(self, a: query.Article) -> list[Block]:
        blocks: list[Block] = []
        offset = 0

        def add(kind: str, text: str, searched: bool = True) -> None:
            nonlocal offset
            blocks.append(Block(kind, text, offset if searched else -1))
            offset += len(text) + 1 if searched else 0

        if a.title:
            add("title", a.title)
        else:
            add("untitled", tr("(continued)") if a.continued else tr("(untitled)"), searched=False)
        for line in (a.subtitle or "").split("\n"):
            if line.strip():
                add("subtitle", line)
        meta = " · ".join(filter(None, [
            a.district, a.page_date, tr("page {n}", n=a.page_no) if a.page_no else None, a.byline,
            tr("photo") if a.kind == "photo" else None,
            tr("continued from an earlier page") if a.continued else None,
        ]))
        add("meta", meta, searched=False)
        subheads = set(a.subheads)
        for p in (a.body or "").split("\n"):
            if p.strip():
                add("subhead" if p in subheads else "para", p)
        return blocks

    # -- layout and rendering ------------------------------------------------------------------

    def on_resize(self) -> None:
        self._relayout()

    def toggle_keywords(self) -> bool:
        self.keywords_on = not self.keywords_on
        self._relayout()
        return self.keywords_on

    def set_current(self, index: int) -> None:
        self.current = index
        self._relayout()

    def move_hit(self, step: int) -> bool:
        """Go to the next/previous hit; False when there is none that way."""
        nxt = self.current + step
        if not self.hits or not 0 <= nxt < len(self.hits):
            return False
        self.current = nxt
        self._relayout()
        return True

    def _measure(self) -> int:
        width = self.size.width or self.app.size.width
        return max(12, min(MEASURE, width))

    def _relayout(self) -> None:
        self._lines = self._layout(self._measure())
        self.refresh(layout=True)

    def _layout(self, measure: int) -> list[Text]:
        lines: list[Text] = []
        self.hit_lines = [0] * len(self.hits)
        if self.article is None:
            lines.append(Text(tr("(no article selected)"), style=self.get_component_rich_style("article--empty")))
            return lines
        style = {k: self.get_component_rich_style(f"article--{k}") for k in (
            "title", "untitled", "subtitle", "meta", "subhead", "hit", "hit-current", "keyword")}
        keywords = [k for k, _ in self.article.keywords] if self.keywords_on else []
        previous = None
        for block in self.blocks:
            if previous and (block.kind in ("para", "subhead", "meta") or previous == "meta"):
                lines.append(Text(""))
            previous = block.kind
            lines += self._block_lines(block, measure, style, keywords, len(lines))
        return lines

    def _block_lines(self, block: Block, measure: int, style: dict, keywords: list[str], first: int) -> list[Text]:
        """One block's lines, with its keywords and hits styled; notes the line of each hit."""
        indent = "　　" if block.kind == "para" else ""
        text = indent + block.text
        shift = len(indent)
        kw_spans = query.find_spans(block.text, keywords) if keywords and block.kind == "para" else []
        hits = list(enumerate(self.hits)) if block.offset >= 0 else []
        breaks = _meta_lines(text, measure) if block.kind == "meta" else wrap(text, measure)
        out = []
        for a, b in breaks:
            line = Text(text[a:b], style=style.get(block.kind, Style()), no_wrap=True, overflow="crop")
            for ka, kb in kw_spans:
                self._stylize(line, ka + shift, kb + shift, a, b, style["keyword"])
            for k, (ha, hb) in hits:
                la, lb = ha - block.offset + shift, hb - block.offset + shift
                if lb <= a or la >= b:
                    continue
                if a <= la < b:
                    self.hit_lines[k] = first + len(out)
                self._stylize(line, la, lb, a, b, style["hit-current"] if k == self.current else style["hit"])
            out.append(line)
        return out

    @staticmethod
    def _stylize(line: Text, start: int, end: int, a: int, b: int, style: Style) -> None:
        s, e = max(start, a), min(end, b)
        if s < e:
            line.stylize(style, s - a, e - a)

    def render(self) -> Text:
        measure = self._measure()
        pad = max(0, (self.size.width - measure) // 2 - 1) if self.size.width > measure + 4 else 0
        out = Text(no_wrap=True, overflow="crop")
        for i, line in enumerate(self._lines):
            if i:
                out.append("\n")
            if pad:
                out.append(" " * pad)
            out.append_text(line)
        return out

    def get_content_height(self, container, viewport, width: int) -> int:
        return max(1, len(self._lines))


def _meta_lines(text: str, measure: int) -> list[tuple[int, int]]:
    """The meta line breaks between its parts (" · "), a part longer than a line by width."""
    lines: list[tuple[int, int]] = []
    start = 0
    pos = 0
    for part in text.split(" · "):
        end = pos + len(part)
        if cell_len(text[start:end]) > measure and pos > start:
            lines.append((start, pos - 3))
            start = pos
        pos = end + 3
    tail = (start, len(text))
    if cell_len(text[start:]) > measure:
        return lines + [(start + a, start + b) for a, b in wrap(text[start:], measure)]
    return lines + [tail]


class ArticleView(VerticalScroll, can_focus=True):
    """The scrolling pane around the article, with less/vim keys."""

    BINDINGS = keys.bindings("article")
    # The gutter is kept when no scrollbar is needed, so the text does not shift a column
    # between a short article and a long one.
    DEFAULT_CSS = "ArticleView { height: 1fr; scrollbar-gutter: stable; }"
    article_id: reactive[int | None] = reactive(None)

    def compose(self):
        yield ArticleBody()
        yield RelatedList(id="related")

    @property
    def body(self) -> ArticleBody:
        return self.query_one(ArticleBody)

    def show(self, article: query.Article | None, words: list[str]) -> None:
        self.article_id = article.id if article else None
        self.body.show(article, words)
        self.scroll_home(animate=False)
        if self.body.hits:
            self.call_after_refresh(self.scroll_to_hit)

    def scroll_to_hit(self) -> None:
        body = self.body
        if body.current >= 0 and body.current < len(body.hit_lines):
            line = body.hit_lines[body.current]
            self.scroll_to(y=max(0, line - self.size.height // 3), animate=False)
