"""A box with a limit says so: the count shows near the limit, and what would pass it is refused
with a message, never dropped unseen (widgets/limited_input.py)."""

from __future__ import annotations

from textual import events

from data.text import NOTE_MAX
from tests.conftest import told, wait_for


async def test_a_quiz_answer_at_its_limit_shows_the_count_and_refuses_more(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("q")
        await wait_for(pilot, "Starter")
        await pilot.press("enter")
        await wait_for(pilot, "Sam's turn")
        await pilot.press("enter")
        await wait_for(pilot, selector="#answer:focus")
        answer = app.screen.query_one("#answer")
        answer.insert_text_at_cursor("a" * (NOTE_MAX - 401))
        await pilot.pause()
        assert "/2,000" not in answer.border_subtitle  # far from the limit: no count
        answer.insert_text_at_cursor("b" * 401)
        await wait_for(pilot, "2,000/2,000")
        await pilot.press("x")
        await wait_for(pilot, "Too long")
        assert told(app, "Too long", "An answer keeps at most 2,000 characters, so that was not added.")
        assert answer.value == "a" * (NOTE_MAX - 401) + "b" * 401
        await pilot.press(*"yz")  # typing on: the bell, but one toast is enough
        await pilot.pause()
        assert len(app.screen.query("Toast")) == 1
        await pilot.press("backspace", "x", "w")  # under the limit, then over again: said again
        await wait_for(pilot, until=lambda: len(app.screen.query("Toast")) == 2)


async def test_a_multi_line_paste_into_a_one_line_box_says_what_went_in(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("g")
        await wait_for(pilot, "Everyday")
        await pilot.press("e", "n")
        await wait_for(pilot, "Note and tag")
        app.post_message(events.Paste("first line\nsecond line"))
        await wait_for(pilot, "Pasted one line")
        assert told(app, "Pasted one line", "The note is one line: only the first line of the paste went in.")
        assert app.screen.query_one("#note").value == "first line"


async def test_meeting_notes_near_their_limit_show_the_count(make_app):
    from data.review import NOTES_MAX

    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("w")
        await wait_for(pilot, "This week")
        await pilot.press("n", "pagedown", "pagedown", "pagedown", "pagedown")
        await wait_for(pilot, "Notes (saved as you type)")
        notes = app.screen.query_one("#notes")
        notes.insert("n" * (NOTES_MAX - 1))
        await wait_for(pilot, "9,999/10,000")
        notes.insert("xy")
        await wait_for(pilot, "10,001/10,000 too long: not saved")


async def test_two_of_the_longest_names_are_cut_with_an_ellipsis_never_silently(data_dir, clock):
    """Names of 40 characters each do not fit a one-line title at 80 columns: the title ends in
    "…" so a reader knows there is more, on home, the quiz and the gauge."""
    from data import Store
    from tests.conftest import screen_text
    from tui.app import AttuneApp

    store = Store.open(data_dir, clock=clock)
    store.setup_couple("Maximiliana Bartholomew-Featherstonehau", "Konstantinos Papadopoulos-Alexandropoul")
    app = AttuneApp(store, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for key, title in (("", "attune  ·  "), ("q", "Love-map quiz  ·  "), ("g", "Ratio gauge  ")):
            if key:
                await pilot.press(key)
            await wait_for(pilot, title.strip())
            line = next(row for row in screen_text(app).splitlines() if title in row)
            assert line.rstrip().endswith("…") and "Konstantinos Pap" in line, line
            if key:
                await pilot.press("escape")
                await wait_for(pilot, "press q")
