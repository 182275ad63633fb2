"""The quiz screen around a round: settings, own questions, closing rounds, scores, home's card."""

from __future__ import annotations

from data import Store
from tests.conftest import screen_flat, screen_text, wait_for


async def open_quiz(pilot) -> None:
    await pilot.pause()
    await pilot.press("q")
    await pilot.pause()


def answer_both(store, round_uid, qid, sam="knitting", alex="running", marks=None):
    store.quiz.submit(round_uid, qid, "a", sam, alex)
    store.quiz.submit(round_uid, qid, "b", alex, sam)
    if marks:
        for g in store.quiz.load().guesses:
            if g.question == qid and g.round == round_uid:
                store.quiz.mark(g.uid, g.about, marks[g.by])


async def test_settings_dialog_changes_the_quiz_settings(make_app, store, data_dir):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_quiz(pilot)
        text = screen_flat(app)
        assert "Starter · 6 questions" in text and "Intimacy · sensitive: turn on in settings" in text
        await pilot.press("o")
        await pilot.pause()
        assert "Quiz settings" in screen_text(app)
        await pilot.press("space", "tab", "space", "tab")  # sensitive on, scoring on, to the days box
        await pilot.press(*["backspace"] * 3, *"abc", "enter")  # type="integer" drops letters
        await pilot.pause()
        assert "whole number" in screen_flat(app) or "1 to 3650" in screen_flat(app)
        await pilot.press(*"30", "ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "QuizScreen"
        text = screen_flat(app)
        assert "Starter · 8 questions" in text and "Intimacy · 5 questions" in text
        assert "Sensitive questions on · scoring on · stale after 30 days" in text
    s = Store.open(data_dir).settings()
    assert (s.sensitive_questions, s.scoring, s.stale_days) == (True, True, 30)


async def test_settings_dialog_cancel_changes_nothing(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_quiz(pilot)
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("space", "escape")
        await pilot.pause()
        assert "Sensitive questions off" in screen_flat(app)
    assert store.settings().sensitive_questions is False


async def test_own_questions_are_added_edited_and_played(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_quiz(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert "No questions of your own yet" in screen_flat(app)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Which song is [b]ours[/b]?", "enter", *"Us", "enter")
        await pilot.pause()
        assert "Which song is [b]ours[/b]? · Us" in screen_flat(app)
        await pilot.press("enter")  # edit it
        await pilot.pause()
        await pilot.press("ctrl+u", *"Which song is ours?", "ctrl+s")
        await pilot.pause()
        assert "Which song is ours? · Us" in screen_flat(app) and "[b]ours" not in screen_flat(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "Your own questions · 1 question" in screen_flat(app)
        choices = app.screen.query_one("#choices")
        while choices.highlighted_option.id != "deck:custom":  # the last deck: your own questions
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        text = screen_flat(app)
        assert "Your own questions · question 1 of 1 · Us" in text and "Which song is ours?" in text
    (q,) = [q for q in store.quiz.load().questions.values() if q.custom]
    assert (q.text, q.category) == ("Which song is ours?", "Us")


async def test_own_question_editor_refuses_empty_text(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_quiz(pilot)
        await pilot.press("e", "a")
        await pilot.pause()
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert "The question is empty" in screen_flat(app)
        assert type(app.screen).__name__ == "QuestionEditor"


async def test_closing_a_round_counts_the_rest_as_skipped(make_app, store):
    r = store.quiz.start_round("starter")
    store.quiz.submit(r.uid, r.questions[0], "a", "knitting", "running")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_quiz(pilot)
        assert "Resume Starter · waiting for Alex · 0 of 6 done" in screen_flat(app)
        await pilot.press("x")
        await pilot.pause()
        # Closing shows Sam's sealed answer: it is said to Sam, as Sam's choice.
        text = screen_flat(app)
        assert "closing lets Alex see Sam's sealed answers to 1 question (and guesses): in the love map and in exports" in text
        assert "Sam: close only if you are happy for Alex to see them" in text and "Sam: show and close (y)" in text
        assert "knitting" not in text
        await pilot.press("y")
        await pilot.pause()
        assert "Resume" not in screen_flat(app)
        assert "Sam 1 answer on file" in screen_flat(app)
    assert store.quiz.load().open_rounds() == []


async def test_scores_show_only_when_scoring_is_on(make_app, store):
    r = store.quiz.start_round("starter")
    for qid in r.questions:
        answer_both(store, r.uid, qid, marks={"a": "spot_on", "b": "close"})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_quiz(pilot)
        assert "Scores" not in screen_flat(app)
        store.quiz.update_settings(sensitive_questions=False, scoring=True, stale_days=90)
        app.data_changed()
        await pilot.pause()
        assert "Scores, all rounds: Sam 100% · Alex 50%" in screen_flat(app)
        app.push_screen(__import__("screens.quiz_round", fromlist=["x"]).QuizRoundScreen(r.uid))
        await pilot.pause()
        text = screen_flat(app)
        assert "Round finished" in text and "Sam: 100% (6 spot on, 0 close, 0 missed)" in text
        assert "Preferences: Sam 100% · Alex 50%" in text


async def test_home_card_counts_answers_stale_and_waiting_rounds(make_app, store, clock):
    first = store.quiz.start_round("starter")
    answer_both(store, first.uid, first.questions[0])
    clock.advance(days=100)
    second = store.quiz.start_round("history")
    store.quiz.submit(second.uid, second.questions[0], "b", "the move abroad", "the exams")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_flat(app)
        assert "Sam 1 answer on file, 1 stale · Alex 1 answer on file, 1 stale" in text
        assert "1 round waiting for Sam" in text
        assert "2 answers older than 90 days" in text
        assert "the move abroad" not in text


async def pick(app, pilot, option_id: str) -> None:
    choices = app.screen.query_one("#choices")
    for _ in range(30):
        if choices.highlighted_option.id == option_id:
            break
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()


async def test_stale_answers_only_and_random_five(make_app, store, clock):
    r = store.quiz.start_round("starter")
    answer_both(store, r.uid, r.questions[1], "the move", "work")
    clock.advance(days=91)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_quiz(pilot)
        assert "Stale answers only · 1 question · answers older than 90 days" in screen_flat(app)
        await pick(app, pilot, "stale")
        text = screen_flat(app)
        assert "Stale answers · question 1 of 1" in text and "What are you most stressed about right now?" in text
        await pilot.press("escape")
        await pilot.pause()
        await pick(app, pilot, "random")
        assert "Random 5 · question 1 of 5" in screen_flat(app)
    assert [v.round.title for v in store.quiz.load().open_rounds()] == ["Starter", "Stale answers", "Random 5"]


async def test_a_quiz_file_damaged_mid_session_is_named_and_left_alone(make_app, store, data_dir):
    store.quiz.start_round("starter")
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_quiz(pilot)
        (data_dir / "quiz.json").write_text("{broken")
        await pilot.press("enter")  # resume the round: refused with the file's name
        await pilot.pause()
        assert type(app.screen).__name__ == "QuizScreen"
        assert any("quiz.json" in n.message for n in app._notifications)  # noqa: SLF001
        app.clear_notifications()
        app.data_changed()
        await pilot.pause()
        assert "quiz.json" in screen_flat(app).replace(" ", "")  # the status line names it (the path wraps)
        await pilot.press("l")
        await pilot.pause()
        assert "quiz.json" in screen_flat(app).replace(" ", "") and type(app.screen).__name__ == "LoveMapScreen"
    assert (data_dir / "quiz.json").read_text() == "{broken"


async def test_a_megabyte_answer_from_a_file_shows_cut(make_app, store, data_dir):
    import json

    r = store.quiz.start_round("starter")
    answer_both(store, r.uid, r.questions[0])
    data = json.loads((data_dir / "quiz.json").read_text())
    next(iter(data["answers"].values()))["text"] = "\x1b[2J" + "z " * 500_000  # only an import does this
    (data_dir / "quiz.json").write_text(json.dumps(data))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_quiz(pilot)
        await pilot.press("l")
        text = await wait_for(pilot, "␛[2Jz z z")
        assert "\x1b" not in text
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        assert "996,004 more characters not shown" in screen_flat(app)
    assert len(store.quiz.load().answers[0].text) == 1_000_004  # stored whole


async def test_own_question_editor_asks_before_esc_throws_it_away_and_enter_saves_from_the_switch(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_quiz(pilot)
        await pilot.press("e", "a")
        await wait_for(pilot, "A question of your own", "Sensitive: off (asked only when")
        await pilot.press(*"What song is ours?", "enter", *"Us", "escape")
        await wait_for(pilot, "Not saved yet")
        assert type(app.screen).__name__ == "QuestionEditor"
        await pilot.press("tab", "space")  # the switch, in words too
        await wait_for(pilot, "Sensitive: on (asked only when")
        await pilot.press("enter")  # on the switch: saves (Space is what toggles it)
        await wait_for(pilot, until=lambda: type(app.screen).__name__ == "QuestionsScreen")
    [q] = [q for q in store.quiz.load().questions.values() if q.custom]
    assert (q.text, q.category, q.sensitive) == ("What song is ours?", "Us", True)
