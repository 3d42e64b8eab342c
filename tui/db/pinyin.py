"""Pinyin search, for readers without a Chinese input method.

At load time (derived.py) each article gets one row of articles_pinyin: its title, district and
keywords as toneless syllables, each group ended by " |", one token per Chinese character,
" ke ji chuang xin | bi shan | ke ji | chuang xin |", and the same as first letters,
"kjcx|bs|kj|cx|". pypinyin reads the characters (it knows that 重庆 is chong qing, not zhong qing);
it is imported only when loading, never by a search.

A Latin-letter query is split into syllables ("kejichuangxin", "ke ji chuang xin", "xi'an");
every way of splitting it is looked up with a space on each side, so that a syllable matches
whole syllables only. Where no split gives a result, the last syllable may be the beginning of
one (as typed so far), and the letters are tried as first letters ("kjcx").
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from .ftstokens import fold
from .results import Hit
from .watermark import UPTO

# Toneless Mandarin syllables as pypinyin spells them (ü as v), less interjections such as
# "m", "n", "ng", "hm" that would let almost any string split (tests check the list against
# pypinyin's readings).
SYLLABLES = frozenset("""
a ai an ang ao ba bai ban bang bao bei ben beng bi bian biang biao bie bin bing bo bong bu ca
cai can cang cao ce cei cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua
chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei den
deng di dia dian diao die din ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang
fei fen feng fiao fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang
gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji
jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng
kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei len leng li lia lian
liang liao lie lin ling liu lo long lou lu luan lun luo lv lve ma mai man mang mao me mei men
meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng ni nia nian
niang niao nie nin ning niu nong nou nu nuan nun nuo nv nve o ou pa pai pan pang pao pei pen
peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan
que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen
seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun
shuo si song sou su suan sui sun suo ta tai tan tang tao te tei teng ti tian tiao tie ting tong
tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wong wu xi xia xian xiang xiao xie xin
xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai
zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu
zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo
""".split())
ALIASES = {"lue": "lve", "nue": "nve"}  # how people type 略 and 虐 without ü
_LONGEST = 6
MAX_SPLITS = 16  # ways of splitting one query tried at most
MIN_LETTERS = 2

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN = re.compile(r"[A-Za-z0-9]+")
_QUERY = re.compile(r"[a-zA-ZüÜ' ]+")
_TOKEN = re.compile(f"{_HAN.pattern}|{_LATIN.pattern}")


# ---------------------------------------------------------------------------------------------
# Load time


def title_spans(text: str | None) -> list[tuple[int, int, str]]:
    """(start, end, token) of text: a syllable per Chinese character, a token per run of Latin
    letters and digits (lower-cased); punctuation and spaces give none."""
    if not text:
        return []
    from pypinyin.seg.simpleseg import seg  # heavy (0.4 s): load time only

    out = []
    for m in _TOKEN.finditer(text):
        run = m.group()
        if not _HAN.fullmatch(run):
            out.append((m.start(), m.end(), run.lower()))
            continue
        # Word by word as pypinyin cuts the run (what lazy_pinyin does), each word cached.
        sylls = [s for word in seg(run) for s in _word_syllables(word)]
        if len(sylls) != len(run):  # never seen; keep the alignment of one token per character
            sylls = [_word_syllables(c)[0] for c in run]
        out.extend((m.start() + i, m.start() + i + 1, s.replace("ü", "v")) for i, s in enumerate(sylls))
    return out


@lru_cache(maxsize=1 << 16)
def _word_syllables(word: str) -> tuple[str, ...]:
    """pypinyin's toneless syllables of one word (a title's words come back in other titles:
    cached, a title is read four times faster)."""
    from pypinyin import Style, lazy_pinyin

    return tuple(lazy_pinyin(word, style=Style.NORMAL, errors=lambda s: ["?"] * len(s)))


def title_tokens(text: str | None) -> list[str]:
    return [t for _, _, t in title_spans(text)]


@lru_cache(maxsize=1 << 16)
def word_tokens(word: str) -> tuple[str, ...]:
    """title_tokens of a district or keyword (cached: the same words come back all the time)."""
    return tuple(title_tokens(word))


def row(title_tokens: list[str], district: str | None, keywords: list[str]) -> tuple[str, str]:
    """The (full, initials) strings of articles_pinyin for one article."""
    groups = [list(title_tokens), list(word_tokens(district or ""))] + [list(word_tokens(k)) for k in keywords]
    full = "".join(" " + " ".join(g) + " |" if g else " |" for g in groups)
    ini = "".join("".join(t[0] for t in g) + "|" for g in groups)
    return full, ini


# ---------------------------------------------------------------------------------------------
# Query time


def splits(letters: str, limit: int = MAX_SPLITS) -> list[list[str]]:
    """Every way (up to limit) of reading letters as whole syllables, fewest syllables first."""
    @lru_cache(maxsize=None)
    def ways(i: int) -> tuple[tuple[str, ...], ...]:
        if i == len(letters):
            return ((),)
        out = []
        for j in range(min(len(letters), i + _LONGEST), i, -1):
            piece = letters[i:j]
            syl = ALIASES.get(piece, piece)
            if syl in SYLLABLES:
                out.extend((syl,) + rest for rest in ways(j)[:limit])
        return tuple(out[:limit])

    return sorted((list(w) for w in ways(0)), key=len)[:limit]


def _prefix_splits(letters: str) -> list[list[str]]:
    """Splits whose last syllable may be unfinished ("kejichuangx"): whole splits first (their
    last syllable may go on: "xin" of "xing"), then the longest unfinished tail first."""
    out = splits(letters)
    for cut in range(max(len(letters) - _LONGEST, 0), len(letters)):
        tail = letters[cut:]
        if tail in SYLLABLES or not any(s.startswith(tail) for s in SYLLABLES):
            continue
        out.extend(head + [tail] for head in (splits(letters[:cut]) if cut else [[]]))
    return out[:MAX_SPLITS]


@dataclass
class Reading:
    """How a query is looked up as pinyin: patterns for the full strings, or first letters."""
    label: str  # what the results say they matched, e.g. "ke ji chuang xin"
    full: list[str]
    initials: str | None = None


def readings(query: str) -> list[Reading]:
    """The ways to try query as pinyin, best first; [] when it is not Latin letters (typed in
    either width: "ｂｉｓｈａｎ" reads as "bishan", as literal search folds widths)."""
    query = fold(query or "")
    if not _QUERY.fullmatch(query) or sum(c.isalpha() for c in query) < MIN_LETTERS:
        return []
    chunks = [c for c in re.split(r"[' ]+", query.lower().replace("ü", "v")) if c]
    whole = [splits(c) for c in chunks]
    out = []
    if all(whole):
        combos = [sum(p, []) for p in product(*whole)][:MAX_SPLITS]
        out.append(Reading(" ".join(combos[0]), [" " + " ".join(c) + " " for c in combos]))
    last = _prefix_splits(chunks[-1])
    if last and all(whole[:-1]):
        heads = [sum(p, []) for p in product(*whole[:-1])][:4] or [[]]
        combos = [h + t for h in heads for t in last][:MAX_SPLITS]
        out.append(Reading(" ".join(combos[0]) + "…", [" " + " ".join(c) for c in combos]))
    letters = "".join(chunks)
    if not all(whole) and len(letters) >= MIN_LETTERS:
        out.append(Reading(letters, [], initials=letters))
    if all(whole):
        out.extend(_without_suffix([sum(p, []) for p in product(*whole)][:MAX_SPLITS]))
    return out


# A district's full name read out ("bishanqu" 璧山区, "wuxixian" 巫溪县): the rows hold its short
# name, so the name without the suffix is tried last, when nothing holds the whole reading.
_SUFFIXES = (("xin", "qu"), ("qu",), ("xian",))


def _without_suffix(combos: list[list[str]]) -> list[Reading]:
    for suffix in _SUFFIXES:
        n = len(suffix)
        short = [c[:-n] for c in combos if len(c) >= n + 2 and tuple(c[-n:]) == suffix]
        if short:
            return [Reading(" ".join(short[0]), [" " + " ".join(c) + " " for c in short])]
    return []


# The largest article id the trigram index holds (watermark.UPTO, written by derived.catch_up).
_UPTO = f"COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = '{UPTO}'), 0)"


def _found(conn: sqlite3.Connection, reading: Reading, keys) -> list[tuple[int, int, str]]:
    """(sortkey, id, district) of the articles whose pinyin holds the reading: through the
    trigram index (derived.py) up to its watermark and by a scan of the rows above it (those of
    a load still running); one or two first letters, too short for trigrams, by a scan of the
    short initials strings."""
    if reading.initials:
        scan, scan_params = "instr(p.ini, ?) > 0", [reading.initials]
    else:
        scan = "(" + " OR ".join("instr(p.full, ?) > 0" for _ in reading.full) + ")"
        scan_params = list(reading.full)
    span, span_params = (" AND a.sortkey BETWEEN ? AND ?", list(keys)) if keys else ("", [])
    select = "SELECT a.sortkey, a.id, a.district FROM"
    if reading.initials and len(reading.initials) < 3:
        return conn.execute(f"{select} articles_pinyin p JOIN articles a INDEXED BY articles_keys ON a.id = p.id "
                            f"WHERE {scan}{span}", scan_params + span_params).fetchall()
    # Only letters and spaces reach here: nothing to escape inside the quotes.
    phrases = [f'ini : "{reading.initials}"'] if reading.initials else [f'full : "{f}"' for f in reading.full]
    return conn.execute(
        f"{select} pinyin_tri p JOIN articles a INDEXED BY articles_keys ON a.id = p.rowid "
        f"WHERE pinyin_tri MATCH ?{span} UNION ALL "
        f"{select} articles_pinyin p JOIN articles a INDEXED BY articles_keys ON a.id = p.id "
        f"WHERE p.id > {_UPTO} AND {scan}{span}",
        [" OR ".join(phrases)] + span_params + scan_params + span_params).fetchall()


def where(full: str, ini: str, reading: Reading) -> int:
    """Which group of the row matched: 0 title, 1 district, 2+ keyword (index + 2); -1 none."""
    if reading.initials:
        pos = ini.find(reading.initials)
        return ini.count("|", 0, pos) if pos >= 0 else -1
    for pattern in reading.full:
        pos = full.find(pattern)
        if pos >= 0:
            return full.count("|", 0, pos)
    return -1


def matches(conn: sqlite3.Connection, text: str, district: str | None, keys):
    """(reading, rows newest first, matches per district) for text read as pinyin, by the first
    reading that matches anything; None when none does. Rows: (sortkey, id, district)."""
    for reading in readings(text):
        found = _found(conn, reading, keys)
        if found:
            break
    else:
        return None
    found.sort(reverse=True)
    by_district: dict[str, int] = {}
    for _, _, dist in found:
        by_district[dist] = by_district.get(dist, 0) + 1
    return reading, [f for f in found if not district or f[2] == district], by_district


def search(conn: sqlite3.Connection, result, text: str, district: str | None, keys, limit: int, offset: int) -> None:
    """Fill result (query.SearchResult) with the articles matching text read as pinyin, newest
    first; result.pinyin says how it was read. Leaves result alone when nothing matches."""
    found = matches(conn, text, district, keys)
    if found is None:
        return
    reading, chosen, result.by_district = found
    result.total, result.pinyin = len(chosen), reading.label
    result.hits = _hits(conn, chosen[offset:offset + limit], reading)


def _hits(conn: sqlite3.Connection, rows: list, reading: Reading) -> list:
    ids = [r[1] for r in rows]
    meta = {r[0]: r for r in conn.execute(
        "SELECT a.id, a.title, a.page_date, a.kind, a.keywords, p.full, p.ini FROM articles a "
        f"JOIN articles_pinyin p ON p.id = a.id WHERE a.id IN ({','.join('?' * len(ids))})", ids)}
    out = []
    for _, art_id, dist in rows:
        _, title, day, kind, kws, full, ini = meta[art_id]
        group = where(full, ini, reading)
        if group >= 2:
            import json

            word = json.loads(kws or "[]")[group - 2][0]
            snippet, spans = f"关键词：{word}", [(4, 4 + len(word))]
        elif group == 1:
            snippet, spans = f"区县：{dist}", [(3, 3 + len(dist))]
        else:
            snippet, spans = title or "", title_match(title or "", full, reading)
        out.append(Hit(art_id, title, dist, day, kind, 1, snippet, spans, in_title=group == 0, via="pinyin"))
    return out


def token_offsets(text: str | None) -> list[tuple[int, int]]:
    """Where title_spans puts its tokens, found without pypinyin (search never imports it)."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(f"{_HAN.pattern}|{_LATIN.pattern}", text or ""):
        if _HAN.fullmatch(m.group()):
            out.extend((i, i + 1) for i in range(m.start(), m.end()))
        else:
            out.append((m.start(), m.end()))
    return out


def title_match(title: str, full: str, reading: Reading) -> list[tuple[int, int]]:
    """Character spans in title of the first place the reading matches it, from the stored
    syllables of the title (the first group of full)."""
    syl = full.split("|", 1)[0].split()
    offsets = token_offsets(title)
    if len(offsets) != len(syl):
        return []
    wants = [[c for c in reading.initials]] if reading.initials else [p.split() for p in reading.full]
    for pattern, want in zip([None] if reading.initials else reading.full, wants):
        exact = pattern is not None and pattern.endswith(" ")
        for i in range(len(syl) - len(want) + 1):
            got = syl[i:i + len(want)]
            if reading.initials:
                ok = [g[0] for g in got] == want
            else:
                ok = got[:-1] == want[:-1] and (got[-1] == want[-1] or (not exact and got[-1].startswith(want[-1])))
            if ok:
                return [(offsets[i][0], offsets[i + len(want) - 1][1])]
    return []
