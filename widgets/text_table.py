"""A small table drawn as text: each column as wide as its widest cell, one space between
columns, and when the width runs out the last columns give way first (cut with an ellipsis).

The gauge redraws its tables on every keypress; a Rich Table cost ~1.5 ms each time (it is
measured and rendered twice), and even a Text ~0.9 ms through the general render path. These
lines are made into strips directly (~0.2 ms), and an unchanged table is not redrawn at all.
"""

from __future__ import annotations

from typing import Sequence

from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget

Row = tuple[Text, ...]


def lay_out(rows: Sequence[Row], right: Sequence[bool], width: int) -> Text:
    columns = max((len(row) for row in rows), default=0)
    widths = [max((row[c].cell_len for row in rows if c < len(row)), default=0) for c in range(columns)]
    over = sum(widths) + columns - 1 - width
    for c in reversed(range(columns)):
        if over <= 0:
            break
        cut = min(over, widths[c] - 1)
        widths[c] -= cut
        over -= cut
    lines = []
    for row in rows:
        line = Text(no_wrap=True, overflow="crop")
        for c, w in enumerate(widths):
            cell = row[c].copy() if c < len(row) else Text()
            if cell.cell_len > w:
                cell.truncate(w, overflow="ellipsis")
            pad = " " * (w - cell.cell_len)
            if c:
                line.append(" ")
            if c < len(right) and right[c]:
                line.append(pad)
                line.append_text(cell)
            else:
                line.append_text(cell)
                line.append(pad)
        lines.append(line)
    return Text("\n", no_wrap=True).join(lines)


class TextTable(Widget):
    DEFAULT_CSS = "TextTable { height: auto; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._rows: tuple[Row, ...] = ()
        self._right: tuple[bool, ...] = ()
        self._strips: list[Strip] = []
        self._drawn_for: tuple[int, Style] | None = None  # (width, style) the strips were made for

    def show(self, rows: Sequence[Sequence[Text | str]], right: Sequence[bool] = ()) -> None:
        """`right[c]` right-aligns column c (numbers). Redraws only if something changed."""
        new = tuple(tuple(c if isinstance(c, Text) else Text(c) for c in row) for row in rows)
        if (new, tuple(right)) == (self._rows, self._right):
            return
        layout = len(new) != len(self._rows)  # the height is the number of rows
        self._rows, self._right = new, tuple(right)
        self._drawn_for = None
        self.refresh(layout=layout)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._rows)

    def render_line(self, y: int) -> Strip:
        width, base = self.size.width, self.rich_style
        if self._drawn_for != (width, base):
            self._drawn_for = (width, base)
            self._strips = []
            for line in lay_out(self._rows, self._right, width).split("\n"):
                line.stylize_before(base)
                self._strips.append(Strip(line.render(self.app.console), line.cell_len).crop_extend(0, width, base))
        if y >= len(self._strips):
            return Strip.blank(width, base)
        return self._strips[y]
