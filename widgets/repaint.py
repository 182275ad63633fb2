"""Update a widget only when what it shows really changed.

A keypress on a busy screen used to restyle, re-lay-out and repaint every widget (~16 ms at
80x24); unchanged widgets now keep their cached lines, and fixed-size ones skip the layout.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Static

_UNSET = object()


def update(static: Static, content: Any, *, key: Any = _UNSET, layout: bool = False) -> bool:
    """Show `content` unless `key` (default: the content itself) is what the widget already
    shows. `layout=False` is for widgets whose size cannot change with their content."""
    key = content if key is _UNSET else key
    shown = getattr(static, "_shown", None)
    # Also the very content object we gave it: an update() made elsewhere is not mistaken for ours.
    if shown is not None and shown[0] == key and static.content is shown[1]:
        return False
    static._shown = (key, content)  # type: ignore[attr-defined]
    static.update(content, layout=layout)
    return True


def set_border_title(widget: Any, title: str) -> None:
    if widget.border_title != title:  # setting it, even to the same words, repaints
        widget.border_title = title
