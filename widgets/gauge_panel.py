"""One context of the gauge (everyday or conflict): a heading, the ratio in big digits, the
zoned bar and a small table. Each piece draws itself from its own reactives, fed by the panel's
through data_bind; an unchanged value redraws nothing. It knows nothing of storage."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive, var
from textual.widget import Widget
from textual.widgets import Digits, Sparkline, Static

from data.models import AT_AIM, BELOW_AIM, BELOW_ONE, EVERYDAY, NOTHING, PERIODS, Ratio, Recent, short, zone
from widgets.line import Line
from widgets.literal import literal

ZONE_CLASSES = {BELOW_ONE: "ratio-bar--below-one", BELOW_AIM: "ratio-bar--below-aim", AT_AIM: "ratio-bar--at-aim"}
ZONE_WORDS = {NOTHING: "nothing logged", BELOW_ONE: "below 1:1", BELOW_AIM: "below aim", AT_AIM: "at or above aim"}
TABLE_WORDS = {**ZONE_WORDS, AT_AIM: "at/above aim"}  # fits beside the numbers at 80 columns
ZONE_STYLE = {NOTHING: "dim", BELOW_ONE: "bold red", BELOW_AIM: "yellow", AT_AIM: "green"}
PERIOD_RIGHT = (False, True, True, False)  # counts and ratios line up on the right
TREND_STEPS = 64  # a bar has 8 heights; finer steps than that never show
Rows = tuple[tuple[Text | str, ...], ...]


MINUS = "−"


def sign(positive: bool) -> str:
    return "+" if positive else MINUS


def counts(r: Ratio) -> str:
    return f"{r.positive}+ {r.negative}{MINUS}"


def name_short(name: str, width: int = 12) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def period_rows(recent: Recent, context: str, target: float) -> Rows:
    """Today / 7 days / 30 days: counts, ratio and the zone in words."""
    rows: list[tuple[Text | str, ...]] = [tuple(Text(h, style="dim") for h in ("", "+ and −", "ratio", "zone"))]
    for days, label in PERIODS:
        r = recent.ratio(days, context)
        z = zone(r, target)
        rows.append((label, counts(r), short(r), Text(TABLE_WORDS[z], style=ZONE_STYLE[z])))
    return tuple(rows)


def partner_rows(recent: Recent, context: str, names: dict[str, str]) -> Rows:
    """Today / 7 days / 30 days, one column per partner (who logged it)."""
    rows: list[tuple[Text | str, ...]] = [("", *(literal(name_short(names.get(pid, pid)), "bold") for pid in "ab"))]
    for days, label in PERIODS:
        split = recent.by_partner(days, context)
        rows.append((label.replace(" days", " d"), *(f"{counts(split[pid])} {short(split[pid])}" for pid in "ab")))
    return tuple(rows)


@dataclass(frozen=True)
class PanelView:
    """What a panel shows: `heading` above the ratio of `context` over `days` (or of one conflict)."""

    recent: Recent
    context: str
    target: float
    heading: str
    days: int
    split: bool = False
    names: tuple[tuple[str, str], ...] = ()
    conflict_uid: str | None = None


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

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.rows)  # one line per row: cells never wrap

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
    view: var[PanelView | None] = var(None, init=False)
    # What watch_view derives from it, handed to the pieces (data_bind): vars, as the panel
    # itself draws nothing.
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

    def watch_view(self, view: PanelView) -> None:
        recent = view.recent
        r = recent.for_conflict(view.conflict_uid) if view.conflict_uid else recent.ratio(view.days, view.context)
        self.heading = Text.assemble((view.heading, "bold"), f"  {counts(r)}")
        self.big, self.zone = short(r), zone(r, view.target)
        self.zone_words, self.value, self.target = ZONE_WORDS[self.zone].upper(), r.value, view.target
        if view.split:
            self.rows, self.right = partner_rows(recent, view.context, dict(view.names)), ()
        else:
            self.rows, self.right = period_rows(recent, view.context, view.target), PERIOD_RIGHT

    def watch_big(self, big: str) -> None:
        if self.is_mounted:
            self.query_one(Digits).update(big)  # Digits keeps its value in a method, not a reactive

    def watch_zone(self, zone: str) -> None:
        """The zone's colour, through a class: `-zone-below-aim` ..."""
        self.remove_class(*(c for c in self.classes if c.startswith("-zone-")))
        self.add_class("-zone-" + zone.replace(":", "-").replace(" ", "-"))


def trend_value(r: Ratio, target: float) -> float:
    """A day's ratio on the bar's log scale, 0..1 in 1/64 steps; a day with no negative is the
    top. The steps keep the trend still while a keypress moves today's ratio by less than shows."""
    if r.positive == 0 and r.negative == 0:
        return 0.0
    value = r.value
    exact = 1.0 if value is None else min(1.0, math.log1p(value) / math.log1p(2 * target))
    return round(exact * TREND_STEPS) / TREND_STEPS


def trend_summary(days: list[tuple[date, Ratio]], target: float) -> str:
    tally = {AT_AIM: 0, BELOW_AIM: 0, BELOW_ONE: 0, NOTHING: 0}
    for _day, r in days:
        tally[zone(r, target)] += 1
    return (f"{tally[AT_AIM]} at/above aim · {tally[BELOW_AIM]} below aim · "
            f"{tally[BELOW_ONE]} below 1:1 · {tally[NOTHING]} blank")


class Trend(Vertical):
    """The everyday ratio per day over 30 days: a caption and a sparkline from a date to today."""

    DEFAULT_CSS = """
    Trend { height: 2; padding: 0 1; }
    Trend > Horizontal { height: 1; }
    Trend .trend-from { width: 7; color: $text-muted; }
    Trend Sparkline { width: 1fr; }
    Trend Sparkline > .sparkline--min-color { color: $error; }
    Trend Sparkline > .sparkline--max-color { color: $success; }
    Trend .trend-to { width: 6; text-align: right; color: $text-muted; }
    """
    view: var[tuple[Recent, float] | None] = var(None, init=False)  # (what was read, the everyday aim)
    caption: var[Text | str] = var("")
    start = var("")

    def compose(self) -> ComposeResult:
        yield Line().data_bind(text=Trend.caption)
        with Horizontal():
            yield Line(classes="trend-from").data_bind(text=Trend.start)
            yield Sparkline([])
            yield Static("today", classes="trend-to")

    def watch_view(self, view: tuple[Recent, float]) -> None:
        recent, target = view
        series = recent.daily(30, EVERYDAY)
        self.query_one(Sparkline).data = [trend_value(r, target) for _day, r in series]
        self.start = f"{series[0][0]:%d %b}"
        self.caption = Text.assemble(("Everyday, per day: ", "bold"), trend_summary(series, target))
