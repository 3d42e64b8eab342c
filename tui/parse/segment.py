"""Elements of a page -> articles: bodies, headlines, kickers, subheads, credits, districts.

Stage two of the loader. Bodies are cut at credits (a credit ends an article, "本报讯（记者 …）"
opens one) and at clusters of headlines between paragraphs. Each headline is then given to the
article whose text shares most of its words, wherever the page printed it; a district label goes
to the article that names that district most. A short body without a credit whose text belongs
to another article (a lead printed far from the rest) joins that article.
"""
from __future__ import annotations

import operator
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import gazetteer
from . import bylines
from .normalise import CREDIT, FURNITURE, HEAD, LABEL, Element, Page

_BOX = re.compile(r"^[■□●◆▲◎]+\s*")


@dataclass
class Article:
    paragraphs: list[str] = field(default_factory=list)
    subheads: list[str] = field(default_factory=list)
    byline: str | None = None
    title: str | None = None
    subtitles: list[str] = field(default_factory=list)
    district: str = gazetteer.CITY
    kind: str = "article"
    line: int = 0  # page line of the first paragraph: reading order on the page
    # Working state for the segmenter.
    heads: list[tuple[Element, str]] = field(default_factory=list)  # (head, where: lead/trail/far)
    labels: list[str] = field(default_factory=list)
    top_credit: bool = False
    closed: bool = False
    para_lines: list[int] = field(default_factory=list)
    lead_head: Element | None = None  # the headline printed right above the body's first line
    body_start: int = 0  # index in paragraphs where the body found in place starts
    _mentions: tuple | None = field(default=None, repr=False, compare=False)

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)

    def drop_working_state(self) -> None:
        """Forget what only the segmenter needs (less to send from a worker process)."""
        self.heads, self.labels, self.para_lines = [], [], []
        self.lead_head, self._mentions = None, None


@dataclass
class _Cluster:
    items: list[Element]
    before: int | None  # index of the article just before it, None at the page top
    after: int | None  # index of the article right after it
    attached: bool = False  # printed directly above the next paragraph, no blank line


_NOT_ALNUM = re.compile(r"[\W_]+")


@lru_cache(maxsize=512)
def _bigrams(text: str) -> frozenset[str]:
    """Pairs of adjacent letters, digits or CJK characters (cached: a headline is compared with
    every article near it, an article with every headline)."""
    chars = _NOT_ALNUM.sub("", text)
    return frozenset(map(operator.add, chars, chars[1:]))


# ---------------------------------------------------------------------------------------------
# Bodies


def _is_boundary(cluster: list[Element], fmt: str, current: Article) -> bool:
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
        if h.district or gazetteer.leading(h.text):
            return True
    if len(heads) == 2:
        return True
    return False


def _opening_sections(cluster: list[Element], fmt: str) -> tuple[int, list[str]]:
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
        text = _BOX.sub("", e.text)
        if texts and not e.section and e.level and texts[-1] and not _was_level(cluster, texts[-1]):
            texts[-1] = f"{texts[-1]} {text}"
        else:
            texts.append(text)
    return k, texts


def _was_level(cluster: list[Element], text: str) -> bool:
    return any(e.level and _BOX.sub("", e.text) == text for e in cluster)


def _bodies(page: Page) -> tuple[list[Article], list[_Cluster]]:  # noqa: C901 - to be split
    articles: list[Article] = []
    clusters: list[_Cluster] = []
    cur = Article()
    pending: list[Element] = []

    def close():
        nonlocal cur
        if cur.paragraphs or cur.byline:
            articles.append(cur)
        cur = Article()

    def flush(attached: bool) -> None:
        if pending:
            clusters.append(_Cluster(list(pending), len(articles) - 1 if articles else None, None, attached))
            pending.clear()

    prev_el: Element | None = None
    for el in page.elements:
        if el.kind == FURNITURE:
            prev_el = el
            continue
        if el.kind in (HEAD, LABEL):
            pending.append(el)
            prev_el = el
            continue
        if el.kind == CREDIT:
            opens = el.level == -1 or el.text.startswith("本报记者") and not cur.paragraphs
            if opens or (cur.paragraphs and cur.byline):
                # "本报讯（记者 …）" or a credit over the body: it opens the next article.
                if pending and cur.paragraphs and not _is_boundary(pending, page.format, cur):
                    pass
                close()
                flush(False)
                cur.byline, cur.top_credit = el.text, True
            elif cur.paragraphs:
                if pending:
                    # Headlines between the body and its credit: the end of this article.
                    flush(False)
                    clusters[-1].before = len(articles)
                cur.byline = el.text
                close()
            else:
                cur.byline, cur.top_credit = el.text, True
            prev_el = el
            continue
        # A paragraph.
        if pending:
            attached = prev_el is not None and prev_el.kind == HEAD and el.line == prev_el.line + 1
            if cur.paragraphs and not _is_boundary(pending, page.format, cur):
                for h in pending:
                    text = _BOX.sub("", h.text)
                    cur.paragraphs.append(text)
                    cur.subheads.append(text)
                    cur.para_lines.append(h.line)
                pending.clear()
            else:
                if cur.paragraphs:
                    close()
                k, sections = _opening_sections(pending, page.format)
                del pending[k:]
                heads = [h for h in pending if h.kind == HEAD]
                if heads and not sections:
                    cur.lead_head = heads[-1]
                flush(attached)
                for text in sections:
                    cur.paragraphs.append(text)
                    cur.subheads.append(text)
                    cur.para_lines.append(el.line)
        if not cur.paragraphs:
            cur.line = el.line
        cur.paragraphs.append(el.text)
        cur.para_lines.append(el.line)
        prev_el = el
    close()
    flush(False)
    for c in clusters:
        # The article after a cluster is the one after the article before it.
        nxt = (c.before + 1) if c.before is not None else 0
        c.after = nxt if nxt < len(articles) else None
    return articles, clusters


# ---------------------------------------------------------------------------------------------
# Districts


def _credit_district(a: Article) -> str | None:
    return gazetteer.canonical(bylines.district_of(a.byline))


def _body_mentions(a: Article) -> dict[str, float]:
    key = len(a.paragraphs), a.paragraphs[0] if a.paragraphs else ""
    if a._mentions is None or a._mentions[0] != key:
        a._mentions = (key, gazetteer.mentions(a.body))
    return a._mentions[1]


def _assign_labels(articles: list[Article], clusters: list[_Cluster]) -> None:
    """A lone label goes to the article that names its district most, else the nearest one."""
    for c in clusters:
        for el in c.items:
            if el.kind != LABEL:
                continue
            d = el.district
            scores = [
                (
                    (10 if _credit_district(a) == d else 0) + _body_mentions(a).get(d, 0.0),
                    -abs(i - (c.after if c.after is not None else (c.before or 0))),
                    i,
                )
                for i, a in _near(articles, c)
            ]
            if not scores:
                continue
            best = max(scores)
            articles[best[2]].labels.append(d)


def _district(a: Article) -> str:
    score: dict[str, float] = {}

    def add(d: str | None, w: float) -> None:
        if d:
            score[d] = score.get(d, 0.0) + w

    add(_credit_district(a), 10)
    mentioned = _body_mentions(a)
    for d in a.labels:
        # A label counts where the story names its district, or names none at all.
        if d in mentioned or not mentioned or d == _credit_district(a):
            add(d, 6)
    heads = ([a.title] if a.title else []) + a.subtitles
    for h in heads:
        add(gazetteer.leading(h), 6)
        for d, n in gazetteer.mentions(h).items():
            add(d, 2 * n)
    for el, _ in a.heads:
        add(el.district, 8)
    for d, n in _body_mentions(a).items():
        add(d, n)
    if not score:
        return gazetteer.CITY
    best = max(score.items(), key=lambda kv: kv[1])
    # A city-wide story names the city in its headline and no district more than in passing.
    if best[1] < 3 and any(gazetteer.citywide_mentions(h) for h in heads):
        return gazetteer.CITY
    return best[0]


# ---------------------------------------------------------------------------------------------
# Headlines


def _match(text: str, a: Article, bigram_cache: dict[int, set[str]]) -> float:
    hb = _bigrams(text)
    if not hb:
        return 0.0
    ab = bigram_cache.get(id(a))
    if ab is None:
        ab = bigram_cache[id(a)] = _bigrams(a.body)
    return len(hb & ab) / len(hb)


WINDOW = 12  # articles on either side of a cluster that its headlines may belong to


def _near(articles: list[Article], c: _Cluster):
    """The articles a cluster's headlines may go to: all on a normal page, the nearby ones on
    a huge one (a page of thousands of items must not cost thousands squared)."""
    at = c.after if c.after is not None else (c.before or 0)
    lo, hi = max(0, at - WINDOW), min(len(articles), at + WINDOW + 1)
    return ((i, articles[i]) for i in range(lo, hi))


def _assign_heads(articles: list[Article], clusters: list[_Cluster]) -> list[Element]:
    """Give every headline of every cluster to an article; return those no article fits."""
    cache: dict[int, set[str]] = {}
    orphans: list[Element] = []
    for c in clusters:
        for el in c.items:
            if el.kind != HEAD:
                continue
            text = _BOX.sub("", el.text)
            scores = []
            for i, a in _near(articles, c):
                s = _match(text, a, cache)
                # A district on the headline says which district, not which of that
                # district's stories: a credit, a label or the text naming it count alike.
                marker = el.district or gazetteer.leading(text)
                if marker and (marker in (_credit_district(a), *a.labels) or _body_mentions(a).get(marker, 0) >= 2):
                    s += 0.3
                # Nearby articles are likelier: the page prints headlines near their story.
                if i in (c.before, c.after):
                    s += 0.05
                scores.append((s, i))
            if not scores:
                orphans.append(el)
                continue
            scores.sort(reverse=True)
            best, i = scores[0]
            second = scores[1][0] if len(scores) > 1 else 0.0
            if best >= 0.3 and best - second >= 0.08:
                target = i
            else:
                target = _by_position(c, articles)
            if target is None:
                orphans.append(el)
                continue
            where = "lead" if target == c.after else "trail" if target == c.before else "far"
            articles[target].heads.append((el, where))
    return orphans


def _by_position(c: _Cluster, articles: list[Article]) -> int | None:
    """Where a headline goes when its words do not say: the story it sits on, else the one
    before it when that one still lacks a headline."""
    if c.after is None:
        return c.before
    if c.before is None or c.attached:
        return c.after
    before, after = articles[c.before], articles[c.after]
    if not before.heads and before.byline and not before.top_credit and after.heads:
        return c.before
    return c.after


def _lead_head_to_section(a: Article) -> None:
    """The headline over the body's first line, when the story has section heads and took its
    title from elsewhere, heads the first section ("让技术走向市场" before "让制造走向…")."""
    h = a.lead_head
    if h is None or not a.subheads or a.title is None:
        return
    text = _BOX.sub("", h.text)
    if text == a.title or text not in a.subtitles or h.district or gazetteer.leading(text):
        return
    a.subtitles.remove(text)
    a.paragraphs.insert(a.body_start, text)
    a.para_lines.insert(a.body_start, h.line)
    a.subheads.insert(0, text)


def _choose_title(a: Article, fmt: str) -> None:
    if not a.heads:
        return
    cache: dict[int, set[str]] = {}

    def rank(item: tuple[int, tuple[Element, str]]):
        k, (el, where) = item
        text = _BOX.sub("", el.text)
        level = el.level or 9
        marker = 1 if (el.district or gazetteer.leading(text)) else 0
        # Shared words only tell a story's headlines from stray ones: a sub-headline often repeats
        # a figure of the text word for word. Among its own, the line printed first leads.
        # Over a story with section heads, the line right above its first paragraph is more
        # likely the first section's head than the story's headline.
        section_like = el is a.lead_head and bool(a.subheads)
        return (-level if fmt == "markdown" else 0, marker, _match(text, a, cache) >= 0.5, not section_like, -el.line)

    if bylines.is_photo_credit(a.byline) and len(a.body) <= 400:
        # A picture has one headline: lines of one block printed under each other are it.
        heads = [el for el, _ in a.heads]
        run = [heads[0]]
        for el in heads[1:]:
            if el.line == run[-1].line + 1 and not el.district and not run[-1].district:
                run.append(el)
        if len(run) > 1:
            joined = "".join(_BOX.sub("", el.text) for el in run)
            a.title = joined
            a.subtitles = [_BOX.sub("", el.text) for el in heads if el not in run]
            return
    ordered = sorted(enumerate(a.heads), key=rank, reverse=True)
    a.title = _BOX.sub("", ordered[0][1][0].text)
    a.subtitles = [_BOX.sub("", el.text) for k, (el, _) in sorted(ordered[1:])]


# ---------------------------------------------------------------------------------------------
# Displaced fragments


def _split_foreign_lead(articles: list[Article]) -> list[Article]:
    """Paragraphs at the top of a credited article that are about another district and share
    nothing with the rest (a lead printed above a different story) become a body of their own."""
    out: list[Article] = []
    for a in articles:
        home = _credit_district(a)
        if not home or len(a.paragraphs) < 3 or a.subheads:
            out.append(a)
            continue
        k = 0
        while k < len(a.paragraphs) - 1:
            m = gazetteer.mentions(a.paragraphs[k])
            if m and home not in m:
                k += 1
            else:
                break
        rest_mentions = gazetteer.mentions("\n".join(a.paragraphs[k:]))
        if 0 < k and home in rest_mentions:
            foreign = set().union(*(gazetteer.mentions(p) for p in a.paragraphs[:k]))
            if not foreign & set(rest_mentions):
                head = Article(paragraphs=a.paragraphs[:k], line=a.line, para_lines=a.para_lines[:k])
                a.paragraphs, a.para_lines = a.paragraphs[k:], a.para_lines[k:]
                a.line = a.para_lines[0]
                out.extend([head, a])
                continue
        out.append(a)
    return out


def _top_mention(a: Article) -> str | None:
    m = _body_mentions(a)
    return max(m, key=m.get) if m else None


def _merge_fragments(articles: list[Article]) -> list[Article]:
    """A short body with no credit whose words belong to a credited article joins it, first."""
    cache: dict[int, set[str]] = {}
    keep = list(articles)
    for frag in list(articles):
        if frag.byline or len(frag.paragraphs) > 3 or frag.kind == "photo":
            continue
        fb = _bigrams(frag.body)
        if len(fb) < 20:
            continue
        fd = set(gazetteer.mentions(frag.body))
        best, target, same_home = 0.0, None, 0
        at = keep.index(frag)
        for a in keep[max(0, at - WINDOW): at + WINDOW + 1]:
            if a is frag or not a.byline:
                continue
            home = _credit_district(a) or _top_mention(a)
            if fd and home not in fd:
                continue  # a lead about 璧山 belongs to a 璧山 story
            same_home += 1
            ab = cache.get(id(a))
            if ab is None:
                ab = cache[id(a)] = _bigrams(a.body)
            score = len(fb & ab) / len(fb)
            if score > best:
                best, target = score, a
        # Words shared decide; when the fragment names one district and one credited story on
        # the page is from there, fewer shared words suffice.
        needed = 0.1 if len(fd) == 1 and same_home == 1 else 0.25
        if target is None or best < needed:
            continue
        target.paragraphs[:0] = frag.paragraphs
        target.para_lines[:0] = frag.para_lines
        target.body_start += len(frag.paragraphs)
        target.heads[:0] = frag.heads
        target.labels.extend(frag.labels)
        cache.pop(id(target), None)
        keep.remove(frag)
    return keep


# ---------------------------------------------------------------------------------------------


def segment(page: Page) -> list[Article]:
    articles, clusters = _bodies(page)
    split = _split_foreign_lead(articles)
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
    _assign_labels(articles, clusters)
    orphans = _assign_heads(articles, clusters)
    articles = _merge_fragments(articles)
    for a in articles:
        _choose_title(a, page.format)
        _lead_head_to_section(a)
    if orphans and not articles:
        # Only headlines on the page: they make one item rather than be lost.
        first, *rest = orphans
        articles = [Article(title=_BOX.sub("", first.text), subtitles=[_BOX.sub("", e.text) for e in rest],
                            line=first.line)]
        orphans = []
    if orphans and articles:
        # Text that fits nowhere is kept: as a kicker of the nearest article.
        for el in orphans:
            nearest = min(articles, key=lambda a: abs(a.line - el.line))
            nearest.subtitles.append(_BOX.sub("", el.text))
    for a in articles:
        a.district = _district(a)
        if bylines.is_photo_credit(a.byline) and len(a.body) <= 400:
            a.kind = "photo"
        if a.para_lines:
            a.line = min(a.para_lines)
    articles.sort(key=lambda a: a.line)
    return articles
