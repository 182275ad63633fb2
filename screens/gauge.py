"""The live ratio gauge: each partner logs + and − with their own keys, the ratio repaints at
once, and another session's log shows up within the app's 50 ms poll. Each piece (panel, bar,
table, trend) draws from its own reactives through data_bind, knowing nothing of storage."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive, var
from textual.widget import Widget
from textual.widgets import Digits, OptionList, Static
from textual.widgets.option_list import Option

from data.interactions import NEGATIVE_TAGS, POSITIVE_TAGS, Break, Conflict, Repair
from data.models import (AT_AIM, ATTEMPTED, BELOW_AIM, BELOW_ONE, CONFLICT, EVERYDAY, NOTHING, PERIODS, Interaction,
                         Ratio, Recent, Settings, short, zone)
from screens.base import ConfirmModal, FeatureScreen, Line, WideLine, off_footer
from widgets.key_footer import KeyFooter
from widgets.literal import as_markup, literal, name_short, one_line, visible


# -- words ---------------------------------------------------------------------------------

MINUS = "−"


def sign(positive: bool) -> str:
    return "+" if positive else MINUS


def counts(r: Ratio) -> str:
    return f"{r.positive}+ {r.negative}{MINUS}"


def when(at: datetime, today: date) -> str:
    """'18:02' today, 'yesterday 18:02', 'tomorrow 18:02', else 'Mon 23 Nov 18:02'."""
    day = {0: "", -1: "yesterday ", 1: "tomorrow "}.get((at.date() - today).days)
    return f"{at:%a %d %b %H:%M}" if day is None else f"{day}{at:%H:%M}"


def describe(item: Interaction, names: dict[str, str], today: date, width: int = 40, status: str = "") -> Text:
    """'− by Alex, 18:02 · criticism · snapped about…' on one line, the note shown literally."""
    text = Text.assemble(
        (sign(item.positive), "bold"), " by ", literal(name_short(names.get(item.by, item.by))),
        f", {when(item.at, today)}", no_wrap=True, overflow="ellipsis",
    )
    if status:
        text.append(f" ({status})", style="italic")
    if item.tag:
        text.append(f" · {item.tag}")
    if item.note:
        text.append(" · ")
        text.append_text(one_line(item.note, width))
    return text


# -- the panel and the trend ------------------------------------------------------------------

ZONE_CLASSES = {BELOW_ONE: "ratio-bar--below-one", BELOW_AIM: "ratio-bar--below-aim", AT_AIM: "ratio-bar--at-aim"}
ZONE_WORDS = {NOTHING: "nothing logged", BELOW_ONE: "below 1:1", BELOW_AIM: "below aim", AT_AIM: "at or above aim"}
TABLE_WORDS = {**ZONE_WORDS, AT_AIM: "at/above aim"}  # fits beside the numbers at 80 columns
ZONE_STYLE = {NOTHING: "dim", BELOW_ONE: "bold red", BELOW_AIM: "yellow", AT_AIM: "green"}
PERIOD_RIGHT = (False, True, True, False)  # counts and ratios line up on the right
TREND_STEPS = 64  # a bar has 8 heights; finer steps than that never show
TREND_GLYPHS = "▁▂▃▄▅▆▇█"
Rows = tuple[tuple[Text | str, ...], ...]


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


def scale(value: float | None, target: float) -> float:
    """A ratio on the gauge's log scale: 0 for 0:1, 1 from twice the aim up; None (no negative
    at all) is 1."""
    return 1.0 if value is None else max(0.0, min(1.0, math.log1p(value) / math.log1p(2 * target)))


def position(value: float | None, target: float, width: int) -> int:
    """Columns of the bar filled for a ratio."""
    return round(width * scale(value, target))


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


class SmallTable(Widget):
    """A small table: Rich's Table.grid, one space between columns, `right` columns right-aligned.
    When the width runs out the last column gives way first, cut with an ellipsis. (Not `Grid`: CSS
    matches by class name, so Textual's `Grid { height: 1fr }` stretched it once the quiz loaded it.)"""

    DEFAULT_CSS = "SmallTable { height: auto; }"
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
    GaugePanel .gauge-big-text { width: auto; height: 3; content-align: left middle; text-style: bold; }
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
            if self.ascii_only:  # Digits drawn in ASCII run together: the plain ratio, bold
                yield WideLine(classes="gauge-big-text").data_bind(text=GaugePanel.big)
            else:
                yield Digits(self.big)
            yield Line(classes="gauge-zone").data_bind(text=GaugePanel.zone_words)
        yield RatioBar().data_bind(GaugePanel.value, GaugePanel.zone, GaugePanel.target, GaugePanel.ascii_only)
        yield SmallTable().data_bind(GaugePanel.rows, GaugePanel.right)

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
        if self.is_mounted and not self.ascii_only:
            self.query_one(Digits).update(big)  # Digits keeps its value in a method, not a reactive

    def watch_zone(self, zone: str) -> None:
        """The zone's colour, through a class: `-zone-below-aim` ..."""
        self.remove_class(*(c for c in self.classes if c.startswith("-zone-")))
        self.add_class("-zone-" + zone.replace(":", "-").replace(" ", "-"))


def trend_value(r: Ratio, target: float) -> float:
    """A day's ratio on the bar's scale in 1/64 steps (a blank day is 0). The steps keep the trend
    still while a keypress moves today's ratio by less than shows."""
    if r.positive == 0 and r.negative == 0:
        return 0.0
    return round(scale(r.value, target) * TREND_STEPS) / TREND_STEPS


class TrendBars(Widget):
    """One bar per day on the gauge's fixed scale, coloured by its zone, a dot for a blank day.
    Hand-built: Textual's Sparkline scales to the data's own min and max, so a month of 2:1 days
    would stand full height (and green) against an aim of 20:1. Every day gets the same width;
    narrower than the days, each column stands for a few days and shows the worst, today's last."""

    COMPONENT_CLASSES = {*ZONE_CLASSES.values(), "ratio-bar--empty"}
    DEFAULT_CSS = """
    TrendBars { width: 1fr; height: 1; }
    TrendBars > .ratio-bar--below-one { color: $error; }
    TrendBars > .ratio-bar--below-aim { color: $warning; }
    TrendBars > .ratio-bar--at-aim { color: $success; }
    TrendBars > .ratio-bar--empty { color: $foreground 40%; }
    """
    days: reactive[tuple[Ratio, ...]] = reactive(())  # oldest first
    target = reactive(20.0)

    def render(self) -> Text:
        width, days = max(self.size.width, 1), self.days
        per, group = (width // len(days), 1) if len(days) <= width else (1, math.ceil(len(days) / width))
        columns = []
        for end in range(len(days), 0, -group):  # from today back, so today is never merged away
            logged = [r for r in days[max(0, end - group):end] if r.positive or r.negative]
            # A column of a few days shows the worst of them: a day below 1:1 is never hidden.
            columns.append(min(logged, key=lambda r: trend_value(r, self.target), default=Ratio(0, 0)))
        blank = " " if getattr(self.app, "ascii_only", False) else "·"  # in ASCII "·" reads as a bar
        out = Text(" " * (width - per * len(columns)))
        for r in reversed(columns):
            z = zone(r, self.target)
            glyph = blank if z == NOTHING else TREND_GLYPHS[round(trend_value(r, self.target) * (len(TREND_GLYPHS) - 1))]
            out.append(glyph * per, self.get_component_rich_style(ZONE_CLASSES.get(z, "ratio-bar--empty")))
        return out


def trend_summary(days: list[tuple[date, Ratio]], target: float) -> str:
    tally = Counter(zone(r, target) for _day, r in days)
    return (f"{tally[AT_AIM]} at/above aim · {tally[BELOW_AIM]} below aim · "
            f"{tally[BELOW_ONE]} below 1:1 · {tally[NOTHING]} blank")


class Trend(Vertical):
    """The everyday ratio per day over 30 days: a caption and the bars from a date to today."""

    DEFAULT_CSS = """
    Trend { height: 2; padding: 0 1; }
    Trend > Horizontal { height: 1; }
    Trend .trend-from { width: 7; color: $text-muted; }
    Trend .trend-to { width: 6; text-align: right; color: $text-muted; }
    """
    view: var[tuple[Recent, float] | None] = var(None, init=False)  # (what was read, the everyday aim)
    caption: var[Text | str] = var("")
    start = var("")
    bars: var[tuple[Ratio, ...]] = var(())
    aim = var(20.0)

    def compose(self) -> ComposeResult:
        yield Line().data_bind(text=Trend.caption)
        with Horizontal():
            yield Line(classes="trend-from").data_bind(text=Trend.start)
            yield TrendBars().data_bind(days=Trend.bars, target=Trend.aim)
            yield Static("today", classes="trend-to")

    def watch_view(self, view: tuple[Recent, float]) -> None:
        recent, target = view
        series = recent.daily(30, EVERYDAY)
        self.aim, self.bars = target, tuple(r for _day, r in series)
        self.start = f"{series[0][0]:%d %b}"
        self.caption = Text.assemble(("Everyday, per day: ", "bold"), trend_summary(series, target))


# -- the screen -------------------------------------------------------------------------------

HELP = (
    "Each of you has your own + and − keys: nobody switches modes. After logging, n adds a note or "
    "tag to that entry; after a negative, r logs a repair attempt. Undo takes back the last entry made "
    "here (or else the newest). While a conflict is open, entries count toward the conflict ratio "
    "(aim 5:1) instead of the everyday one (aim 20:1). Esc goes back home."
)


@dataclass(frozen=True)
class Seen:
    """What one refresh_data() read."""

    settings: Settings
    conflict: Conflict | None
    brk: Break | None
    recent: Recent


def set_border_title(widget: GaugePanel, title: str) -> None:
    if widget.border_title != title:  # setting it, even to the same words, repaints
        widget.border_title = title


class GaugeScreen(FeatureScreen):
    CSS_PATH = "gauge.tcss"
    HELP = HELP
    AUTO_FOCUS = ""  # logging needs no focus; Tab reaches the unrepaired list
    # Descriptions in braces are filled with the couple's names and state (see active_bindings).
    BINDINGS = [
        Binding("e", "log('a', True)", "{a} +", key_display="e+", group=Binding.Group("{a}")),
        Binding("d", "log('a', False)", "{a} −", key_display="d−", group=Binding.Group("{a}")),
        Binding("i", "log('b', True)", "{b} +", key_display="i+", group=Binding.Group("{b}")),
        Binding("k", "log('b', False)", "{b} −", key_display="k−", group=Binding.Group("{b}")),
        Binding("u", "undo", "Undo"),
        Binding("c", "conflict", "{conflict}"),
        Binding("r", "repair", "Repair"),
        Binding("f", "flooded", "Flooded"),
        Binding("n", "note", "Note/tag", show=False),
        Binding("t", "period", "Today / 7 / 30 days", show=False),
        Binding("p", "partners", "Split by partner", show=False),
    ]

    # What the screen shows is its state: refresh_data() reads the store into `seen`; the
    # watchers derive what each widget draws, and a widget redraws only what really changed.
    # They are vars: the screen itself is never repainted whole for them.
    seen: var[Seen | None] = var(None, always_update=True, init=False)
    period = var(0, init=False)  # index into PERIODS: what the big numbers show
    split = var(False, init=False)  # per-partner columns instead of the zone words
    clock = var(datetime.min, init=False, always_update=True)  # each second: a break counts down
    heading: var[Text | str] = var("")
    state: var[Text | str] = var("")
    said: var[Text | str] = var("")
    names: var[dict[str, str]] = var(lambda: {"a": "a", "b": "b"}, init=False)
    # (names, today, ((negative, repair state), ...)) of the last 7 days
    unrepaired: var[tuple] = var((), init=False)
    footer_keys: var[tuple] = var((), init=False)
    unrepaired_title: var[Text | str] = var("")

    def __init__(self) -> None:
        super().__init__()
        self.mine: list[tuple[str, object]] = []  # what this screen logged, for undo
        self.last_logged: Interaction | None = None
        self.select_uid: str | None = None  # negative to highlight in the unrepaired list
        self.shown = {"a": "a", "b": "b"}  # the names as shown: control characters made visible

    def compose(self) -> ComposeResult:
        ascii_only = getattr(self.app, "ascii_only", False)
        with Horizontal(id="top"):
            yield Line(id="title").data_bind(text=GaugeScreen.heading)
            yield WideLine(id="state").data_bind(text=GaugeScreen.state)  # the state keeps its room
        with Horizontal(id="panels"):
            yield GaugePanel(ascii_only, id="everyday")
            yield GaugePanel(ascii_only, id="conflict")
        yield Trend()
        yield Line(id="unrepaired-title").data_bind(text=GaugeScreen.unrepaired_title)
        yield OptionList(id="unrepaired")
        yield Line(id="said").data_bind(text=GaugeScreen.said)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reread()
        self.set_interval(1, self.tick)

    def on_screen_resume(self) -> None:
        self.tick()  # back from a dialog: the countdown is current at once

    def tick(self) -> None:
        self.clock = self.store.now()

    # -- bindings with names ---------------------------------------------------------
    @property
    def active_bindings(self):
        fit = 8 if self.size.width < 100 else 16  # both names and every key fit at 80 columns
        # The Footer reads a group's label (and a key's tooltip) as markup: names are escaped.
        words = {pid: as_markup(name_short(name, fit)) for pid, name in self.names.items()}
        words["conflict"] = "End conflict" if self.seen and self.seen.conflict else "Conflict"
        whole = {**words, **{pid: as_markup(name) for pid, name in self.names.items()}}  # for F1
        active = {}
        for key, item in super().active_bindings.items():
            binding = item.binding
            if item.node is self and "{" in binding.description:
                group = binding.group and replace(binding.group, description=binding.group.description.format(**words))
                binding = replace(binding, description=binding.description.format(**words), group=group,
                                  tooltip=binding.description.format(**whole))
                item = item._replace(binding=binding)
            elif binding.action in ("quit", "app.home"):
                # Room for the partners' names at 80 columns; F1 still lists Esc and Ctrl+Q.
                item = off_footer(item)
            active[key] = item
        return active

    def on_resize(self) -> None:
        self.refresh_bindings()  # names in the Footer are cut to fit the width

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "repair" and self.seen is not None and not self.seen.recent.unrepaired(7):
            return None  # shown greyed: nothing to repair
        return True

    # -- reading, and what follows from it --------------------------------------------------
    def refresh_data(self) -> None:
        """Runs on every keypress and every change elsewhere: attune.json (parsed once per change)
        plus the one or two month files of the last 30 days (re-parsed only when changed)."""
        store = self.store
        inter = store.interactions
        self.names = {p.id: p.name for p in store.partners()}
        self.seen = Seen(store.settings(), inter.current_conflict(), inter.current_break(), inter.recent(30))

    def watch_names(self, names: dict[str, str]) -> None:
        self.shown = {pid: visible(name) for pid, name in names.items()}  # typed text, shown literally
        self.heading = Text.assemble(("Ratio gauge", "bold"), "  ", self.shown["a"], " & ", self.shown["b"])

    def watch_seen(self, seen: Seen) -> None:
        self.tick()
        self.draw_panels()
        todo = tuple((i, seen.recent.repair_state(i.uid)) for i in seen.recent.unrepaired(7))
        self.unrepaired = (tuple(self.names.items()), seen.recent.today, todo)
        self.footer_keys = (tuple(self.names.items()), seen.conflict is not None, bool(todo))

    def watch_footer_keys(self) -> None:
        self.refresh_bindings()  # the Footer recomposes: only when a name or a key's state changed

    def draw_panels(self) -> None:
        seen = self.seen
        if seen is None:
            return
        recent, s, names, conflict = seen.recent, seen.settings, tuple(self.names.items()), seen.conflict
        days, label = PERIODS[self.period]
        everyday = self.query_one("#everyday", GaugePanel)
        set_border_title(everyday, f"Everyday · aim {s.everyday_target:g}:1")
        everyday.view = PanelView(recent, EVERYDAY, s.everyday_target, label, days, self.split, names)
        panel = self.query_one("#conflict", GaugePanel)
        panel.set_class(conflict is not None, "-open")
        set_border_title(panel, f"Conflict · aim {s.conflict_target:g}:1" + (" · OPEN" if conflict else ""))
        heading = f"This conflict, since {when(conflict.started, recent.today)}" if conflict else label
        uid = conflict.uid if conflict else None
        panel.view = PanelView(recent, CONFLICT, s.conflict_target, heading, days, self.split, names, uid)
        self.query_one(Trend).view = (recent, s.everyday_target)

    watch_period = watch_split = draw_panels  # the panels show another period, or split by partner

    def watch_unrepaired(self, unrepaired: tuple) -> None:
        """The negatives of the last 7 days not yet repaired, the highlight kept where it was."""
        _names, _today, todo = unrepaired
        listing = self.query_one("#unrepaired", OptionList)
        highlighted = listing.highlighted_option
        keep = self.select_uid or (highlighted.id if highlighted else None)
        self.select_uid = None
        listing.set_options(
            Option(self.entry_text(i, "repair tried, not accepted" if state == ATTEMPTED else ""), id=i.uid)
            for i, state in todo
        )
        ids = [i.uid for i, _state in todo]
        if ids:
            listing.highlighted = ids.index(keep) if keep in ids else 0
        title = Text.assemble(("Unrepaired negatives, last 7 days: ", "bold"), f"{len(todo)}" if todo else "none")
        if todo:
            title.append("  (r repairs the highlighted · Tab picks)", style="dim")
        self.unrepaired_title = title
        listing.display = bool(todo)

    def watch_clock(self, now: datetime) -> None:
        parts, seen = [], self.seen
        if seen and seen.conflict:
            parts.append(f"CONFLICT OPEN since {when(seen.conflict.started, now.date())}")
        if seen and seen.brk:
            from screens.gauge_dialogs import clock_text

            left, back_by = seen.brk.left(now), when(seen.brk.return_by, now.date())
            parts.append(f"BREAK {clock_text(left)} left" if left else f"break over: come back by {back_by}")
        self.state = Text(" · ".join(parts), style="bold")

    # -- actions ------------------------------------------------------------------------
    def action_log(self, pid: str, positive: bool) -> None:
        item = self.attempt(self.store.interactions.log, pid, positive)
        if item is None:
            return
        self.mine.append(("log", item))
        self.last_logged = item
        if not positive:
            self.select_uid = item.uid
        self.app.data_changed()
        said = Text.assemble(
            "Logged ", (sign(positive), "bold"), " for ", (self.shown[pid], "bold"), f" at {item.at:%H:%M}",
            ("  n: add a note or tag", "dim"),
        )
        if not positive:
            said.append("  r: log a repair attempt", style="dim")
        self.said = said

    def action_undo(self) -> None:
        with self.trying():  # a failed undo says why and keeps this session's list as it was
            self._undo()

    def _undo(self) -> None:
        inter = self.store.interactions
        while self.mine:
            kind, what = self.mine[-1]
            done = inter.remove_repair(what) if kind == "repair" else inter.remove(what.uid)
            self.mine.pop()  # done, or already gone (undone elsewhere): either way off the list
            if done:
                self.app.data_changed()
                if kind == "repair":
                    self.said = Text.assemble("Undid the repair of ", self.entry_text(self.find(what.negative)))
                else:
                    self.said = Text.assemble("Undid ", self.entry_text(done))
                return
        gone = inter.undo_last()
        if gone is None:
            self.said = "Nothing to undo."
            return
        self.app.data_changed()
        self.said = Text.assemble("Undid the newest entry: ", self.entry_text(gone))

    def entry_text(self, item: Interaction, status: str = "") -> Text:
        return describe(item, self.names, self.seen.recent.today, status=status)

    def find(self, uid: str) -> Interaction:
        found = [i for i in self.seen.recent.items if i.uid == uid]
        return found[0] if found else Interaction(uid, self.store.now(), "?", False)

    def action_note(self) -> None:
        from screens.gauge_dialogs import NoteDialog

        target = self.last_logged
        if target is None or target.uid not in {i.uid for i in self.seen.recent.items}:
            target = self.seen.recent.newest()
        if target is None:
            self.said = "Nothing logged yet to add a note to."
            return
        target = self.find(target.uid)  # the stored note and tag, not our copy
        tags = POSITIVE_TAGS if target.positive else NEGATIVE_TAGS

        def done(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            saved = self.attempt(self.store.interactions.annotate, target.uid, *result)
            if saved is not None:
                self.app.data_changed()
                self.said = Text.assemble("Saved: ", self.entry_text(saved))

        self.app.push_screen(NoteDialog(self.entry_text(target), target.note, target.tag, tags), done)

    def action_repair(self) -> None:
        from screens.gauge_dialogs import RepairDialog

        highlighted = self.query_one("#unrepaired", OptionList).highlighted_option
        if highlighted is None:
            self.said = "No unrepaired negatives in the last 7 days."
            return
        negative = self.find(highlighted.id or "")

        def done(result: dict | None) -> None:
            if result is None:
                return
            repair: Repair | None = self.attempt(self.store.interactions.add_repair, negative.uid, **result)
            if repair is None:
                return
            self.mine.append(("repair", repair))
            self.app.data_changed()
            outcome = "accepted: repaired" if repair.accepted else "not accepted (yet): still on the list"
            self.said = Text.assemble("Repair logged for ", self.entry_text(negative), f" · {outcome}")

        self.app.push_screen(RepairDialog(self.entry_text(negative), self.names, negative.by), done)

    def action_conflict(self) -> None:
        inter = self.store.interactions
        if self.seen.conflict:
            left = self.seen.brk.left(self.store.now()) if self.seen.brk else None
            if left:  # ending the conflict ends the break too: never silently
                from screens.gauge_dialogs import clock_text

                question = (f"A flooded break is running ({clock_text(left)} left). Ending the conflict "
                            "ends the break too. End both?")
                self.app.push_screen(ConfirmModal(question, "End both", "Keep going"),
                                     callback=lambda yes: yes and self._end_conflict(with_break=True))
            else:
                self._end_conflict(with_break=self.seen.brk is not None)
        else:
            started = self.attempt(inter.start_conflict)
            self.app.data_changed()
            if started:
                self.said = "Conflict started: entries now count toward the conflict ratio. c ends it."

    def _end_conflict(self, with_break: bool) -> None:
        uid = self.seen.conflict.uid if self.seen.conflict else None
        ended = self.attempt(self.store.interactions.end_conflict)
        self.app.data_changed()
        if ended:
            r = self.seen.recent.for_conflict(uid)
            target = self.seen.settings.conflict_target
            done = " The break and its reminder are over too." if with_break else ""
            self.said = f"Conflict ended: {counts(r)} ({short(r)}, aim {target:g}:1).{done}"

    def action_flooded(self) -> None:
        from screens.gauge_dialogs import FloodedDialog

        inter = self.store.interactions
        brk = self.seen.brk if self.seen.brk and self.seen.brk.left(self.store.now()) else self.attempt(inter.take_break)
        if brk is None:
            return
        self.app.data_changed()

        def done(back: bool | None) -> None:
            if back:
                self.attempt(inter.end_break)
                self.app.data_changed()
                self.said = "Welcome back. Go gently: one of you starts softly."

        self.app.push_screen(FloodedDialog(brk), done)

    def action_period(self) -> None:
        self.period = (self.period + 1) % len(PERIODS)

    def action_partners(self) -> None:
        self.split = not self.split

    @on(OptionList.OptionSelected, "#unrepaired")
    def repair_selected(self) -> None:
        self.action_repair()
