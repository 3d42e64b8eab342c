"""tui.parse: one entry point, cheap to import; the shared leaves stay free of the parser."""
from __future__ import annotations

import subprocess
import sys

from tui.parse import ParsedPage, parse_page

PAGE = "铜梁 招商引资跑出新进度\n\n　　今年以来，铜梁区引进一批\n重点项目，总投资超过八十亿元。\n\n铜梁区融媒体中心 张浩\n"


def _modules_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print(' '.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_importing_the_package_loads_no_stage_and_no_jieba():
    mods = _modules_after("import tui.parse")
    assert not {m for m in mods if m.startswith("tui.parse.")}
    assert not {"jieba", "rjieba"} & mods


def test_shared_leaves_do_not_import_the_parser():
    mods = _modules_after("import tui.gazetteer, tui.cjk")
    assert not {m for m in mods if m.startswith("tui.parse")}
    assert not {"jieba", "rjieba"} & mods


def test_parse_page_takes_bytes_or_text():
    from_bytes = parse_page(PAGE.encode("utf-8"))
    from_text = parse_page(PAGE)
    assert isinstance(from_bytes, ParsedPage)
    assert [a.title for a in from_bytes.articles] == [a.title for a in from_text.articles] == ["铜梁 招商引资跑出新进度"]
    assert from_text.articles[0].byline == "铜梁区融媒体中心 张浩"
    assert from_text.articles[0].district == "铜梁"
