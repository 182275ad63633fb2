"""Daily catch-up (being built)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer, Static

from screens.base import FeatureScreen


class DailyScreen(FeatureScreen):
    def compose(self) -> ComposeResult:
        yield Static("Daily catch-up: coming soon. Esc goes home.")
        yield Footer()
