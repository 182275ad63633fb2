"""data/review.py: the week's data and the meeting's minutes, on disk."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from data import InputError, Store
from data.review import MoodTrend
from tests.conftest import NOW


def at_day(clock, days_ago: int, hour: int = 12) -> None:
    clock.now = (NOW - timedelta(days=days_ago)).replace(hour=hour, minute=0)


@pytest.fixture
def week_store(store, clock):
    """A week with appreciations, a conflict, a repaired and an unrepaired negative, and moods."""
    log = store.interactions.log
    at_day(clock, 9)
    log("a", True, "too old to count")
    store.daily.save("a", 2, "rough week")
    at_day(clock, 5)
    log("a", True, "thanks for the soup")
    log("b", True)  # no note: not an appreciation
    store.daily.save("a", 4, "walk by the river")
    store.daily.save("b", 3, "busy")
    at_day(clock, 3)
    bad = log("b", False, "snapped at Sam", "criticism")
    store.interactions.add_repair(bad.uid, "b", ["sorry"], accepted=True)
    at_day(clock, 2)
    store.interactions.start_conflict()
    log("a", True, "listened while we argued")
    log("b", False, "rolled eyes", "contempt")
    store.interactions.end_conflict()
    at_day(clock, 1)
    store.daily.save("b", 5, "[b]great[/b] dinner")
    clock.now = NOW
    return store


def test_week_gathers_what_the_meeting_needs(week_store):
    week = week_store.review.week()
    assert (week.first, week.last) == (date(2026, 11, 19), date(2026, 11, 25))
    assert [i.note for i in week.appreciations] == ["thanks for the soup", "listened while we argued"]
    assert (week.everyday.positive, week.everyday.negative) == (2, 1)
    assert (week.conflict.positive, week.conflict.negative) == (1, 1)
    assert [i.note for i in week.unrepaired] == ["rolled eyes"]  # the other one was repaired
    assert week.repairs_accepted == 1
    assert [(e.by, e.happened) for e in week.good_days] == [("a", "walk by the river"), ("b", "[b]great[/b] dinner")]
    assert week.moods["a"].week[1] == 4 and week.moods["a"].before[4] == 2
    assert week.moods["a"].direction == "up"  # 2 the week before, 4 this week
    assert week.moods["b"].direction == "new"
    assert week.figures()["conflict"] == [1, 1]


def test_a_week_ending_earlier_reads_the_same_way(week_store):
    """A meeting resumed a day later still looks at its own week (the other read path)."""
    week = week_store.review.week(date(2026, 11, 24))
    assert (week.first, week.last) == (date(2026, 11, 18), date(2026, 11, 24))
    assert [i.note for i in week.unrepaired] == ["rolled eyes"] and week.repairs_accepted == 1
    assert (week.everyday.positive, week.everyday.negative) == (2, 1)
    assert week.moods["b"].week[-1] == 5 and week.moods["a"].before[5] == 2


def test_mood_trend_directions():
    assert MoodTrend((3, None), (3,)).direction == "steady"
    assert MoodTrend((2,), (4, 4)).direction == "down"
    assert MoodTrend((None,), (4,)).direction == "none"


def test_stale_love_map_answers_are_offered(store, clock):
    quiz = store.quiz
    at_day(clock, 200)
    rnd = quiz.start_round("starter")
    qid = rnd.questions[0]
    quiz.submit(rnd.uid, qid, "a", "green")
    quiz.submit(rnd.uid, qid, "b", "blue")
    clock.now = NOW
    stale = store.review.week().stale
    assert {(s.by, s.answer, s.age_days) for s in stale} == {("a", "green", 200), ("b", "blue", 200)}


def test_a_damaged_quiz_file_does_not_stop_the_review(store):
    (store.root / "quiz.json").write_text("{not json")
    week = store.review.week()
    assert week.stale == [] and "quiz answers could not be read" in week.stale_problem


def test_a_meeting_is_saved_as_it_goes_and_finished(week_store, data_dir, clock):
    review = week_store.review
    m = review.start()
    assert review.start().uid == m.uid  # one meeting at a time
    review.say(m.uid, "appreciations", "a", "you cooked [b]twice[/b]")
    review.say(m.uid, "appreciations", "b", "you listened")
    review.say(m.uid, "went_right", "b", "the walk")
    review.set_issue(m.uid, "dishes", "a")
    review.add_turn(m.uid, "a", 179.6, "")
    review.add_turn(m.uid, "b", 120, "you feel the dishes are all on you")
    review.say(m.uid, "agreements", "", "rota on the fridge")
    # a second session sees the draft mid-meeting
    draft = Store.open(data_dir, clock=clock).review.open_meeting()
    assert draft is not None and draft.uid == m.uid and not draft.finished
    clock.advance(minutes=40)
    done = review.finish(m.uid, notes="next week: plan the holidays")
    assert done.finished and review.open_meeting() is None
    again = Store.open(data_dir, clock=clock).review.past()
    assert [r.uid for r in again] == [m.uid]
    saved = again[0]
    assert [(s.by, s.text) for s in saved.appreciations] == [("a", "you cooked [b]twice[/b]"), ("b", "you listened")]
    assert [(t.speaker, t.listener, t.seconds, t.heard) for t in saved.turns] == [
        ("a", "b", 180, ""), ("b", "a", 120, "you feel the dishes are all on you")]
    assert (saved.issue, saved.issue_by) == ("dishes", "a")
    assert [s.text for s in saved.agreements] == ["rota on the fridge"]
    assert saved.notes == "next week: plan the holidays"
    assert saved.held == NOW + timedelta(minutes=40)
    assert saved.figures["everyday"] == [2, 1] and saved.figures["unrepaired"] == 1
    assert "rota on the fridge" in (data_dir / "reviews.json").read_text()  # minutes in their own file
    assert "rota on the fridge" not in (data_dir / "attune.json").read_text()  # not in the tiny one
    with pytest.raises(InputError, match="already finished"):
        review.say(m.uid, "appreciations", "a", "late")


def test_bad_input_is_refused_and_changes_nothing(store, data_dir):
    review = store.review
    m = review.start()
    for call, message in (
        (lambda: review.say(m.uid, "appreciations", "a", "   "), "empty"),
        (lambda: review.say(m.uid, "appreciations", "z", "hi"), "no partner"),
        (lambda: review.say(m.uid, "gripes", "a", "hi"), "unknown list"),
        (lambda: review.say(m.uid, "appreciations", "a", "x" * 2001), "too long"),
        (lambda: review.add_turn(m.uid, "a", -1), "a turn lasts"),
        (lambda: review.set_issue(m.uid, "", "a"), "issue is empty"),
        (lambda: review.finish(m.uid), "nothing to save yet"),
        (lambda: review.unsay(m.uid, "appreciations", 0), "no longer there"),
    ):
        with pytest.raises(InputError, match=message):
            call()
    assert Store.open(data_dir).review.open_meeting() == m


def test_notes_typed_in_two_sessions_at_once_keep_both(store, data_dir):
    """Each session saves the notes it typed, starting from what it last read: the later save
    keeps the other's and puts the lines it added or changed after them, each whole."""
    m = store.review.start()
    other = Store.open(data_dir).review
    assert store.review.set_notes(m.uid, "Plan: the trip", "").notes == "Plan: the trip"
    here = other.set_notes(m.uid, "José adds: ok", "")  # started from empty notes too
    assert here.notes == "Plan: the trip\nJosé adds: ok"
    both = store.review.set_notes(m.uid, "Plan: the trip and more from Zoë", "Plan: the trip")
    assert both.notes == "Plan: the trip\nJosé adds: ok\nPlan: the trip and more from Zoë"  # never glued to José's
    both = other.set_notes(m.uid, "Plan: the trip\nJosé adds: ok, and rent first", here.notes)
    assert both.notes == "Plan: the trip\nJosé adds: ok\nPlan: the trip and more from Zoë\nJosé adds: ok, and rent first"
    assert store.review.set_notes(m.uid, "fresh start", both.notes).notes == "fresh start"  # no one else: as typed


def test_unsay_and_discard(store, data_dir):
    review = store.review
    m = review.start()
    review.say(m.uid, "appreciations", "a", "one")
    review.say(m.uid, "appreciations", "a", "two")
    assert [s.text for s in review.unsay(m.uid, "appreciations", 0).appreciations] == ["two"]
    assert review.discard(m.uid) is True
    assert Store.open(data_dir).review.open_meeting() is None and review.past() == []


def test_reading_never_creates_the_file(store, data_dir):
    assert store.review.past() == [] and store.review.open_meeting() is None
    assert not (data_dir / "reviews.json").exists()


def test_reviews_travel_in_the_json_export(week_store, tmp_path, clock):
    from data import exchange

    m = week_store.review.start()
    week_store.review.say(m.uid, "agreements", "", "walk on Sundays")
    week_store.review.finish(m.uid)
    path = exchange.export_json(week_store, tmp_path / "out.json")
    other = Store.open(tmp_path / "other", clock=clock)
    exchange.import_data(other, path)
    exchange.import_data(other, path)  # twice: merged by uid, no duplicate
    assert [r.agreements[0].text for r in other.review.past()] == ["walk on Sundays"]


def test_the_weeks_moods_are_drawn_as_the_mood_trend_draws_them(store, clock):
    """The same glyphs as the daily log's trend, in ASCII mode too (digits, not ASCII art)."""
    from screens.review_week import mood_lines

    for back, mood in ((3, 1), (1, 5), (0, 3)):
        clock.now = NOW - timedelta(days=back)
        store.daily.save("a", mood, happened="a day")
    clock.now = NOW
    week = store.review.week()
    names = {"a": "Sam", "b": "Alex"}
    assert "Sam  ···▁·█▄  " in mood_lines(week, names)[0].plain
    assert "Sam  ...1.53  " in mood_lines(week, names, ascii_only=True)[0].plain


def test_an_imported_draft_with_empty_lists_as_null_takes_new_lines(store, tmp_path, clock):
    import json

    from data import exchange

    store.review.start()
    data = json.loads(exchange.export_json(store, tmp_path / "x.json").read_text())
    [draft] = data["files"]["reviews.json"]["reviews"]
    draft.update(appreciations=None, went_right=None, agreements=None, turns=None)  # the rules allow null
    (tmp_path / "x.json").write_text(json.dumps(data))
    other = Store.open(tmp_path / "other", clock=clock)
    exchange.import_data(other, tmp_path / "x.json")
    m = other.review.open_meeting()
    for kind in ("appreciations", "went_right", "agreements"):
        other.review.say(m.uid, kind, "a", f"one {kind}")
    m = other.review.add_turn(m.uid, "a", 60, "heard")
    assert [s.text for s in m.appreciations + m.went_right + m.agreements] == [
        "one appreciations", "one went_right", "one agreements"]
    assert len(m.turns) == 1
