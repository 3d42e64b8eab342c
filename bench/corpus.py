"""Synthetic page files in the seeds' broken layouts, deterministic by seed.

    python bench/corpus.py --articles 100000 --out bench/out/pages [--seed 1]

Articles are composed from the seed pages' sentences with varied districts, dates and credits,
then printed as the PDF extraction prints them by bench/pagegen.py (every artifact of the
pages); one page in five in the Markdown-like variant.

`layout_page` is also used by the tests: given articles it returns the page text and the gold
annotation of that page, so that the loader can be scored on layouts it has never seen.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui import gazetteer  # noqa: E402
from tui.parse.textutil import width  # noqa: E402

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建林晶波宁斌凯浩亮宇佳欣雪梅丹琳"


@dataclass
class Art:
    title: str | None
    subtitles: list[str]
    paragraphs: list[str]
    subheads: list[str]
    byline: str | None
    district: str
    kind: str = "article"
    notes: str = ""
    extra: dict = field(default_factory=dict)


_ATOM = re.compile(r"[A-Za-z0-9][A-Za-z0-9.%&+\-]*|\s+|.", re.S)


def wrap(text: str, col: int, indent: int = 2) -> list[str]:
    """Wrap a paragraph at col ems, first line indented, measuring as print does (narrow quotes,
    compressed punctuation pairs, half-width digits); closing punctuation hangs at the end, a
    Latin word or number moves whole to the next line (hyphenated only when longer than one)."""
    lines, cur, room = [], "", 2 * (col - indent)
    for atom in _ATOM.findall(text):
        if atom.isspace():
            if cur and width(cur + " ") <= room:
                cur += " "
            elif cur:
                lines.append(cur)
                cur, room = "", 2 * col
            continue
        if width(cur + atom) > room and cur and atom not in "，。、；：？！”’）》…":
            if len(atom) > 1 and width(atom) > 2 * col:
                while width(cur + atom) > room:  # a word longer than a line: hyphenate
                    k = max(1, room - width(cur) - 1)
                    lines.append(cur + atom[:k] + "-")
                    atom, cur, room = atom[k:], "", 2 * col
            else:
                # An opening quote or bracket never ends a line: it moves down with its word.
                carry = ""
                while cur and cur[-1] in "“‘（《":
                    cur, carry = cur[:-1], cur[-1] + carry
                lines.append(cur.rstrip())
                cur, room = carry, 2 * col
        cur += atom
    if cur:
        lines.append(cur)
    return lines


def justify(line: str, rng: random.Random) -> str:
    """Spaces the extraction leaves in justified lines: around numbers, or between characters."""
    r = rng.random()
    if r < 0.06 and re.search(r"\d", line):
        return re.sub(r"(\d+(?:\.\d+)?)", r" \1 ", line, count=1).strip()
    if r < 0.075 and len(line) <= 14:
        return " ".join(line)
    return line


def credit(rng: random.Random, district: str) -> str:
    names = " ".join(rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2)))) for _ in range(rng.choice((1, 1, 2))))
    kind = rng.random()
    suffix = "县" if district in gazetteer.COUNTIES else "区"
    if district in ("两江新区", "重庆高新区", gazetteer.CITY):
        return f"通讯员 {names}"
    if district == "万盛":
        return f"万盛经开区融媒体中心 {names}"
    if kind < 0.7:
        return f"{district}{suffix}融媒体中心 {names}"
    if kind < 0.9:
        return f"通讯员 {names}"
    return f"本报记者 {names}"


def layout_page(arts: list[Art], rng: random.Random, fmt: str | None = None,
                header: str | None = None) -> tuple[str, str]:
    """Page text and its format for these articles, laid out by bench/pagegen.py (the honest
    generator) at a column of 15-18 characters, one page in five in the Markdown variant; the
    page header given printed once, at the top."""
    from bench.pagegen import layout_page as lay_out

    fmt = fmt or ("markdown" if rng.random() < 0.2 else "wrapped")
    golds = [_as_gold(a) for a in arts]
    text, printed = lay_out(golds, rng.choice((15, 16, 16, 17, 18)), rng, fmt, header=header)
    if header and fmt == "markdown":
        text = f"{header}\n\n{text}"  # the Markdown layout prints none of its own
    for a, g in zip(arts, printed):
        a.title, a.byline, a.subtitles = g["title"], g["byline"], g["subtitles"]
    return text, fmt


def _as_gold(a: Art) -> dict:
    return {"kind": a.kind, "district": a.district, "districts_ok": [], "title": a.title,
            "subtitles": list(a.subtitles), "byline": a.byline, "paragraphs": list(a.paragraphs),
            "subheads": list(a.subheads), "notes": ""}


def gold_of(source: str, fmt: str, arts: list[Art], page_id: str) -> dict:
    return {
        "source": source, "format": fmt, "page": None,
        "articles": [
            {
                "id": f"{page_id}-{i:02d}", "kind": a.kind, "district": a.district, "districts_ok": [],
                "title": a.title, "subtitles": a.subtitles, "byline": a.byline,
                "paragraphs": a.paragraphs, "subheads": a.subheads, "notes": "",
            }
            for i, a in enumerate(arts, 1)
        ],
        "furniture": [],
    }


# ---------------------------------------------------------------------------------------------
# Composing new articles from the seeds' sentences


def seed_sentences(seeds: Path = ROOT / "seeds") -> tuple[list[str], list[str]]:
    """Sentences and headline-like phrases from the seed pages, through the loader itself."""
    from tui.parse import parse_page

    sentences, heads = [], []
    for f in sorted(seeds.glob("*.txt")):
        _, articles, _ = parse_page(f.read_bytes())
        for a in articles:
            if a.title:
                heads.append(a.title)
            heads.extend(a.subheads)
            for p in a.paragraphs:
                if p in a.subheads:
                    continue
                for s in re.findall(r"[^。！？]+[。！？]”?", p):
                    if 8 <= len(s) <= 120:
                        sentences.append(s)
    return sentences, [h for h in heads if 4 <= len(h) <= 24]


def compose(rng: random.Random, sentences: list[str], heads: list[str]) -> Art:
    district = rng.choice(gazetteer.DISTRICTS)
    name = district if district not in ("两江新区", "重庆高新区") else district
    paras = []
    for _ in range(rng.randint(4, 12)):  # about 1,200 characters, as the paper's stories run
        k = rng.randint(1, 4)
        paras.append("".join(rng.choice(sentences) for _ in range(k)))
    paras[0] = f"{name}{rng.choice(['区', '县', ''])}" + paras[0]
    title = rng.choice(heads)
    if rng.random() < 0.5:
        title = f"{name} {title}"
    subtitles = [rng.choice(heads)] if rng.random() < 0.2 else []
    return Art(title, subtitles, paras, [], credit(rng, district), district)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "pages")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--per-page", type=int, default=8)
    ap.add_argument("--gold", type=Path, help="also write gold annotations here")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    sentences, heads = seed_sentences()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.gold:
        args.gold.mkdir(parents=True, exist_ok=True)
    written = pages = 0
    start_day = 737791  # 2021-01-01 as a proleptic ordinal
    from datetime import date

    while written < args.articles:
        n = min(args.per_page, args.articles - written)
        arts = [compose(rng, sentences, heads) for _ in range(n)]
        day = date.fromordinal(start_day + pages // 4)
        header = f"{pages % 8 + 1}{day.year}年{day.month}月{day.day}日 星期{'一二三四五六日'[day.weekday()]}"
        text, fmt = layout_page(arts, rng, header=header)
        name = f"p{pages:06d}.txt"
        (args.out / name).write_text(text, encoding="utf-8")
        if args.gold:
            (args.gold / f"p{pages:06d}.json").write_text(
                json.dumps(gold_of(name, fmt, arts, f"p{pages:06d}"), ensure_ascii=False, indent=2),
                encoding="utf-8",
            )
        written += n
        pages += 1
    print(f"{pages} pages, {written} articles in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
