"""Every screen at 80×24 in 16 colours (the ANSI theme) and in ASCII mode.

Update after a deliberate change with `pytest tests/test_snapshots_terminal.py --snapshot-update`,
then look at each changed SVG. Beside each snapshot the test also checks, with Pilot, that the
right screen is showing (a crashed app would otherwise be saved as a blank picture).
"""

from __future__ import annotations

import pytest

from data import Store
from tests.conftest import NOW, FakeClock, screen_text
from tests.terminal_helpers import SCREENS, demo_store, open_screen
from tui.app import AttuneApp
from tui.terminal import drawing_glyphs



@pytest.mark.parametrize("look", ["ansi", "ascii"])
@pytest.mark.parametrize("name", list(SCREENS))
def test_screen(snap_compare, tmp_path, monkeypatch, name, look):
    if name == "onboarding":
        monkeypatch.chdir(tmp_path)  # the screen shows the folder: keep it the same every run
        store = Store.open("attune-data", clock=FakeClock(NOW))
    else:
        store = demo_store(tmp_path / "demo", monkeypatch)
    if look == "ansi":
        store.update_settings(theme="ansi-dark")
    app = AttuneApp(store, ascii_only=look == "ascii", poll=False)

    async def go(pilot) -> None:
        await open_screen(app, pilot, name if name != "onboarding" else "")
        assert type(app.screen).__name__ == SCREENS[name]
        text = screen_text(app)
        assert len(text.strip()) > 100, text
        if look == "ascii":
            assert drawing_glyphs(text) == set()
        else:
            assert app.theme == "ansi-dark"

    assert snap_compare(app, terminal_size=(80, 24), run_before=go)


@pytest.mark.parametrize("name", list(SCREENS))
def test_screen_60x20(snap_compare, tmp_path, monkeypatch, name):
    """The smallest terminal we promise: each main screen in the default theme, with its footer
    ending in F1 where it fits (at 60 columns the daily and gauge footers lose their last keys;
    F1 still lists every key)."""
    if name == "onboarding":
        monkeypatch.chdir(tmp_path)
        store = Store.open("attune-data", clock=FakeClock(NOW))
    else:
        store = demo_store(tmp_path / "demo", monkeypatch)
    app = AttuneApp(store, poll=False)

    async def go(pilot) -> None:
        await open_screen(app, pilot, name if name != "onboarding" else "")
        assert type(app.screen).__name__ == SCREENS[name]
        assert len(screen_text(app).strip()) > 100

    assert snap_compare(app, terminal_size=(60, 20), run_before=go)
