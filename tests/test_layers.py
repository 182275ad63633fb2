"""The layers hold (ARCHITECTURE.md): data imports nothing of ours above it, widgets know nothing of
storage or screens, screens never import tui, and no two modules import each other in a circle
(imports under `if TYPE_CHECKING:` are for type checkers only and do not count)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

PACKAGES = ("data", "widgets", "screens", "tui")
STORAGE = ("data.store", "data.folder", "data.storage", "data.tiny", "data.backup", "data.exchange", "data.migrate")


def modules() -> dict[str, Path]:
    return {".".join(p.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__"): p
            for pkg in PACKAGES for p in (REPO / pkg).rglob("*.py")}


def imports(path: Path) -> set[str]:
    """Project modules `path` imports, at any depth, outside `if TYPE_CHECKING:` blocks."""
    known = modules()
    tree = ast.parse(path.read_text())
    skip = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
            for n in ast.walk(node)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:  # `from data import clock` imports the module data.clock
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in known else node.module)
    
    return {name for name in found if name in known and name.split(".")[0] in PACKAGES}


def test_each_layer_imports_only_what_is_below_it():
    wrong = []
    for name, path in modules().items():
        layer = name.split(".")[0]
        for target in imports(path) - {name}:
            up = target.split(".")[0]
            if layer == "data" and up != "data":
                wrong.append(f"{name} -> {target}")
            if layer == "widgets" and (up in ("screens", "tui") or target in STORAGE):
                wrong.append(f"{name} -> {target}")
            if layer == "screens" and up == "tui":
                wrong.append(f"{name} -> {target}")
    assert wrong == []


def test_no_import_circles():
    graph = {name: imports(path) - {name} for name, path in modules().items()}
    circles = set()

    def visit(node: str, trail: list[str]) -> None:
        for nxt in graph.get(node, ()):
            if nxt == trail[0]:
                circles.add(" -> ".join(sorted(trail)))  # one entry per circle, whatever its start
            elif nxt not in trail and nxt > trail[0]:  # each circle found from its smallest module
                visit(nxt, trail + [nxt])

    for start in graph:
        visit(start, [start])
    assert sorted(circles) == []


def test_no_widget_of_ours_is_named_like_one_of_textuals():
    """CSS type selectors match by class name: a widget of ours called `Grid` took the height of
    Textual's Grid container (`height: 1fr`) once a screen had loaded that, and the gauge broke."""
    import textual.containers
    import textual.screen
    import textual.widgets

    theirs = set(dir(textual.widgets)) | set(dir(textual.containers)) | set(dir(textual.screen))
    ours = {node.name for name, path in modules().items() if not name.startswith("data")
            for node in ast.walk(ast.parse(path.read_text())) if isinstance(node, ast.ClassDef)}
    assert ours and sorted(ours & theirs) == []
