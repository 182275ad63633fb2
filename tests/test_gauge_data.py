"""The gauge's data: notes, repairs, conflicts, breaks, and the few-weeks summary (data/ only)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from data import InputError, Store
from data.models import AT_AIM, BELOW_AIM, BELOW_ONE, NOTHING, Ratio, short, zone
from tests.conftest import FakeClock


def reopen(store: Store) -> Store:
    return Store.open(store.root, clock=store.clock)


def test_annotate_sets_note_and_tag_and_checks_the_tag_fits(store):
    plus = store.interactions.log("a", True)
    minus = store.interactions.log("b", False)
    store.interactions.annotate(plus.uid, "[b]coffee[/b]", "Appreciation")
    store.interactions.annotate(minus.uid, "", "contempt")
    by_uid = {i.uid: i for i in reopen(store).interactions.today()}
    assert (by_uid[plus.uid].note, by_uid[plus.uid].tag) == ("[b]coffee[/b]", "appreciation")
    assert (by_uid[minus.uid].note, by_uid[minus.uid].tag) == ("", "contempt")
    with pytest.raises(InputError, match="does not fit a positive"):
        store.interactions.annotate(plus.uid, "", "criticism")
    store.interactions.remove(plus.uid)
    with pytest.raises(InputError, match="no longer there"):
        store.interactions.annotate(plus.uid, "late note")


def test_a_repair_is_stored_in_its_negatives_month_and_marks_it(store, clock, data_dir):
    clock.now = datetime(2026, 10, 31, 23, 50, tzinfo=clock.now.tzinfo)
    neg = store.interactions.log("a", False, "snapped")
    clock.advance(minutes=20)  # the repair comes in November
    repair = store.interactions.add_repair(neg.uid, "a", ["sorry", "i_feel"], accepted=False)
    october = json.loads((data_dir / "months" / "2026-10.json").read_text())
    row = list(october["repairs"].values())[0]
    assert row["negative"] == neg.uid and row["steps"] == ["sorry", "i_feel"] and row["accepted"] is False
    assert not (data_dir / "months" / "2026-11.json").exists()
    recent = reopen(store).interactions.recent(7)
    assert recent.repair_state(neg.uid) == "attempted"
    assert [i.uid for i in recent.unrepaired(7)] == [neg.uid]  # tried is not repaired
    store.interactions.add_repair(neg.uid, "b", ["appreciate"], accepted=True, note="thanks")
    recent = reopen(store).interactions.recent(7)
    assert recent.repair_state(neg.uid) == "repaired"
    assert recent.unrepaired(7) == []
    assert [r.accepted for r in store.interactions.repairs_of(neg.uid)] == [False, True]
    assert store.interactions.remove_repair(repair)
    assert [r.accepted for r in store.interactions.repairs_of(neg.uid)] == [True]


def test_repairs_refuse_what_makes_no_sense(store):
    plus = store.interactions.log("a", True)
    neg = store.interactions.log("b", False)
    with pytest.raises(InputError, match="only a negative"):
        store.interactions.add_repair(plus.uid, "a", ["sorry"], True)
    with pytest.raises(InputError, match="unknown repair step"):
        store.interactions.add_repair(neg.uid, "a", ["bribe"], True)
    with pytest.raises(InputError, match="tick what was tried"):
        store.interactions.add_repair(neg.uid, "a", [], True)
    with pytest.raises(InputError, match="no partner"):
        store.interactions.add_repair(neg.uid, "z", ["sorry"], True)
    store.interactions.remove(neg.uid)
    with pytest.raises(InputError, match="no longer there"):
        store.interactions.add_repair(neg.uid, "a", ["sorry"], True)


def test_removing_a_negative_removes_its_repairs(store, data_dir):
    neg = store.interactions.log("b", False)
    store.interactions.add_repair(neg.uid, "a", ["calm_down"], True)
    assert store.interactions.undo_last().uid == neg.uid
    month = json.loads((data_dir / "months" / "2026-11.json").read_text())
    assert month["interactions"] == {} and month["repairs"] == {}
    assert store.interactions.remove(neg.uid) is None  # already gone: nothing happens


def test_unrepaired_covers_seven_days_newest_first(store, clock):
    old = store.interactions.log("a", False, "eight days ago")
    clock.advance(days=2)
    mid = store.interactions.log("b", False, "six days ago")
    clock.advance(days=6)
    new = store.interactions.log("a", False, "today")
    store.interactions.log("a", True)
    assert [i.uid for i in store.interactions.unrepaired()] == [new.uid, mid.uid]
    assert old.uid not in {i.uid for i in store.interactions.unrepaired()}


def test_conflict_entries_count_apart_and_ended_conflicts_leave_attune_json(store, clock, data_dir):
    store.interactions.log("a", True)
    uid = store.interactions.start_conflict()
    assert store.interactions.start_conflict() == uid  # one open at a time
    store.interactions.log("a", False)
    store.interactions.log("b", True)
    assert store.interactions.end_conflict() == uid
    assert store.interactions.end_conflict() is None
    store.interactions.log("b", True)
    recent = store.interactions.recent()
    assert recent.ratio(1, "everyday") == Ratio(2, 0)
    assert recent.ratio(1, "conflict") == Ratio(1, 1) == store.interactions.recent(30).ratio(30, "conflict")
    assert recent.for_conflict(uid) == Ratio(1, 1)
    assert json.loads((data_dir / "attune.json").read_text()).get("conflicts", {}) == {}
    month = json.loads((data_dir / "months" / "2026-11.json").read_text())
    assert [c["uid"] for c in month["conflicts"].values()] == [uid]
    assert store.interactions.current_conflict() is None


def test_daily_series_and_partner_split(store, clock):
    clock.advance(days=-2)
    store.interactions.log("a", True)
    store.interactions.log("a", False)
    clock.advance(days=2)
    for _ in range(3):
        store.interactions.log("b", True)
    series = store.interactions.recent(30).daily(30)
    assert len(series) == 30 and series[-1][0] == date(2026, 11, 25) and series[0][0] == date(2026, 10, 27)
    assert series[-1][1] == Ratio(3, 0) and series[-3][1] == Ratio(1, 1) and series[-2][1] == Ratio(0, 0)
    split = store.interactions.by_partner(7)
    assert split == {"a": Ratio(1, 1), "b": Ratio(3, 0)}
    assert store.interactions.by_partner(1) == {"a": Ratio(0, 0), "b": Ratio(3, 0)}


def test_zones_and_labels():
    assert zone(Ratio(0, 0), 20) == NOTHING and short(Ratio(0, 0)) == "--"
    assert zone(Ratio(1, 2), 20) == BELOW_ONE and short(Ratio(1, 2)) == "0.5:1"
    assert zone(Ratio(1, 1), 20) == BELOW_AIM
    assert zone(Ratio(19, 1), 20) == BELOW_AIM and short(Ratio(19, 1)) == "19.0:1"
    assert short(Ratio(399, 20)) == "19.9:1" and short(Ratio(99, 100)) == "0.9:1"  # never rounds up to a mark
    assert short(Ratio(250, 2)) == "125:1"
    assert zone(Ratio(20, 1), 20) == AT_AIM
    assert zone(Ratio(3, 0), 20) == AT_AIM and short(Ratio(3, 0)) == "3:0"
    assert zone(Ratio(5, 1), 5) == AT_AIM


def test_a_break_counts_down_and_asks_to_come_back_within_a_day(store, clock, data_dir):
    brk = store.interactions.take_break()
    assert brk.left(clock.now) == timedelta(minutes=20)
    assert brk.return_by == clock.now + timedelta(hours=24)
    clock.advance(minutes=25)
    again = reopen(store).interactions.current_break()
    assert again is not None and again.left(clock.now) == timedelta(0)  # timer over, reminder stands
    clock.advance(hours=24)
    assert store.interactions.current_break() is None  # past the come-back time
    store.interactions.take_break(1)
    store.interactions.end_break()
    assert store.interactions.current_break() is None
    assert len(json.loads((data_dir / "attune.json").read_text())["breaks"]) == 1  # never grows
    with pytest.raises(InputError):
        store.interactions.take_break(0)


def test_ending_a_conflict_ends_its_break(store):
    store.interactions.start_conflict()
    store.interactions.take_break()
    store.interactions.end_conflict()
    assert store.interactions.current_break() is None


def test_recent_reads_only_the_months_it_needs(tmp_path):
    clock = FakeClock(datetime(2026, 11, 25, 12, 0).astimezone())
    store = Store.open(tmp_path / "d", clock=clock)
    store.setup_couple("Sam", "Alex")
    for months_back in range(14):  # more than a year of month files
        year, month = divmod(11 - 1 - months_back, 12)
        clock.now = clock.now.replace(year=2026 + year, month=month + 1, day=15)
        store.interactions.log("a", True)
    clock.now = datetime(2026, 11, 25, 12, 0).astimezone()
    store = reopen(store)
    store.interactions.recent(30)
    months = sorted(p.name for p in store.folder.reads if p.parent.name == "months")
    assert months == ["2026-10.json", "2026-11.json"]
    # the 1st of March is the one day 30 days touch three months
    for day in (date(2026, 12, 30), date(2027, 1, 31), date(2027, 2, 15), date(2027, 3, 1)):
        clock.now = datetime.combine(day, clock.now.timetz())
        store.interactions.log("b", True)
    store = reopen(store)  # a fresh session: nothing cached from its own writes
    assert store.interactions.recent(30).ratio(30) == Ratio(3, 0)
    months = sorted(p.name for p in store.folder.reads if p.parent.name == "months")
    assert months == ["2027-01.json", "2027-02.json", "2027-03.json"]


def test_recent_sees_other_sessions_writes_and_skips_unchanged_files(store, data_dir, clock):
    store.interactions.log("a", True)
    assert store.interactions.recent().ratio(1) == Ratio(1, 0)
    store.folder.reads.clear()
    assert store.interactions.recent().ratio(1) == Ratio(1, 0)
    assert not [p for p in store.folder.reads if p.parent.name == "months"]  # nothing changed: no parse
    other = Store.open(data_dir, clock=clock)
    neg = other.interactions.log("b", False)
    other.interactions.add_repair(neg.uid, "a", ["sorry"], True)
    recent = store.interactions.recent()
    assert recent.ratio(1) == Ratio(1, 1) and recent.repair_state(neg.uid) == "repaired"


def test_demo_history_has_conflicts_and_repairs_never_in_the_future(tmp_path):
    from data.demo import generate
    from tests.conftest import NOW

    store = generate(tmp_path / "demo", days=90, today=NOW.date())
    recent = store.interactions.recent(30)
    assert recent.ratio(30, "conflict").positive + recent.ratio(30, "conflict").negative > 0
    repairs = [r for rs in recent.repairs.values() for r in rs]
    assert any(r.accepted for r in repairs) and any(not r.accepted for r in repairs)
    assert all(r.at <= NOW for r in repairs)
    everything = store.interactions.recent(90)
    all_repairs = [r for rs in everything.repairs.values() for r in rs]
    assert {r.negative for r in all_repairs} <= {i.uid for i in everything.items if not i.positive}



def test_own_log_keeps_the_month_cache_without_a_parse(store, data_dir, clock):
    """After a log, recent() has the new entry without parsing the month again; another
    session's write is still read from disk."""
    store.interactions.log("a", True, "one")
    store.interactions.recent(1)
    store.folder.reads.clear()
    clock.advance(seconds=1)
    store.interactions.log("b", False, "two")
    store.folder.reads.clear()  # the insert itself reads the file (TinyDB); the repaint must not
    assert [i.note for i in store.interactions.recent(1).items] == ["one", "two"]
    assert store.folder.reads == {}
    other = Store.open(data_dir, clock=clock)
    clock.advance(seconds=1)
    other.interactions.log("a", True, "three")
    assert [i.note for i in store.interactions.recent(1).items] == ["one", "two", "three"]
