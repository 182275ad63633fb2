"""Figures taken from a real attune process under a pty: start-up, keypress, the other session, memory."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from bench.pty_driver import PtyApp, attune_argv
from data import Store

HOME_MARK = "Ratio gauge"  # a card title on the home screen: the home screen is drawn
HELLO_MARK = "Hello from the baseline"
HELLO = Path(__file__).with_name("hello.py")
KEYS: dict = {}  # an encrypted folder -> its key (bench/encrypted.py); the app gets it from a file


def key_args(data_dir: Path) -> list[str]:
    return ["--passphrase-file", str(data_dir.with_suffix(".key"))] if data_dir in KEYS else []


def first_frame(argv: list[str], mark: str) -> float:
    with PtyApp(argv) as app:
        shown = app.wait_for(mark, timeout=20)
        return shown - app.started


def startup(data_dir: Path, runs: int) -> tuple[list[float], list[float]]:
    """Process start to the first frame of home at 80x24, against a bare hello-world app."""
    ours, base = [], []
    first_frame(attune_argv(str(data_dir)), HOME_MARK)  # warm the OS file cache for both
    first_frame([sys.executable, str(HELLO)], HELLO_MARK)
    for _ in range(runs):
        base.append(first_frame([sys.executable, str(HELLO)], HELLO_MARK))
        ours.append(first_frame(attune_argv(str(data_dir)), HOME_MARK))
    return ours, base


def _open_gauge(data_dir: Path, gauge_key: str, gauge_mark: str) -> PtyApp:
    app = PtyApp(attune_argv(str(data_dir), *key_args(data_dir)))
    app.wait_for(HOME_MARK, timeout=20)
    app.drain(0.3)
    app.send(gauge_key)
    app.wait_for(gauge_mark, timeout=10)
    app.drain(0.5)
    return app


def keypress(data_dir: Path, presses: int, gauge_key: str, gauge_mark: str, plus_key: str) -> list[float]:
    """Seconds from writing the key to the pty until the repainted gauge arrives; each checked on disk."""
    store = Store.open(data_dir, cipher=KEYS.get(data_dir))
    before = len(store.interactions.today())
    times = []
    with _open_gauge(data_dir, gauge_key, gauge_mark) as app:
        for n in range(presses):
            screen = app.text()
            sent = app.send(plus_key)
            shown = app.wait_until(lambda text: text != screen, timeout=5)
            times.append(shown - sent)
            app.drain(0.03)
            assert len(store.interactions.today()) == before + n + 1, "the press was not on disk by its repaint"
    return times


def keypress_in_turns(big: Path, empty: Path, presses: int, rounds: int, *keys: str) -> tuple[list[float], list[float]]:
    """`keypress` on both folders in turns, `presses` each in all: drift in the machine's speed
    during the run then falls on the figure and its baseline alike."""
    ours, base = [], []
    for n in range(rounds):
        share = presses // rounds + (1 if n < presses % rounds else 0)
        ours += keypress(big, share, *keys)
        base += keypress(empty, share, *keys)
    return ours, base


def other_session(data_dir: Path, writes: int, gauge_key: str, gauge_mark: str) -> list[float]:
    """Seconds from another process's write returning until the running gauge shows it."""
    store = Store.open(data_dir)  # this benchmark process is the other session
    partner = store.partners()[1].id
    times = []
    with _open_gauge(data_dir, gauge_key, gauge_mark) as app:
        for n in range(writes):
            app.drain(0.05 + (n % 7) * 0.013)  # land at different points of the app's poll cycle
            screen = app.text()
            store.interactions.log(partner, n % 4 != 0, "from the other session")
            written = time.perf_counter()
            shown = app.wait_until(lambda text: text != screen, timeout=5)
            times.append(shown - written)
    return times


def peak_rss(data_dir: Path, screens: list[tuple[str, str]]) -> int:
    """Peak resident memory (KiB) after opening home and each (key, mark) screen in turn."""
    with PtyApp(attune_argv(str(data_dir))) as app:
        app.wait_for(HOME_MARK, timeout=20)
        for key, mark in screens:
            app.drain(0.2)
            app.send(key)
            app.wait_for(mark, timeout=15)
            app.drain(0.4)
            app.send("\x1b")
            time.sleep(0.7)  # a lone Esc is only read as Esc after a pause
            app.wait_for(HOME_MARK, timeout=10)
        app.drain(0.3)
        return app.peak_rss_kib()
