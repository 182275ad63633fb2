"""ASCII mode (--ascii / $ATTUNE_ASCII): nothing drawn uses box-drawing, block or symbol glyphs."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from data import Store
from tests.conftest import screen_text
from tests.terminal_helpers import SCREENS as ALL_SCREENS, demo_store, open_screen
from tui.app import AttuneApp
from tui.terminal import ASCII_TABLE, drawing_glyphs, to_ascii

SCREENS = [name for name in ALL_SCREENS if name != "onboarding"]


def test_every_drawing_glyph_has_a_same_width_ascii_stand_in():
    for code, stand_in in ASCII_TABLE.items():
        assert stand_in.isascii(), chr(code)
        assert cell_len(stand_in) == cell_len(chr(code)), chr(code)
    assert to_ascii("╭─ Quiz ─╮│▁▂▃▅▇█│") == "+- Quiz -+|_,.=*#|"
    assert drawing_glyphs(to_ascii("".join(chr(c) for c in range(0x2500, 0x25A0)))) == set()


def test_typed_text_keeps_its_letters():
    # Only drawing glyphs change: accents, CJK and emoji a person typed are left alone.
    assert to_ascii("Zoë 李 😀 [b]x[/b]") == "Zoë 李 😀 [b]x[/b]"


@pytest.fixture
def demo(tmp_path, monkeypatch) -> Store:
    return demo_store(tmp_path / "demo", monkeypatch)


@pytest.mark.parametrize("name", SCREENS)
async def test_screen_in_ascii_mode_draws_no_box_glyphs(demo, name):
    for ascii_only in (False, True):
        app = AttuneApp(demo, ascii_only=ascii_only, poll=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_screen(app, pilot, name)
            text = screen_text(app)
        glyphs = drawing_glyphs(text)
        if ascii_only:
            assert glyphs == set(), f"{name}: {sorted(glyphs)}"
        else:
            normal = glyphs  # the same screen without --ascii does draw them: the scan works
    assert normal, f"{name} has no borders at all?"


async def test_onboarding_and_palette_in_ascii_mode(data_dir, clock):
    app = AttuneApp(Store.open(data_dir, clock=clock), ascii_only=True, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Welcome to attune" in text and "+----" in text
        assert drawing_glyphs(text) == set()
        await pilot.press(*"Zoë", "enter", *"李", "enter")
        await pilot.pause()
        await pilot.pause()
        text = screen_text(app)
        assert "Zoë & 李" in text  # names as typed
        assert drawing_glyphs(text) == set()
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        assert drawing_glyphs(screen_text(app)) == set()


async def test_keys_are_spelled_out_in_ascii_mode(store):
    app = AttuneApp(store, ascii_only=True, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        text = screen_text(app)
        assert "up / k" in text and "down / j" in text
        assert "↑" not in text


async def test_notifications_are_ascii_too(store):
    app = AttuneApp(store, ascii_only=True, poll=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        app.notify("Could not save — the disk is full", title="Not saved", severity="error")
        await pilot.pause(0.3)
        text = screen_text(app)
        assert "Could not save - the disk is full" in text
        assert drawing_glyphs(text) == set()


def test_key_names_in_ascii_mode(store):
    from textual.binding import Binding

    app = AttuneApp(store, ascii_only=True, poll=False)
    shown = {key: app.get_key_display(Binding(key, "x", "X")) for key in ("up", "ctrl+up", "enter", "q")}
    assert shown == {"up": "up", "ctrl+up": "^up", "enter": "enter", "q": "q"}
    assert app.get_key_display(Binding("left,right", "x", "Day", key_display="←→")) == "<>"
    group = Binding.Group("Day")  # grouped keys sit side by side in the Footer: "<>" not "leftright"
    assert [app.get_key_display(Binding(k, "x", "X", group=group)) for k in ("left", "right")] == ["<", ">"]
    assert AttuneApp(store, poll=False).get_key_display(Binding("up", "x", "X")) == "↑"  # only in ASCII mode
