"""History and search read every month in a worker thread: leaving early, or searching again
before the last search finished, must neither crash nor mix results."""

from __future__ import annotations

import time

import pytest

from data import Store
from data.demo import generate
from tests.conftest import NOW, screen_text
from tui.app import AttuneApp


@pytest.fixture
def ten_years(data_dir, clock) -> Store:
    generate(data_dir, days=3650, per_day=2, today=NOW.date())
    store = Store.open(data_dir, clock=clock)
    store.daily.save("a", 3, happened="zebra crossing", day=NOW.date().replace(year=2017), unlocked=True)
    return store


@pytest.fixture
def slow_months(ten_years, monkeypatch):
    """Each month file takes 2 ms more: the workers are surely mid-way when the keys arrive."""
    daily = ten_years.daily
    real = daily.in_month

    def slow(month: str):
        time.sleep(0.002)
        return real(month)

    monkeypatch.setattr(daily, "in_month", slow)
    return ten_years


async def test_leaving_history_and_search_while_they_read(slow_months):
    app = AttuneApp(slow_months)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("d", "h", "escape")
        await pilot.press("slash", *"hug", "enter", "escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert type(app.screen).__name__ == "DailyScreen"
        assert app.return_code is None  # still running: no worker error ended the app
        await pilot.press("h")  # and it still works afterwards
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "121 months with entries" in screen_text(app)


async def test_a_new_search_replaces_the_old_one(slow_months):
    app = AttuneApp(slow_months)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("d", "slash", *"hug", "enter")
        await pilot.pause(0.1)  # some of the old search's results are in
        for _ in range(3):
            await pilot.press("backspace")
        await pilot.press(*"zebra", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "Found 1 entry in 121 months" in text
        assert "zebra crossing" in text and "Just a hug" not in text
        results = app.screen.query_one("#search-results")
        assert results.option_count == 1
