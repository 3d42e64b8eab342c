"""The district of each article: labels, credits, headlines and the text's mentions."""
from __future__ import annotations

from .. import gazetteer
from . import bylines
from .articles import Article, Cluster, near
from .classify import CITY_MENTIONS, PASSING_CHARS
from .model import LABEL


def credit_district(a: Article) -> str | None:
    return gazetteer.canonical(bylines.district_of(a.byline))


def body_mentions(a: Article) -> dict[str, float]:
    key = len(a.paragraphs), a.paragraphs[0] if a.paragraphs else ""
    if a._mentions is None or a._mentions[0] != key:
        a._mentions = (key, gazetteer.mentions(a.body))
    return a._mentions[1]


def top_mention(a: Article) -> str | None:
    m = body_mentions(a)
    return max(m, key=m.get) if m else None


def assign_labels(articles: list[Article], clusters: list[Cluster]) -> None:
    """A lone label goes to the article that names its district most, else the nearest one."""
    for c in clusters:
        for el in c.items:
            if el.kind != LABEL:
                continue
            d = el.district
            scores = [
                (
                    (10 if credit_district(a) == d else 0) + body_mentions(a).get(d, 0.0),
                    -abs(i - (c.after if c.after is not None else (c.before or 0))),
                    i,
                )
                for i, a in near(articles, c)
            ]
            if not scores:
                continue
            best = max(scores)
            articles[best[2]].labels.append(d)


def _printed(a: Article, heads: list[str]) -> dict[str, float]:
    """Districts printed on the item itself: its credit, its labels, its headlines' lead
    districts and glued labels."""
    score: dict[str, float] = {}

    def add(d: str | None, w: float) -> None:
        if d:
            score[d] = score.get(d, 0.0) + w

    add(credit_district(a), 10)
    mentioned = body_mentions(a)
    for d in a.labels:
        # A label counts where the story names its district, or names none at all.
        if d in mentioned or not mentioned or d == credit_district(a):
            add(d, 6)
    for h in heads:
        add(gazetteer.leading(h), 6)
    for el, _ in a.heads:
        add(el.district, 8)
    return score


def article_district(a: Article) -> str:
    """The district the item is about: one printed on it wins over those its text names
    (which break ties, and decide alone when nothing is printed)."""
    heads = ([a.title] if a.title else []) + a.subtitles
    named: dict[str, float] = dict(body_mentions(a))
    for h in heads:
        for d, n in gazetteer.mentions(h).items():
            named[d] = named.get(d, 0.0) + 2 * n
    printed = _printed(a, heads)
    if printed:
        return max(printed, key=lambda d: (printed[d], named.get(d, 0.0)))
    if not named:
        return gazetteer.CITY
    best = max(named.items(), key=lambda kv: kv[1])
    # A city-wide story names the city in its headline and no district more than in passing;
    # a long text naming a district once names it in passing.
    if best[1] < 3 and any(gazetteer.citywide_mentions(h) for h in heads):
        return gazetteer.CITY
    if best[1] < 2 and len(a.body) > PASSING_CHARS:
        return gazetteer.CITY
    if best[1] <= 2 and gazetteer.citywide_mentions(a.body) >= CITY_MENTIONS:
        return gazetteer.CITY  # one district named as an example in a report on the city
    return best[0]
