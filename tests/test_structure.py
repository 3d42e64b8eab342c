"""The tree shows the data flow (issue 10): each stage imports only the stages before it, no
module imports itself back through others, and modules and functions stay small."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "tui"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60

# What each part may import from the package. Leaves (paths, gazetteer, cjk, newfile, interrupts, workers, terminal) import nothing of ours.
ALLOWED = {
    "tui.paths": set(),
    "tui.newfile": set(),
    "tui.gazetteer": set(),
    "tui.cjk": set(),
    "tui.interrupts": set(),
    "tui.workers": set(),
    "tui.terminal": set(),
    "tui.parse": {"tui.gazetteer", "tui.cjk", "tui.parse"},
    "tui.db": {"tui.gazetteer", "tui.cjk", "tui.paths", "tui.newfile", "tui.terminal", "tui.parse", "tui.db"},
    "tui.loading": {"tui.gazetteer", "tui.cjk", "tui.paths", "tui.interrupts", "tui.workers", "tui.parse", "tui.db", "tui.loading"},
    "tui.rebuild": {"tui.gazetteer", "tui.cjk", "tui.paths", "tui.parse", "tui.db", "tui.loading", "tui.rebuild"},
    "tui.reader": {"tui.gazetteer", "tui.cjk", "tui.paths", "tui.db", "tui.reader"},
}


def _name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Every module of ours that the file imports, at the top or inside a function."""
    name = _name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            # "from . import x" imports the module x; "from .m import name" imports m.
            subs = [f"{mod}.{a.name}" for a in node.names if _exists(f"{mod}.{a.name}")]
            targets = subs or [mod]
        elif isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            continue
        found.update(t for t in targets if t.startswith("tui") and _exists(t))
    return found


def _exists(module: str) -> bool:
    rel = Path(*module.split("."))
    return (ROOT / rel).with_suffix(".py").exists() or (ROOT / rel / "__init__.py").exists()


MODULES = {_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
GRAPH = {name: _imports(path) - {name} for name, path in MODULES.items()}


def _part(module: str) -> str | None:
    return next((k for k in sorted(ALLOWED, key=len, reverse=True) if module == k or module.startswith(k + ".")), None)


def test_each_stage_imports_only_the_stages_before_it():
    wrong = []
    for module, targets in GRAPH.items():
        part = _part(module)
        if part is None:
            continue  # tui, tui.__main__ and tui.cli wire everything together
        wrong += [f"{module} -> {t}" for t in targets if _part(t) not in ALLOWED[part] | {None} or _part(t) is None
                  and t.startswith("tui.cli")]
    assert wrong == []


def test_no_import_cycle():
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(GRAPH.get(node, ())):
            if nxt not in GRAPH or nxt in ("tui", ):
                continue
            if state.get(nxt) == 1:
                cycles.append(" -> ".join(trail[trail.index(nxt):] + [nxt]) if nxt in trail else f"{node} -> {nxt}")
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for module in GRAPH:
        if module not in state:
            visit(module, [module])
    assert cycles == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_and_functions_stay_small(module):
    path = MODULES[module]
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) < MAX_MODULE_LINES
    long = [f"{n.name}: {n.end_lineno - n.lineno + 1} lines" for n in ast.walk(ast.parse(text))
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.end_lineno - n.lineno + 1 >= MAX_FUNCTION_LINES]
    assert long == []
