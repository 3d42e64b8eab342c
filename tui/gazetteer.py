"""Chongqing's districts and counties: short names, full names, regions."""
from __future__ import annotations

import re
from functools import lru_cache

CITY = "全市"

# Short name -> the suffixes the paper uses after it in running text.
REGIONS: dict[str, list[str]] = {
    "主城都市区": [
        "渝中", "大渡口", "江北", "沙坪坝", "九龙坡", "南岸", "北碚", "渝北", "巴南",
        "涪陵", "长寿", "江津", "合川", "永川", "南川", "綦江", "大足", "璧山", "铜梁",
        "潼南", "荣昌", "万盛", "两江新区", "重庆高新区",
    ],
    "渝东北三峡库区城镇群": [
        "万州", "开州", "梁平", "城口", "丰都", "垫江", "忠县", "云阳", "奉节", "巫山", "巫溪",
    ],
    "渝东南武陵山区城镇群": ["黔江", "武隆", "石柱", "秀山", "酉阳", "彭水"],
}
DISTRICTS: list[str] = [d for names in REGIONS.values() for d in names]
REGION_OF = {d: region for region, names in REGIONS.items() for d in names}
COUNTIES = {"城口", "丰都", "垫江", "忠县", "云阳", "奉节", "巫山", "巫溪", "石柱", "秀山", "酉阳", "彭水"}

# Other ways a district is written: full official names and short forms.
ALIASES: dict[str, str] = {
    "两江": "两江新区",
    "高新区": "重庆高新区",
    "重庆高新区": "重庆高新区",
    "万盛经开区": "万盛",
    "万盛经济技术开发区": "万盛",
    "石柱土家族自治县": "石柱",
    "秀山土家族苗族自治县": "秀山",
    "酉阳土家族苗族自治县": "酉阳",
    "彭水苗族土家族自治县": "彭水",
}
SUFFIXES = ("土家族苗族自治县", "苗族土家族自治县", "土家族自治县", "自治县", "经开区", "区", "县")


@lru_cache(maxsize=8192)
def canonical(name: str | None) -> str | None:
    """Map a written district name ("璧山区", "万盛经开区", "高新区") to its short name."""
    if not name:
        return None
    name = re.sub(r"\s+", "", name)
    if name in DISTRICTS or name == CITY:
        return name
    if name in ALIASES:
        return ALIASES[name]
    for suffix in SUFFIXES:
        if name.endswith(suffix) and name[: -len(suffix)] in DISTRICTS:
            return name[: -len(suffix)]
    return None


# Longest first so "重庆高新区" wins over "高新区" and "大渡口" is not read as anything shorter.
_NAMES = sorted(set(DISTRICTS) | set(ALIASES), key=len, reverse=True)
_MENTION = re.compile("|".join(re.escape(n) for n in _NAMES))
# A mention followed by 区/县 ("璧山区", "垫江县") is surely the district, not a word part.
_FULL = re.compile("(" + "|".join(re.escape(n) for n in _NAMES) + ")(?:区|县)")
_CITYWIDE = re.compile(r"全市|我市|重庆市|市委|市政府|全市各区县")


# Short forms that are also parts of other names: "高新区" after a place name is that place's
# own zone ("铜梁高新区"), "两江" before more text is the two rivers ("两江四岸").
_PARTIAL = {"高新区", "两江"}
_BEFORE_OK = set("在于和与及的、到至赴向从由对为是")  # words that may stand right before a name


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Whether the short form at text[start:end] names the district, not part of another name."""
    name = text[start:end]
    if name not in _PARTIAL:
        return True
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if name == "高新区":
        return not ("\u4e00" <= before <= "\u9fff") or before in _BEFORE_OK
    return not ("\u4e00" <= after <= "\u9fff")


def mentions(text: str) -> dict[str, float]:
    """Weighted district mentions in text: a full name ("璧山区") counts 2, a bare one 1."""
    counts: dict[str, float] = {}
    for m in _MENTION.finditer(text):
        d = canonical(m.group(0))
        if d and _stands_alone(text, m.start(), m.end()):
            counts[d] = counts.get(d, 0.0) + 1.0
    for m in _FULL.finditer(text):
        d = canonical(m.group(1))
        if d and _stands_alone(text, m.start(1), m.end(1)):
            counts[d] = counts.get(d, 0.0) + 1.0
    return counts


def citywide_mentions(text: str) -> int:
    return len(_CITYWIDE.findall(text))


def label_of(line: str) -> str | None:
    """The district a line names when it is nothing but a district label."""
    return canonical(line.strip())


_LEADING = re.compile("(" + "|".join(re.escape(n) for n in _NAMES) + ")")
_TRAILING = re.compile("(" + "|".join(re.escape(n) for n in _NAMES) + ")$")


def leading(text: str) -> str | None:
    """District that leads a headline: "铜梁 招商引资…", "璧山：小城…", "綦江“坝坝直播间”…"."""
    m = _LEADING.match(text)
    if m and len(text) > len(m.group(1)) + 1 and _stands_alone(text, 0, m.end(1)):
        return canonical(m.group(1))
    return None


def trailing(text: str) -> str | None:
    """District name at the very end of a text ("…户户见干部綦江")."""
    m = _TRAILING.search(text[-8:])
    if m and len(text) > len(m.group(1)):
        return m.group(1)
    return None


# ---------------------------------------------------------------------------------------------
# A district named by a user (`cqdaily search --district`): short, full or pinyin names.

# Hanyu pinyin of every district's short name, without tones. A table rather than pypinyin: 41
# fixed names do not need a dependency and its dictionary, and a test checks the table covers
# every district. Many users have no Chinese input method at hand.
PINYIN: dict[str, str] = {
    "渝中": "yuzhong", "大渡口": "dadukou", "江北": "jiangbei", "沙坪坝": "shapingba",
    "九龙坡": "jiulongpo", "南岸": "nanan", "北碚": "beibei", "渝北": "yubei", "巴南": "banan",
    "涪陵": "fuling", "长寿": "changshou", "江津": "jiangjin", "合川": "hechuan", "永川": "yongchuan",
    "南川": "nanchuan", "綦江": "qijiang", "大足": "dazu", "璧山": "bishan", "铜梁": "tongliang",
    "潼南": "tongnan", "荣昌": "rongchang", "万盛": "wansheng", "两江新区": "liangjiangxinqu",
    "重庆高新区": "chongqinggaoxinqu", "万州": "wanzhou", "开州": "kaizhou", "梁平": "liangping",
    "城口": "chengkou", "丰都": "fengdu", "垫江": "dianjiang", "忠县": "zhongxian", "云阳": "yunyang",
    "奉节": "fengjie", "巫山": "wushan", "巫溪": "wuxi", "黔江": "qianjiang", "武隆": "wulong",
    "石柱": "shizhu", "秀山": "xiushan", "酉阳": "youyang", "彭水": "pengshui", CITY: "quanshi",
}
# Pinyin of the short forms people also type: "liangjiang", "gaoxinqu", "zhong".
_PINYIN_ALIASES = {"liangjiang": "两江新区", "gaoxinqu": "重庆高新区", "gaoxin": "重庆高新区", "zhong": "忠县"}
_BY_PINYIN = {p: d for d, p in PINYIN.items()} | _PINYIN_ALIASES
# What may follow a pinyin name: "bishanqu", "Bishan District", "Fengdu County".
_PINYIN_SUFFIXES = ("district", "county", "qu", "xian")


def _pinyin_key(name: str) -> str:
    return re.sub(r"[\s'’\-_.]+", "", name.casefold())


def resolve_district(name: str) -> str | None:
    """The short name of the district a user typed ("璧山", "璧山区", "璧山县", "bishan",
    "Bishan District"), or None."""
    found = canonical(name)
    if found:
        return found
    key = _pinyin_key(name)
    if key in _BY_PINYIN:
        return _BY_PINYIN[key]
    for suffix in _PINYIN_SUFFIXES:
        if key.endswith(suffix) and key[: -len(suffix)] in _BY_PINYIN:
            return _BY_PINYIN[key[: -len(suffix)]]
    return None


def close_districts(name: str, n: int = 5) -> list[str]:
    """Districts whose names look like what the user typed, best first, as "璧山 (bishan)"."""
    import difflib

    key = _pinyin_key(name)
    names = {d: d for d in PINYIN} | {p: d for p, d in _BY_PINYIN.items()}
    found = [names[m] for m in difflib.get_close_matches(key, list(names), n=n * 2, cutoff=0.5)]
    found += [d for p, d in _BY_PINYIN.items() if key and (p.startswith(key) or key.startswith(p))]
    found += [d for d in PINYIN if any(c in d for c in key if not c.isascii())]
    out: list[str] = []
    for d in found:
        if d not in out:
            out.append(d)
    return [f"{d} ({PINYIN[d]})" for d in out[:n]]
