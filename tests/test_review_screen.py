"""The weekly review screens, driven by keys as a couple would: the meeting's steps, whose
turn it is, the speaker timer, the minutes on disk, past reviews, and literal text."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import Digits, Input, TextArea

from data import Store
from screens.review_steps import TurnTimer, clock_face
from tests.conftest import NOW, HandClock, screen_text, told, wait_for


@pytest.fixture
def week(store, clock):
    clock.now = NOW - timedelta(days=2)
    store.interactions.log("b", True, "brought me soup")
    store.interactions.log("a", False, "snapped about the keys")
    clock.now = NOW
    return store


async def open_meeting(app, pilot) -> None:
    await pilot.pause()
    await pilot.press("w")
    await pilot.pause()
    assert type(app.screen).__name__ == "ReviewScreen"
    await pilot.press("n")
    await pilot.pause()
    assert type(app.screen).__name__ == "MeetingScreen"


async def type_line(pilot, text: str) -> None:
    await pilot.press(*text, "enter")
    await pilot.pause()


def test_turn_timer_counts_pauses_and_runs_over():
    hand = HandClock()
    timer = TurnTimer(60, hand)
    assert (timer.status(), clock_face(timer.remaining())) == ("ready", "1:00")
    timer.start()
    hand.t += 20.5
    assert clock_face(timer.remaining()) == "0:40" and timer.status() == "running"
    timer.pause()
    hand.t += 500  # paused time does not count
    assert timer.elapsed() == 20.5 and timer.status() == "paused"
    timer.toggle()
    hand.t += 45
    assert timer.up and timer.remaining() == 0 and timer.status() == "time is up (1:06 spoken)"
    timer.reset()
    assert timer.elapsed() == 0 and not timer.started


async def test_a_whole_weekly_review_is_walked_and_its_minutes_saved(make_app, week, data_dir, hand, clock):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_meeting(app, pilot)
        text = screen_text(app)
        assert "1 Week" in text and "brought me soup" in text and "snapped about the keys" in text
        assert "not started" in text  # nothing written just by opening it
        assert not (data_dir / "reviews.json").exists()

        # appreciations: one keyboard, turns alternate
        await pilot.press("pagedown")
        await pilot.pause()
        assert "Sam's turn to speak" in screen_text(app)
        await type_line(pilot, "you cooked [b]twice[/b]")
        text = screen_text(app)
        assert "Sam: you cooked [b]twice[/b]" in text and "Alex's turn to speak" in text
        await type_line(pilot, "you fixed the bike")
        assert "Alex: you fixed the bike" in screen_text(app) and "Sam's turn to speak" in screen_text(app)
        await pilot.press("ctrl+t")  # Sam passes without adding
        await pilot.pause()
        assert "Alex's turn to speak" in screen_text(app)
        await type_line(pilot, "and the soup")

        # what went right
        await pilot.press("pagedown")
        await pilot.pause()
        assert "what went right" in screen_text(app)
        await type_line(pilot, "the long walk")
        assert "Sam: the long walk" in screen_text(app)

        # one issue: speaker and listener take timed turns
        await pilot.press("pagedown")
        await pilot.pause()
        await type_line(pilot, "who does the dishes")
        text = screen_text(app)
        assert "Issue: who does the dishes (raised by Sam)" in text
        assert "Sam speaks · Alex listens" in text and "ready" in text
        clock_face_widget = app.screen.query_one("#issue-clock", Digits)
        assert clock_face_widget.value == "3:00"
        await pilot.press("ctrl+r")
        hand.t += 60
        app.screen.tick()
        await pilot.pause()
        assert clock_face_widget.value == "2:00" and "running" in screen_text(app)
        hand.t += 130
        app.screen.tick()
        await pilot.pause()
        assert clock_face_widget.value == "0:00" and "time is up (3:10 spoken)" in screen_text(app)
        assert told(app, "Turn over", "Time is up. Alex, say back what you heard")
        await type_line(pilot, "you feel alone with the dishes")  # Alex, listening, then Enter ends the turn
        text = screen_text(app)
        assert "1. Sam spoke 3:10; heard: you feel alone with the dishes" in text
        assert "Alex speaks · Sam listens" in text and clock_face_widget.value == "3:00"
        await pilot.press("ctrl+r")
        hand.t += 45
        await pilot.press("ctrl+r")  # paused: the next 100 s do not count
        hand.t += 100
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert "2. Alex spoke 0:45" in screen_text(app)
        assert "Sam speaks · Alex listens" in screen_text(app)

        # agreements and notes, then finish
        await pilot.press("pagedown")
        await pilot.pause()
        await type_line(pilot, "rota on the fridge")
        assert "• rota on the fridge" in screen_text(app)
        app.screen.query_one("#notes", TextArea).focus()
        await pilot.press(*"plan the holidays next time")
        clock.advance(minutes=35)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "MinutesScreen"
        text = screen_text(app)
        assert "Weekly review, held Wed 25 Nov 2026 at 19:05" in text
        assert "you cooked [b]twice[/b]" in text and "Alex: you fixed the bike" in text
        top = text
        await pilot.press("end")  # the rest of the minutes, further down
        await pilot.pause()
        text = screen_text(app)
        assert "1 unrepaired negative ·" in top + text  # one, not "1 unrepaired negatives"
        assert "1. Sam spoke 3:10; Alex heard: you feel alone with the dishes" in text
        assert "• rota on the fridge" in text and "plan the holidays next time" in text

    saved = Store.open(data_dir).review.past()
    assert len(saved) == 1
    m = saved[0]
    assert [(s.by, s.text) for s in m.appreciations] == [
        ("a", "you cooked [b]twice[/b]"), ("b", "you fixed the bike"), ("b", "and the soup")]
    assert [(s.by, s.text) for s in m.went_right] == [("a", "the long walk")]
    assert (m.issue, m.issue_by) == ("who does the dishes", "a")
    assert [(t.speaker, t.listener, t.seconds, t.heard) for t in m.turns] == [
        ("a", "b", 190, "you feel alone with the dishes"), ("b", "a", 45, "")]
    assert [s.text for s in m.agreements] == ["rota on the fridge"]
    assert m.notes == "plan the holidays next time"
    assert m.figures["unrepaired"] == 1 and m.figures["everyday"] == [1, 1]


async def test_past_reviews_are_listed_and_readable(make_app, store, clock):
    for n, agreement in enumerate(("walk on Sundays", "phones away at dinner")):
        clock.now = NOW - timedelta(days=7 * (1 - n))
        m = store.review.start()
        store.review.say(m.uid, "agreements", "", agreement)
        store.review.finish(m.uid)
    clock.now = NOW
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert "Last Wed 25 Nov · 1 agreement · next in 7 days" in screen_text(app)  # the home card
        await pilot.press("w")
        await pilot.pause()
        text = screen_text(app)
        assert "Wed 25 Nov 2026" in text and "Wed 18 Nov 2026" in text
        assert text.index("Wed 25 Nov 2026") < text.index("Wed 18 Nov 2026")  # newest first
        await pilot.press("tab", "down", "enter")  # the week has focus first; Tab: the past reviews
        await pilot.pause()
        text = screen_text(app)
        assert type(app.screen).__name__ == "MinutesScreen"
        assert "held Wed 18 Nov 2026" in text and "walk on Sundays" in text and "phones away" not in text
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReviewScreen"


async def test_leaving_keeps_the_meeting_and_resumes_with_the_right_turn(make_app, store, data_dir, hand):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_meeting(app, pilot)
        await pilot.press("pagedown")
        await pilot.pause()
        await type_line(pilot, "thanks for the tea")
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReviewScreen"
        assert "A review is open" in screen_text(app)
        await pilot.press("escape")  # home's card knows, in this session too
        await wait_for(pilot, "still open: w continues it")
    # a new session (the app was closed) finds the meeting and gives Alex the keyboard
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert "still open: w continues it" in screen_text(app)
        await open_meeting(app, pilot)
        await pilot.press("pagedown")
        await pilot.pause()
        text = screen_text(app)
        assert "Sam: thanks for the tea" in text and "Alex's turn to speak" in text


async def test_typed_text_shows_literally(make_app, store, hand):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_meeting(app, pilot)
        await pilot.press("pagedown")
        await pilot.pause()
        field = app.screen.query_one("#appreciations-input", Input)
        field.value = "red \x1b[31mALERT\x1b[0m [bold]loud[/bold] \\[x]"
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Sam: red ␛[31mALERT␛[0m [bold]loud[/bold] \\[x]" in text
        assert "\x1b" not in text
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert "red ␛[31mALERT␛[0m [bold]loud[/bold] \\[x]" in screen_text(app)
    assert store.review.past()[0].appreciations[0].text == "red \x1b[31mALERT\x1b[0m [bold]loud[/bold] \\[x]"


async def test_empty_lines_are_refused_and_lines_can_be_taken_back(make_app, store, data_dir, hand):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_meeting(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert told(app, "Not saved", "Nothing to save yet")
        await pilot.press("pagedown")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert told(app, "Not saved", "the appreciation is empty")
        assert "Sam's turn to speak" in screen_text(app)  # the turn stays
        await type_line(pilot, "tpyo")
        await type_line(pilot, "the flowers")
        await pilot.press("shift+tab")  # to the list of what was said
        await pilot.pause()
        await pilot.press("home", "delete")
        await pilot.pause()
        assert "tpyo" not in screen_text(app) and "Alex: the flowers" in screen_text(app)
        # issue turns need an issue first
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        await pilot.press("ctrl+r", "ctrl+t")
        await pilot.pause()
        assert told(app, "Not saved", "Name the issue first")
    m = Store.open(data_dir).review.open_meeting()
    assert [s.text for s in m.appreciations] == ["the flowers"] and m.turns == ()


async def test_another_sessions_lines_show_up_live(make_app, store, data_dir, hand):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_meeting(app, pilot)
        await pilot.press("pagedown")
        await pilot.pause()
        await type_line(pilot, "from this terminal")
        other = Store.open(data_dir)
        uid = other.review.open_meeting().uid
        other.review.say(uid, "appreciations", "b", "from the other terminal")
        await wait_for(pilot, "Alex: from the other terminal")
        await pilot.press(*"half a line")
        other.review.finish(uid)
        await wait_for(pilot, "finished or discarded in another session", "Esc goes back")
        await pilot.press(*"know more", "ctrl+s")  # typing on: n must not start a meeting, x not discard
        await pilot.pause()
        assert type(app.screen).__name__ == "MeetingScreen" and Store.open(data_dir).review.open_meeting() is None
        assert screen_text(app).splitlines()[0].endswith("closed ") and "Remove" not in screen_text(app)  # Del off too
        await pilot.press("escape")
        await wait_for(pilot, until=lambda: type(app.screen).__name__ == "ReviewScreen")
        assert Store.open(data_dir).review.open_meeting() is None and len(Store.open(data_dir).review.past()) == 1


async def test_a_meeting_closed_elsewhere_under_help_is_not_a_crash(make_app, store, data_dir, hand):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_meeting(app, pilot)
        await pilot.press("pagedown")
        await type_line(pilot, "from this terminal")
        await pilot.press("f1")
        await wait_for(pilot, "Keys on this screen")
        other = Store.open(data_dir)
        other.review.discard(other.review.open_meeting().uid)
        await wait_for(pilot, "finished or discarded in another session")
        assert app.is_running
        await pilot.press("escape", "escape")
        await wait_for(pilot, until=lambda: type(app.screen).__name__ == "ReviewScreen")


async def test_notes_typed_here_while_the_other_session_wrote_notes_keep_both(make_app, store, data_dir, hand):
    """Both of you type notes at once in two terminals: finishing here keeps the other's notes
    and puts these after them, says so, and shows the whole in the box."""
    m = store.review.start()
    store.review.say(m.uid, "appreciations", "a", "thanks")
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_meeting(app, pilot)
        for _ in range(4):
            await pilot.press("pagedown")
        await pilot.pause()
        box = app.screen.query_one("#notes", TextArea)
        box.focus()
        await pilot.press(*"Notes from Zoë")
        Store.open(data_dir).review.set_notes(m.uid, "José adds: ok", "")  # the other terminal
        await pilot.press("ctrl+s")
        await wait_for(pilot, "Notes kept from both")
    [done] = Store.open(data_dir).review.past()
    assert done.notes == "José adds: ok\nNotes from Zoë"


async def test_an_open_meeting_can_be_discarded(make_app, store, data_dir):
    m = store.review.start()
    store.review.say(m.uid, "appreciations", "a", "kept?")
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert "Discard the review started" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert Store.open(data_dir).review.open_meeting() is not None
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert "A review is open" not in screen_text(app)
        await pilot.press("escape")
        await wait_for(pilot, "Weekly review")
        assert "still open" not in screen_text(app)
    assert Store.open(data_dir).review.open_meeting() is None


async def test_a_damaged_reviews_file_is_reported_not_fatal(make_app, store, data_dir):
    (data_dir / "reviews.json").write_text("{oops")
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert "unreadable (not valid JSON" in screen_text(app)  # on the home card
        await pilot.press("w")
        await pilot.pause()
        text = screen_text(app)
        assert type(app.screen).__name__ == "ReviewScreen" and "The week Thu 19 Nov" in text
        await pilot.press("n")
        await pilot.pause()
        assert told(app, "Cannot start a review", "unreadable")
        assert type(app.screen).__name__ == "ReviewScreen"
    assert (data_dir / "reviews.json").read_text() == "{oops"
