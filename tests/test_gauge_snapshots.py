"""Snapshots of the gauge and its dialogs at 80×24 and 120×40, on the fixed clock with a month of
entries written through the API. Each has Pilot checks beside it: a crashed app would otherwise
snapshot as a blank screen and still "pass"."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import shows, snap

# (days back, Sam's +, Sam's −, Alex's +, Alex's −): a month with a rough patch a week ago
PATTERN = [(0, 3, 1, 2, 0), (1, 6, 0, 5, 1), (2, 8, 0, 7, 0), (5, 3, 2, 2, 3), (6, 4, 1, 1, 2),
           (9, 9, 0, 8, 0), (15, 6, 1, 7, 0), (22, 10, 0, 9, 1), (29, 5, 0, 4, 0)]


@pytest.fixture
def month(store, clock):
    """About 150 entries over 30 days, a repaired and a tried repair, an ended conflict."""
    inter = store.interactions
    start = clock.now
    for back, *counts in PATTERN:
        clock.now = start.replace(hour=8) - timedelta(days=back)
        for (pid, positive), n in zip((("a", True), ("a", False), ("b", True), ("b", False)), counts):
            for _ in range(n):
                clock.advance(minutes=7)
                inter.log(pid, positive, "" if positive else "snapped about the [b]dishes[/b]",
                          "" if positive else "criticism")
    clock.now = start.replace(hour=12) - timedelta(days=1)
    inter.start_conflict()
    for pid, positive in (("a", False), ("b", False), ("a", True), ("b", True), ("a", True)):
        clock.advance(minutes=3)
        item = inter.log(pid, positive)
        if not positive and pid == "a":
            inter.add_repair(item.uid, "a", ["sorry"], accepted=True)
        elif not positive:
            inter.add_repair(item.uid, "b", ["calm_down"], accepted=False)
    inter.end_conflict()
    clock.now = start
    return store


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_gauge(snap_compare, make_app, month, size):
    snap(snap_compare, make_app(poll=False), size, "g",
         check=shows("Everyday · aim 20:1", "Today  5+ 1−", "5.0:1", "BELOW AIM", "e+ d− Sam",
                   "Unrepaired negatives, last 7 days: 11", "(repair tried, not accepted)"))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_gauge_in_a_conflict_split_by_partner(snap_compare, make_app, month, size):
    snap(snap_compare, make_app(poll=False), size, "g", "c", "d", "i", "i", "p",
         check=shows("CONFLICT OPEN since 18:30", "This conflict, since 18:30  2+ 1−", "c End conflict", "Sam"))


def test_repair_dialog(snap_compare, make_app, month):
    snap(snap_compare, make_app(poll=False), (80, 24), "g", "k", "r", "down", "space",
         check=shows("Repair attempt", "For: − by Alex, 18:30", "✓ Sorry", "Made by", "Alex ✓"))


def test_note_dialog(snap_compare, make_app, month):
    snap(snap_compare, make_app(poll=False), (80, 24), "g", "e", "n", *"hug at the door",
         check=shows("Note and tag", "For: + by Sam, 18:30", "hug at the door", "no tag ✓", "turning toward"))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_flooded_break(snap_compare, make_app, month, size):
    snap(snap_compare, make_app(poll=False), size, "g", "f",
         check=shows("I'm flooded", "within 24 hours: by Thu 26 Nov, 18:30", "We're back"))
