"""Hostile text on every screen: typed, pasted, or arriving in a file (imported or hand-edited).
Shown literally (markup as brackets, ESC as ␛) or refused with a message; never a crash, never a
hang over 2 s, and no raw control character ever drawn (it would run in the terminal)."""

from __future__ import annotations

import json

import pytest
from textual import events

from data import Store
from tests.conftest import flat, screen_text, toast_text, wait_for
from tui.app import AttuneApp

HOSTILE = "[bold]not bold[/] [link=https://evil.example]x[/link] \x1b[31mred\x1b]0;title\x07 \x9b2J 李雷 עברית Zoe\u0308 😀"
MB = "y" * 1_000_000


def no_raw_controls(app) -> None:
    for strip in app.screen._compositor.render_strips():  # noqa: SLF001 - what goes to the terminal
        for seg in strip:
            if not seg.control:
                bad = [c for c in seg.text if ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0]
                assert not bad, (bad, seg.text[:80])


async def paste(pilot, app, text: str) -> None:
    """A bracketed paste, as the terminal delivers it, to whatever has focus."""
    app.post_message(events.Paste(text))
    await pilot.pause()


async def megabyte_paste_is_refused(pilot, app) -> None:
    await paste(pilot, app, MB)
    await wait_for(pilot, "Nothing was pasted")
    assert "That paste is 1,000,000 characters; the longest text attune keeps is 10,000. Nothing was pasted." in \
        toast_text(app)
    app.clear_notifications()  # out of the way of what is checked next


async def test_onboarding_with_pasted_escapes_markup_and_a_megabyte(data_dir, clock):
    app = AttuneApp(Store.open(data_dir, clock=clock))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, "Welcome to attune")
        await paste(pilot, app, "\x1b[31mSam\x1b]0;x\x07")
        no_raw_controls(app)
        await pilot.press("enter", *"Alex", "enter")
        text = await wait_for(pilot, "control characters")
        assert "First partner's name has control characters" in text
        no_raw_controls(app)
        name_a = app.screen.query_one("#name-a")
        name_a.value = ""
        name_a.focus()
        await megabyte_paste_is_refused(pilot, app)
        assert name_a.value == ""
        await paste(pilot, app, "[bold]Sam[/]")
        app.screen.query_one("#name-b").value = ""
        app.screen.query_one("#name-b").focus()
        await paste(pilot, app, "Zoe\u0308 😀")
        await pilot.press("enter")
        text = await wait_for(pilot, "attune · [bold]Sam[/] & Zoë 😀")
        assert "attune · [bold]Sam[/] & Zoë 😀" in text
        no_raw_controls(app)
    assert [p.name for p in Store.open(data_dir).partners()] == ["[bold]Sam[/]", "Zoë 😀"]


@pytest.fixture
def hostile_store(store, clock, data_dir):
    """Names, notes and entries as an import or a hand edit could leave them: never checked."""
    store.interactions.log("a", False, HOSTILE)
    store.daily.save("a", 2, happened=HOSTILE, on_mind="[/]" * 2000, would_help="\x00\x1b" * 100)
    store.daily.save("b", 4, happened="short")
    month = data_dir / "months" / "2026-11.json"
    data = json.loads(month.read_text())
    row = dict(next(iter(data["interactions"].values())))
    row.update(uid="20261125T120000-0badf00d", note=MB + HOSTILE, positive=False)  # a megabyte note
    data["interactions"]["99"] = row
    month.write_text(json.dumps(data))
    main = data_dir / "attune.json"
    data = json.loads(main.read_text())
    for row in data["partners"].values():
        row["name"] = "\x1b[31mSam[/]" if row["id"] == "a" else "[bold]Alex"
    main.write_text(json.dumps(data))
    return Store.open(data_dir, clock=clock)


async def test_every_screen_shows_imported_hostile_text_literally(hostile_store):
    app = AttuneApp(hostile_store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        text = await wait_for(pilot, "Love-map quiz")
        assert "␛[31mSam[/] & [bold]Alex" in text
        no_raw_controls(app)
        for key, screen, shows in (("g", "GaugeScreen", "[bold]not bold[/]"), ("d", "DailyScreen", "[bold]not bold[/]"),
                                   ("q", "QuizScreen", "[bold]Alex")):
            await pilot.press(key)
            text = await wait_for(pilot, shows)
            assert type(app.screen).__name__ == screen
            assert shows in text, (screen, text[:400])
            no_raw_controls(app)
            await pilot.press("escape")
            await wait_for(pilot, "Love-map quiz")
        assert app.is_running


async def test_names_that_look_like_markup_show_as_written(data_dir, clock):
    """clean_name accepts "Bo[/]": the gauge's Footer, the repair dialog's choices and the weekly
    meeting's turn boxes must show it as written (it used to end the app on each)."""
    store = Store.open(data_dir, clock=clock)
    store.setup_couple("Bo[/]", "[i]Al[/i]")
    app = AttuneApp(store, poll=False)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_for(pilot, "Love-map quiz")
        await pilot.press("g")
        text = await wait_for(pilot, "Ratio gauge")
        assert "Bo[/]" in text.split("Unrepaired")[-1] and "[i]Al[/i]" in text  # the Footer's groups
        await pilot.press("d", "r")  # Bo logs a negative, then a repair attempt for it
        text = await wait_for(pilot, "Repair attempt")
        assert "Bo[/] ✓" in text and "[i]Al[/i]" in text  # made by: the radio choices
        await pilot.press("escape")
        await wait_for(pilot, "Ratio gauge")
        await pilot.press("escape", "w", "n", "pagedown")  # home, weekly review, a meeting: appreciations
        text = await wait_for(pilot, "Bo[/]'s turn")
        assert app.is_running and type(app.screen).__name__ == "MeetingScreen"


def megabyte_in_a_file(store, data_dir, where: str) -> None:
    """A daily entry or a quiz answer a megabyte long, as only an import or a hand edit can leave it
    (typing is bounded at 10,000 and 2,000 characters)."""
    if where == "daily":
        store.daily.save("b", 4, happened="short")
        path = data_dir / "months" / "2026-11.json"
        data = json.loads(path.read_text())
        next(iter(data["daily"].values()))["happened"] = "words and [b]words[/b] " * 45_000
    else:
        rnd = store.quiz.start_round("random")
        store.quiz.submit(rnd.uid, rnd.questions[0], "a", "placeholder")
        store.quiz.submit(rnd.uid, rnd.questions[0], "b", "revealed once both are in")
        path = data_dir / "quiz.json"
        data = json.loads(path.read_text())
        next(a for a in data["answers"].values() if a["by"] == "a")["text"] = "\x1b[2J" + "z " * 500_000
    path.write_text(json.dumps(data))


@pytest.mark.parametrize("where,keys,shows", [
    ("daily", "d", "words and [b]words[/b]"),  # the day view cuts a long entry (stored whole)
    ("quiz", "ql", "␛[2Jz z z"),  # the love map cuts a long answer (stored whole)
])
async def test_a_megabyte_text_from_a_file_shows_cut_not_hung(store, data_dir, where, keys, shows):
    megabyte_in_a_file(store, data_dir, where)
    app = AttuneApp(Store.open(data_dir, clock=store.clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, "Love-map quiz")
        for key in keys[:-1]:
            await pilot.press(key)
            await pilot.pause()
            await app.workers.wait_for_complete()
        await pilot.press(keys[-1])
        text = await wait_for(pilot, shows)  # how soon: bench/
        assert shows in text and app.is_running
        no_raw_controls(app)


async def test_gauge_note_with_pasted_escapes_and_markup(store, data_dir):
    app = AttuneApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, "Love-map quiz")
        await pilot.press("g")
        await wait_for(pilot, "Everyday")
        await pilot.press("d")  # Sam logs a negative
        await pilot.press("n")
        await wait_for(pilot, "Note and tag")
        await megabyte_paste_is_refused(pilot, app)
        assert app.screen.query_one("#note").value == ""
        note = "\x1b[31mred\x07 [bold]b[/] 😀"  # short: the list shows one line of it
        await paste(pilot, app, note + "\nsecond line")
        no_raw_controls(app)
        await pilot.press("enter")
        text = await wait_for(pilot, "␛[31mred␇ [bold]b[/] 😀")
        assert "␛[31mred␇ [bold]b[/] 😀" in text
        no_raw_controls(app)
    [item] = Store.open(data_dir).interactions.today()
    assert item.note == note  # exactly what was pasted (its first line: the field is one line)


async def test_daily_editor_refuses_a_megabyte_paste_and_an_overlong_entry(store, data_dir):
    app = AttuneApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, "Love-map quiz")
        await pilot.press("d")
        await wait_for(pilot, "Write")
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("1")  # the first partner writes
        await wait_for(pilot, "What happened")
        await pilot.press("4")  # a mood
        app.screen.query_one("#happened").focus()
        await megabyte_paste_is_refused(pilot, app)
        assert app.screen.query_one("#happened").text == ""
        await paste(pilot, app, "\x1b[2J" + "z" * 15_000)  # over an entry's 10,000: kept to trim, not saved
        no_raw_controls(app)
        await pilot.press("ctrl+s")
        text = await wait_for(pilot, "too long")
        assert "too long" in text and app.is_running
        no_raw_controls(app)
    assert Store.open(data_dir).daily.for_day(store.now().date()) == {}


async def test_a_damaged_old_month_met_by_a_search_is_a_notification_not_a_crash(store, clock, data_dir):
    clock.advance(days=-200)
    store.daily.save("a", 3, happened="needle in May")
    clock.advance(days=200)
    store.daily.save("a", 3, happened="needle today")
    may = data_dir / "months" / "2026-05.json"
    may.write_text("{broken")
    app = AttuneApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, "Love-map quiz")
        await pilot.press("d")
        await wait_for(pilot, "Write")
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"needle", "enter")
        await wait_for(pilot, "Could not read")
        said = toast_text(app)
        assert "Could not read" in said and "2026-05.json" in said.replace(" ", "") and "left untouched" in said
        assert app.is_running and "needle today" in flat(screen_text(app))
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
    assert may.read_text() == "{broken"


async def test_quiz_answers_pasted_with_escapes_and_markup_reveal_literally(store, data_dir):
    sam = "\x1b[31mKnitting\x07 [b]x[/b] [/] 😀"
    alex = "[link=x]run[/link] \x1b]52;c;ZQ==\x07 走る"  # short: fits its card on one line
    app = AttuneApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, "Love-map quiz")
        await pilot.press("q")
        await wait_for(pilot, "Starter")
        await pilot.press("enter")  # the first deck
        await wait_for(pilot, "Sam's turn")
        await pilot.press("enter")  # Sam is ready
        await pilot.pause()
        await megabyte_paste_is_refused(pilot, app)
        await paste(pilot, app, sam)
        no_raw_controls(app)
        await pilot.press("enter", *"a guess", "enter")
        await wait_for(pilot, "Alex's turn")
        assert "Knitting" not in flat(screen_text(app))  # sealed until both are in
        await pilot.press("enter")  # Alex is ready
        await pilot.pause()
        await paste(pilot, app, alex)
        await pilot.press("enter", *"b guess", "enter")
        text = await wait_for(pilot, "Sam about Sam")
        assert "␛[31mKnitting␇ [b]x[/b] [/] 😀" in text
        assert "[link=x]run[/link] ␛]52;c;ZQ==␇ 走る" in text
        no_raw_controls(app)
    answers = {a.by: a.text for a in Store.open(data_dir).quiz.load().answers}
    assert answers == {"a": sam, "b": alex}

