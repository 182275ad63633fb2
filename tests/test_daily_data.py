"""The daily log's data API: writing, locking, catch-up per reader, search, moods."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from data import InputError, Store
from data.exchange import export_json, import_data
from data.models import month_of

TODAY = date(2026, 11, 25)


def test_save_today_and_edit_same_day(store, clock):
    first = store.daily.save("a", 4, happened="walked", on_mind="rent")
    clock.advance(hours=1)
    again = store.daily.save("a", 2, happened="walked, then rain")
    assert again.uid == first.uid
    fresh = Store.open(store.root, clock=clock).daily.for_day(TODAY)
    assert fresh["a"].mood == 2 and fresh["a"].happened == "walked, then rain"
    assert fresh["a"].on_mind == ""  # a field left empty on edit is emptied, as typed


def test_mood_is_required_and_bounded(store):
    for mood in (0, 6, None, "3", True, 2.5):
        with pytest.raises(InputError, match="mood"):
            store.daily.save("a", mood)
    assert store.daily.for_day(TODAY) == {}


def test_earlier_days_are_read_only_unless_unlocked(store, clock):
    yesterday = TODAY - timedelta(days=1)
    with pytest.raises(InputError, match="read-only"):
        store.daily.save("a", 3, happened="late", day=yesterday)
    assert store.daily.for_day(yesterday) == {}
    store.daily.save("a", 3, happened="late", day=yesterday, unlocked=True)
    assert store.daily.entry("a", yesterday).happened == "late"
    with pytest.raises(InputError, match="not come yet"):
        store.daily.save("a", 3, day=TODAY + timedelta(days=1), unlocked=True)
    assert store.daily.is_locked(yesterday) and not store.daily.is_locked(TODAY)


def test_too_long_text_is_refused_and_nothing_saved(store):
    with pytest.raises(InputError, match="10,001 characters"):
        store.daily.save("a", 3, happened="x" * 10_001)
    store.daily.save("a", 3, happened="x" * 10_000)
    assert len(store.daily.entry("a", TODAY).happened) == 10_000


def test_stale_editor_cannot_overwrite_another_sessions_save(store, clock):
    other = Store.open(store.root, clock=clock)
    other.daily.save("a", 4, happened="from the laptop")
    with pytest.raises(InputError, match="another session"):
        store.daily.save("a", 2, happened="from the phone", expected="")
    assert store.daily.entry("a", TODAY).happened == "from the laptop"
    current = store.daily.entry("a", TODAY).updated.isoformat()
    store.daily.save("a", 2, happened="from the phone", expected=current)
    assert store.daily.entry("a", TODAY).happened == "from the phone"


def test_catch_up_is_per_reader_and_edits_show_again(store, clock):
    store.daily.save("a", 4, happened="Sam's day")
    assert store.daily.unseen_count("b") == 1
    assert store.daily.unseen_count("a") == 0  # your own entry is never "new"
    entry = store.daily.unseen("b")[0]
    assert store.daily.mark_seen("a", entry) is False  # the author cannot mark their own
    assert store.daily.mark_seen("b", entry) is True
    assert store.daily.unseen_count("b") == 0
    clock.advance(minutes=5)
    store.daily.save("a", 5, happened="Sam's day, better")
    assert store.daily.unseen_count("b") == 1  # changed since read
    # the version shown is what counts: a stale one does not mark the new text read
    assert store.daily.mark_seen("b", entry) is False
    assert store.daily.unseen_count("b") == 1
    store.daily.mark_seen("b", store.daily.unseen("b")[0])
    store.daily.mark_unseen("b", store.daily.entry("a", TODAY))
    assert store.daily.unseen_count("b") == 1
    store.daily.mark_seen("b", store.daily.entry("a", TODAY).uid)  # by uid works too
    assert Store.open(store.root, clock=clock).daily.unseen_count("b") == 0


def test_unseen_is_oldest_first_across_months(store, clock):
    store.daily.save("a", 3, happened="october", day=date(2026, 10, 30), unlocked=True)
    store.daily.save("a", 4, happened="november")
    assert [e.happened for e in store.daily.unseen("b")] == ["october", "november"]


def test_marks_for_the_calendar(store):
    store.daily.save("a", 3)
    store.daily.save("b", 4)
    store.daily.save("b", 2, day=date(2026, 11, 3), unlocked=True)
    assert store.daily.marks("2026-11") == {TODAY: {"a", "b"}, date(2026, 11, 3): {"b"}}
    assert store.daily.marks("2019-01") == {}


def test_search_finds_old_entries_newest_month_first(store):
    store.daily.save("b", 3, on_mind="The Lighthouse trip", day=date(2024, 11, 2), unlocked=True)
    store.daily.save("a", 4, happened="talked about the lighthouse again")
    store.daily.save("a", 2, happened="nothing much", day=date(2025, 6, 1), unlocked=True)
    results = list(store.daily.search("LIGHTHOUSE"))
    assert [m for m, _ in results] == ["2026-11", "2025-06", "2024-11"]  # every month, for progress
    found = [e for _, entries in results for e in entries]
    assert [(e.day, e.by) for e in found] == [(TODAY, "a"), (date(2024, 11, 2), "b")]
    both_words = [e for _, es in store.daily.search("trip lighthouse") for e in es]
    assert [e.day for e in both_words] == [date(2024, 11, 2)]
    assert all(not es for _, es in store.daily.search("   "))


def test_search_sets_case_and_accents_aside(store):
    store.daily.save("a", 4, happened="Coffee at the CAFÉ with José")
    store.daily.save("b", 4, happened="cafe\u0301 written the other way, and Strasse")  # e + combining accent
    for words, who in (("cafe", {"a", "b"}), ("Café", {"a", "b"}), ("jose", {"a"}), ("JOSÉ", {"a"}),
                       ("straße", {"b"}), ("strasse", {"b"})):
        assert {e.by for _, es in store.daily.search(words) for e in es} == who, words


def test_mood_series_has_gaps_where_nobody_wrote(store):
    store.daily.save("a", 5)
    store.daily.save("a", 1, day=TODAY - timedelta(days=2), unlocked=True)
    store.daily.save("a", 3, day=TODAY - timedelta(days=40), unlocked=True)  # October, outside 30 days
    series = store.daily.mood_series("a", 30)
    assert len(series) == 30
    assert series[-1] == 5 and series[-2] is None and series[-3] == 1
    assert [m for m in series if m is not None] == [1, 5]
    assert [m for m in store.daily.mood_series("a", 90) if m is not None] == [3, 1, 5]
    assert store.daily.mood_series("b", 30) == [None] * 30


def test_text_is_stored_exactly_as_typed(store, data_dir):
    raw = "[b]not bold[/b] \x1b[31mred\x1b]0;title\x07 done"
    store.daily.save("a", 3, happened=raw)
    month = json.loads((data_dir / "months" / f"{month_of(TODAY)}.json").read_text())
    assert list(month["daily"].values())[0]["happened"] == raw


@pytest.mark.parametrize("change", [{"updated": None}, {"updated": "absent"}, {"updated": None, "created": None},
                                    {"updated": "2026-11-25T17:30:00Z"}])
def test_an_imported_entry_without_updated_can_be_caught_up_on_and_edited(tmp_path, store, clock, change):
    store.daily.save("a", 4, happened="imported day")
    data = json.loads(export_json(store, tmp_path / "x.json").read_text())
    row = data["files"][f"months/{month_of(TODAY)}.json"]["daily"][0]
    row.update(change)
    if row["updated"] == "absent":
        del row["updated"]
    (tmp_path / "x.json").write_text(json.dumps(data))
    target = Store.open(tmp_path / "target", clock=clock)
    import_data(target, tmp_path / "x.json")
    [entry] = target.daily.unseen("b")
    assert target.daily.mark_seen("b", entry) is True
    again = Store.open(target.root, clock=clock)  # the month file attune wrote is not "damaged"
    assert again.folder.damaged_files(TODAY) == [] and again.daily.unseen_count("b") == 0
    clock.advance(minutes=5)
    shown = again.daily.entry("a", TODAY)  # edited as the entry screen does
    again.daily.save("a", 2, happened="edited", expected=shown.updated.isoformat() if shown.updated else "")
    assert again.daily.unseen_count("b") == 1  # an edit since shows as new again
