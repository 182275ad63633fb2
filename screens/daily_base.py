"""Bits the daily screens share: a sub-screen that Esc closes, day names, partner labels."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Callable

from textual.binding import Binding
from textual.worker import Worker

from screens.base import AttuneScreen


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
