"""The folder lock waits a bounded time: another attune stopped (^Z, SIGSTOP) or hung while holding
it is reported ("busy: nothing was changed; try again"), never a frozen session. A real second
process holds the lock here, through attune's own Store."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from data import Store
from data.errors import StorageError
from tests.conftest import REPO, run_cli, screen_text

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


def data_bytes(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*.json")}


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


def test_a_stopped_process_holding_the_lock_is_reported_within_the_wait(store, data_dir, holder, monkeypatch):
    monkeypatch.setattr("data.storage.LOCK_WAIT", 1.0)
    store.interactions.log("a", True, "before")
    before = data_bytes(data_dir)
    proc = holder("stop")
    outcome = []

    def write() -> None:  # in a thread, so a lock that never gives up fails this test, not hangs it
        start = time.monotonic()
        try:
            store.interactions.log("b", True, "while stopped")
        except StorageError as exc:
            outcome.append((time.monotonic() - start, str(exc)))

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    thread.join(timeout=5)
    assert not thread.is_alive(), "still waiting for the lock after 5 s"
    [(took, message)] = outcome
    assert 1.0 <= took < 1.5, took
    assert message == f"data folder {data_dir} is busy (another attune is holding it): nothing was changed; try again"
    assert data_bytes(data_dir) == before
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    store.interactions.log("b", True, "after")  # the lock died with its holder
    assert [i.note for i in Store.open(data_dir).interactions.today()] == ["before", "after"]


def test_a_lock_held_briefly_is_waited_for(store, data_dir, holder, monkeypatch):
    monkeypatch.setattr("data.storage.LOCK_WAIT", 5.0)
    holder("0.4")
    start = time.monotonic()
    store.interactions.log("a", True, "waited")
    assert 0.2 < time.monotonic() - start < 3.0
    assert [i.note for i in Store.open(data_dir).interactions.today()] == ["waited"]


def test_the_cli_says_busy_in_one_line_after_the_default_wait(store, data_dir, holder):
    holder("stop")
    start = time.monotonic()
    r = run_cli("log", "+", "--by", "Sam", "coffee", data_dir=data_dir)
    assert 5.0 <= time.monotonic() - start < 15.0
    assert r.returncode == 1 and r.stderr.count("\n") == 1, r.stderr
    assert "is busy (another attune is holding it): nothing was changed; try again" in r.stderr


async def test_the_gauge_says_busy_and_keeps_going(make_app, store, data_dir, holder, monkeypatch):
    monkeypatch.setattr("data.storage.LOCK_WAIT", 1.0)
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        proc = holder("stop")
        start = time.monotonic()
        await pilot.press("e")  # Sam +
        await pilot.pause()
        assert time.monotonic() - start < 2.0
        assert any("is busy" in n.message for n in app._notifications), screen_text(app)  # noqa: SLF001
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        await pilot.press("e")
        await pilot.pause()
        assert app.is_running
    assert len(Store.open(data_dir).interactions.today()) == 1


def test_opening_and_reading_do_not_wait_for_a_stopped_holder(store, data_dir, holder):
    store.interactions.log("a", True, "readable")
    holder("stop")
    start = time.monotonic()
    opened = Store.open(data_dir)  # tidying up after dead writers waits 0.5 s at most, then is skipped
    assert [i.note for i in opened.interactions.today()] == ["readable"]
    assert time.monotonic() - start < 1.5
    r = run_cli("status", data_dir=data_dir)
    assert r.returncode == 0 and "Sam" in r.stdout, r.stderr
