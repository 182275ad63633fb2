"""Ratio gauge (being built)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer, Static

from screens.base import FeatureScreen


class GaugeScreen(FeatureScreen):
    def compose(self) -> ComposeResult:
        yield Static("Ratio gauge: coming soon. Esc goes home.")
        yield Footer()
