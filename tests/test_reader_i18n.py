"""Issue 12.5: the interface in Chinese or English: every label, key, help text, status line,
notification and palette entry; Chinese when the locale is zh_* or with --lang zh."""
from __future__ import annotations

import ast
import re

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tui.cli import _parser
from tui.reader import i18n, keys
from tui.reader.app import CqdailyApp
from tui.reader.articleview import ArticleBody
from tui.reader.searchbar import SearchBar

from .fixtures.reader_db import build
from .reader_helpers import ROOT, notices, screen_text, settle, status

READER = ROOT / "tui" / "reader"
CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"\b[A-Za-z]{3,}\b")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return build(str(tmp_path_factory.mktemp("i18n") / "fixture.db"))


@pytest.mark.parametrize("env,lang", [
    ({"LANG": "zh_CN.UTF-8"}, "zh"), ({"LANG": "zh_TW.UTF-8"}, "zh"), ({"LC_ALL": "zh_CN.GB18030"}, "zh"),
    ({"LANG": "en_US.UTF-8"}, "en"), ({"LANG": "C.UTF-8"}, "en"), ({}, "en"),
    ({"LANG": "zh_CN.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "en"), ({"LANGUAGE": "zh_CN:en", "LANG": "C"}, "zh"),
    ({"LC_MESSAGES": "zh_HK.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
])
def test_language_follows_the_locale(env, lang):
    assert i18n.detect(env) == lang


def test_lang_option():
    assert _parser().parse_args(["--lang", "zh"]).lang == "zh"
    assert _parser().parse_args([]).lang is None


def _literals() -> set[str]:
    """Every string the reader passes to tr(), and the key table's words."""
    out = set()
    for path in READER.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "tr" and node.args:
                if isinstance(node.args[0], ast.Constant):
                    out.add(node.args[0].value)
    for title, group in keys.KEYS.values():
        out |= {title} | {k.short for k in group} | {k.long for k in group}
    out |= {m for m, _ in keys.MARKS if LATIN_WORD.search(m)} | {what for _, what in keys.MARKS}
    return out


def test_every_interface_string_has_its_chinese():
    literals = _literals()
    assert len(literals) > 60
    missing = sorted(s for s in literals if s not in i18n.ZH)
    assert not missing
    for text, zh in i18n.ZH.items():
        assert CJK.search(zh), text
        assert set(re.findall(r"{\w+}", zh)) == set(re.findall(r"{\w+}", text)), text


async def test_chinese_interface(db):
    app = CqdailyApp(db, lang="zh")
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        assert [app.query_one(p).border_title for p in ("#districts", "#articles", "#article")] == ["区县", "文章", "正文"]
        assert status(app).startswith("第 1/6 篇 · 全部")
        footer = [k.description for k in app.screen.query_one(Footer).query(FooterKey)]
        assert footer and all(CJK.search(d) for d in footer), footer
        assert CJK.search(app.query_one(SearchBar).placeholder)
        await pilot.press("K")
        assert "已是第一篇" in notices(app)
        await pilot.press("slash", *"科技", "enter")
        await settle(pilot)
        assert re.search(r"\d+ 篇中 \d+ 处 · 第 1/\d+ 处", status(app))
        assert any("第3版" in line.plain for line in app.query_one(ArticleBody)._lines)
        names = [c.title for c in app.get_system_commands(app.screen)]
        assert names and all(CJK.search(n) for n in names)
        app.db_path = "/数据/日报.db"  # the help names the database: its path is the user's, not the interface's
        await pilot.press("question_mark")
        await pilot.pause(0.2)
        text = "".join(screen_text(app))
        await pilot.press("G")
        await pilot.pause(0.2)
        text += "".join(screen_text(app))
        assert "本帮助" in text and "图片新闻" in text
        assert not [w for w in LATIN_WORD.findall(text) if w not in {"esc", "tab", "shift", "ctrl", "space", "pgdn",
                                                                      "pgup", "home", "end", "enter", "seeds",
                                                                      "Markdown", "PAGER", "less"}]


async def test_chinese_palette_entries(db):
    app = CqdailyApp(db, lang="zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"区县")
        await pilot.pause(0.5)
        text = "".join(screen_text(app))
        assert "区县：" in text and "District:" not in text


async def test_english_interface(db):
    app = CqdailyApp(db, lang="en")
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        assert status(app).startswith("article 1/6 · All")
        assert not CJK.search("".join(k.description for k in app.screen.query_one(Footer).query(FooterKey)))


def test_readme_documents_the_languages():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "--lang" in readme and "zh_" in readme


async def test_chinese_theme_picker(db):
    app = CqdailyApp(db, lang="zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.action_change_theme()
        await pilot.pause(0.3)
        assert "搜索主题" in "".join(screen_text(app))
