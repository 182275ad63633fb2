"""One context of the gauge (everyday or conflict): a heading, the ratio in big digits, the
zoned bar and a small table. Each piece draws itself from its own reactives, fed by the panel's
through data_bind; an unchanged value redraws nothing. It knows nothing of storage."""

from __future__ import annotations

import math

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive, var
from textual.widget import Widget
from textual.widgets import Digits

ZONE_CLASSES = {"below 1:1": "ratio-bar--below-one", "below aim": "ratio-bar--below-aim", "at aim": "ratio-bar--at-aim"}
Rows = tuple[tuple[Text | str, ...], ...]


class Line(Widget):
    """One line of text, drawn from `text`."""

    DEFAULT_CSS = "Line { height: 1; }"
    text: reactive[Text | str] = reactive("")

    def render(self) -> Text | str:
        return self.text


class WideLine(Line):
    """A Line whose width follows its text (`width: auto`)."""

    text: reactive[Text | str] = reactive("", layout=True)


def position(value: float | None, target: float, width: int) -> int:
    """Columns filled for a ratio on a log scale (0 left, twice the aim right); None (no
    negatives at all) is full."""
    if value is None:
        return width
    return max(0, min(width, round(width * math.log1p(value) / math.log1p(2 * target))))


class RatioBar(Widget):
    """The bar with its 1:1 and aim marks labelled underneath, so the zones read without colour."""

    COMPONENT_CLASSES = {*ZONE_CLASSES.values(), "ratio-bar--empty", "ratio-bar--mark"}
    DEFAULT_CSS = """
    RatioBar { height: 2; }
    RatioBar > .ratio-bar--below-one { color: $error; }
    RatioBar > .ratio-bar--below-aim { color: $warning; }
    RatioBar > .ratio-bar--at-aim { color: $success; }
    RatioBar > .ratio-bar--empty { color: $foreground 25%; }
    RatioBar > .ratio-bar--mark { color: $foreground; text-style: bold; }
    """
    value: reactive[float | None] = reactive(None)  # positives per negative; None: no negative
    zone = reactive("nothing")
    target = reactive(20.0)
    ascii_only = reactive(False)

    def render(self) -> Text:
        width = max(self.size.width, 10)
        full, empty, mark = ("#", "-", "|") if self.ascii_only else ("█", "░", "▏")
        filled = 0 if self.zone == "nothing" else position(self.value, self.target, width)
        one = min(position(1, self.target, width), width - 1)
        aim = min(position(self.target, self.target, width), width - 1)
        empty_style = self.get_component_rich_style("ratio-bar--empty")
        mark_style = self.get_component_rich_style("ratio-bar--mark")
        bar = Text(full * filled, self.get_component_rich_style(ZONE_CLASSES.get(self.zone, "ratio-bar--empty")))
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


class Grid(Widget):
    """A small table: Rich's Table.grid, one space between columns, `right` columns right-aligned.
    When the width runs out the last column gives way first, cut with an ellipsis."""

    DEFAULT_CSS = "Grid { height: auto; }"
    rows: reactive[Rows] = reactive(())
    right: reactive[tuple[bool, ...]] = reactive(())

    def watch_rows(self, old: Rows, new: Rows) -> None:
        if len(old) != len(new):  # its height: a layout pass only then (new counts are most keys)
            self.refresh(layout=True)

    def render(self) -> Table:
        table = Table.grid(padding=(0, 1))
        columns = max(map(len, self.rows), default=0)
        for c in range(columns):
            right = c < len(self.right) and self.right[c]
            # Only a column that may wrap is narrowed first; its cells still never wrap.
            table.add_column(justify="right" if right else "left", no_wrap=c < columns - 1)
        for row in self.rows:
            table.add_row(*(Text.assemble(cell, no_wrap=True, overflow="ellipsis") for cell in row))
        return table


class GaugePanel(Vertical):
    DEFAULT_CSS = """
    GaugePanel { height: auto; padding: 0 1; }
    GaugePanel .gauge-big { height: 3; }
    GaugePanel Digits { width: auto; }
    GaugePanel .gauge-zone { width: 1fr; height: 3; content-align: left middle; padding-left: 2; text-style: bold; }
    """
    # vars: the panel hands them to its pieces (data_bind); it draws nothing of its own.
    heading: var[Text | str] = var("")
    big = var("--")
    zone = var("nothing")
    zone_words = var("")
    value: var[float | None] = var(None)
    target = var(20.0)
    rows: var[Rows] = var(())
    right: var[tuple[bool, ...]] = var(())
    ascii_only = var(False)

    def __init__(self, ascii_only: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.set_reactive(GaugePanel.ascii_only, ascii_only)

    def compose(self) -> ComposeResult:
        yield Line().data_bind(text=GaugePanel.heading)
        with Horizontal(classes="gauge-big"):
            yield Digits(self.big)
            yield Line(classes="gauge-zone").data_bind(text=GaugePanel.zone_words)
        yield RatioBar().data_bind(GaugePanel.value, GaugePanel.zone, GaugePanel.target, GaugePanel.ascii_only)
        yield Grid().data_bind(GaugePanel.rows, GaugePanel.right)

    def watch_big(self, big: str) -> None:
        if self.is_mounted:
            self.query_one(Digits).update(big)  # Digits keeps its value in a method, not a reactive

    def watch_zone(self, zone: str) -> None:
        """The zone's colour, through a class: `-zone-below-aim` ..."""
        self.remove_class(*(c for c in self.classes if c.startswith("-zone-")))
        self.add_class("-zone-" + zone.replace(":", "-").replace(" ", "-"))
