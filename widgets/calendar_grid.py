"""A month grid with a day cursor, marking who wrote on which day. Knows nothing of storage:
the screen hands it `marks` (day -> set of "a"/"b") and partner labels."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from data.models import month_of

WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
CELL = 6  # " 25 SA": the day, then who wrote; cells are split by a thin bar so marks never
# seem to belong to the next day


def add_months(day: date, months: int) -> date:
    """The same day-of-month `months` away, clamped to that month's length."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


MONTH_KEYS = Binding.Group("Month", compact=True)  # one footer entry: "pgup pgdn Month"


class CalendarGrid(Widget, can_focus=True):
    DEFAULT_CSS = """
    CalendarGrid { width: auto; height: auto; }
    CalendarGrid > .calendar-grid--cursor { text-style: reverse bold; }
    CalendarGrid > .calendar-grid--today { text-style: bold underline; }
    CalendarGrid > .calendar-grid--future { color: $text-disabled; }
    CalendarGrid > .calendar-grid--title { text-style: bold; }
    CalendarGrid > .calendar-grid--a { color: $primary; text-style: bold; }
    CalendarGrid > .calendar-grid--b { color: $secondary; text-style: bold; }
    CalendarGrid:focus > .calendar-grid--cursor { text-style: reverse bold; color: $accent; }
    """
    COMPONENT_CLASSES = {
        "calendar-grid--cursor", "calendar-grid--today", "calendar-grid--future",
        "calendar-grid--title", "calendar-grid--a", "calendar-grid--b",
    }
    BINDINGS = [
        Binding("left", "move(-1)", "Day before", show=False),
        Binding("right", "move(1)", "Day after", show=False),
        Binding("up", "move(-7)", "Week before", show=False),
        Binding("down", "move(7)", "Week after", show=False),
        Binding("pageup,[", "month(-1)", "Month before", key_display="pgup", group=MONTH_KEYS),
        Binding("pagedown,]", "month(1)", "Month after", key_display="pgdn", group=MONTH_KEYS),
        Binding("t", "today", "Today"),
        Binding("enter", "select", "Open day"),
    ]

    cursor: reactive[date] = reactive(date(2000, 1, 1), layout=False)

    @dataclass
    class Moved(Message):
        grid: CalendarGrid
        day: date
        month_changed: bool

    @dataclass
    class Selected(Message):
        grid: CalendarGrid
        day: date

    def __init__(self, cursor: date, today: date, labels: tuple[str, str] = ("A", "B"), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.today = today
        self.labels = labels
        self.marks: dict[date, set[str]] = {}
        self.set_reactive(CalendarGrid.cursor, min(cursor, today))

    @property
    def _bar(self) -> str:
        return "|" if getattr(self.app, "ascii_only", False) else "│"

    @property
    def month(self) -> str:
        return month_of(self.cursor)

    def set_marks(self, marks: dict[date, set[str]]) -> None:
        self.marks = marks
        self.refresh()

    def go_to(self, day: date) -> None:
        day = min(day, self.today)
        if day != self.cursor:
            changed = (day.year, day.month) != (self.cursor.year, self.cursor.month)
            self.cursor = day
            self.post_message(self.Moved(self, day, changed))

    def action_move(self, days: int) -> None:
        self.go_to(self.cursor + timedelta(days=days))

    def action_month(self, months: int) -> None:
        self.go_to(add_months(self.cursor, months))

    def action_today(self) -> None:
        self.go_to(self.today)

    def action_select(self) -> None:
        self.post_message(self.Selected(self, self.cursor))

    def render(self) -> Text:
        style = self.get_component_rich_style
        year, month = self.cursor.year, self.cursor.month
        out = Text(f"{calendar.month_name[month]} {year}".center(CELL * 7 + 6).rstrip(), style=style("calendar-grid--title"))
        out.append("\n" + " ".join(f" {name}   " for name in WEEKDAYS).rstrip())
        weeks = calendar.Calendar().monthdatescalendar(year, month)
        bar = Text.assemble((self._bar, style("calendar-grid--future")))
        for week in weeks + [[]] * (6 - len(weeks)):  # a steady height, whatever the month
            out.append("\n")
            out.append_text(bar.join(self._cell(day, month) for day in week))
        return out

    def _cell(self, day: date, month: int) -> Text:
        style = self.get_component_rich_style
        if day.month != month:
            return Text(" " * CELL)
        who = self.marks.get(day, set())
        cell = Text(f" {day.day:>2} ")
        if day == self.today:
            cell.stylize(style("calendar-grid--today"), 1, 3)
        cell.append(self.labels[0] if "a" in who else " ", style("calendar-grid--a"))
        cell.append(self.labels[1] if "b" in who else " ", style("calendar-grid--b"))
        if day > self.today:
            cell.stylize(style("calendar-grid--future"))
        if day == self.cursor:
            cell.stylize(style("calendar-grid--cursor"))
        return cell
