"""Catch up: the other partner's entries this reader has not read, oldest first.
Showing an entry marks it read for this reader only; k puts it back."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from data.models import DailyEntry
from screens.daily_base import DailySubScreen, day_name
from widgets.entry_view import EntryView
from widgets.literal import literal
from widgets.key_footer import KeyFooter


class CatchUpScreen(DailySubScreen):
    CSS_PATH = "daily_catchup.tcss"
    HELP = (
        "Everything your partner wrote that you have not read yet, oldest first. Each entry counts "
        "as read once it is on screen (for you only). k keeps the one on screen unread. Enter opens "
        "that day with both entries side by side."
    )
    BINDINGS = [
        Binding("n,space,right", "step(1)", "Next"),
        Binding("p,left", "step(-1)", "Previous"),
        Binding("k", "keep_unread", "Keep unread"),
        Binding("enter", "open_day", "Open day"),
    ]

    def __init__(self, reader: str) -> None:
        super().__init__()
        self.reader = reader
        self.items: list[DailyEntry] = []
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Static(id="catchup-title")
        with VerticalScroll(id="catchup-body"):
            yield EntryView(id="catchup-entry")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.items = self.store.daily.unseen(self.reader)
        self._show(mark=True)
        self.query_one("#catchup-body").focus()

    @property
    def current(self) -> DailyEntry | None:
        return self.items[self.index] if 0 <= self.index < len(self.items) else None

    def _show(self, mark: bool) -> None:
        reader, writer = self.store.partner(self.reader), self.store.other(self.reader)
        title = Text.assemble(literal(reader.name, "bold"), " catching up on ", literal(writer.name, "bold"))
        view = self.query_one("#catchup-entry", EntryView)
        entry = self.current
        if entry is None:
            done = "is all caught up" if not self.items else "has read everything"
            title.append(f"  ·  {len(self.items)} read" if self.items else "")
            view.empty, view.entry = f"{reader.name} {done}: nothing new from {writer.name}.", None
        else:
            title.append(f"  ·  {self.index + 1} of {len(self.items)}  ·  ", "dim")
            title.append(day_name(entry.day, self.store.daily.today()))
            if self.reader in entry.seen_by and not entry.seen(self.reader):
                title.append("  ·  changed since you read it", "bold")
            view.entry = entry
            if mark and self.store.daily.mark_seen(self.reader, entry):
                self.app.data_changed()  # home's count goes down now
        self.query_one("#catchup-title", Static).update(title)
        self.query_one("#catchup-body", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()

    def action_step(self, delta: int) -> None:
        new = min(len(self.items), max(0, self.index + delta))
        if new != self.index:
            self.index = new
            self._show(mark=True)

    def action_keep_unread(self) -> None:
        entry = self.current
        if entry is not None and self.attempt(self.store.daily.mark_unseen, self.reader, entry):
            self.notify("Kept unread: it stays in the catch-up.", title="Unread")
            self.app.data_changed()

    def action_open_day(self) -> None:
        if self.current is not None:
            self.dismiss(self.current.day)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("keep_unread", "open_day"):
            return self.current is not None
        return True

    def refresh_data(self) -> None:
        """The writer may add or change entries meanwhile: add new ones at the end, swap
        changed ones in place, and keep the reader's place."""
        fresh = {e.uid: e for e in self.store.daily.unseen(self.reader)}
        changed_on_screen = False
        for n, entry in enumerate(self.items):
            newer = fresh.pop(entry.uid, None)
            if newer is not None and newer.updated != entry.updated:
                self.items[n] = newer
                changed_on_screen = changed_on_screen or n == self.index
        self.items.extend(sorted(fresh.values(), key=lambda e: (e.day, e.updated)))
        self._show(mark=changed_on_screen)  # the new text is on screen: it is read
