"""The live ratio gauge, driven through Pilot as a couple would use it."""

from __future__ import annotations

from data import Store
from data.models import Ratio
from tests.conftest import run_cli, screen_text, wait_for
from tui.app import AttuneApp


async def open_gauge(pilot) -> None:
    await pilot.pause()
    await pilot.press("g")
    await pilot.pause()
    await pilot.pause()


def panel(app, name: str) -> str:
    """What a person reads inside one panel (everyday or conflict), cut from the screen."""
    region = app.screen.query_one(f"#{name}").region
    lines = screen_text(app).splitlines()[region.y:region.y + region.height]
    return "\n".join(line[region.x:region.x + region.width] for line in lines)


def stored(store: Store) -> list[tuple[str, bool]]:
    return [(i.by, i.positive) for i in Store.open(store.root, clock=store.clock).interactions.today()]


async def test_each_partner_has_their_own_plus_and_minus_keys(make_app, store, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_gauge(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "e+ d− Sam" in footer and "i+ k− Alex" in footer  # names in the Footer
        for key in "edik":
            await pilot.press(key)
            clock.advance(seconds=1)
        await pilot.pause()
        assert stored(store) == [("a", True), ("a", False), ("b", True), ("b", False)]
        assert "Today  2+ 2−" in screen_text(app)
        assert "1.0:1" in panel(app, "everyday")


async def test_f1_lists_every_gauge_key_with_the_names(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_gauge(pilot)
        await pilot.press("f1")
        await pilot.pause()
        text = screen_text(app)
        for words in ("Sam +", "Sam −", "Alex +", "Alex −", "Undo", "Conflict", "Repair", "Flooded",
                      "Note/tag", "Split by partner", "Home", "Quit", "goes back home"):
            assert words in text, words


async def test_long_names_are_cut_to_fit_the_footer(store, make_app):
    store.rename_partner("a", "Christopher")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_gauge(pilot)
        await pilot.press("c")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "e+ d− Christo…" in footer and footer.rstrip().endswith("f1 Help")
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        await pilot.pause()
        assert "e+ d− Christopher" in screen_text(app).splitlines()[-1]
        await pilot.resize_terminal(80, 24)
        await pilot.press("f1")  # F1 has room for the whole name
        await wait_for(pilot, "Keys on this screen")
        assert "Christopher +" in screen_text(app) and "Christo…" not in screen_text(app)


async def test_ratio_zone_and_counts_follow_each_keypress(make_app, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_gauge(pilot)
        everyday = app.screen.query_one("#everyday")
        assert "NOTHING LOGGED" in panel(app, "everyday")
        steps = [
            ("e", "1:0", "AT OR ABOVE AIM", "-zone-at-aim"),
            ("d", "1.0:1", "BELOW AIM", "-zone-below-aim"),
            ("k", "0.5:1", "BELOW 1:1", "-zone-below-1-1"),
        ]
        for key, ratio, words, css in steps:
            await pilot.press(key)
            text = panel(app, "everyday")  # no pause: the keypress itself repaints
            assert ratio in text and words in text, (key, text)
            assert everyday.has_class(css)
        for _ in range(38):
            await pilot.press("i")
        await pilot.pause()
        text = panel(app, "everyday")
        assert "BELOW AIM" in text and "19.5:1" in text  # 39:2 is not yet 20:1
        await pilot.press("i")
        text = panel(app, "everyday")
        assert "AT OR ABOVE AIM" in text and "40+ 2−" in text and "20.0:1" in text


async def test_undo_removes_the_last_entry_made_here_then_the_newest(make_app, store, clock, data_dir):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_gauge(pilot)
        await pilot.press("e")
        clock.advance(seconds=5)
        Store.open(data_dir, clock=clock).interactions.log("b", True, "from the shell")
        clock.advance(seconds=5)
        await pilot.press("k")
        await pilot.press("u")
        await pilot.pause()
        assert stored(store) == [("a", True), ("b", True)]
        assert "Undid − by Alex" in screen_text(app)
        await pilot.press("u")  # the entry made here, not the other session's newer one
        await pilot.pause()
        assert stored(store) == [("b", True)]
        await pilot.press("u")  # nothing left of ours: the newest entry
        await pilot.pause()
        assert stored(store) == []
        assert "Undid the newest entry: + by Alex" in screen_text(app)
        await pilot.press("u")
        await pilot.pause()
        assert "Nothing to undo." in screen_text(app)


async def test_a_conflict_counts_separately(make_app, store, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_gauge(pilot)
        await pilot.press("e", "i")
        footer = screen_text(app).splitlines()[-1]
        assert "c Conflict" in footer
        await pilot.press("c")
        await pilot.pause()
        assert "CONFLICT OPEN since 18:30" in screen_text(app)
        assert "c End conflict" in screen_text(app).splitlines()[-1]
        await pilot.press("d", "k", "i")
        await pilot.pause()
        conflict = panel(app, "conflict")
        assert "This conflict, since 18:30  1+ 2−" in conflict and "0.5:1" in conflict and "BELOW 1:1" in conflict
        assert "Today  2+ 0−" in panel(app, "everyday")  # everyday ratio untouched
        await pilot.press("c")
        await pilot.pause()
        assert "Conflict ended: 1+ 2− (0.5:1, aim 5:1)" in screen_text(app)
        assert "CONFLICT OPEN" not in screen_text(app)
        await pilot.press("e")
        await pilot.pause()
        assert "Today  3+ 0−" in panel(app, "everyday")
    recent = Store.open(store.root, clock=clock).interactions.recent()
    assert recent.ratio(1, "conflict") == Ratio(1, 2) and recent.ratio(1, "everyday") == Ratio(3, 0)


async def test_a_repair_marks_its_negative_repaired(make_app, store, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_gauge(pilot)
        assert "Unrepaired negatives, last 7 days: none" in screen_text(app)
        await pilot.press("k")
        await pilot.pause()
        text = screen_text(app)
        assert "r: log a repair attempt" in text
        assert "Unrepaired negatives, last 7 days: 1" in text and "− by Alex, 18:30" in text
        await pilot.press("r")
        await pilot.pause()
        assert type(app.screen).__name__ == "RepairDialog"
        await pilot.press("ctrl+s")  # nothing ticked: refused, says why
        await pilot.pause()
        assert "Tick what was tried" in screen_text(app)
        await pilot.press("down", "space")  # "Sorry"
        await pilot.press("tab", "tab", "space")  # Accepted? -> yes
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "GaugeScreen"
        text = screen_text(app)
        assert "Unrepaired negatives, last 7 days: none" in text
        assert "accepted: repaired" in text
    [neg] = [i for i in store.interactions.today() if not i.positive]
    [repair] = store.interactions.repairs_of(neg.uid)
    assert repair.steps == ("sorry",) and repair.accepted and repair.by == "b"


async def test_an_attempted_repair_stays_listed_as_tried(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_gauge(pilot)
        await pilot.press("d", "r")
        await pilot.pause()
        await pilot.press("space")  # "I feel…"
        await pilot.press("tab", "tab", "right", "space")  # Accepted? -> not (yet)
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = screen_text(app)
        assert "Unrepaired negatives, last 7 days: 1" in text and "(repair tried, not accepted)" in text
        await pilot.press("u")  # undo takes back the repair, not the negative
        await pilot.pause()
        assert "(repair tried, not accepted)" not in screen_text(app)
    [neg] = store.interactions.today()
    assert store.interactions.repairs_of(neg.uid) == []


async def test_note_and_tag_after_logging_show_literally(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_gauge(pilot)
        await pilot.press("d")
        await pilot.press("n")
        await pilot.pause()
        assert type(app.screen).__name__ == "NoteDialog"
        await pilot.press(*"[b]you always[/b]", "tab", "down", "down", "space")  # tag: contempt
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = screen_text(app)
        assert "− by Sam, 18:30 · contempt · [b]you always[/b]" in text
    [item] = store.interactions.today()
    assert (item.note, item.tag) == ("[b]you always[/b]", "contempt")


async def test_period_and_partner_toggles(make_app, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_gauge(pilot)
        await pilot.press("e", "e", "k")
        await pilot.press("t")
        assert "7 days  2+ 1−" in panel(app, "everyday")
        await pilot.press("t", "t")
        assert "Today  2+ 1−" in panel(app, "everyday")
        await pilot.press("p")
        text = panel(app, "everyday")
        assert "Sam" in text and "Alex" in text and "2+ 0− 2:0" in text and "0+ 1− 0.0:1" in text


async def test_flooded_break_counts_down_and_reminds_to_come_back(make_app, store, clock, monkeypatch):
    from screens.gauge_dialogs import FloodedDialog

    monkeypatch.setattr(FloodedDialog, "TICK_SECONDS", 0.05)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_gauge(pilot)
        await pilot.press("f")
        await pilot.pause()
        dialog = app.screen
        assert type(dialog).__name__ == "FloodedDialog"
        assert dialog.query_one("#countdown").value == "20:00"
        assert "within 24 hours: by Thu 26 Nov, 18:30" in screen_text(app)
        clock.advance(minutes=4, seconds=30)
        await wait_for(pilot, until=lambda: dialog.query_one("#countdown").value == "15:30")
        await pilot.press("escape")  # hide the timer: the break goes on
        await pilot.pause()
        assert "BREAK 15:30 left" in screen_text(app)
        clock.advance(minutes=16)
        await wait_for(pilot, "break over: come back by tomorrow 18:30")
        await pilot.press("f", "b")  # a new break, then "we're back"
        await pilot.pause()
        assert "BREAK" not in screen_text(app) and "break over" not in screen_text(app)
    assert store.interactions.current_break() is None


async def test_another_session_shows_up_within_the_poll(make_app, store, data_dir, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_gauge(pilot)
        other = Store.open(data_dir, clock=clock)
        other.interactions.log("b", False, "from the phone")
        other.rename_partner("a", "Samira")
        await wait_for(pilot, "Today  0+ 1−", "from the phone")  # how soon: bench/live.py
        await wait_for(pilot, "e+ d− Samira", "Ratio gauge  Samira & Alex")


async def test_attune_log_in_a_real_second_process_shows_up_live(data_dir):
    # The CLI process lives at the tests' NOW too (tests/clock_site), so its entries are today's.
    store = Store.open(data_dir)
    store.setup_couple("Sam", "Alex")
    app = AttuneApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_gauge(pilot)
        assert "Today  0+ 0−" in screen_text(app)
        done = run_cli("log", "+", "--by", "Alex", "hug at the door", data_dir=data_dir)
        assert done.returncode == 0, done.stderr
        await wait_for(pilot, "Today  1+ 0−")
        done = run_cli("log", "-", "--by", "Sam", "--tag", "criticism", data_dir=data_dir)
        assert done.returncode == 0, done.stderr
        await wait_for(pilot, "Today  1+ 1−", "− by Sam")


async def test_a_keypress_reads_no_old_months(make_app, store, clock, data_dir):
    """Years of history cost nothing on the keypress path: only this month's file is parsed."""
    now = clock.now
    for back in range(1, 25):  # two years of month files
        year, month = divmod(now.month - 1 - back, 12)
        clock.now = now.replace(year=now.year + year, month=month + 1, day=10)
        store.interactions.log("a", False)
    clock.now = now
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_gauge(pilot)
        await app.workers.wait_for_complete()  # the home cards' loader (catch-up looks back months)
        store.folder.reads.clear()
        await pilot.press("e", "k", "u")
        await pilot.pause()
        months = {p.name for p in store.folder.reads if p.parent.name == "months"}
        assert months == {"2026-11.json"}, months
        assert "Today  1+ 0−" in screen_text(app)


async def test_ending_a_conflict_during_a_break_asks_first(make_app, store, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_gauge(pilot)
        await pilot.press("c", "f")  # a conflict, then "I'm flooded": a 20-minute break
        await wait_for(pilot, "Breathe. The break ends in")
        await pilot.press("escape")  # hide the timer: the break goes on
        await wait_for(pilot, "BREAK 20:00 left")
        await pilot.press("c")
        await wait_for(pilot, "A flooded break is running (20:00 left). Ending the conflict ends the break too.")
        await pilot.press("n")  # keep going: nothing changes
        await wait_for(pilot, "BREAK 20:00 left")
        assert store.interactions.current_conflict() is not None and store.interactions.current_break() is not None
        await pilot.press("c", "y")
        await wait_for(pilot, "Conflict ended", "The break and its reminder are over too.")
    assert store.interactions.current_conflict() is None and store.interactions.current_break() is None


async def test_the_trend_keeps_the_gauges_scale_whatever_the_months_best_day(make_app, store, clock):
    """A month of 2:1 days stays low (and below aim) against 20:1: the bars do not stretch to
    the month's own best day. A blank day is a dot; a day with no negative is full height."""
    from datetime import timedelta

    end = clock.now
    for back in (3, 2, 1):
        clock.now = end - timedelta(days=back)
        store.interactions.log("a", True)
        store.interactions.log("a", True)
        store.interactions.log("b", False)
    clock.now = end
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_gauge(pilot)
        row = next(line for line in screen_text(app).splitlines() if line.rstrip().endswith("today"))
        bars = row.split()[2]  # "27 Oct <bars> today"
        assert set(bars) == {"·", "▃"} and "▃" * 6 in bars and bars.endswith("·" * 2), row
        store.interactions.log("a", True)  # today: one positive, no negative
        app.data_changed()
        await wait_for(pilot, until=lambda: "█" in next(
            line for line in screen_text(app).splitlines() if line.rstrip().endswith("today")))


async def test_in_ascii_the_big_ratio_is_plain_text_and_follows_the_keys(store):
    """Digits drawn with ASCII stand-ins run together; in ASCII mode the ratio is written out."""
    app = AttuneApp(store, ascii_only=True, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_gauge(pilot)
        await wait_for(pilot, "--  NOTHING LOGGED")
        await pilot.press("e", "e", "d")
        await wait_for(pilot, "2.0:1  BELOW AIM")


async def test_a_narrow_trend_never_drops_today_or_a_bad_day(make_app, store, clock):
    """At 40 columns there is less room than days: each column stands for two days and shows
    the worse, today's always the last, so today's first negative shows at once, and a day
    below 1:1 beside a good one is not averaged into "below aim"."""
    from datetime import timedelta

    end = clock.now
    for back, plus, minus in ((2, 5, 0), (3, 1, 5)):
        clock.now = end - timedelta(days=back)
        for positive in [True] * plus + [False] * minus:
            store.interactions.log("a", positive)
    clock.now = end
    app = make_app()
    async with app.run_test(size=(40, 24)) as pilot:
        await open_gauge(pilot)

        def last_bar() -> str:
            row = next(line for line in screen_text(app).splitlines() if line.rstrip().endswith("today"))
            return row.rstrip().removesuffix("today").rstrip()[-1]

        assert last_bar() == "·"
        row = next(line for line in screen_text(app).splitlines() if line.rstrip().endswith("today"))
        assert "▁" in row and "▂" not in row, row  # the day below 1:1, not 6+ 5− together
        await pilot.press("k")  # the second partner's −: today is below 1:1
        await wait_for(pilot, until=lambda: last_bar() == "▁")


async def test_the_gauge_keeps_its_layout_after_a_quiz_round_was_open(make_app, store):
    """The quiz board brings Textual's Grid container, whose CSS once matched the gauge's own
    small tables by name: the panels then filled the screen and pushed the list off it."""
    from screens.quiz_round import QuizRoundScreen

    r = store.quiz.start_round("starter")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_gauge(pilot)
        before = app.screen.query_one("#everyday").region
        assert "Unrepaired negatives, last 7 days: none" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        app.push_screen(QuizRoundScreen(r.uid))
        await wait_for(pilot, "press Enter to start")
        await pilot.press("enter")
        await wait_for(pilot, until=lambda: app.screen.query("Grid"))
        await pilot.press("escape")
        await wait_for(pilot, until=lambda: not isinstance(app.screen, QuizRoundScreen))
        await open_gauge(pilot)
        assert app.screen.query_one("#everyday").region == before
        assert "Unrepaired negatives, last 7 days: none" in screen_text(app)


async def test_names_that_look_like_markup_are_shown_as_typed_in_the_footer(store, make_app):
    """Cut to fit, `[b]Jo[/b]` became `[b]Jo[/…`: an open closing tag that Textual's own escape()
    leaves alone, and the Footer's markup parser ended the app on it."""
    store.rename_partner("a", "[b]Jo[/b]")
    store.rename_partner("b", "An\\[/x]")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_gauge(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "e+ d− [b]Jo[/…" in footer and "i+ k− An\\[/x]" in footer, footer
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        await pilot.pause()
        assert "e+ d− [b]Jo[/b]" in screen_text(app).splitlines()[-1]
        await pilot.press("f1")  # the same words as the footer, not its escapes
        await wait_for(pilot, "Keys on this screen")
        text = screen_text(app)
        assert "[b]Jo[/b] +" in text and "An\\[/x] +" in text and "\\[b]" not in text
        await pilot.press("escape")
        await pilot.press("d", "r")  # a negative, then the repair dialog over the gauge
        await pilot.pause()
        assert app.is_running and "[b]Jo[/b]" in screen_text(app)
