"""The daily catch-up: one day, both partners side by side (stacked when narrow).

Opening this screen reads one file: the month of the day shown. Catch-up, history, search
and the mood trend read more, but only when asked for."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from data.models import DailyEntry, Partner
from data.text import ENTRY_MAX
from screens.base import FeatureScreen, off_footer
from screens.daily_base import WhoScreen, day_name
from widgets.entry_view import LABELS, EntryView
from widgets.literal import literal, visible
from widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from screens.daily_search import SearchScreen


DAY_KEYS = Binding.Group("Day", compact=True)


class DaySide(VerticalScroll, can_focus=True, inherit_bindings=False):
    """One partner's half of the day; focusable so a long entry can be scrolled by keys.
    Only vertical keys: ←/→ stay free for moving between days."""

    BINDINGS = [
        Binding("up", "scroll_up", "Scroll entry up", show=False),
        Binding("down", "scroll_down", "Scroll entry down", show=False),
        Binding("pageup", "page_up", show=False),
        Binding("pagedown", "page_down", show=False),
        Binding("home", "scroll_home", show=False),
        Binding("end", "scroll_end", show=False),
    ]


class DailyScreen(FeatureScreen):
    CSS_PATH = "daily.tcss"
    HELP = (
        "One day of the log, both of you side by side. Press w to write: it asks who is writing. "
        "c catches one of you up on what the other wrote. Earlier days are read-only until you "
        "unlock them with u. h shows a calendar of who wrote when, / searches every entry (Esc on "
        "a day opened from the results goes back to them), m shows each mood over 30 and 90 "
        "days. Tab moves between the two entries to scroll them."
    )
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("w", "write", "Write"),
        Binding("c", "catch_up", "Catch up"),
        Binding("left,[", "move(-1)", "Day before", key_display="←", group=DAY_KEYS),
        Binding("right,]", "move(1)", "Day after", key_display="→", group=DAY_KEYS),
        Binding("t", "today", "Today"),
        Binding("u", "unlock(True)", "Unlock"),
        Binding("u", "unlock(False)", "Lock"),
        Binding("h", "history", "Calendar"),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("m", "trend", "Moods"),
        Binding("escape", "back", "Results"),  # a day opened from search: back to its results
        Binding("escape", "app.home", "Home"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.day: date = self.store.daily.today()
        self.unlocked = False
        self.entries: dict[str, DailyEntry] = {}
        self.search: tuple[str, str | None] | None = None  # the search this day was opened from, its pick

    def compose(self) -> ComposeResult:
        yield Static(id="day-title")
        yield Static(id="day-note")
        with Horizontal(id="sides"):
            for pid in ("a", "b"):
                with DaySide(id=f"side-{pid}", classes=f"side side-{pid}"):
                    yield EntryView(id=f"entry-{pid}")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reread()

    # -- showing -----------------------------------------------------------------
    def refresh_data(self) -> None:
        self.entries = self.store.daily.for_day(self.day)
        today = self.store.daily.today()
        title = Text.assemble(("Daily catch-up", "bold"), ("  ·  ", "dim"), day_name(self.day, today))
        self.query_one("#day-title", Static).update(title)
        self.query_one("#day-note", Static).update(self._note(today))
        a, b = self.store.partners()
        self._show_side(a, b, today)
        self._show_side(b, a, today)
        self.refresh_bindings()

    def _note(self, today: date) -> Text:
        if self.day >= today:
            return Text("Today: each of you can write or change your entry until midnight.", style="dim")
        if self.unlocked:
            return Text("Unlocked: this earlier day can be edited (u locks it again).", style="bold")
        return Text("An earlier day: read-only. Press u to unlock it for editing.", style="dim")

    def _show_side(self, partner: Partner, other: Partner, today: date) -> None:
        side = self.query_one(f"#side-{partner.id}", DaySide)
        side.border_title = literal(partner.name)
        entry = self.entries.get(partner.id)
        view = self.query_one(f"#entry-{partner.id}", EntryView)
        side.set_class(entry is None, "-empty")  # stacked, an empty box leaves the room to the other
        if entry is None:
            side.border_subtitle = "not written"
            hint = " Press w to write." if self.day >= today or self.unlocked else ""
            when = "today" if self.day >= today else "on this day"
            view.empty, view.entry = f"{partner.name} has not written {when}.{hint}", None
            return
        stamp = entry.updated or entry.created
        edited = entry.created is not None and entry.updated != entry.created
        parts = [f"{'edited' if edited else 'written'} {stamp:%H:%M}" if stamp else "written"]
        parts.append(f"{other.name} has read it" if entry.seen(other.id) else f"new for {other.name}")
        side.border_subtitle = literal(" · ".join(parts))
        view.entry = entry

    # -- moving between days -----------------------------------------------------
    def show_day(self, day: date) -> None:
        day = min(day, self.store.daily.today())
        if day != self.day:
            self.day = day
            self.unlocked = False
            for side in self.query(DaySide):
                side.scroll_home(animate=False)
        self.reread()

    def action_move(self, days: int) -> None:
        self.show_day(self.day + timedelta(days=days))

    def action_today(self) -> None:
        self.show_day(self.store.daily.today())

    def action_unlock(self, unlock: bool = True) -> None:
        if self.store.daily.is_locked(self.day):
            self.unlocked = unlock
            self.reread()

    @property
    def active_bindings(self):
        # An earlier day adds Today and Unlock: narrower than 100 columns (80 for today), Esc (Home,
        # or Results after a search) and Moods leave the footer to make room, as Home does on the
        # gauge (F1 still lists them).
        active = super().active_bindings
        if self.size.width < (100 if self.day != self.store.daily.today() else 80):
            active = {key: off_footer(item) if item.binding.action in ("app.home", "back", "trend") else item
                      for key, item in active.items()}
        return active

    def on_resize(self) -> None:
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self.search is not None
        if action == "unlock":  # u unlocks an earlier day, then locks it again
            return self.store.daily.is_locked(self.day) and parameters != (self.unlocked,)
        if action == "today":
            return self.day != self.store.daily.today()
        if action == "move" and parameters and parameters[0] == 1:
            return True if self.day < self.store.daily.today() else None
        return True

    # -- writing and reading -----------------------------------------------------
    def action_write(self) -> None:
        if self.store.daily.is_locked(self.day) and not self.unlocked:
            self.notify(f"{day_name(self.day, self.store.daily.today())} is read-only. "
                        "Press u to unlock it for editing.", title="Earlier day", severity="warning")
            return
        notes = {pid: ("has written: edit" if pid in self.entries else "not written yet") for pid in ("a", "b")}
        self.app.push_screen(WhoScreen("Who is writing?", notes), self._write_as)

    def _write_as(self, pid: str | None) -> None:
        from screens.daily_entry import EntryEditor

        entry = self.entries.get(pid) if pid else None
        longest = max((len(getattr(entry, f)) for f, _ in LABELS), default=0) if entry else 0
        if longest > ENTRY_MAX:  # only a hand edit does this: the editor would crawl and saving refuses it anyway
            name = self.store.partner(pid).name
            self.notify(f"{name}'s entry has {longest:,} characters in one box, more than the {ENTRY_MAX:,} the "
                        "editor takes (it came from a file). It is kept as it is: read it here.",
                        title="Too long to edit", severity="warning")
        elif pid:
            self.app.push_screen(EntryEditor(pid, self.day, self.unlocked), self._saved)

    def _saved(self, entry: DailyEntry | None) -> None:
        if entry is not None:
            name = self.store.partner(entry.by).name
            self.notify(f"Saved {visible(name)}'s entry.", title="Saved")
            self.app.data_changed()  # home's counts and any other screen

    def action_catch_up(self) -> None:
        notes = {}
        for partner in self.store.partners():
            count = self.store.daily.unseen_count(partner.id)
            other = self.store.other(partner.id).name
            notes[partner.id] = f"{count} new from {other}" if count else f"nothing new from {other}"
        self.app.push_screen(WhoScreen("Who is catching up?", notes), self._catch_up_as)

    def _catch_up_as(self, pid: str | None) -> None:
        from screens.daily_catchup import CatchUpScreen

        if pid:
            self.app.push_screen(CatchUpScreen(pid), self._went_to)

    # -- history, search, moods ----------------------------------------------------
    def action_history(self) -> None:
        from screens.daily_history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.day), self._went_to)

    def action_search(self, text: str = "", chosen: str | None = None) -> None:
        from screens.daily_search import SearchScreen

        search = SearchScreen(text, chosen)
        self.app.push_screen(search, lambda day: self._went_to(day, search))

    def action_back(self) -> None:
        search, self.search = self.search, None
        if search is not None:
            self.action_search(*search)

    def action_trend(self) -> None:
        from screens.daily_trend import TrendScreen

        self.app.push_screen(TrendScreen())

    def _went_to(self, day: date | None, search: SearchScreen | None = None) -> None:
        # Its words and pick, not the screen: a closed screen is not kept alive.
        self.search = (search.text, search.chosen) if search is not None and day is not None else None
        self.refresh_bindings()
        if day is not None:
            self.show_day(day)
