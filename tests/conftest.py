"""Shared fixtures: a data folder per test, a fixed clock, an app factory."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from data import Store

# A fixed "now" keeps snapshots and date logic deterministic.
NOW = datetime(2026, 11, 25, 18, 30, tzinfo=timezone(timedelta(hours=1)))
REPO = Path(__file__).resolve().parent.parent


class FakeClock:
    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path, clock: FakeClock) -> Store:
    s = Store.open(data_dir, clock=clock)
    s.setup_couple("Sam", "Alex")
    return s


@pytest.fixture
def make_app(store: Store):
    """An AttuneApp on the test's store; polling on, as in real use."""
    from tui.app import AttuneApp

    def factory(**kwargs) -> AttuneApp:
        return AttuneApp(store, **kwargs)

    return factory


def run_cli(*args: str, data_dir: Path | None = None, env: dict | None = None, timeout: float = 30):
    """`attune ARGS` in a real subprocess; returns CompletedProcess with text output."""
    cmd = [sys.executable, "-m", "tui", *args]
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=full_env, cwd=REPO)


def screen_text(app) -> str:
    """Everything the current screen shows, as plain text: what a user could read."""
    strips = app.screen._compositor.render_strips()  # noqa: SLF001 - no public API for this
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)


def flat(text: str) -> str:
    """Screen text with box and toast edges dropped and wrapped lines joined, so a phrase can be
    found whole."""
    for edge in "│▌▐┃":
        text = text.replace(edge, " ")
    return " ".join(text.split())


def screen_flat(app) -> str:
    return flat(screen_text(app))


def toast_text(app) -> str:
    """What the notifications on screen say: the screen's text inside each toast's region."""
    lines = screen_text(app).splitlines()
    shown = []
    for toast in app.screen.query("Toast"):
        region = toast.region
        shown += [line[region.x:region.right] for line in lines[region.y:region.bottom]]
    return flat("\n".join(shown))


def told(app, title: str, words: str) -> bool:
    """A toast titled `title` is on screen, saying `words` (read off the screen, wraps joined)."""
    shown = toast_text(app)
    return flat(title) in shown and flat(words) in shown


class HandClock:
    """Monotonic seconds that only move when a test says so (the review's speaker timer)."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def hand(monkeypatch) -> HandClock:
    from screens.review_meeting import MeetingScreen

    clock = HandClock()
    monkeypatch.setattr(MeetingScreen, "TIMER_CLOCK", clock)
    return clock


def snap(snap_compare, app, size, *steps, check):
    """A snapshot after `steps`: a key ("w"), keys in a row (a list: typing), or a callable given
    the app. `check` (see shows) runs beside the picture: a crashed app snapshots as blank."""

    async def run_before(pilot) -> None:
        await pilot.pause()
        for step in steps:
            if callable(step):
                step(pilot.app)
            elif isinstance(step, str):
                await pilot.press(step)
            else:
                await pilot.press(*step)
            await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        for widget in pilot.app.screen.query("TextArea, Input"):
            widget.cursor_blink = False  # a blinking cursor would make the snapshot flaky
        await pilot.pause()
        check(pilot.app)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def shows(*words: str):
    """A check for snapshot tests: every word is on the current screen (beside the picture)."""

    def check(app) -> None:
        text = screen_text(app)
        for word in words:
            assert word in text, (word, text)

    return check
