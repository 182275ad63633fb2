"""A quiz round played through the app on one keyboard: turns, sealing, reveal, marks, history."""

from __future__ import annotations

from data import Store
from tests.conftest import screen_flat, screen_text, wait_for

SAM_SECRET = "Knitting [b]x[/b] [/] on Sundays"
SAM_GUESS = "Alex runs"
ALEX_SECRET = "Running by the canal, 走る毎朝"
# Pilot types key by key, so a zero-width joiner cannot be typed; this one is pasted.
UNICODE = "Ran 🏃‍♀️ by the café (e\u0301), שלום, 走る毎朝 " + "長い" * 60 + " \x1b[31mred?"
ALEX_GUESS = "Sam knits"


def widget_texts(app) -> str:
    """Every bit of text any widget on the screen holds, shown or not: contents, values, titles."""
    parts = []
    for widget in app.screen.walk_children(with_self=True):
        for attr in ("content", "value", "border_title", "border_subtitle", "placeholder"):
            value = getattr(widget, attr, None)
            if value:
                parts.append(str(value))
    return "\n".join(parts)


def assert_hidden(app, *secrets: str) -> None:
    shown, held = screen_text(app), widget_texts(app)
    for secret in secrets:
        for piece in (secret, secret[:12]):
            assert piece not in shown, f"{piece!r} is on screen"
            assert piece not in held, f"{piece!r} is held by a widget"


async def open_quiz(pilot, deck_down: int = 0) -> None:
    await pilot.pause()
    await pilot.press("q")
    await pilot.pause()
    await pilot.press(*["down"] * deck_down, "enter")
    await pilot.pause()


async def take_turn(pilot, answer: str, guess: str) -> None:
    await pilot.press("enter")  # "I'm ready"
    await pilot.pause()
    await pilot.press(*answer, "enter", *guess, "enter")
    await pilot.pause()


async def test_a_whole_round_on_one_keyboard(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_quiz(pilot)
        text = screen_flat(app)
        assert "Starter · question 1 of 6" in text
        assert "Sam's turn" in text and "Alex, please look away" in text and "press Enter" in text
        await take_turn(pilot, SAM_SECRET, SAM_GUESS)
        text = screen_flat(app)
        assert "Alex's turn" in text and "Hand the keyboard to Alex" in text
        assert "sealed" in text
        assert_hidden(app, SAM_SECRET, SAM_GUESS)
        await pilot.press("enter")
        await pilot.pause()
        assert "Alex is answering" in screen_flat(app) and "reveals both" in screen_flat(app)
        assert_hidden(app, SAM_SECRET, SAM_GUESS)
        await pilot.press(*ALEX_SECRET, "enter", *ALEX_GUESS, "enter")
        await pilot.pause()
        text = screen_text(app)
        # revealed side by side: Sam about Sam next to Alex's guess about Sam, and the other way round
        assert "Sam about Sam" in text and "Alex's guess about Sam" in text
        assert "Sam's guess about Alex" in text and "Alex about Alex" in text
        row = next(line for line in text.splitlines() if "Knitting" in line)
        assert "Sam knits" in row  # on the same line: side by side
        assert SAM_SECRET in text.replace("\n", " ") or "[b]x[/b] [/]" in text
        assert "Running by the canal" in text
        assert "Sam: how close was Alex's guess about you?" in screen_flat(app)
        await pilot.press("s")
        await pilot.pause()
        assert "✓ spot on" in screen_text(app)
        assert "Alex: how close was Sam's guess about you?" in screen_flat(app)
        await pilot.press("m")
        await pilot.pause()
        assert "✗ missed" in screen_text(app) and "Enter: next question" in screen_flat(app)
        await pilot.press("enter")
        await pilot.pause()
        # question 2: Alex goes first this time
        text = screen_flat(app)
        assert "question 2 of 6" in text and "Alex's turn" in text and "Sam, please look away" in text
        for n in range(2, 7):
            first, second = ("b", "a") if n % 2 == 0 else ("a", "b")
            await take_turn(pilot, f"{first} answer {n}", f"{first} guess {n}")
            assert_hidden(app, f"{first} answer {n}", f"{first} guess {n}")
            await take_turn(pilot, f"{second} answer {n}", "")
            assert f"{second} answer {n}" in screen_text(app)
            await pilot.press("c")  # only one guess to mark: the first partner's
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
        text = screen_text(app)
        assert "Round finished" in text
        assert "Scores" not in text  # scoring is off by default
    data = Store.open(data_dir).quiz.load()  # what landed on disk, as a new session reads it
    assert len(data.answers) == 12 and {a.by for a in data.answers} == {"a", "b"}
    assert data.answers[0].text == SAM_SECRET and data.answers[1].text == ALEX_SECRET
    marks = {(g.by, g.question): g.mark for g in data.guesses}
    assert marks[("b", "starter.hobby")] == "spot_on" and marks[("a", "starter.hobby")] == "missed"
    assert sum(m == "close" for m in marks.values()) == 5
    assert data.open_rounds() == []


async def test_second_round_keeps_history_and_the_love_map_shows_the_change(make_app, store, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_quiz(pilot)
        await take_turn(pilot, "knitting", "running")
        await take_turn(pilot, "running", "knitting")
        await pilot.press("escape")  # leave after the first question; the round stays open
        await pilot.pause()
        clock.advance(days=40)
        await pilot.press("down", "enter")  # the round to resume is first; Starter again below it
        await pilot.pause()
        assert "Starter · question 1 of 6" in screen_text(app)
        await take_turn(pilot, "pottery", "running")
        await take_turn(pilot, "running", "pottery")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        text = screen_text(app)
        assert "Sam's love map" in text
        assert "pottery" in text and "2027-01-04 (today)" in text
        assert "changed: knitting (2026-11-25) → pottery" in text
        await pilot.press("h")
        await pilot.pause()
        assert "2026-11-25  knitting" in screen_text(app) and "2027-01-04  pottery" in screen_text(app)
        await pilot.press("tab")
        await pilot.pause()
        text = screen_text(app)
        assert "Alex's love map" in text and "running" in text and "changed:" not in text
    history = [a.text for a in store.quiz.load().answers if a.by == "a"]
    assert history == ["knitting", "pottery"]


async def test_sealed_answer_stays_hidden_everywhere_until_both_are_in(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_quiz(pilot)
        await take_turn(pilot, SAM_SECRET, SAM_GUESS)
        assert_hidden(app, SAM_SECRET, SAM_GUESS)
        await pilot.press("escape")  # leave mid-question: the round waits for Alex
        await pilot.pause()
        assert "waiting for Alex" in screen_text(app)
        assert_hidden(app, SAM_SECRET, SAM_GUESS)
        await pilot.press("l")  # the love map must not show it either
        await pilot.pause()
        assert "0 answers" in screen_text(app)
        assert_hidden(app, SAM_SECRET, SAM_GUESS)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert "waiting for Alex" in screen_text(app)  # home says so too
        assert_hidden(app, SAM_SECRET, SAM_GUESS)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("enter")  # resume: straight to Alex's gate
        await pilot.pause()
        assert "Alex's turn" in screen_text(app)
        assert_hidden(app, SAM_SECRET, SAM_GUESS)
        await pilot.press("enter", *"hmm", "enter")
        await pilot.pause()
        assert_hidden(app, SAM_SECRET, SAM_GUESS)  # typing a guess: still nothing of Sam's
        await pilot.press("enter")
        await pilot.pause()
        assert "[b]x[/b] [/]" in screen_text(app)  # both in: now it shows, literally


async def test_skip_leave_and_empty_answer(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_quiz(pilot)
        await pilot.press("enter")  # ready
        await pilot.pause()
        await pilot.press("enter", "enter")  # empty answer, empty guess: refused
        await pilot.pause()
        assert "answer is empty" in screen_flat(app)
        assert store.quiz.load().answers == []
        await pilot.press("ctrl+n")  # Sam skips
        await pilot.pause()
        assert "Sam skipped. Hand the keyboard to Alex." in screen_flat(app) and "Alex's turn" in screen_text(app)
        await take_turn(pilot, "alex only", "")
        text = screen_text(app)
        assert "alex only" in text and "Sam skipped this question" in text
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter", *"half typed")
        await pilot.press("escape")
        await pilot.pause()
        assert "Esc again" in screen_flat(app) and "question 2" in screen_flat(app)
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "QuizScreen"
    rounds = store.quiz.load().open_rounds()
    assert len(rounds) == 1 and rounds[0].items[0].state == {"a": "skipped", "b": "answered"}


async def test_markup_and_long_unicode_show_literally(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_quiz(pilot)
        await take_turn(pilot, "[b]x[/b] [/] [link=http://e.x]y[/link]", "[/]")
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#answer").insert_text_at_cursor(UNICODE)  # as a paste would
        await pilot.press("enter", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "│ [b]x[/b] [/] " in text and "│ [link=http://e.x]y[/link] " in text  # wrapped in its card
        assert "Ran 🏃‍♀️ by the café (e\u0301), שלום," in text and "長い長い長い長い" in text
        assert "\x1b" not in text and "␛[31mred?" in text
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("escape", "l", "tab")
        await pilot.pause()
        assert "␛[31mred?" in screen_text(app) and "Ran 🏃‍♀️" in screen_text(app)
    assert store.quiz.load().answers[1].text == UNICODE  # kept exactly as typed


async def test_round_fits_80_columns(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_quiz(pilot)
        for long_text in ("x" * 300, "長" * 300):
            await pilot.press("enter")
            await pilot.pause()
            app.screen.query_one("#answer").insert_text_at_cursor(long_text)
            await pilot.press("enter", *"guess", "enter")
            await pilot.pause()
        assert "s Spot on" in screen_text(app).splitlines()[-1]
        for widget in app.screen.walk_children():
            assert widget.region.right <= 80, widget
            assert not widget.show_horizontal_scrollbar, widget
            if widget.is_scrollable:
                assert widget.max_scroll_x == 0, widget
        board = app.screen.query_one("#board")
        assert board.max_scroll_y > 0  # the long reveal scrolls down, never sideways


async def test_another_session_answering_reveals_here_and_typing_survives_refreshes(make_app, store, data_dir,
                                                                                    monkeypatch):
    app = make_app()
    refreshed = []
    changed = app.data_changed
    monkeypatch.setattr(app, "data_changed", lambda: (refreshed.append(1), changed()))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_quiz(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"half typed")
        other = Store.open(data_dir, clock=store.clock)  # a second session on the same folder
        other.interactions.log("b", True, "hug")  # any write makes every session refresh
        await wait_for(pilot, until=lambda: refreshed)
        assert app.screen.query_one("#answer").value == "half typed"  # nothing typed is lost
        await pilot.press("enter", *"guess", "enter")
        await pilot.pause()
        assert "Alex's turn" in screen_flat(app)
        (r,) = other.quiz.load().open_rounds()
        other.quiz.submit(r.round.uid, r.items[0].question.id, "b", "answered elsewhere", "half")
        text = await wait_for(pilot, "answered elsewhere")
        assert "answered elsewhere" in text and "Sam: how close was Alex's guess about you?" in text


async def test_the_guess_label_wraps_in_a_narrow_terminal(make_app):
    """At 60 columns a column is 26 wide: the label wraps instead of ending "what will Al"."""
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await open_quiz(pilot)
        await pilot.press("enter")  # "I'm ready"
        text = await wait_for(pilot, "Your guess: what will")
        assert "Alex say?" in text


async def test_a_turn_taken_in_another_session_says_what_typed_here_is_not_saved(make_app, store, data_dir):
    """Sam types here while Sam's answer is sealed in another terminal: the board moves on, and
    says that what was typed here is not saved instead of letting it vanish."""
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_quiz(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"typed here")
        other = Store.open(data_dir, clock=store.clock)
        (r,) = other.quiz.load().open_rounds()
        other.quiz.submit(r.round.uid, r.items[0].question.id, "a", "sealed there", "")
        await wait_for(pilot, "Alex's turn", "Sam's turn was taken in another session", "is not saved")


async def test_a_reveal_with_nothing_marked_offers_no_take_back(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_quiz(pilot)
        for _ in range(2):  # both skip: nothing to mark
            await pilot.press("enter")
            await wait_for(pilot, "is answering")
            await pilot.press("ctrl+n")
        text = await wait_for(pilot, "Revealed. Enter: next question")
        assert "takes back" not in text
