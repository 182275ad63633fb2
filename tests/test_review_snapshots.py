"""Snapshots of the weekly review at 80×24 and 120×40, each with a behavioural check beside it
(a crashed app is saved as a blank snapshot that would otherwise "pass")."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import NOW, shows, snap


@pytest.fixture
def couple(store, clock):
    """A week with appreciations, negatives, moods, and one past review."""
    for days, by, positive, note in ((5, "a", True, "thanks for the soup"), (4, "b", True, "made me laugh [b]hard[/b]"),
                                     (3, "b", False, "snapped about the keys"), (2, "a", True, "held my hand at the party"),
                                     (1, "a", False, "rolled eyes")):
        clock.now = NOW - timedelta(days=days)
        store.interactions.log(by, positive, note)
        store.daily.save(by, 4 if positive else 2, "walk by the river" if positive else "tired")
    clock.now = NOW - timedelta(days=7)
    m = store.review.start()
    store.review.say(m.uid, "appreciations", "b", "you planned the trip")
    store.review.set_issue(m.uid, "screen time at dinner", "b")
    store.review.say(m.uid, "agreements", "", "phones in the drawer at dinner")
    store.review.finish(m.uid)
    clock.now = NOW
    return store


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_review_overview(snap_compare, make_app, couple, size):
    snap(snap_compare, make_app(poll=False), size, "w",
         check=shows("The week Thu 19 Nov – Wed 25 Nov", "made me laugh [b]hard[/b]", "Wed 18 Nov 2026", "Unrepaired negatives (2)"))


def test_appreciations_turns(snap_compare, make_app, couple, hand):
    snap(snap_compare, make_app(poll=False), (80, 24), "w", "n", "pagedown", [*"you cooked [b]twice[/b]", "enter"],
         check=shows("Sam: you cooked [b]twice[/b]", "Alex's turn to speak", "2 Appreciations"))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_issue_with_the_timer_running(snap_compare, make_app, couple, hand, size):
    def seventy_seconds(app) -> None:
        hand.t += 70
        app.screen.tick()

    snap(snap_compare, make_app(poll=False), size,
         "w", "n", "pagedown", "pagedown", "pagedown", [*"dishes", "enter"], "ctrl+r", seventy_seconds,
         check=shows("Issue: dishes (raised by Sam)", "Sam speaks · Alex listens", "running"))


def test_past_minutes(snap_compare, make_app, couple):
    snap(snap_compare, make_app(poll=False), (80, 24), "w", "enter",
         check=shows("held Wed 18 Nov 2026 at 18:30", "Alex: you planned the trip", "screen time at dinner (raised by Alex)",
             "• phones in the drawer at dinner"))
