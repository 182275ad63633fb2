"""Colour on any terminal: NO_COLOR, and 16-colour consoles (the ANSI theme)."""

from __future__ import annotations

import pytest

from tests.terminal_helpers import SCREENS as ALL_SCREENS, demo_store, open_screen
from tui.app import AttuneApp

SCREENS = [name for name in ALL_SCREENS if name != "onboarding"]


def drawn_colours(app):
    """(text, fg, bg) for every visible cell run of the current screen, after Textual's filters."""
    for strip in app.screen._compositor.render_strips():  # noqa: SLF001 - what the terminal gets
        for seg in strip:
            if seg.style is not None and seg.text:
                yield seg.text, seg.style.color, seg.style.bgcolor


@pytest.fixture
def demo(tmp_path, monkeypatch):
    return demo_store(tmp_path / "demo", monkeypatch)


@pytest.mark.parametrize("name", SCREENS)
async def test_no_color_draws_in_greys_only(demo, name, monkeypatch):
    seen_colour = False
    for no_color in (False, True):
        if no_color:
            monkeypatch.setenv("NO_COLOR", "1")
        else:
            monkeypatch.delenv("NO_COLOR", raising=False)
        app = AttuneApp(demo, poll=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_screen(app, pilot, name)
            assert app.no_color is no_color
            for text, *colours in drawn_colours(app):
                for colour in colours:
                    if colour is None or colour.is_default:
                        continue
                    r, g, b = colour.get_truecolor()
                    hue = max(r, g, b) - min(r, g, b) > 8
                    if no_color:
                        assert not hue, f"{name}: {text!r} in {colour}"
                    seen_colour |= hue
    assert seen_colour, "without NO_COLOR the screen has colour: the check above can fail"


@pytest.mark.parametrize("theme", ["ansi-dark", "ansi-light"])
@pytest.mark.parametrize("name", SCREENS)
async def test_ansi_theme_uses_only_the_terminals_16_colours(demo, name, theme):
    demo.update_settings(theme=theme)
    app = AttuneApp(demo, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(app, pilot, name)
        assert app.theme == theme
        for text, fg, bg in drawn_colours(app):
            for colour in (fg, bg):
                # default, or one of the 16 the user's terminal palette defines
                assert colour is None or colour.is_default or (colour.number is not None and colour.number < 16), (
                    f"{name}: {text!r} drawn in {colour}"
                )
            if text.strip() and fg is not None and bg is not None and not fg.is_default:
                assert fg != bg, f"{name}: {text!r} is invisible ({fg} on {bg})"


@pytest.mark.parametrize(
    "env, saved, expected",
    [
        ({"TERM": "screen"}, "textual-dark", "ansi-dark"),  # GNU screen, the Linux console: 16 colours
        ({"TERM": "linux"}, "nord", "ansi-dark"),
        ({"TERM": "xterm-256color"}, "textual-dark", "textual-dark"),
        ({"TERM": "screen", "COLORTERM": "truecolor"}, "textual-dark", "textual-dark"),
        ({"TERM": "screen"}, "ansi-light", "ansi-light"),  # an ANSI theme someone chose stays
    ],
)
def test_sixteen_colour_terminal_starts_on_the_ansi_theme(store, monkeypatch, env, saved, expected):
    monkeypatch.delenv("COLORTERM", raising=False)
    monkeypatch.delenv("TEXTUAL_COLOR_SYSTEM", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    app = AttuneApp(store)  # the console reads TERM when the app is made
    assert app.session_theme(saved) == expected


async def test_the_session_theme_is_not_saved_for_the_partner(store, monkeypatch):
    monkeypatch.setattr(AttuneApp, "session_theme", lambda self, saved: "ansi-dark")
    app = AttuneApp(store, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "ansi-dark"
    assert store.settings().theme == "textual-dark"  # the other partner's truecolour terminal keeps it
