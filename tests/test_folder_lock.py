"""The folder lock waits a bounded time: another attune stopped (^Z, SIGSTOP) or hung while holding
it is reported ("busy: nothing was changed; try again"), never a frozen session. A real second
process holds the lock here, through attune's own Store."""

from __future__ import annotations

import os
import signal
import threading
import time


from data import Store
from data.errors import StorageError
from data.storage import LOCK_WAIT
from tests.conftest import NO_HANG, run_cli, wait_for

def data_bytes(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*.json")}


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
    thread.join(timeout=NO_HANG)
    assert not thread.is_alive(), f"still waiting for the lock after {NO_HANG} s"
    [(took, message)] = outcome
    assert took >= 1.0, took  # it waited its 1 s, then gave up (how long past it: a busy machine's business)
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
    assert time.monotonic() - start > 0.2  # it waited for the holder rather than failing
    assert [i.note for i in Store.open(data_dir).interactions.today()] == ["waited"]


def test_the_cli_says_busy_in_one_line_after_the_default_wait(store, data_dir, holder):
    holder("stop")
    start = time.monotonic()
    r = run_cli("log", "+", "--by", "Sam", "coffee", data_dir=data_dir)
    assert time.monotonic() - start >= 5.0  # the default wait, then one line (never a hang: run_cli times out)
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
        await pilot.press("e")  # Sam +
        await wait_for(pilot, "is busy")
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
    assert time.monotonic() - start < LOCK_WAIT  # it did not wait out the lock (5 s) as a write would
    r = run_cli("status", data_dir=data_dir)
    assert r.returncode == 0 and "Sam" in r.stdout, r.stderr
