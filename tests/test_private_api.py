"""Product code uses Textual's and TinyDB's public API: no class of ours reads, sets or overrides a
private name (`_x`) of the Textual/TinyDB classes it builds on, and nothing imports a private module.
What is still left is listed in ALLOWED, each with its reason; the list only ever shrinks."""

from __future__ import annotations

import ast
import importlib
import inspect
import re

from tests.conftest import REPO

PACKAGES = ("data", "widgets", "screens", "tui")
THIRD_PARTY = ("textual", "tinydb")
ALLOWED = {
    # Textual 8.2.8 reads an ESC inside a bracketed paste as a key; PasteParser wraps its parser.
    ("tui.paste_parser", "textual._xterm_parser"),
    # The last resort for a crash (one line, a report without locals): Textual has no public hook.
    ("tui.app.AttuneApp", "_handle_exception"),
}
SELF_ATTR = re.compile(r"self\.(_[a-z][a-z0-9_]*)\b")


def product_modules():
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            if path.name == "__main__.py":
                continue  # running it is its whole point
            yield ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__"), path


def private_names_of(base: type) -> set[str]:
    """The private names a third-party class has: its own, and those its methods set on self."""
    names = {n for n in vars(base) if n.startswith("_") and not n.startswith("__")}
    try:
        names |= set(SELF_ATTR.findall(inspect.getsource(base)))
    except (OSError, TypeError):
        pass
    return names


def used_by(cls: type) -> set[str]:
    """Private names a class of ours touches on self, or defines (overriding)."""
    tree = ast.parse(inspect.getsource(cls).lstrip() if cls.__qualname__ == cls.__name__ else "pass")
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
            found.add(node.attr)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.add(node.name)
    return {n for n in found if n.startswith("_") and not n.startswith("__")}


def test_no_private_textual_or_tinydb_names():
    found = set()
    for name, path in product_modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in THIRD_PARTY:
                if any(part.startswith("_") for part in node.module.split(".")):
                    found.add((name, node.module))
        module = importlib.import_module(name)
        for cls in vars(module).values():
            if not inspect.isclass(cls) or cls.__module__ != name:
                continue
            bases = [b for b in cls.__mro__[1:] if b.__module__.split(".")[0] in THIRD_PARTY]
            theirs = set().union(*map(private_names_of, bases)) if bases else set()
            ours = [k for k in cls.__mro__ if k.__module__.split(".")[0] in PACKAGES]  # mixins count too
            found |= {(f"{k.__module__}.{k.__qualname__}", attr) for k in ours for attr in used_by(k) & theirs}
    assert sorted(found - ALLOWED) == []
    assert sorted(ALLOWED - found) == [], "gone from the code: take it off ALLOWED"
