"""Displaced fragments: a lead printed above another story, a short body that belongs to another."""
from __future__ import annotations

from .. import gazetteer
from .articles import WINDOW, Article
from .districts import credit_district, top_mention
from .headlines import bigrams


def split_foreign_lead(articles: list[Article]) -> list[Article]:
    """Paragraphs at the top of a credited article that are about another district and share
    nothing with the rest (a lead printed above a different story) become a body of their own."""
    out: list[Article] = []
    for a in articles:
        home = credit_district(a)
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


def merge_fragments(articles: list[Article]) -> list[Article]:
    """A short body with no credit whose words belong to a credited article joins it, first."""
    cache: dict[int, set[str]] = {}
    keep = list(articles)
    for frag in list(articles):
        if frag.byline or len(frag.paragraphs) > 3 or frag.kind == "photo":
            continue
        fb = bigrams(frag.body)
        if len(fb) < 20:
            continue
        fd = set(gazetteer.mentions(frag.body))
        best, target, same_home = 0.0, None, 0
        at = keep.index(frag)
        for a in keep[max(0, at - WINDOW): at + WINDOW + 1]:
            if a is frag or not a.byline:
                continue
            home = credit_district(a) or top_mention(a)
            if fd and home not in fd:
                continue  # a lead about 璧山 belongs to a 璧山 story
            same_home += 1
            ab = cache.get(id(a))
            if ab is None:
                ab = cache[id(a)] = bigrams(a.body)
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
