"""The gauge's dialogs behave like Textual's own choice widgets: one chosen button shows as
chosen, Space chooses, Enter saves as Ctrl+S does, and Esc never throws away unsaved choices
without saying so first."""

from __future__ import annotations

from tests.conftest import screen_text, told, wait_for


def row(app, label: str) -> str:
    return next(line for line in screen_text(app).splitlines() if label in line)


async def open_repair(pilot) -> None:
    await pilot.press("g")
    await wait_for(pilot, "Everyday")
    await pilot.press("k", "r")  # Alex logs a −; repair it
    await wait_for(pilot, "Repair attempt")


async def test_made_by_shows_one_choice_and_enter_saves_from_a_choice(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_repair(pilot)
        assert row(app, "Made by").count("✓") == 1 and "Alex ✓" in row(app, "Made by")
        await pilot.press("space", "tab", "space")  # tick "I feel…"; Made by: Sam (highlighted first)
        await wait_for(pilot, "Sam ✓")
        assert row(app, "Made by").count("✓") == 1  # Alex's mark went with the choice
        await pilot.press("tab", "space")  # Accepted? yes
        await wait_for(pilot, "yes, it helped ✓")
        await pilot.press("enter")  # from a choice, Enter saves, as Ctrl+S does
        await wait_for(pilot, "Ratio gauge")
        assert type(app.screen).__name__ == "GaugeScreen"
    [repair] = [r for rs in store.interactions.recent(1).repairs.values() for r in rs]
    assert (repair.by, repair.accepted) == ("a", True)


async def test_esc_with_choices_made_says_so_before_throwing_them_away(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_repair(pilot)
        await pilot.press("escape")  # nothing entered: closes at once
        await wait_for(pilot, "Ratio gauge")
        assert type(app.screen).__name__ == "GaugeScreen"
        await pilot.press("r")
        await wait_for(pilot, "Repair attempt")
        await pilot.press("space", "escape")
        await wait_for(pilot, "Unsaved")
        assert told(app, "Unsaved", "Not saved yet. Esc again throws it away; Enter or Ctrl+S saves.")
        assert type(app.screen).__name__ == "RepairDialog"
        await pilot.press("escape")
        await wait_for(pilot, "Ratio gauge")
        assert type(app.screen).__name__ == "GaugeScreen"
    assert store.interactions.recent(1).repairs == {}
