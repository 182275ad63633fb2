"""The daily log as a couple uses it: Pilot drives the app, and we check the screen and the disk."""

from __future__ import annotations

from datetime import date, timedelta

from data import Store
from data.demo import generate
from tests.conftest import NOW, screen_flat, screen_text, told, wait_for
from tui.app import AttuneApp

TODAY = NOW.date()
YESTERDAY = TODAY - timedelta(days=1)


async def open_daily(pilot) -> None:
    await pilot.pause()
    await pilot.press("d")
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == "DailyScreen"


async def search_for(pilot, words: str) -> None:
    """From home: the daily log, /, the words, Enter, and every month read."""
    await open_daily(pilot)
    await pilot.press("slash")
    await pilot.pause()
    await pilot.press(*words, "enter")
    await pilot.app.workers.wait_for_complete()


async def write(pilot, who: str, mood: str, happened: str) -> None:
    """w, pick the partner, pick a mood, type what happened, Ctrl+S."""
    await pilot.press("w")
    await pilot.pause()
    await pilot.press(who)
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == "EntryEditor"
    await pilot.press(mood, "tab", *happened, "ctrl+s")
    await pilot.pause()


def home_line(app, name: str) -> str:
    lines = (line.strip(" │") for line in screen_text(app).splitlines())
    return next(line for line in lines if line.startswith(f"{name} ") and "today" in line)


async def test_both_write_and_catch_up_counts_go_up_and_down(make_app, store, data_dir):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_daily(pilot)
        await write(pilot, "1", "4", "walked the dog")
        await write(pilot, "2", "2", "bad migraine")
        text = screen_text(app)
        assert "Mood 4 good" in text and "walked the dog" in text
        assert "Mood 2 low" in text and "bad migraine" in text
        assert "new for Alex" in text and "new for Sam" in text

        await pilot.press("escape")
        await pilot.pause()
        assert "1 new from Sam to read" in home_line(app, "Alex")
        assert "1 new from Alex to read" in home_line(app, "Sam")

        # Sam catches up: Sam's count goes down, Alex's does not.
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert "1 new from Alex" in screen_text(app)  # the picker shows each count
        await pilot.press("1")
        await pilot.pause()
        text = screen_text(app)
        assert "Sam catching up on Alex" in text and "bad migraine" in text and "1 of 1" in text
        await pilot.press("n")
        await pilot.pause()
        assert "Sam has read everything" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "Alex has read it" not in screen_text(app) and "Sam has read it" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "nothing new from Alex" in home_line(app, "Sam")
        assert "1 new from Sam to read" in home_line(app, "Alex")

        # Sam edits: the edit is new for Alex again, who still has exactly one to read.
        await pilot.press("d")
        await pilot.pause()
        await write(pilot, "1", "5", " and the cat")
        await pilot.press("escape")
        await pilot.pause()
        assert "1 new from Sam to read" in home_line(app, "Alex")

    fresh = Store.open(data_dir, clock=store.clock)
    sam, alex = fresh.daily.entry("a", TODAY), fresh.daily.entry("b", TODAY)
    assert (sam.mood, sam.happened) == (5, "walked the dog and the cat")
    assert (alex.mood, alex.happened) == (2, "bad migraine")
    assert fresh.daily.unseen_count("a") == 0 and fresh.daily.unseen_count("b") == 1


async def test_keep_unread_puts_it_back(make_app, store):
    store.daily.save("b", 3, happened="first")
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_daily(pilot)
        await pilot.press("c", "1")
        await pilot.pause()
        assert store.daily.unseen_count("a") == 0
        await pilot.press("k")
        await pilot.pause()
        assert store.daily.unseen_count("a") == 1
        assert told(app, "Unread", "Kept unread")


async def test_editing_yesterday_is_refused_unless_unlocked(make_app, store, data_dir):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_daily(pilot)
        await pilot.press("left")
        await pilot.pause()
        text = screen_text(app)
        assert "Tuesday 24 November 2026 (yesterday)" in text and "read-only" in text
        await pilot.press("w")
        await pilot.pause()
        assert type(app.screen).__name__ == "DailyScreen"  # no editor
        assert told(app, "Earlier day", "Press u to unlock")
        assert store.daily.for_day(YESTERDAY) == {}

        await pilot.press("u")
        await pilot.pause()
        assert "Unlocked" in screen_text(app) and "u Lock" in screen_text(app)  # the footer says what u does now
        await pilot.press("u")
        await pilot.pause()
        assert "read-only" in screen_text(app) and "u Unlock" in screen_text(app)
        await pilot.press("u")
        await pilot.pause()
        await write(pilot, "1", "3", "forgot to write")
        assert "forgot to write" in screen_text(app)

        await pilot.press("right")  # moving away locks the day again
        await pilot.pause()
        await pilot.press("left")
        await pilot.pause()
        assert "read-only" in screen_text(app)
    assert Store.open(data_dir, clock=store.clock).daily.entry("a", YESTERDAY).happened == "forgot to write"


async def test_the_day_note_wraps_in_a_narrow_terminal(make_app):
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await open_daily(pilot)
        assert "entry until midnight" in screen_flat(app)


async def test_mood_is_required_and_escape_asks_before_discarding(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_daily(pilot)
        await pilot.press("w", "2")
        await pilot.pause()
        await pilot.press("tab", *"no mood yet", "ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "EntryEditor"
        assert told(app, "Not saved", "pick a mood")
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "EntryEditor"
        assert told(app, "Unsaved", "Esc again throws it away")
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "DailyScreen"
    assert store.daily.for_day(TODAY) == {}


async def test_the_editor_title_names_the_writer_and_loads_their_entry(make_app, store):
    store.daily.save("b", 4, happened="Alex's own words")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_daily(pilot)
        await pilot.press("w", "2")
        await pilot.pause()
        text = screen_text(app)
        assert "Alex is writing" in text and "Alex's own words" in text and "[4 good]" in text
        await pilot.press("escape")  # nothing changed: straight back
        await pilot.pause()
        await pilot.press("w", "1")
        await pilot.pause()
        assert "Sam is writing" in screen_text(app) and "Alex's own words" not in screen_text(app)


async def test_a_save_from_another_session_is_not_overwritten(make_app, store, data_dir):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_daily(pilot)
        await pilot.press("w", "1")
        await pilot.pause()
        await pilot.press("3", "tab", *"from this laptop")
        Store.open(data_dir, clock=store.clock).daily.save("a", 5, happened="from the phone")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "EntryEditor"
        assert "from this laptop" in screen_text(app)  # nothing typed is lost
        assert told(app, "Not saved", "saved in another session")
    assert store.daily.entry("a", TODAY).happened == "from the phone"


async def test_calendar_marks_who_wrote_and_opens_a_day(make_app, store):
    store.daily.save("a", 4, happened="today, Sam")
    store.daily.save("b", 2, happened="Alex on the 3rd", day=date(2026, 11, 3), unlocked=True)
    store.daily.save("a", 3, happened="October", day=date(2026, 10, 12), unlocked=True)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_daily(pilot)
        await pilot.press("h")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "S = Sam wrote" in text and "A = Alex wrote" in text
        assert "November 2026" in text
        assert " 25 S │" in text and "  3  A│" in text and "  4   │" in text
        assert "2 months with entries" in text and "Oct 2026  S  1  A  0" in text
        assert "today, Sam" in text  # the chosen day's preview
        await pilot.press("tab", "down", "down", "enter")  # the months list: jump to October
        await pilot.pause()
        assert "Monday 12 October 2026" in screen_text(app) and app.focused.id == "calendar"
        await pilot.press("t")
        await pilot.press("pageup")
        await pilot.pause()
        text = screen_text(app)
        assert "October 2026" in text and " 12 S │" in text and " 24   │" in text
        await pilot.press("t")
        await pilot.pause()
        for _ in range(22):
            await pilot.press("left")
        await pilot.pause()
        assert "Alex on the 3rd" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "DailyScreen"
        text = screen_text(app)
        assert "Tuesday 3 November 2026" in text and "Alex on the 3rd" in text
        assert "Sam has not written on this day" in text


async def test_search_finds_a_word_in_a_two_year_old_entry(make_app, store):
    store.daily.save("b", 3, on_mind="the Lighthouse at dawn", day=date(2024, 11, 20), unlocked=True)
    store.daily.save("a", 4, happened="ordinary", day=date(2025, 7, 1), unlocked=True)
    store.daily.save("a", 4, happened="nothing")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await search_for(pilot, "lighthouse")
        await pilot.pause()
        text = screen_text(app)
        assert "Wed 20 Nov 2024" in text and "Alex" in text and "the Lighthouse at dawn" in text
        assert "Found 1 entry in 3 months. Enter on a result opens that day." in text
        await pilot.press("down", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "DailyScreen"
        text = screen_text(app)
        assert "Wednesday 20 November 2024" in text and "the Lighthouse at dawn" in text


async def test_a_long_name_in_the_results_is_cut_saying_so(make_app, store):
    store.rename_partner("a", "Christopher Robin")
    store.daily.save("a", 4, happened="the lighthouse")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await search_for(pilot, "lighthouse")
        text = await wait_for(pilot, "Found 1 entry")
        assert "Christopher…" in text


async def test_search_result_columns_line_up_with_an_emoji_in_a_name(make_app, store):
    store.rename_partner("a", "Zoë 🌸")
    store.daily.save("a", 4, happened="the lighthouse")
    store.daily.save("b", 2, happened="lighthouse too")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await search_for(pilot, "lighthouse")
        await wait_for(pilot, "Found 2 entries")
        from rich.cells import cell_len

        rows = [line for line in screen_text(app).splitlines() if "Wed 25 Nov 2026" in line]
        moods = {cell_len(row[:row.index(" good" if " good" in row else " low")]) for row in rows}
        assert len(rows) == 2 and len(moods) == 1, rows  # the same screen column


async def test_a_search_that_finds_nothing_says_only_that(make_app, store):
    store.daily.save("a", 4, happened="nothing")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await search_for(pilot, "lighthouse")
        text = await wait_for(pilot, "Found no entry in 1 month.")
        assert "Enter on a result" not in text


async def test_esc_on_a_day_opened_from_search_goes_back_to_the_results(make_app, store):
    """Going through search results one by one: Esc on the day brings back the same results,
    the one opened still highlighted; Esc on a day reached otherwise goes home as always."""
    from textual.widgets import Input, OptionList

    store.daily.save("b", 3, on_mind="the lighthouse at dawn", day=date(2024, 11, 20), unlocked=True)
    store.daily.save("a", 4, happened="lighthouse again", day=date(2025, 7, 1), unlocked=True)
    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await search_for(pilot, "lighthouse")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # the older one
        await pilot.pause()
        assert "Wednesday 20 November 2024" in screen_text(app) and "esc Results" in screen_text(app)
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert type(app.screen).__name__ == "SearchScreen"
        assert app.screen.query_one(Input).value == "lighthouse" and "Found 2 entries" in screen_text(app)
        results = app.screen.query_one(OptionList)
        assert app.focused is results and results.highlighted == 1
        await pilot.press("up", "enter")  # the newer one, then back, then leave the search
        await pilot.pause()
        assert "Tuesday 1 July 2025" in screen_text(app)
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one(OptionList).highlighted == 0
        await pilot.press("escape")  # leaves the search: the day view, whose Esc goes home
        await pilot.pause()
        assert type(app.screen).__name__ == "DailyScreen" and "esc Home" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def test_opening_the_log_with_ten_years_reads_only_this_month(data_dir, clock):
    generate(data_dir, days=3650, per_day=2, today=TODAY)
    store = Store.open(data_dir, clock=clock)
    assert len(store.folder.months()) >= 120
    app = AttuneApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        store.folder.reads.clear()
        await pilot.press("d")
        await pilot.pause()
        await pilot.pause(0.2)  # a few polls too
        assert type(app.screen).__name__ == "DailyScreen"
        months_read = {p for p in store.folder.reads if p.parent == store.folder.months_dir}
        assert months_read == {store.folder.month_path("2026-11")}
        assert set(store.folder.reads) - months_read <= {store.folder.main_path}  # the tiny couple file
        assert "Mood" in screen_text(app)

        # History may read them all, but in a worker, with a progress bar, newest first.
        store.folder.reads.clear()
        await pilot.press("h")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert {p.name[:7] for p in store.folder.reads if p.parent == store.folder.months_dir} == set(store.folder.months())
        text = screen_text(app)
        assert f"{len(store.folder.months())} months with entries" in text
        assert text.index("Nov 2026") < text.index("Oct 2026")


async def test_the_day_view_updates_when_the_other_partner_writes_elsewhere(make_app, store, data_dir):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_daily(pilot)
        assert "Alex has not written today" in screen_text(app)
        Store.open(data_dir, clock=store.clock).daily.save("b", 5, happened="written on the other laptop")
        await wait_for(pilot, "written on the other laptop")
        text = screen_text(app)
        assert "written on the other laptop" in text and "Mood 5 great" in text


async def test_catch_up_picks_up_entries_written_meanwhile(make_app, store, data_dir):
    store.daily.save("b", 3, happened="one", day=YESTERDAY, unlocked=True)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_daily(pilot)
        await pilot.press("c", "1")
        await pilot.pause()
        assert "1 of 1" in screen_text(app)
        Store.open(data_dir, clock=store.clock).daily.save("b", 4, happened="two")
        await wait_for(pilot, "1 of 2")
        await pilot.press("n")
        await pilot.pause()
        assert "two" in screen_text(app) and "2 of 2" in screen_text(app)
    assert store.daily.unseen_count("a") == 0


async def test_both_side_by_side_when_wide_and_stacked_when_narrow(make_app, store):
    store.daily.save("a", 3)
    store.daily.save("b", 4)
    for size, stacked in (((80, 24), True), ((120, 40), False)):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await open_daily(pilot)
            a = app.screen.query_one("#side-a").region
            b = app.screen.query_one("#side-b").region
            if stacked:
                assert a.x == b.x and b.y >= a.bottom and a.width >= 78
            else:
                assert a.y == b.y and b.x >= a.right and a.width < 80


async def test_mood_trend_shows_words_and_both_spans(make_app, store):
    for back, mood in ((0, 5), (1, 4), (2, 1), (40, 3)):
        store.daily.save("a", mood, day=TODAY - timedelta(days=back), unlocked=True)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_daily(pilot)
        await pilot.press("m")
        await pilot.pause()
        text = screen_text(app)
        assert "Last 30 days: average 3.3 okay · 1 awful to 5 great · 3 of 30 days" in text
        assert "Last 90 days: average 3.2 okay · 1 awful to 5 great · 4 of 90 days" in text
        assert "·▁▆█" in text  # yesterday-but-one awful, then good, then great today
        assert "Last 30 days: nothing written" in text  # Alex


async def test_f1_lists_the_daily_keys(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_daily(pilot)
        await pilot.press("f1")
        await pilot.pause()
        text = screen_text(app)
        for words in ("Write", "Catch up", "Day before", "Day after", "Calendar", "Search", "Moods", "Home"):
            assert words in text, words
        assert "Scroll Left" not in text  # ←/→ move between days, not sideways


async def test_calendar_marks_a_day_written_in_another_session(make_app, store, data_dir):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_daily(pilot)
        await pilot.press("h")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert " 25   " in screen_text(app) and "0 months with entries" in screen_text(app)
        Store.open(data_dir, clock=store.clock).daily.save("b", 4, happened="from the phone")
        await wait_for(pilot, "from the phone")
        text = screen_text(app)
        assert " 25  A" in text and "from the phone" in text


def test_search_snippet_keeps_the_hit_in_sight():
    from widgets.entry_view import snippet

    line = snippet("x" * 100 + " the lighthouse was lovely", ["lighthouse"], 30)
    assert "lighthouse" in line.plain and line.plain.startswith("…") and len(line.plain) <= 32
    assert snippet("short [b]text[/b]", ["text"], 30).plain == "short [b]text[/b]"
    line = snippet("y" * 80 + " lunch at the Café de Flore", ["cafe"], 30)  # the accent set aside
    lit = "".join(line.plain[s.start:s.end] for s in line.spans if "reverse" in str(s.style))
    assert lit == "Café" and line.plain.startswith("…")


async def test_an_earlier_days_footer_fits_80_columns_and_f1_lists_the_rest(make_app):
    """An earlier day adds Today and Unlock; at 80 columns the footer ended in "m Moo", F1 cut off."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_daily(pilot)
        assert "esc Home" in screen_text(app).splitlines()[-1]  # today: everything fits
        await pilot.press("left")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "t Today" in footer and "u Unlock" in footer and footer.rstrip().endswith("f1 Help"), footer
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "esc Home" in footer and "m Moods" in footer and "u Unlock" in footer, footer
        await pilot.resize_terminal(80, 50)  # narrow again, and tall enough for every key in F1
        await pilot.pause()
        assert "m Moods" not in screen_text(app).splitlines()[-1]
        await pilot.press("f1")
        await wait_for(pilot, "Keys on this screen", "Moods", "Home")


async def test_page_up_in_the_months_list_of_a_tiny_terminal_is_not_a_crash(make_app, store):
    """At 40x10 the calendar took every column: the months list had none, and PgUp in it ended
    the app (Textual's OptionList pages by laid-out lines, and there were none)."""
    store.daily.save("a", 3, happened="x", day=date(2026, 10, 2), unlocked=True)
    app = make_app()
    async with app.run_test(size=(40, 10)) as pilot:
        await open_daily(pilot)
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("tab", "pageup", "down", "pageup", "pagedown")
        await pilot.pause()
        assert app.is_running and type(app.screen).__name__ == "HistoryScreen"
