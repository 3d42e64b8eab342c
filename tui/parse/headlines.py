"""Headlines given to articles by shared words and position; each article's title chosen."""
from __future__ import annotations

import operator
import re
from functools import lru_cache

from .. import gazetteer
from .articles import BOX, Article, Cluster, is_photo, near
from .classify import district_marker
from .districts import body_mentions, credit_district
from .model import HEAD, Element

_NOT_ALNUM = re.compile(r"[\W_]+")


@lru_cache(maxsize=512)
def bigrams(text: str) -> frozenset[str]:
    """Pairs of adjacent letters, digits or CJK characters (cached: a headline is compared with
    every article near it, an article with every headline)."""
    chars = _NOT_ALNUM.sub("", text)
    return frozenset(map(operator.add, chars, chars[1:]))


def overlap(text: str, other: str) -> float:
    """Share of text's character pairs that other holds too."""
    tb = bigrams(text)
    return len(tb & bigrams(other)) / len(tb) if tb else 0.0


def shared_words(text: str, a: Article, bigram_cache: dict[int, set[str]]) -> float:
    hb = bigrams(text)
    if not hb:
        return 0.0
    ab = bigram_cache.get(id(a))
    if ab is None:
        ab = bigram_cache[id(a)] = bigrams(a.body)
    return len(hb & ab) / len(hb)


def assign_heads(articles: list[Article], clusters: list[Cluster]) -> list[Element]:
    """Give every headline of every cluster to an article; return those no article fits."""
    cache: dict[int, set[str]] = {}
    orphans: list[Element] = []
    for c in clusters:
        for el in c.items:
            if el.kind != HEAD:
                continue
            text = BOX.sub("", el.text)
            scores = []
            for i, a in near(articles, c):
                if a.continued:
                    continue  # its headline is on the page it began on
                s = shared_words(text, a, cache)
                # A district on the headline says which district, not which of that
                # district's stories: a credit, a label or the text naming it count alike.
                marker = el.district or gazetteer.leading(text)
                if marker and (marker in (credit_district(a), *a.labels) or body_mentions(a).get(marker, 0) >= 2):
                    s += 0.3
                # Nearby articles are likelier: the page prints headlines near their story.
                if i in (c.before, c.after):
                    s += 0.05
                scores.append((s, i))
            if not scores:
                orphans.append(el)
                continue
            target = _target(scores, c, articles)
            if target is not None and articles[target].continued:
                target = c.before if target == c.after and c.before is not None else None
            if target is None:
                orphans.append(el)
                continue
            where = "lead" if target == c.after else "trail" if target == c.before else "far"
            articles[target].heads.append((el, where))
    return orphans


def _target(scores: list[tuple[float, int]], c: Cluster, articles: list[Article]) -> int | None:
    """The story whose words a headline shares clearly most; among stories sharing them
    alike, the one it is printed next to; else the one its position says."""
    scores.sort(reverse=True)
    best, i = scores[0]
    second = scores[1][0] if len(scores) > 1 else 0.0
    close = [j for s, j in scores if best - s < 0.08 and j in (c.before, c.after)]
    if best >= 0.3 and best - second >= 0.08:
        return i
    if best >= 0.3 and len(close) == 1:
        return close[0]
    return _by_position(c, articles)


def _by_position(c: Cluster, articles: list[Article]) -> int | None:
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


def lead_head_to_section(a: Article) -> None:
    """The headline over the body's first line, when the story has section heads and took its
    title from elsewhere, heads the first section ("让技术走向市场" before "让制造走向…")."""
    h = a.lead_head
    if h is None or not a.subheads or a.title is None:
        return
    text = BOX.sub("", h.text)
    if text == a.title or text not in a.subtitles or h.district or gazetteer.leading(text):
        return
    # A headline printed in one block with it (kicker, title, sub-headline) shows it is one of
    # the story's own headlines, not the first section's heading.
    if any(el is not h and abs(el.line - h.line) <= 2 for el, _ in a.heads):
        return
    a.subtitles.remove(text)
    a.paragraphs.insert(a.body_start, text)
    a.para_lines.insert(a.body_start, h.line)
    a.subheads.insert(0, text)


def _led_by_district(text: str) -> bool:
    """A headline led by its district as the paper prints it: the short name ("渝北新能源车主…",
    "铜梁 招商引资…"). A line opening with the full name ("江北区今年已开工…") reads as text, as
    sub-headlines do."""
    d = gazetteer.leading(text)
    if not d:
        return False
    return district_marker(text) is not None or not text.startswith(tuple(d + s for s in gazetteer.SUFFIXES))


def choose_title(a: Article, fmt: str) -> None:
    if not a.heads:
        return
    cache: dict[int, set[str]] = {}

    def rank(item: tuple[int, tuple[Element, str]]):
        k, (el, where) = item
        text = BOX.sub("", el.text)
        level = el.level or 9
        marker = 1 if (el.district or _led_by_district(text)) else 0
        # Shared words only tell a story's headlines from stray ones: a sub-headline often repeats
        # a figure of the text word for word. Among its own, the line printed first leads.
        # Over a story with section heads, the line right above its first paragraph is more
        # likely the first section's head than the story's headline.
        section_like = el is a.lead_head and bool(a.subheads)
        return (-level if fmt == "markdown" else 0, marker, shared_words(text, a, cache) >= 0.5, not section_like, -el.line)

    if is_photo(a):
        # A picture has one headline: lines of one block printed under each other are it.
        heads = [el for el, _ in a.heads]
        run = [heads[0]]
        for el in heads[1:]:
            if el.line == run[-1].line + 1 and not el.district and not run[-1].district:
                run.append(el)
        if len(run) > 1:
            joined = "".join(BOX.sub("", el.text) for el in run)
            a.title = joined
            a.subtitles = [BOX.sub("", el.text) for el in heads if el not in run]
            return
    ordered = sorted(enumerate(a.heads), key=rank, reverse=True)
    a.title = BOX.sub("", ordered[0][1][0].text)
    a.subtitles = [BOX.sub("", el.text) for k, (el, _) in sorted(ordered[1:])]
