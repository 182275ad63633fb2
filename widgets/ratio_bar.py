"""A ratio bar with its zones marked: below 1:1, below the aim, at or above the aim.

The scale is logarithmic (0 at the left, twice the aim at the right) so that 1:1 and 20:1
both get room. The 1:1 and aim marks are labelled under the bar, so the zones read without
colour; colour only repeats them.
"""

from __future__ import annotations

import math

from rich.text import Text
from textual.widget import Widget

ZONE_CLASSES = {
    "below 1:1": "ratio-bar--below-one",
    "below aim": "ratio-bar--below-aim",
    "at aim": "ratio-bar--at-aim",
}


def position(value: float | None, target: float, width: int) -> int:
    """Columns filled for a ratio; None means no negatives at all: full."""
    if value is None:
        return width
    top = math.log1p(2 * target)
    return max(0, min(width, round(width * math.log1p(value) / top)))


class RatioBar(Widget):
    COMPONENT_CLASSES = {*ZONE_CLASSES.values(), "ratio-bar--empty", "ratio-bar--mark"}
    DEFAULT_CSS = """
    RatioBar { height: 2; }
    RatioBar > .ratio-bar--below-one { color: $error; }
    RatioBar > .ratio-bar--below-aim { color: $warning; }
    RatioBar > .ratio-bar--at-aim { color: $success; }
    RatioBar > .ratio-bar--empty { color: $foreground 25%; }
    RatioBar > .ratio-bar--mark { color: $foreground; text-style: bold; }
    """

    def __init__(self, target: float = 20.0, ascii_only: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.target = target
        self.ascii_only = ascii_only
        self.value: float | None = None
        self.zone = "nothing"

    def show(self, value: float | None, zone: str, target: float) -> None:
        """`value` is positives per negative (None: no negative); `zone` the word for it."""
        drawn = self._drawn(self.size.width)
        self.value, self.zone, self.target = value, zone, target
        if self._drawn(self.size.width) != drawn:  # most keypresses move the bar by less than a cell
            self.refresh()

    def _drawn(self, width: int) -> tuple:
        width = max(width, 10)
        filled = 0 if self.zone == "nothing" else position(self.value, self.target, width)
        return filled, self.zone, self.target

    def render(self) -> Text:
        width = max(self.size.width, 10)
        full, empty, mark = ("#", "-", "|") if self.ascii_only else ("█", "░", "▏")
        filled, _zone, _target = self._drawn(width)
        one = min(position(1, self.target, width), width - 1)
        aim = min(position(self.target, self.target, width), width - 1)
        fill_style = self.get_component_rich_style(ZONE_CLASSES.get(self.zone, "ratio-bar--empty"))
        empty_style = self.get_component_rich_style("ratio-bar--empty")
        mark_style = self.get_component_rich_style("ratio-bar--mark")
        # Runs of one style, not a span per cell: this is redrawn while someone is typing keys.
        bar = Text(full * filled, fill_style)
        at = filled
        for col in sorted({one, aim}):
            if col >= at:
                bar.append(empty * (col - at), empty_style)
                bar.append(mark, mark_style)
                at = col + 1
        bar.append(empty * (width - at), empty_style)
        labels = [" "] * width
        for at, label in ((one, "1:1"), (aim, f"{self.target:g}:1")):
            start = max(0, min(width - len(label), at - len(label) // 2))
            labels[start:start + len(label)] = label
        return Text.assemble(bar, "\n", Text("".join(labels), style=mark_style))
