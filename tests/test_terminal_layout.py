"""Every screen at 80×24 (the smallest terminal we promise) and 200×60: nothing cut off at the
sides, no horizontal scrolling, the Footer with its keys on the last row."""

from __future__ import annotations

import pytest
from textual.widgets import Footer

from data import Store
from tests.conftest import screen_text
from tests.terminal_helpers import SCREENS, demo_store
from tui.app import AttuneApp

SIZES = [(80, 24), (200, 60)]
FEATURES = [mode for mode in AttuneApp.MODES if mode != "home"]
# words each screen shows at the top, at any size
HEADINGS = {"home": "attune", "quiz": "Love map", "daily": "Daily catch-up", "gauge": "Ratio gauge",
            "review": "Weekly review"}


@pytest.fixture
def demo(tmp_path, monkeypatch) -> Store:
    return demo_store(tmp_path / "demo", monkeypatch)


def layout_problems(app) -> list[str]:
    """Widgets drawn past the right edge or cut by their container, and horizontal scrollbars."""
    screen = app.screen
    width = screen.size.width
    problems = []
    for widget, geo in screen._compositor.full_map.items():  # noqa: SLF001 - where everything was placed
        region = geo.region
        if not region.width or widget is screen:
            continue
        if region.right > width:
            problems.append(f"{widget!r} reaches column {region.right} of {width}")
        elif region.right > geo.clip.right and region.y < geo.clip.bottom and region.bottom > geo.clip.y:
            problems.append(f"{widget!r} is cut off at the right ({region.right} > {geo.clip.right})")
        if widget.show_horizontal_scrollbar:
            problems.append(f"{widget!r} scrolls sideways")
    return problems


def footer_on_last_row(app) -> bool:
    footers = [f for f in app.screen.query(Footer) if f.display]
    size = app.screen.size
    return bool(footers) and footers[0].region.bottom == size.height and footers[0].region.width == size.width


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("mode", ["home", *FEATURES])
async def test_feature_screens_fit(demo, mode, size):
    app = AttuneApp(demo, poll=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.action_open(mode)
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == SCREENS[mode]
        assert layout_problems(app) == []
        assert footer_on_last_row(app), f"{mode}: no Footer on the last row"
        assert HEADINGS[mode] in screen_text(app)  # the screen says which one it is


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_onboarding_and_help_fit(data_dir, clock, demo, size):
    app = AttuneApp(Store.open(data_dir, clock=clock), poll=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert "Welcome to attune" in screen_text(app)
        assert layout_problems(app) == []
        assert "Start" in screen_text(app)  # the button is on screen, not below the fold
    for mode in ["home", *FEATURES]:
        app = AttuneApp(demo, poll=False)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            app.action_open(mode)
            await pilot.pause()
            await pilot.press("f1")
            await pilot.pause()
            text = screen_text(app)
            assert "Keys on this screen" in text, mode
            assert layout_problems(app) == [], mode
