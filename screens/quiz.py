"""Love-map quiz (being built)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer, Static

from screens.base import FeatureScreen


class QuizScreen(FeatureScreen):
    def compose(self) -> ComposeResult:
        yield Static("Love-map quiz: coming soon. Esc goes home.")
        yield Footer()
