"""Search every entry ever written. Months are read newest first in a worker thread, so the
first results show at once while older months are still being read."""

from __future__ import annotations

import unicodedata
from datetime import date

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from data.daily import search_terms
from data.models import DailyEntry
from data.text import fold, plural
from screens.daily_base import DailySubScreen
from widgets.entry_view import mood_label, snippet
from widgets.literal import name_short
from widgets.limited_input import LimitedInput
from widgets.key_footer import KeyFooter

MAX_RESULTS = 500  # enough to scan by eye; a narrower search finds the rest


def _printable(text: str) -> str:
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cc")


class SearchScreen(DailySubScreen):
    CSS_PATH = "daily_search.tcss"
    HELP = (
        "Type one or more words and press Enter: entries holding all of them are listed, newest "
        "first, while older months are still being read (case and accents aside: cafe finds "
        "Café). ↓ moves into the results; Enter on a result opens that day, and Esc there comes "
        "back to these results."
    )
    AUTO_FOCUS = "#search-input"
    BINDINGS = [Binding("down", "results", "Results", show=False)]

    def __init__(self, text: str = "", chosen: str | None = None) -> None:
        super().__init__()
        self.text, self.chosen = text, chosen  # the last search and the result opened from it
        self.found = 0
        self.names: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield LimitedInput(placeholder="words to find, then Enter", id="search-input", max_length=200, what="A search")
        yield Static("Search every entry, all months.", id="search-status", markup=False)
        yield ProgressBar(id="search-progress", show_eta=False)
        yield OptionList(id="search-results")
        yield KeyFooter()

    def on_mount(self) -> None:
        if self.text:  # back from a day it opened: the same results, that one highlighted
            self.query_one("#search-input", Input).value = self.text
            self.start(self.text)

    @on(Input.Changed, "#search-input")
    def _no_controls(self, event: Input.Changed) -> None:
        # A pasted escape sequence has no business in a search box (nor on the terminal).
        clean = _printable(event.value)
        if clean != event.value:
            event.input.value = clean

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        self.start(event.value)

    def start(self, text: str) -> None:
        self.text = text
        results = self.query_one("#search-results", OptionList)
        results.clear_options()
        self.found = 0
        self.names = {p.id: p.name for p in self.store.partners()}
        terms = search_terms(text)
        bar = self.query_one("#search-progress", ProgressBar)
        if not terms:
            self.workers.cancel_group(self, "daily-search")
            bar.display = False
            self._status("Type a word to search for.")
            return
        bar.display = True
        bar.update(total=None, progress=0)
        self._status("Searching…")
        self.run_search(text)

    def _status(self, text: str) -> None:
        self.query_one("#search-status", Static).update(text)

    @work(thread=True, exclusive=True, group="daily-search", exit_on_error=False)  # errors: AttuneScreen.on_worker_state_changed
    def run_search(self, text: str) -> None:
        worker = get_current_worker()
        months = self.store.daily.months()  # newest first
        terms = search_terms(text)
        if not self.from_worker(worker, self._begin, len(months)):
            return
        for month, entries in self.store.daily.search(text, months):
            if not self.from_worker(worker, self._month_done, month, entries, terms):
                return
        self.from_worker(worker, self._finished, len(months))

    def _begin(self, total: int) -> None:
        self.query_one("#search-progress", ProgressBar).update(total=max(total, 1), progress=0)

    def _month_done(self, month: str, entries: list[DailyEntry], terms: list[str]) -> None:
        bar = self.query_one("#search-progress", ProgressBar)
        bar.advance(1)
        results = self.query_one("#search-results", OptionList)
        room = max(0, MAX_RESULTS - results.option_count)
        results.add_options(Option(self._line(entry, terms), id=f"{entry.day.isoformat()}/{entry.by}")
                            for entry in entries[:room])
        self.found += len(entries)
        if self.chosen and self.chosen in {o.id for o in results.options}:
            results.highlighted, self.chosen = results.get_option_index(self.chosen), None
            results.focus()
        self._status(f"{self.found:,} found · {month} · read {int(bar.progress)} of {plural(int(bar.total or 0), 'month')}")

    def _line(self, entry: DailyEntry, terms: list[str]) -> Text:
        text = next((t for t in (entry.happened, entry.on_mind, entry.would_help)
                     if all(term in fold(t) for term in terms[:1])), entry.happened)
        width = min(12, max(cell_len(n) for n in self.names.values()))  # cells: the columns line up
        name = set_cell_size(name_short(self.names.get(entry.by, "?")), width)
        head = Text.assemble((f"{entry.day:%a %d %b %Y}", "bold"), "  ", (name, "bold"),
                             f"  {mood_label(entry.mood)}  ")
        return head + snippet(text, terms, max(20, self.size.width - 46))  # one line each

    def _finished(self, total: int) -> None:
        self.query_one("#search-progress", ProgressBar).display = False
        more = f" (showing the newest {MAX_RESULTS})" if self.found > MAX_RESULTS else ""
        found = plural(self.found, "entry", "entries") if self.found else "no entry"
        hint = " Enter on a result opens that day." if self.found else ""
        self._status(f"Found {found} in {plural(total, 'month')}{more}.{hint}")

    @on(OptionList.OptionSelected, "#search-results")
    def _open(self, event: OptionList.OptionSelected) -> None:
        self.chosen = event.option.id
        self.dismiss(date.fromisoformat(str(event.option.id).split("/")[0]))

    def action_results(self) -> None:
        results = self.query_one("#search-results", OptionList)
        if results.option_count:
            results.focus()
            if results.highlighted is None:
                results.highlighted = 0
