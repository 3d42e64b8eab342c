"""One key table (issue 10): README's reader keys are the bindings' own, and README names every
`cqdaily` command and option."""
from __future__ import annotations

import argparse
import re
import subprocess
import sys

from tui.cli import _parser
from tui.reader import keys
from tui.reader.articleview import ArticleView
from tui.reader.editionlist import EditionList
from tui.reader.lists import ArticleList, DistrictList
from tui.reader.output import PathInput
from tui.reader.relatedlist import RelatedList
from tui.reader.screens.help import HelpScreen
from tui.reader.screens.main import MainScreen
from tui.reader.searchbar import SearchBar
from tui.reader.sidebar import Sidebar

from .reader_helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _readme_keys() -> str:
    m = re.search(r"<!-- keys:start -->\n(.*)<!-- keys:end -->", README, re.S)
    assert m, "README has no generated key table"
    return m.group(1)


def test_readme_key_table_is_the_bindings():
    assert _readme_keys() == keys.markdown(), "run: python -m tui.reader.keys, paste between the markers"


def _bound(cls) -> set[tuple[str, str]]:
    return {(key, b.action) for key, bs in cls._merge_bindings().key_to_bindings.items() for b in bs}


def test_widgets_bind_what_the_table_says():
    """Every key of the table is bound on its widget to its action, and the table's words are the
    footer's: no widget adds a key the table does not list."""
    scopes = {"app": [MainScreen], "list": [ArticleList, DistrictList, Sidebar, EditionList, RelatedList],
              "article": [ArticleView], "search": [SearchBar], "help": [HelpScreen], "save": [PathInput]}
    for scope, classes in scopes.items():
        table = {(key, k.action) for k in keys.KEYS[scope][1] for key in k.keys.split(",")}
        for cls in classes:
            own = {(key, b.action) for b in cls.BINDINGS for key in b.key.split(",")}
            assert own == table, (scope, cls.__name__)
            assert table <= _bound(cls), (scope, cls.__name__)


def test_keys_module_prints_the_table():
    out = subprocess.run([sys.executable, "-m", "tui.reader.keys"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    assert out == keys.markdown()


def _commands_row(name: str | None) -> str:
    pattern = rf"^\| `cqdaily {name}\b.*$" if name else r"^\| `cqdaily \[.*$"
    m = re.search(pattern, README, re.M)
    assert m, f"README's command table has no row for cqdaily {name or ''}"
    return m.group(0)


def test_readme_names_every_command_and_option():
    parser = _parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    parsers = [(None, parser)] + list(sub.choices.items())
    for name, p in parsers:
        row = _commands_row(name)
        for action in p._actions:
            if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)) or not action.option_strings:
                continue
            assert any(opt in row for opt in action.option_strings), (name, action.option_strings)
    assert set(sub.choices) == {"load", "search"} | set(sub.choices)  # each checked above
