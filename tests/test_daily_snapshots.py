"""Snapshots of the daily screens at 80×24 and 120×40, on a fixed clock and fixed entries.
Each has Pilot checks beside it: a crashed app would otherwise snapshot as a blank screen."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.conftest import NOW, shows, snap

TODAY = NOW.date()


@pytest.fixture
def couple(store):
    """A fortnight of entries, written through the API on the fixed clock."""
    daily = store.daily
    for back, (mood_a, mood_b) in enumerate([(4, 2), (3, 3), (5, None), (2, 4), (None, 4), (3, 5), (4, 3)]):
        day = TODAY - timedelta(days=back + 1)
        if mood_a:
            daily.save("a", mood_a, happened=f"Day {day.day}: work, gym, dinner.", day=day, unlocked=True)
        if mood_b:
            daily.save("b", mood_b, happened=f"Day {day.day}: long shift.", on_mind="The lighthouse trip",
                       day=day, unlocked=True)
    daily.save("b", 3, happened="Ate at the old lighthouse café", day=date(2024, 11, 20), unlocked=True)
    for entry in daily.unseen("a")[:-2]:
        daily.mark_seen("a", entry)
    for entry in daily.unseen("b"):
        daily.mark_seen("b", entry)
    daily.save("a", 4, happened="Presented the plan; it went well. [draft] in brackets stays.",
               on_mind="Mum's birthday on Saturday.", would_help="A walk after dinner.")
    daily.save("b", 2, happened="Migraine most of the afternoon.", would_help="Quiet, and tea.")
    return store


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_day_view(snap_compare, make_app, couple, size):
    snap(snap_compare, make_app(poll=False), size, "d",
         check=shows("Presented the plan", "Migraine", "Mood 4 good", "Mood 2 low", "new for Alex"))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_history(snap_compare, make_app, couple, size):
    snap(snap_compare, make_app(poll=False), size, "d", "h", "left",
         check=shows("November 2026", "S = Sam wrote", "2 months with entries", "Day 24"))


def test_editor(snap_compare, make_app, couple):
    snap(snap_compare, make_app(poll=False), (80, 24), "d", "w", "2", "5",
         check=shows("Alex is writing", "[5 great]", "Migraine"))


def test_catch_up(snap_compare, make_app, couple):
    snap(snap_compare, make_app(poll=False), (80, 24), "d", "c", "1",
         check=shows("Sam catching up on Alex", "1 of 3", "Monday 23 November 2026"))


def test_search(snap_compare, make_app, couple):
    snap(snap_compare, make_app(poll=False), (120, 40), "d", "slash", *"lighthouse", "enter",
         check=shows("Found 7 entries in 2 months", "Wed 20 Nov 2024"))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_mood_trend(snap_compare, make_app, couple, size):
    snap(snap_compare, make_app(poll=False), size, "d", "m", check=shows("Last 30 days: average", "Last 90 days"))


def test_who_is_writing(snap_compare, make_app, couple):
    snap(snap_compare, make_app(poll=False), (80, 24), "d", "w", check=shows("Who is writing?", "has written: edit"))
