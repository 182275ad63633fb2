"""Helpers for the terminal tests (ASCII, colours, layouts, snapshots): a demo couple on a fixed
clock, and a way to open every screen the way a user does."""

from __future__ import annotations

from pathlib import Path

import pytest

from data import Store
from tests.conftest import NOW, FakeClock, steady

# Each feature screen and the home key that opens it.
FEATURE_KEYS = {"quiz": "q", "daily": "d", "gauge": "g", "review": "w"}
# screen name -> the class a user should be looking at
SCREENS = {
    "onboarding": "OnboardingScreen",
    "home": "HomeScreen",
    "help": "HelpScreen",
    "quiz": "QuizScreen",
    "daily": "DailyScreen",
    "gauge": "GaugeScreen",
    "review": "ReviewScreen",
}


def demo_store(root: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    """90 days of sample data ending at the tests' fixed NOW (so snapshots never change)."""
    from data.demo import generate

    clock = FakeClock(NOW)
    generate(root, today=NOW.date())  # its own Store reads the fixed clock (tests/conftest.py)
    return Store.open(root, clock=clock)


async def open_screen(app, pilot, name: str) -> None:
    """Go to `name` (home, help, or a feature) with keys, as a user would, and check it is the
    screen now showing (a key that opens nothing would leave every check looking at home)."""
    await pilot.pause()
    if name == "help":
        await pilot.press("f1")
    elif name in FEATURE_KEYS:
        await pilot.press(FEATURE_KEYS[name])
    await pilot.pause()
    await pilot.pause()
    if name in SCREENS:
        assert type(app.screen).__name__ == SCREENS[name], f"{name}: {type(app.screen).__name__} is showing"
    await steady(pilot)
