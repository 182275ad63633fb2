"""Shared fixtures: a data folder per test, a fixed clock, an app factory, one way to wait.

The clock. Tests run as of NOW, whatever the day, time zone or machine:
- in this process, the product's one real-clock read (`data.clock.now`) is swapped for the test's
  FakeClock (the `clock` fixture) by an autouse fixture; `@pytest.mark.real_clock` opts out;
- the real clock itself is moved far from NOW (WANDER, below), so a test or a code path that
  reads it instead fails the day it is written;
- Python subprocesses the tests start get NOW, ticking, in NOW's zone, through
  tests/clock_site/sitecustomize.py (on PYTHONPATH, driven by $ATTUNE_TEST_NOW and $ATTUNE_TEST_TZ).
CI runs the suite again with ATTUNE_TEST_WANDER set to another moment and zone (.ci/run).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

import data.clock
from data import Store

# A fixed "now" keeps snapshots and date logic deterministic.
NOW = datetime(2026, 11, 25, 18, 30, tzinfo=timezone(timedelta(hours=1)))
NOW_ZONE = "Etc/GMT-1"  # NOW's offset (+01:00) as a zone name, for subprocesses
REPO = Path(__file__).resolve().parent.parent
# Where the real clock stands during the run: "ISO-local-time Zone". Far from NOW on purpose.
WANDER = os.environ.get("ATTUNE_TEST_WANDER") or "2028-02-29T23:59:45 America/Adak"


def _wander_to() -> datetime:
    when, _, zone = WANDER.partition(" ")
    return datetime.fromisoformat(when).replace(tzinfo=ZoneInfo(zone or "UTC"))


@pytest.fixture(autouse=True, scope="session")
def _real_clock_elsewhere():
    """Move this process's real clock (and zone) to WANDER; give subprocesses NOW."""
    wander = _wander_to()
    assert abs(wander - NOW) > timedelta(days=300), "WANDER must be far from NOW to catch real-clock reads"
    saved = {k: os.environ.get(k) for k in ("ATTUNE_TEST_NOW", "ATTUNE_TEST_TZ", "PYTHONPATH")}
    os.environ.update(ATTUNE_TEST_NOW=NOW.isoformat(), ATTUNE_TEST_TZ=NOW_ZONE,
                      PYTHONPATH=os.pathsep.join(filter(None, [str(REPO / "tests" / "clock_site"), saved["PYTHONPATH"]])))
    with time_machine.travel(wander, tick=True):
        yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


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


@pytest.fixture(autouse=True)
def _fixed_clock(request, monkeypatch) -> None:
    """Code under test that asks for the real clock gets this test's fixed clock instead."""
    if request.node.get_closest_marker("real_clock") is None:
        monkeypatch.setattr(data.clock, "now", request.getfixturevalue("clock"))


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


# Seconds after which a screen that has not shown what a test waits for counts as hung (not slow:
# speed is judged in bench/). Generous, so it holds while both cores are busy.
NO_HANG = 20.0


async def wait_for(pilot, *words: str, selector: str | None = None, until=None, within: float = NO_HANG) -> str:
    """Let the app run until its current screen shows every one of `words` (read off the screen,
    flattened as `flat` does; a toast's text is also read on its own, as its lines sit beside
    others on the screen), with `selector` holds a widget matching it, and with `until` (a
    callable) that returns true. Returns the flattened screen text. Fails after `within` seconds,
    with the screen in the message."""
    app = pilot.app
    wanted = [flat(w) for w in words]
    deadline = time.monotonic() + within
    while True:
        await pilot.pause(0.02)
        text = screen_flat(app)
        seen = f"{text} {toast_text(app)}" if app.screen.query("Toast") else text
        if (all(w in seen for w in wanted) and (selector is None or app.screen.query(selector))
                and (until is None or until())):
            return text
        assert time.monotonic() < deadline, f"waited {within:.0f} s for {words or selector or until!r}; the screen: {text}"


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
        await steady(pilot)
        check(pilot.app)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


async def steady(pilot) -> None:
    """Hold every text cursor on screen still (shown), so a snapshot never catches a blink."""
    for widget in pilot.app.screen.query("TextArea, Input"):
        widget.cursor_blink = False
    await pilot.pause()


def shows(*words: str):
    """A check for snapshot tests: every word is on the current screen (beside the picture)."""

    def check(app) -> None:
        text = screen_text(app)
        for word in words:
            assert word in text, (word, text)

    return check


# -- another attune holding the folder's lock (tests/test_folder_lock.py, test_folder_changes.py) --
HOLDER = """
import os, signal, sys, time
from data import Store
with Store.open(sys.argv[1]).folder.lock():
    print("held", flush=True)
    if sys.argv[2] == "stop":
        os.kill(os.getpid(), signal.SIGSTOP)  # stopped with the lock held, as ^Z would
    else:
        time.sleep(float(sys.argv[2]))
"""


@pytest.fixture
def holder(data_dir):
    """Start a second attune process that takes the lock, then stops (or sleeps `how` seconds)."""
    started = []

    def start(how: str = "stop") -> subprocess.Popen:
        proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(data_dir), how], cwd=REPO,
                                stdout=subprocess.PIPE, text=True)
        started.append(proc)
        assert proc.stdout.readline().strip() == "held"
        if how == "stop":
            for _ in range(200):  # until the kernel reports it stopped
                with open(f"/proc/{proc.pid}/stat") as fh:
                    if fh.read().rsplit(")", 1)[1].split()[0] == "T":
                        break
                time.sleep(0.01)
        return proc

    yield start
    for proc in started:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)  # works on a stopped process too; the lock goes with it
        proc.wait(timeout=10)


