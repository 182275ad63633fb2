"""One timeline for the couple: moments are instants (the writer's offset kept), counted by the
viewer's own day whichever month file their writer filed them in; "newest" is newest in real time;
backups age from now; midnight redraws the gauge without a write."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from data import Store
from data.backup import sets
from tests.conftest import FakeClock, screen_flat, wait_for

KIRITIMATI = timezone(timedelta(hours=14))  # Sam
ADAK = timezone(timedelta(hours=-10))  # Alex
MOMENT = datetime(2026, 11, 30, 10, 30, tzinfo=timezone.utc)  # Dec 1, 00:30 for Sam; Nov 30, 00:30 for Alex


def couple(data_dir, at=MOMENT):
    sam = Store.open(data_dir, clock=FakeClock(at.astimezone(KIRITIMATI)))
    sam.setup_couple("Sam", "Alex")
    alex = Store.open(data_dir, clock=FakeClock(at.astimezone(ADAK)))
    return sam, alex


def test_each_partner_sees_both_moments_in_their_own_today(data_dir):
    sam, alex = couple(data_dir)
    sam.interactions.log("a", True, "from Sam")
    alex.interactions.log("b", True, "from Alex")
    assert sorted(p.name for p in (data_dir / "months").iterdir()) == ["2026-11.json", "2026-12.json"]  # each writer's month
    for viewer in (sam, alex):
        assert sorted(i.note for i in viewer.interactions.today()) == ["from Alex", "from Sam"]
        assert viewer.interactions.recent(1).ratio(1).positive == 2
    stored = json.loads((data_dir / "months" / "2026-12.json").read_text())["interactions"]["1"]["at"]
    assert stored == "2026-12-01T00:30:00+14:00"  # the writer's offset is kept
    [seen] = [i for i in alex.interactions.today() if i.note == "from Sam"]
    assert seen.at == MOMENT and seen.at.utcoffset() == timedelta(hours=-10)  # shown in the viewer's zone


def test_undo_takes_the_newest_in_real_time_not_the_largest_text(data_dir):
    sam, alex = couple(data_dir, MOMENT - timedelta(hours=1))
    sam.interactions.log("a", True, "older, but '2026-11-30T23:30+14' sorts last as text")
    alex.clock.now = MOMENT.astimezone(ADAK)
    alex.interactions.log("b", False, "newer: '2026-11-30T00:30-10'")
    gone = sam.interactions.undo_last()
    assert gone.note.startswith("newer")
    assert [i.note for i in alex.interactions.last_days(2)] == ["older, but '2026-11-30T23:30+14' sorts last as text"]


def test_a_clock_that_once_ran_a_year_ahead_cannot_prune_todays_backup(data_dir, clock):
    store = Store.open(data_dir, clock=clock)
    store.setup_couple("Sam", "Alex")
    ahead = FakeClock(clock.now + timedelta(days=365))
    wrong = Store.open(data_dir, clock=ahead)
    for _ in range(9):  # nine days of backups stamped a year from now
        ahead.advance(days=1)
        wrong.interactions.log("a", True, "clock ahead")
    clock.advance(days=1)
    today = Store.open(data_dir, clock=clock)
    today.interactions.log("b", True, "clock right again")
    names = [s.name for s in sets(today.folder)]
    assert any(n.startswith(f"{clock.now:%Y-%m-%d}_") for n in names), names  # today's set stays
    assert sum(n.startswith("2027-") for n in names) >= 7  # the newest sets are never dropped


async def test_midnight_redraws_the_gauge_without_a_write(make_app, store, clock):
    store.interactions.log("a", True, "before midnight")
    app = make_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await wait_for(pilot, "Today 1+ 0−")
        clock.now = clock.now.replace(hour=23, minute=59, second=59) + timedelta(seconds=2)
        await wait_for(pilot, until=lambda: "Today 0+ 0−" in screen_flat(app) and "7 days 1+ 0−" in screen_flat(app))
