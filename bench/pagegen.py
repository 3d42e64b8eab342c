"""Pages laid out from gold articles as the PDF extraction prints them: the honest generator.

    python bench/pagegen.py [--widths 10-25] [--pages 6] [--seed 1]   # scores every width

Written from the pages (seeds/ and ../shared/dev/pages), not from the parser: each artifact
below is one seen there, drawn at random, wherever it may fall.

- Body text wraps at the column (10-25 characters), first lines indented two characters
  (or, on one wrapped page in four, set flush: no indent, as some pages print),
  closing punctuation hanging, Latin words and numbers moved whole; justified lines carry
  spaces around numbers or between characters.
- Column breaks: a blank line after any line of a paragraph, also right after a "。".
- Headlines: above the body (with or without a blank line), after the credit, or far away
  (after the next story); doubled by bold rendering ("潼南潼南", "““喜提喜提””"); wrapped over
  two lines; kickers above and sub-headlines under them; stories with no headline.
- Districts: a label line alone (after the story or above its headline), or glued to the end
  of the headline.
- Credits: a line after the body, glued to the last line (with or without a space), over the
  body ("本报记者 …" under the headline), a "本报讯 （记者 …）" opener (full- or half-width
  closing bracket), letter-spaced ("记 者 龙 俊 杰 摄"), broken over two lines; stories with
  none.
- Sub-headings: right above their text, or with blank lines around, with a box marker
  (■ ◆ □ ●, not part of the text), on two lines when longer than the column.
- Photos: the caption in a narrow column with its credit glued to the end.
- Markdown-like pages: "## " headlines, one paragraph a line, some cut in two by a blank line.

What stays ambiguous by construction is not drawn (AMBIGUOUS says why); everything else is,
and the tests score whatever comes back.
"""
from __future__ import annotations

import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import justify, wrap  # noqa: E402
from tui.cjk import NO_LINE_END, NO_LINE_START  # noqa: E402

AMBIGUOUS = {
    "story with neither headline nor credit": "nothing printed marks where it starts or ends; only its "
    "topic could tell it from the story before, so every story keeps a headline or a credit",
    "uncredited story before a story without a headline above it": "the two bodies touch with no "
    "headline or credit between them; a story without a credit is followed by a headline",
    "column break before a paragraph's last line right after a sentence end": "the short last line "
    "then reads exactly as a new one-line paragraph (its indent is all that could tell, and a "
    "short line shows none)",
    "headline far from a story without a credit": "a headline printed after the next story is matched "
    "by shared words; a story that has no credit and a displaced headline has no edge at all",
    "Markdown story without a credit": "headlines and sub-headings may share a level (## and ##), so "
    "only a credit ends a story there",
    "column break right after a sentence end on a page set flush": "every paragraph there starts "
    "with a full line, so the text after the break reads exactly as a new paragraph",
    "credit over a body with no headline above it": "between two bodies it reads as the end credit of "
    "the story before; the pages print a credit over a body only under its headline",
}

MARKERS = "■◆□●"
FLUSH_PAGES = 0.25  # wrapped pages set flush: no paragraph's first line indented
QUOTES = "“”‘’"


@dataclass
class Story:
    """A gold article and how it is printed."""
    gold: dict
    title: str | None = None
    byline: str | None = None
    extra: dict = field(default_factory=dict)


def load_gold(*dirs: Path) -> list[dict]:
    """Every gold article of these folders (photos and articles alike)."""
    out = []
    for d in dirs:
        for f in sorted(Path(d).glob("*.json")):
            out.extend(json.loads(f.read_text(encoding="utf-8"))["articles"])
    return out


def doubled(text: str) -> str:
    """Bold rendering prints each run twice: "更多老旧小区““喜提喜提””"."""
    return re.sub(rf"[^{QUOTES}\s]+|[{QUOTES}]", lambda m: m.group(0) * 2, text)


def _two_lines(text: str, rng: random.Random) -> list[str]:
    """A line broken where the measure ends: anywhere but inside a Latin word or number."""
    cuts = [k for k in range(max(3, len(text) // 2), len(text) - 1)
            if not (text[k - 1].isascii() and text[k].isascii()) and text[k] not in NO_LINE_START
            and text[k - 1] not in NO_LINE_END + " "]
    if not cuts:
        return [text]
    k = rng.choice(cuts)
    return [text[:k], text[k:]]


def _credit_lines(byline: str, rng: random.Random) -> list[str]:
    r = rng.random()
    if r < 0.08:
        return [" ".join(byline.replace(" ", ""))]  # letter-spaced
    if r < 0.16 and " " in byline:
        k = byline.index(" ")
        return [byline[:k], byline[k + 1:]]  # broken after the role
    return [byline]


def _subhead_lines(text: str, col: int, rng: random.Random) -> list[str]:
    """A sub-heading sits in its column: one longer than the column wraps at it."""
    printed = (rng.choice(MARKERS) + text) if rng.random() < 0.2 else text
    lines = [printed[k : k + col] for k in range(0, len(printed), col)]
    while len(lines) > 1 and lines[-1][:1] in NO_LINE_START:  # closing marks stay on the line
        lines[-2:] = [lines[-2] + lines[-1][:1], lines[-1][1:]] if lines[-1][1:] else [lines[-2] + lines[-1]]
    return lines


def _body(story: Story, col: int, rng: random.Random, indent: int = 2) -> list[str]:
    """The body as printed: wrapped paragraphs, sub-headings, column breaks."""
    g = story.gold
    out: list[str] = []
    for p in g["paragraphs"]:
        if p in g["subheads"]:
            if out and out[-1]:
                out.append("")
            out += _subhead_lines(p, col, rng)
            if rng.random() < 0.5:
                out.append("")
            continue
        lines = wrap(p, col, indent)
        # Justification stretches full lines only: a paragraph's last line is set as it falls.
        lines = [justify(ln, rng) for ln in lines[:-1]] + lines[-1:]
        out += _column_breaks(lines, rng, flush=not indent)
        out.append("")
    while out and not out[-1]:
        out.pop()
    return out


def _column_breaks(lines: list[str], rng: random.Random, rate: float = 0.06, flush: bool = False) -> list[str]:
    out = []
    for k, ln in enumerate(lines):
        out.append(ln)
        if k == len(lines) - 1 or rng.random() >= rate:
            continue
        last_short = k == len(lines) - 2 and len(lines[-1].strip()) < len(ln.strip()) - 2
        if ln.rstrip()[-1:] in "。！？" and (last_short or flush):
            continue  # AMBIGUOUS: a break right after a sentence end, before a short last line or when flush
        out.append("")
    return out


def _heads(story: Story, rng: random.Random) -> list[str]:
    """Kicker, headline (doubled, glued label, two lines) and sub-headline lines."""
    g = story.gold
    if story.title is None:
        return []
    title = story.title + (g["district"] if story.extra.get("glued") else "")
    lines = _two_lines(title, rng) if not g["subtitles"] and rng.random() < 0.2 else [title]
    if rng.random() < 0.15:
        lines = [doubled(ln) for ln in lines]  # bold rendering doubles each printed line
    subs = list(g["subtitles"])
    kicker = [subs.pop(0)] if subs and rng.random() < 0.5 else []
    return kicker + lines + subs


def _with_credit(story: Story, body: list[str], rng: random.Random) -> tuple[list[str], list[str]]:
    """(lines over the body, body with its credit) for the credit's place."""
    b = story.byline
    if b is None:
        return [], body
    where = story.extra["credit"]
    if where == "lead" and body:
        bracket = "）" if rng.random() < 0.6 else ")"
        return [], [f"本报讯 （{b}{bracket}" + body[0].lstrip()] + body[1:]
    if where == "over":
        return _credit_lines(b, rng) + [""], body  # over the body: a blank line under it
    if where == "glued" and body and body[-1].rstrip()[-1:] in "。！？”":
        return [], body[:-1] + [body[-1] + (" " if rng.random() < 0.5 else "") + b]
    return [], body + [""] + _credit_lines(b, rng)


def layout_story(story: Story, col: int, rng: random.Random, indent: int = 2) -> tuple[list[str], list[str]]:
    """(lines printed in place, headline lines printed later: after the credit or far)."""
    g = story.gold
    photo = g["kind"] == "photo"
    body = _body(story, max(col // 2, 6) if photo else col, rng, indent)
    over, body = _with_credit(story, body, rng)
    heads = _heads(story, rng)
    label = [g["district"]] if story.extra.get("label") else []
    place = story.extra["heads"]
    if place == "above":
        gap = [] if rng.random() < 0.4 else [""]
        return label + ([""] if label else []) + heads + over + gap + body, []
    return over + body, heads + ([""] + label if label else [])


def plan(golds: list[dict], rng: random.Random) -> list[Story]:
    """How each story is printed: which credit place, headline place, label; what is dropped."""
    stories = []
    for g in golds:
        s = Story(g, g["title"], g["byline"])
        drop = rng.random()
        if drop < 0.1 and s.byline:
            s.title = None  # a story with no headline (it keeps its credit)
        elif drop < 0.2 and s.title:
            s.byline = None  # a story with no credit (it keeps its headline)
        credit = rng.choice(["end", "end", "end", "glued", "over"])
        if s.byline and s.byline.startswith("记者") and g["kind"] == "article" and rng.random() < 0.3:
            credit = "lead"
        heads = rng.choice(["above", "above", "after", "after", "far"])
        if s.byline is None or g["kind"] == "photo":
            heads = "above"  # AMBIGUOUS: a far or trailing headline needs a credit to end the story
        if credit == "over" and (heads != "above" or s.title is None):
            credit = "end"  # AMBIGUOUS: a credit over a body sits under its headline
        s.extra = {"credit": credit, "heads": heads, "label": g["district"] != "全市" and rng.random() < 0.3}
        s.extra["glued"] = (not s.extra["label"] and g["district"] != "全市" and s.title is not None
                            and not s.title.startswith(g["district"]) and rng.random() < 0.2)
        stories.append(s)
    for a, b in zip(stories, stories[1:]):
        if not (_end_marked(a) or _start_marked(b)):
            _mark_edge(a, b)  # AMBIGUOUS: two stories touching with nothing printed between
    return stories


def _end_marked(s: Story) -> bool:
    """A credit printed at its end, or its headlines printed after it, closes a story."""
    return bool(s.byline) and s.extra["credit"] in ("end", "glued") or bool(s.title) and s.extra["heads"] == "after"


def _start_marked(s: Story) -> bool:
    return bool(s.title) and s.extra["heads"] == "above" or bool(s.byline) and s.extra["credit"] in ("over", "lead")


def _mark_edge(a: Story, b: Story) -> None:
    """Print something between two touching stories: b's headline above it, or a's credit at
    its end, or a's headline after it, whichever the gold allows."""
    if b.gold["title"]:
        b.title, b.extra["heads"] = b.gold["title"], "above"
    elif a.gold["byline"]:
        a.byline, a.extra["credit"] = a.gold["byline"], "end"
    elif a.gold["title"]:
        a.title, a.extra["heads"] = a.gold["title"], "after"


def layout_page(golds: list[dict], col: int, rng: random.Random, fmt: str = "wrapped",
                header: str | None = None) -> tuple[str, list[dict]]:
    """Page text and the gold articles as printed on it (headline or credit dropped where so);
    a wrapped page opens with a header line (a random one, or the one given)."""
    stories = plan(golds, rng)
    if fmt == "markdown":
        for s in stories:  # AMBIGUOUS: headlines and sub-headings may share a level there
            s.byline = s.gold["byline"]
    if fmt == "markdown":
        return _markdown(stories, rng), [_as_printed(s) for s in stories]
    drawn = f"{rng.randint(1, 8)}2022年 6月{rng.randint(1, 28)}日 星期三"
    lines = [header or drawn, ""]
    indent = 0 if rng.random() < FLUSH_PAGES else 2
    late: list[list[str]] = []  # headlines waiting for their place
    for s in stories:
        here, later = layout_story(s, col, rng, indent)
        lines += here + [""]
        for waiting in late:
            lines += waiting + [""]
        late = []
        if later and s.extra["heads"] == "far":
            late.append(later)
        elif later:
            lines += later + [""]
    for waiting in late:
        lines += waiting + [""]
    lines.append("责任编辑 张三 美编 李四")
    return "\n".join(lines) + "\n", [_as_printed(s) for s in stories]


def _markdown(stories: list[Story], rng: random.Random) -> str:
    """The Markdown-like variant: the page's first headline "# ", its sub-headings "## ";
    every later story "## ", its sub-headings "## " or "### " (both are printed)."""
    out = []
    deeper = rng.random() < 0.5
    for n, s in enumerate(stories):
        g = s.gold
        level, sub = ("#", "##") if n == 0 else ("##", "###" if deeper else "##")
        if s.title:
            out += g["subtitles"][:1] + ["", f"{level} {s.title}", ""]
        for p in g["paragraphs"]:
            if p in g["subheads"]:
                out += [f"{sub} {p}", ""]
            elif len(p) > 20 and rng.random() < 0.1:
                k = rng.randint(8, len(p) - 8)
                out += [p[:k], "", p[k:], ""]
            else:
                out += [p, ""]
        if s.byline:
            out += [s.byline, ""]
    return "\n".join(out) + "\n"


def _as_printed(s: Story) -> dict:
    g = dict(s.gold)
    g["title"] = s.title
    g["byline"] = s.byline
    if s.title is None:
        g["subtitles"] = []
    return g


def gold_page(source: str, fmt: str, arts: list[dict]) -> dict:
    return {"source": source, "format": fmt, "page": None, "furniture": [],
            "articles": [dict(a, id=f"{source}-{i}") for i, a in enumerate(arts)]}


def write_pages(golds: list[dict], col: int, n_pages: int, seed: int, pages: Path, gold: Path) -> None:
    """n_pages pages at one column width, each with 4-7 gold articles in a shuffled order."""
    rng = random.Random(seed * 1000 + col)
    for k in range(n_pages):
        chosen = rng.sample(golds, rng.randint(4, 7))
        fmt = "markdown" if k % 6 == 5 else "wrapped"
        text, arts = layout_page([replace_story(g) for g in chosen], col, rng, fmt)
        name = f"g{col:02d}_{k:02d}.txt"
        (pages / name).write_text(text, encoding="utf-8")
        (gold / f"g{col:02d}_{k:02d}.json").write_text(
            json.dumps(gold_page(name, fmt, arts), ensure_ascii=False), encoding="utf-8")


def replace_story(g: dict) -> dict:
    return dict(g, subtitles=list(g["subtitles"]), paragraphs=list(g["paragraphs"]), subheads=list(g["subheads"]))


def main(argv: list[str] | None = None) -> int:
    import argparse
    import tempfile

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--widths", default="10-25")
    ap.add_argument("--pages", type=int, default=6)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args(argv)
    lo, hi = map(int, args.widths.split("-"))
    golds = load_gold(args.shared / "gold", args.shared / "dev" / "gold")
    from bench.genscore import score_width

    for col in range(lo, hi + 1):
        with tempfile.TemporaryDirectory(prefix="h2-gen") as tmp:
            s = score_width(golds, col, args.pages, args.seed, Path(tmp), args.shared)
        print(f"width {col:2d}: " + " ".join(f"{k}={v}" for k, v in s.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
