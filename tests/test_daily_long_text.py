"""A megabyte daily entry, as only a hand edit (or an old import) can leave it: every daily view
shows it within 2 s, literally, cut with a note saying how much is not shown; stored whole."""

from __future__ import annotations

import json

import pytest

from data import Store
from tests.conftest import screen_flat, wait_for
from tui.app import AttuneApp
from widgets.entry_view import SHOW_MAX, snippet
from widgets.literal import capped

BIG = "\x1b[2J" + "words and [b]words[/b] " * 45_000 + "needle at the end"
NOT_SHOWN = f"({len(BIG) - SHOW_MAX:,} more characters not shown)"
CUT_NOTE = (f"({len(BIG) - SHOW_MAX:,} more", "characters not shown)")


@pytest.fixture
def big_store(store, data_dir):
    store.daily.save("b", 4, happened="short")  # Alex writes; the file then grows by hand
    path = data_dir / "months" / "2026-11.json"
    data = json.loads(path.read_text())
    next(iter(data["daily"].values()))["happened"] = BIG
    path.write_text(json.dumps(data))
    return Store.open(data_dir, clock=store.clock)


def test_capped_keeps_all_a_person_can_type_and_says_how_much_is_cut():
    typed = "[b]x[/b]\x1b" * (SHOW_MAX // 9)
    assert capped(typed, SHOW_MAX).plain == typed.replace("\x1b", "␛")
    assert capped(BIG, SHOW_MAX).plain == BIG[:SHOW_MAX].replace("\x1b", "␛") + f" … {NOT_SHOWN}"


def test_a_snippet_of_a_megabyte_finds_the_hit_at_its_end():
    line = snippet(BIG, ["needle"], 40)
    assert line.plain.startswith("…") and "needle at the end" in line.plain and len(line.plain) <= 42


async def test_day_view_and_catch_up_show_it_cut_with_a_note(big_store, data_dir):
    app = AttuneApp(big_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, "Love-map quiz")
        await pilot.press("d")
        await wait_for(pilot, "␛[2Jwords and [b]words[/b]")
        for _ in range(3):  # Tab to Alex's side
            if app.focused is not None and app.focused.id == "side-b":
                break
            await pilot.press("tab")
        await pilot.press("end")
        await wait_for(pilot, *CUT_NOTE)  # in two: the scrollbar may sit between its lines
        assert "needle" not in screen_flat(app)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("1")  # Sam catches up on Alex
        await wait_for(pilot, "␛[2Jwords and [b]words[/b]")
        await pilot.press("end")
        await wait_for(pilot, *CUT_NOTE)
    [entry] = Store.open(data_dir).daily.for_day(big_store.now().date()).values()
    assert entry.happened == BIG  # stored whole


async def test_history_preview_and_search_show_one_line_of_it(big_store):
    app = AttuneApp(big_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, "Love-map quiz")
        await pilot.press("d")
        await wait_for(pilot, "Daily catch-up")
        await pilot.press("h")
        await wait_for(pilot, "␛[2Jwords and [b]words[/b] words and")
        await wait_for(pilot, "1 month with entries")
        await pilot.press("escape")
        await wait_for(pilot, "Daily catch-up")
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"needle", "enter")
        await wait_for(pilot, "needle at the end")
        await wait_for(pilot, "Found 1 entry")


async def test_an_entry_too_long_to_edit_is_kept_and_said_so(big_store, data_dir):
    app = AttuneApp(big_store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, "Love-map quiz")
        await pilot.press("d")
        await wait_for(pilot, "Daily catch-up")
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("2")  # Alex, whose entry is a megabyte
        await wait_for(pilot, "Too long to edit")
        assert type(app.screen).__name__ == "DailyScreen"
        assert any(f"{len(BIG):,} characters in one box" in n.message for n in app._notifications)  # noqa: SLF001
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("1")  # Sam has not written: the editor opens
        await wait_for(pilot, "Sam is writing")
    assert Store.open(data_dir).daily.for_day(big_store.now().date())["b"].happened == BIG
