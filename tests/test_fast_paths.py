"""The loader's fast paths give what the plain ways gave: sentence ends, keyword terms and their
IDF, title pinyin, the page's text hash, sqlite-utils without numpy, the console command's exit."""
from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.cjk import CLOSERS, FINAL
from tui.parse import keywords, parse_page
from tui.parse.decode import decode, text_digest
from tui.parse.textutil import ends_sentence


def ends_sentence_plainly(text: str) -> bool:
    """The rule as first written: spaces out, closers off one by one, a final mark before them."""
    t = "".join(text.split())
    while t and t[-1] in CLOSERS:
        t = t[:-1]
        if t and t[-1] in FINAL:
            return True
    return bool(t) and t[-1] in FINAL


@given(st.text(alphabet=FINAL + CLOSERS + " \u3000\t，、好a", max_size=8))
def test_ends_sentence_agrees_with_the_plain_rule(text):
    assert ends_sentence(text) == ends_sentence_plainly(text)


@pytest.mark.parametrize("text, ends", [
    ("", False), ("  ", False), ("建成通车。", True), ("他说：“好。”", True), ("建 成 通 车 。", True),
    ("。 ” ", True), ("好”", False), ("（下转第7版）", False), ("他问：“行吗？”）", True),
])
def test_ends_sentence_cases(text, ends):
    assert ends_sentence(text) is ends


def test_terms_and_their_idf_are_jiebas(seeds_dir):
    """The keyword terms of a page and the IDF each is weighed with, against jieba's own table."""
    table, median = keywords.jieba_idf()
    text = (seeds_dir / "000_6dd89e3262396e08.txt").read_text(encoding="utf-8")
    counts = keywords.terms(text)
    assert counts and all(len(w) >= 2 and w not in keywords.STOP_WORDS for w in counts)
    for word in counts:
        assert keywords._IDF_OF[word] == table.get(word, median)
    short, total = keywords.shortlist(counts)
    assert total == sum(counts.values())
    # The shortlist is the words with the highest count x IDF.
    score = {w: n * table.get(w, median) for w, n in counts.items()}
    assert min(score[w] for w in short) >= max((s for w, s in score.items() if w not in short), default=0)


def test_shortlist_of_counts_made_elsewhere():
    """Counts not made by terms() in this process (words never looked up here) still get
    jieba's IDF, and unknown words the median."""
    table, median = keywords.jieba_idf()
    counts = Counter({"从未见过的词甲乙": 5, "重庆": 1})
    short, total = keywords.shortlist(counts, n=2)
    assert total == 6 and set(short) == set(counts)
    assert list(short)[0] == max(counts, key=lambda w: counts[w] * table.get(w, median))


def test_term_tables_start_again_when_full(monkeypatch):
    monkeypatch.setattr(keywords, "_CACHE_MAX", 3)
    keywords.terms("科技创新推动乡村振兴，数字经济带动产业发展。")
    assert len(keywords._TERM_OF) > 3
    counts = keywords.terms("乡村振兴")  # the tables are cleared first, then filled again
    assert counts == Counter({"乡村振兴": 1}) or counts == Counter({"乡村": 1, "振兴": 1})
    assert set(keywords._IDF_OF) == {w for w, t in keywords._TERM_OF.items() if t}


def test_title_pinyin_is_pypinyins(seeds_dir):
    """Titles read word by word with a cache give what lazy_pinyin gives for the whole run."""
    import re

    from pypinyin import Style, lazy_pinyin

    from tui.db import pinyin

    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt")))
    runs = re.findall(r"[\u4e00-\u9fff]+", text)
    assert len(runs) > 500
    for run in runs:
        expected = [s.replace("ü", "v") for s in lazy_pinyin(run, style=Style.NORMAL, errors=lambda s: ["?"] * len(s))]
        assert pinyin.title_tokens(run) == expected, run
    assert pinyin.title_tokens("重庆长江大桥") == ["chong", "qing", "chang", "jiang", "da", "qiao"]


def test_page_carries_the_hash_of_its_decoded_text(seeds_dir):
    data = (seeds_dir / "000_6dd89e3262396e08.txt").read_bytes()
    page = parse_page(data).page
    assert page.text_sha256 == text_digest(decode(data).text)
    gb = data.decode("utf-8").encode("gb18030")
    assert parse_page(gb).page.text_sha256 == page.text_sha256


def test_sqlite_utils_loads_without_numpy_or_pandas():
    code = (
        "import sys\n"
        "from tui.db import sqliteutils\n"
        "m = sqliteutils.load()\n"
        "assert m.Database, m\n"
        "assert 'numpy' not in sys.modules and 'pandas' not in sys.modules, 'imported'\n"
        "assert sys.modules.get('numpy', 0) is not None\n"
        "try:\n"
        "    import numpy\n"
        "except ImportError as e:\n"
        "    assert 'halted' not in str(e), e  # hidden still\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_console_command_flushes_its_report_and_exit_status(seeds_dir, tmp_path):
    """`cqdaily load` ends with os._exit (no teardown): what it printed still arrives through a
    pipe, and the exit status is the command's."""
    db = str(tmp_path / "c.db")
    ok = subprocess.run([sys.executable, "-m", "tui", "load", str(seeds_dir), "--db", db],
                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert ok.returncode == 0
    assert ok.stdout.rstrip().endswith("items") and "5 pages loaded" in ok.stdout
    bad = subprocess.run([sys.executable, "-m", "tui", "load", str(tmp_path / "nope"), "--db", db, "-q"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert bad.returncode == 1 and "no such file or folder" in bad.stderr
    again = subprocess.run([sys.executable, "-m", "tui", "search", "重庆", "--db", db],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert again.returncode == 0 and again.stdout  # the database was closed whole
