"""The meeting's screens at 80×24: nothing cut off, the Footer on the last row, ASCII mode
drawing only ASCII, and F1 listing the meeting's keys."""

from __future__ import annotations

import pytest
from textual.widgets import Footer

from screens.review_meeting import MeetingScreen
from tests.conftest import screen_text
from tests.test_review_screen import HandClock, open_meeting


@pytest.fixture
def hand(monkeypatch) -> HandClock:
    clock = HandClock()
    monkeypatch.setattr(MeetingScreen, "TIMER_CLOCK", clock)
    return clock


def cut_off(app) -> list[str]:
    """Widgets drawn past the right edge or clipped by their container, and sideways scrolling."""
    problems = []
    for widget, geo in app.screen._compositor.full_map.items():  # noqa: SLF001 - where everything was placed
        region = geo.region
        if not region.width or widget is app.screen:
            continue
        if region.right > app.screen.size.width or (
                region.right > geo.clip.right and region.y < geo.clip.bottom and region.bottom > geo.clip.y):
            problems.append(f"{widget!r} is cut off at the right")
        if widget.show_horizontal_scrollbar:
            problems.append(f"{widget!r} scrolls sideways")
    return problems


@pytest.mark.parametrize("ascii_only", [False, True])
async def test_every_step_fits_80x24_and_ascii_mode_draws_ascii(tmp_path, monkeypatch, ascii_only):
    from tests.terminal_helpers import demo_store
    from tui.app import AttuneApp
    from tui.terminal import drawing_glyphs

    store = demo_store(tmp_path / "demo", monkeypatch)
    monkeypatch.setattr(MeetingScreen, "TIMER_CLOCK", HandClock())
    app = AttuneApp(store, poll=False, ascii_only=ascii_only)
    seen = []
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(app, pilot)
        for keys in ([], ["pagedown", *"thanks", "enter"], ["pagedown", *"the walk", "enter"],
                     ["pagedown", *"dishes", "enter", "ctrl+r"], ["pagedown", *"rota", "enter"], ["ctrl+s"]):
            await pilot.press(*keys)
            await pilot.pause()
            await pilot.pause()
            name = type(app.screen).__name__
            seen.append(name)
            assert cut_off(app) == [], name
            footer = app.screen.query_one(Footer)
            assert footer.region.bottom == 24 and footer.region.width == 80, name
            if ascii_only:
                assert drawing_glyphs(screen_text(app)) == set(), name
        await pilot.press("f1")
        await pilot.pause()
        assert "Keys on this screen" in screen_text(app) and "Back" in screen_text(app)
    assert seen == ["MeetingScreen"] * 5 + ["MinutesScreen"]


async def test_help_on_the_meeting_lists_its_keys(make_app, store, hand):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(app, pilot)
        await pilot.press("pagedown", "pagedown", "pagedown")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        text = screen_text(app)
        await pilot.press("end")  # the help box scrolls: its end holds the rest of the keys
        await pilot.pause()
        text += screen_text(app)
        for words in ("Next", "Back", "Switch turn", "Timer", "Finish", "Leave", "Quit", "you take turns at"):
            assert words in text, words
