"""History: a month calendar marking who wrote which day, the chosen day's entries below,
and every month's tally beside it, read in a worker thread with a progress bar."""

from __future__ import annotations

from collections import Counter
from datetime import date

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, ProgressBar, Static
from textual.widgets.option_list import Option, OptionDoesNotExist
from textual.worker import get_current_worker

from data.daily import marks_of
from data.models import DailyEntry, month_of
from data.text import plural
from screens.daily_base import DailySubScreen, day_name, partner_labels
from widgets.calendar_grid import CalendarGrid
from widgets.entry_view import mood_label
from widgets.literal import literal, one_line
from widgets.key_footer import KeyFooter


class HistoryScreen(DailySubScreen):
    CSS_PATH = "daily_history.tcss"
    HELP = (
        "Arrows move the day, PgUp/PgDn (or [ and ]) the month, t comes back to today. A letter "
        "on a day means that partner wrote. Enter opens the day. Tab goes to the list of months "
        "(filled in as they are read); Enter there jumps the calendar to that month."
    )

    def __init__(self, day: date) -> None:
        super().__init__()
        self.start_day = day
        self.cache: dict[str, list[DailyEntry]] = {}  # month -> entries, filled as months are read
        self.labels = ("A", "B")

    def compose(self) -> ComposeResult:
        a, b = self.store.partners()
        labels = self.labels = partner_labels(a.name, b.name)
        legend = Text.assemble(("History", "bold"), ("  ·  ", "dim"), (labels[0], "bold"), " = ",
                               literal(a.name), " wrote  ", (labels[1], "bold"), " = ", literal(b.name), " wrote")
        yield Static(legend, id="history-title")
        with Horizontal(id="history-main"):
            with Vertical(id="history-left"):
                yield CalendarGrid(self.start_day, self.store.daily.today(), labels, id="calendar")
                with Vertical(id="history-preview"):
                    yield Static(id="preview")
            with Vertical(id="history-months"):
                yield Static("Reading months…", id="months-status", markup=False)
                yield ProgressBar(id="months-progress", show_eta=False, show_percentage=False)
                yield OptionList(id="months-list")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#history-months").border_title = "Months"
        self._show_month()
        self.query_one("#calendar").focus()
        self.read_all_months()

    # -- the calendar and the chosen day --------------------------------------------
    def _entries(self, month: str) -> list[DailyEntry]:
        if month not in self.cache:
            self.cache[month] = self.store.daily.in_month(month)  # one file, on demand
        return self.cache[month]

    def _show_month(self) -> None:
        grid = self.query_one("#calendar", CalendarGrid)
        grid.set_marks(marks_of(self._entries(grid.month)))  # the month already read, not again
        self._show_day(grid.cursor)

    def _show_day(self, day: date) -> None:
        preview = self.query_one("#history-preview", Vertical)
        preview.border_title = day_name(day, self.store.daily.today())
        found = {e.by: e for e in self._entries(month_of(day)) if e.day == day}
        out = Text()
        for partner in self.store.partners():
            entry = found.get(partner.id)
            if out:
                out.append("\n")
            out.append_text(literal(partner.name, "bold"))
            if entry is None:
                out.append(" did not write", "dim")
                continue
            out.append(f" · mood {mood_label(entry.mood)}")
            for text in (entry.happened, entry.on_mind, entry.would_help):
                if text.strip():
                    out.append("\n  ")
                    out.append_text(one_line(text, 70))
        out.append("\n\nEnter opens this day.", "dim")
        self.query_one("#preview", Static).update(out)

    @on(CalendarGrid.Moved)
    def _moved(self, event: CalendarGrid.Moved) -> None:
        if event.month_changed:
            self._show_month()
        else:
            self._show_day(event.day)

    @on(CalendarGrid.Selected)
    def _selected(self, event: CalendarGrid.Selected) -> None:
        self.dismiss(event.day)

    @on(OptionList.OptionSelected, "#months-list")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        month = str(event.option.id)
        days = [e.day for e in self._entries(month)]
        grid = self.query_one("#calendar", CalendarGrid)
        grid.go_to(max(days) if days else date.fromisoformat(f"{month}-01"))
        grid.focus()

    # -- every month, in a thread -------------------------------------------------------
    @work(thread=True, exclusive=True, group="daily-history", exit_on_error=False)  # errors: AttuneScreen.on_worker_state_changed
    def read_all_months(self) -> None:
        worker = get_current_worker()
        months = self.store.daily.months()  # newest first: the recent ones show at once
        if not self.from_worker(worker, self._begin, len(months)):
            return
        for month in months:
            entries = self.store.daily.in_month(month)
            if not self.from_worker(worker, self._month_read, month, entries):
                return
        self.from_worker(worker, self._finished)

    def _begin(self, total: int) -> None:
        self.query_one("#months-progress", ProgressBar).update(total=max(total, 1), progress=0)

    def _month_read(self, month: str, entries: list[DailyEntry]) -> None:
        self.cache.setdefault(month, entries)
        bar = self.query_one("#months-progress", ProgressBar)
        bar.advance(1)
        total = plural(int(bar.total), "month")
        self.query_one("#months-status", Static).update(f"Read {int(bar.progress)} of {total}…")
        if entries:
            self.query_one("#months-list", OptionList).add_option(Option(self._tally(month, entries), id=month))

    def _tally(self, month: str, entries: list[DailyEntry]) -> Text:
        a, b = self.labels
        count = Counter(e.by for e in entries)
        when = date.fromisoformat(f"{month}-01")
        return Text.assemble(f"{when:%b %Y}  ", (a, "bold"), f" {count['a']:>2}  ",
                             (b, "bold"), f" {count['b']:>2}")

    def _finished(self) -> None:
        count = self.query_one("#months-list", OptionList).option_count
        self.query_one("#months-status", Static).update(f"{plural(count, 'month')} with entries")
        self.query_one("#months-progress", ProgressBar).display = False

    # -- another session wrote -----------------------------------------------------------
    def refresh_data(self) -> None:
        """Re-read only the month on screen and this month (where writes land)."""
        grid = self.query_one("#calendar", CalendarGrid)
        months_list = self.query_one("#months-list", OptionList)
        for month in {grid.month, month_of(self.store.daily.today())}:
            self.cache.pop(month, None)
            entries = self._entries(month)
            if not entries:
                continue
            try:
                months_list.replace_option_prompt(month, self._tally(month, entries))
            except OptionDoesNotExist:  # not listed yet: the worker will add it
                pass
        self._show_month()
