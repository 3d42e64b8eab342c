"""Elements of a page -> articles: bodies, headlines, kickers, subheads, credits, districts.

Stage two of the loader. Bodies are cut at credits (a credit ends an article, "本报讯（记者 …）"
opens one) and at clusters of headlines between paragraphs. Each headline is then given to the
article whose text shares most of its words, wherever the page printed it (headlines.py); a
district label goes to the article that names that district most (districts.py). A short body
without a credit whose text belongs to another article joins it (fragments.py).
"""
from __future__ import annotations

from .. import gazetteer
from . import bylines
from .articles import BOX, Article, Cluster, is_photo
from .classify import OWN_HEADING, TRAILING_AFTER_LEAD, district_marker, new_story_layout
from .districts import article_district, assign_labels
from .fragments import merge_fragments, split_foreign_lead
from .furniture import CONTINUED
from .headlines import assign_heads, choose_title, lead_head_to_section, overlap
from .model import CREDIT, FURNITURE, HEAD, LABEL, Element, Page


def is_boundary(cluster: list[Element], fmt: str, current: Article) -> bool:
    """Do headlines met between two paragraphs start another article, or head a section?"""
    heads = [e for e in cluster if e.kind == HEAD]
    if any(e.kind == LABEL for e in cluster):
        return True
    if fmt == "markdown":
        levels = [e.level for e in heads if e.level]
        title_level = min((h.level for h, _ in current.heads if h.level), default=None)
        if levels and title_level is not None and min(levels) <= title_level:
            return True
        return len(heads) >= 3
    if len(heads) >= 3:
        return True
    for h in heads:
        if h.district or district_marker(h.text):
            return True
    if len(heads) == 2:
        return True
    return False


TRAILING_MATCH = 0.75  # share of a headline's character pairs found in the story before it


def trailing_headline(cluster: list[Element], current: Article) -> bool:
    """A lone headline after a story that has none yet, made of that story's own words, is
    its headline printed after it (as the page often does), not a sub-heading: a sub-heading
    opens what follows and seldom repeats the text above it word for word."""
    heads = [e for e in cluster if e.kind == HEAD]
    if len(heads) != 1 or not current.paragraphs or current.lead_head is not None:
        return False
    # A story opened by its dateline credit and no headline has its headline printed after it.
    need = TRAILING_AFTER_LEAD if current.top_credit else TRAILING_MATCH
    return overlap(BOX.sub("", heads[0].text), current.body) >= need


def foreign_district(cluster: list[Element], current: Article) -> bool:
    """A heading led by a district's name that the story going on never names ("石柱冷水镇…" in
    a story about 城口) heads another story: a section is led by its own story's district. In
    a story naming no district, a labelled heading ("璧山经验：…", not "璧山：…") may still be
    its section."""
    for h in cluster:
        if h.kind == HEAD and current.paragraphs:
            text = BOX.sub("", h.text)
            d = gazetteer.leading(text)
            if d:
                named = gazetteer.mentions(current.body)
                if d not in named and (named or "：" not in text or district_marker(text)):
                    return True
    return False


def opening_sections(cluster: list[Element], fmt: str) -> tuple[int, list[str]]:
    """Headings at the end of a cluster that open the story's first section, not its title:
    section heads ("谋篇 …"), and in Markdown the deeper headings after the title, each with
    the plain line printed just above it ("下好“先手棋”" + "## 制度创新引导科技创新")."""
    k = len(cluster)
    while k > 0 and cluster[k - 1].kind == HEAD and cluster[k - 1].section:
        k -= 1
    if fmt == "markdown":
        levels = [e.level for e in cluster if e.kind == HEAD and e.level]
        if levels:
            top = min(levels)
            first_top = next(i for i, e in enumerate(cluster) if e.kind == HEAD and e.level == top)
            deeper = [i for i, e in enumerate(cluster) if i > first_top and e.kind == HEAD and e.level > top]
            if deeper:
                start = deeper[0]
                if start - 1 > first_top and cluster[start - 1].kind == HEAD and not cluster[start - 1].level:
                    start -= 1
                k = min(k, start)
    texts: list[str] = []
    for e in cluster[k:]:
        text = BOX.sub("", e.text)
        if texts and not e.section and e.level and texts[-1] and not _was_level(cluster, texts[-1]):
            texts[-1] = f"{texts[-1]} {text}"
        else:
            texts.append(text)
    return k, texts


def _in_body_heads(pending: list[Element], fmt: str) -> list[tuple[Element, str]]:
    """Sub-headings met inside a story, each with its text. In Markdown a plain line printed
    right above a "## " heading is that heading's first half ("专人巡河" + "## 一段一人"), as
    at a story's opening (opening_sections)."""
    out: list[tuple[Element, str]] = []
    for h in pending:
        text = BOX.sub("", h.text)
        if (fmt == "markdown" and out and h.kind == HEAD and h.level and out[-1][0].kind == HEAD
                and not out[-1][0].level):
            out[-1] = (out[-1][0], f"{out[-1][1]} {text}")
            continue
        out.append((h, text))
    return out


def _was_level(cluster: list[Element], text: str) -> bool:
    return any(e.level and BOX.sub("", e.text) == text for e in cluster)


class _Bodies:
    """Walks a page's elements in order and cuts them into article bodies, keeping the
    clusters of headlines and labels met between them."""

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt
        self.articles: list[Article] = []
        self.clusters: list[Cluster] = []
        self.cur = Article()
        self.pending: list[Element] = []
        self.prev: Element | None = None  # the element before, furniture included
        self.last_para: Element | None = None

    def close(self) -> None:
        if self.cur.paragraphs or self.cur.byline:
            self.articles.append(self.cur)
        self.cur = Article()

    def flush(self, attached: bool) -> None:
        if self.pending:
            before = len(self.articles) - 1 if self.articles else None
            self.clusters.append(Cluster(list(self.pending), before, None, attached))
            self.pending.clear()

    def credit(self, el: Element) -> None:
        cur = self.cur
        opens = el.level == -1 or el.text.startswith("本报记者") and not cur.paragraphs
        if not opens and cur.paragraphs and cur.byline and self._split_for(el):
            return
        if not opens and cur.paragraphs and not cur.byline and self._split_uncredited(el):
            return
        if opens or (cur.paragraphs and cur.byline):
            # "本报讯（记者 …）" or a credit over the body: it opens the next article.
            self.close()
            self.flush(False)
            self.cur.byline, self.cur.top_credit = el.text, True
        elif cur.paragraphs:
            if self.pending:
                # Headlines between the body and its credit: the end of this article.
                self.flush(False)
                self.clusters[-1].before = len(self.articles)
            cur.byline = el.text
            self.close()
        else:
            cur.byline, cur.top_credit = el.text, True

    def _split_for(self, el: Element) -> bool:
        """A credit after a body that already has one closes a second story run into the
        first: it starts where the credit's district is first named in a body that did not
        name it before, else at the in-body heading that is most its own story's headline."""
        k, head = self._second_start(el)
        if k is None:
            return False
        self._split_at(k, head, el.text)
        return True

    def _split_uncredited(self, el: Element) -> bool:
        """A media-centre credit after a body that has none: a story without a credit ran into
        it when an in-body heading opens text naming the credit's district, which the text
        above the heading never names (that heading is the second story's headline)."""
        home = gazetteer.canonical(bylines.district_of(el.text))
        paras = self.cur.paragraphs
        if not home or not self.cur.section_heads:
            return False
        for k, h in self.cur.section_heads:
            if 0 < k < len(paras) - 1 and home in gazetteer.mentions(paras[k + 1]):
                # The text above names another district, never this one, and the heading's
                # words are the text's under it more than above.
                above = gazetteer.mentions("".join(paras[:k]))
                if home in above or not above or self._heading_own(k, h) <= OWN_HEADING:
                    return False
                self._split_at(k, h, el.text)
                return True
        return False

    def _heading_own(self, k: int, h: Element) -> float:
        """How much more of a heading's words the text under it holds than the text above."""
        paras, text = self.cur.paragraphs, BOX.sub("", h.text)
        return overlap(text, "".join(paras[k + 1:])) - overlap(text, "".join(paras[:k]))

    def _split_at(self, k: int, head: Element | None, byline: str) -> None:
        """Close the story going on before paragraph k and the one from there with the credit."""
        paras, lines = self.cur.paragraphs, self.cur.para_lines
        start = k + 1 if head is not None else k  # the heading itself becomes the headline
        second = Article(paragraphs=paras[start:], para_lines=lines[start:], line=lines[start], byline=byline)
        if head is not None:
            second.heads, second.lead_head = [(head, "lead")], head
        second.subheads = [t for t in self.cur.subheads if t in second.paragraphs]
        del paras[k:], lines[k:]
        self.cur.subheads = [t for t in self.cur.subheads if t in paras]
        self.close()
        self.cur = second
        self.close()

    def _second_start(self, el: Element) -> tuple[int | None, Element | None]:
        paras = self.cur.paragraphs
        home = gazetteer.canonical(bylines.district_of(el.text))
        if home and not any(home in gazetteer.mentions(p) for p in paras[:1]):
            k = next((i for i, p in enumerate(paras) if home in gazetteer.mentions(p)), None)
            if k is not None:
                # The in-body heading right above it is the second story's headline.
                head = next((h for j, h in self.cur.section_heads if j == k - 1 and j > 0), None)
                return (k - 1, head) if head is not None else (k, None)
        best = None
        for k, h in self.cur.section_heads:
            if 0 < k < len(paras) - 1:
                own = self._heading_own(k, h)
                if own > OWN_HEADING and (best is None or own > best[0]):
                    best = (own, k, h)
        return (best[1], best[2]) if best else (None, None)

    def paragraph(self, el: Element) -> None:
        if self.pending:
            self._heads_before(el)
        cur = self.cur
        if not cur.paragraphs:
            cur.line = el.line
        cur.paragraphs.append(el.text)
        cur.para_lines.append(el.line)
        self.last_para = el

    def _heads_before(self, el: Element) -> None:
        """Headlines met before a paragraph: sub-headings of the story going on, or the
        headlines of the next story."""
        cur, prev = self.cur, self.prev
        attached = prev is not None and prev.kind == HEAD and el.line == prev.line + 1
        boundary = (
            is_boundary(self.pending, self.fmt, cur) or trailing_headline(self.pending, cur)
            or self.fmt == "wrapped" and new_story_layout(self.pending, self.last_para, el)
            or foreign_district(self.pending, cur)
        )
        if cur.paragraphs and not boundary:
            for h, text in _in_body_heads(self.pending, self.fmt):
                cur.section_heads.append((len(cur.paragraphs), h))
                cur.paragraphs.append(text)
                cur.subheads.append(text)
                cur.para_lines.append(h.line)
            self.pending.clear()
            return
        if cur.paragraphs:
            self.close()
        k, sections = opening_sections(self.pending, self.fmt)
        del self.pending[k:]
        heads = [h for h in self.pending if h.kind == HEAD]
        if heads and not sections:
            self.cur.lead_head = heads[-1]
        self.flush(attached)
        for text in sections:
            self.cur.paragraphs.append(text)
            self.cur.subheads.append(text)
            self.cur.para_lines.append(el.line)

    def feed(self, el: Element) -> None:
        if el.kind in (HEAD, LABEL):
            self.pending.append(el)
        elif el.kind == CREDIT:
            self.credit(el)
        elif el.kind == FURNITURE:
            if CONTINUED.match(el.text) and not self.pending:
                # "（上接第1版）": the rest of a story begun on another page, an item of its own.
                self.close()
                self.cur.continued = True
        else:
            self.paragraph(el)
        self.prev = el


def bodies(page: Page) -> tuple[list[Article], list[Cluster]]:
    """Article bodies in page order, and the clusters of headlines met between them."""
    b = _Bodies(page.format)
    for el in page.elements:
        b.feed(el)
    b.close()
    b.flush(False)
    for c in b.clusters:
        # The article after a cluster is the one after the article before it.
        nxt = (c.before + 1) if c.before is not None else 0
        c.after = nxt if nxt < len(b.articles) else None
    return b.articles, b.clusters


def segment(page: Page) -> list[Article]:
    articles, clusters = bodies(page)
    split = split_foreign_lead(articles)
    if len(split) != len(articles):
        # Clusters point at articles by index: recompute them against the new list.
        remap = {id(a): i for i, a in enumerate(split)}
        old = articles
        for c in clusters:
            c.before = remap[id(old[c.before])] if c.before is not None else None
            if c.before is not None and c.before + 1 < len(split) and split[c.before + 1].byline is None:
                pass
            c.after = (c.before + 1 if c.before is not None else 0)
            if c.after >= len(split):
                c.after = None
        articles = split
    assign_labels(articles, clusters)
    orphans = assign_heads(articles, clusters)
    articles = merge_fragments(articles)
    for a in articles:
        choose_title(a, page.format)
        lead_head_to_section(a)
    if orphans and not articles:
        # Only headlines on the page: they make one item rather than be lost.
        first, *rest = orphans
        articles = [Article(title=BOX.sub("", first.text), subtitles=[BOX.sub("", e.text) for e in rest],
                            line=first.line)]
        orphans = []
    if orphans and articles:
        # Text that fits nowhere is kept: as a kicker of the nearest article.
        for el in orphans:
            nearest = min(articles, key=lambda a: abs(a.line - el.line))
            nearest.subtitles.append(BOX.sub("", el.text))
    for a in articles:
        a.district = article_district(a)
        if is_photo(a):
            a.kind = "photo"
        if a.para_lines:
            a.line = min(a.para_lines)
    articles.sort(key=lambda a: a.line)
    return articles
