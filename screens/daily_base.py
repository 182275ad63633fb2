"""Bits the daily screens share: a sub-screen that Esc closes, day names, partner labels, and
asking who is writing or reading (two people, one keyboard) before anything is saved."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker

from screens.base import AttuneModal, AttuneScreen
from widgets.literal import literal


def day_name(day: date, today: date) -> str:
    """'Wednesday 25 November 2026 (today)'."""
    text = f"{day:%A} {day.day} {day:%B %Y}"
    if day == today:
        return text + " (today)"
    if day == today - timedelta(days=1):
        return text + " (yesterday)"
    return text


def partner_labels(name_a: str, name_b: str) -> tuple[str, str]:
    """One letter each for the calendar: initials, or 1 and 2 when the initials clash."""
    a, b = (name_a.strip()[:1] or "1").upper(), (name_b.strip()[:1] or "2").upper()
    return (a, b) if a != b and a.isprintable() and b.isprintable() else ("1", "2")


class DailySubScreen(AttuneScreen):
    """A screen opened over the day view; Esc goes back to it."""

    BINDINGS = [Binding("escape", "back", "Back")]

    def action_back(self) -> None:
        self.dismiss(None)

    def from_worker(self, worker: Worker, callback: Callable[..., Any], *args: Any) -> bool:
        """Called in a worker thread: run `callback` on the UI thread, unless by then the worker
        was cancelled (a newer search started, or this screen closed). False means stop."""

        def guarded() -> None:
            if not worker.is_cancelled and self.is_running and self.is_attached:
                callback(*args)

        if worker.is_cancelled:
            return False
        try:
            self.app.call_from_thread(guarded)
        except RuntimeError:  # the app is closing
            return False
        return not worker.is_cancelled


class WhoScreen(AttuneModal[str | None]):
    CSS_PATH = "daily_who.tcss"
    BINDINGS = [
        Binding("escape", "dismiss", "Cancel"),
        Binding("1", "dismiss('a')", "First partner", show=False),
        Binding("2", "dismiss('b')", "Second partner", show=False),
    ]

    def __init__(self, question: str, notes: dict[str, str] | None = None) -> None:
        super().__init__()
        self.question = question
        self.notes = notes or {}

    def compose(self) -> ComposeResult:
        options = []
        for n, partner in enumerate(self.store.partners(), start=1):
            prompt = Text.assemble(f" {n}  ", literal(partner.name, "bold"))
            note = self.notes.get(partner.id)
            if note:
                prompt.append(f"  · {note}", "dim")
            options.append(Option(prompt, id=partner.id))
        with Vertical(id="who-box"):
            yield Static(self.question, id="who-question", markup=False)
            yield OptionList(*options, id="who-list")
            yield Static("1 or 2, or ↑/↓ and Enter · Esc cancels", classes="muted", markup=False)

    def on_mount(self) -> None:
        # Nobody is chosen until someone says who they are: Enter alone does nothing.
        self.call_after_refresh(setattr, self.query_one("#who-list", OptionList), "highlighted", None)

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
