"""Whatever a partner types or pastes shows literally: markup stays brackets, escape
sequences never reach the terminal, and a 10,000-character paste neither crashes nor hides."""

from __future__ import annotations

from datetime import timedelta

from textual import events

from tests.conftest import NOW, screen_text

TODAY = NOW.date()
HOSTILE = "[b]not bold[/b] [red]x[/] \x1b[31mred\x1b]0;pwned\x07 end\\"
SHOWN = "[b]not bold[/b] [red]x[/] ␛[31mred␛]0;pwned␇ end\\"
LONG = "".join(f"{n:05d} " for n in range(1666)) + "LAST"  # 10,000 characters
assert len(LONG) == 10_000


def raw_controls(app) -> list[str]:
    """Any control character (other than newline) that would be written to the terminal."""
    strips = app.screen._compositor.render_strips()  # noqa: SLF001 - the segments as drawn
    return [seg.text for strip in strips for seg in strip
            if any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in seg.text)]


async def go(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def test_entries_and_names_show_literally_everywhere(make_app, store):
    store.rename_partner("a", "[b]Jo[/b]")
    store.daily.save("a", 2, happened=HOSTILE, on_mind=LONG)
    store.daily.save("b", 4, would_help=HOSTILE, day=TODAY - timedelta(days=800), unlocked=True)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot, "d")
        text = screen_text(app)
        assert SHOWN in text and "[b]Jo[/b]" in text and "Mood 2 low" in text
        assert raw_controls(app) == []
        assert app.focused.id == "side-a"
        await go(pilot, "end")  # the end of the long paste can be reached
        assert "LAST" in screen_text(app)

        await go(pilot, "c", "2")  # Alex's catch-up reader
        assert SHOWN in screen_text(app) and raw_controls(app) == []
        await go(pilot, "escape", "h")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "[b]Jo[/b]" in screen_text(app) and "[b]not bold[/b]" in screen_text(app)
        assert raw_controls(app) == []

        await go(pilot, "escape", "slash", *"pwned", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "Found 2 entries" in text and "␛]0;pwned␇" in text and raw_controls(app) == []

        await go(pilot, "escape", "w", "1")  # the editor, loaded with the hostile entry
        area = app.screen.query_one("#happened")
        assert area.text == SHOWN and raw_controls(app) == []
        assert "10,000/10,000" in screen_text(app)


async def test_pasting_escapes_and_long_text_into_the_editor(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await go(pilot, "d", "w", "1", "3", "tab")
        area = app.screen.query_one("#happened")
        assert app.focused is area
        app.post_message(events.Paste("line one\r\n\x1b[2Jwiped?\x1b]52;c;AAAA\x07\rend"))
        await pilot.pause()
        assert area.text == "line one\n␛[2Jwiped?␛]52;c;AAAA␇\nend"
        assert raw_controls(app) == []
        await go(pilot, "ctrl+s")
        assert type(app.screen).__name__ == "DailyScreen"
        # Saved as pasted (line ends made plain); shown with symbols.
        assert store.daily.entry("a", TODAY).happened == "line one\n\x1b[2Jwiped?\x1b]52;c;AAAA\x07\nend"

        await go(pilot, "w", "1", "tab", "tab")  # into "on my mind"
        area = app.screen.query_one("#on_mind")
        assert app.focused is area
        app.post_message(events.Paste(LONG + "!"))
        await pilot.pause()
        assert "10,001/10,000 too long" in screen_text(app)
        await go(pilot, "ctrl+s")
        assert type(app.screen).__name__ == "EntryEditor"  # refused, and the text is still there
        assert area.text == LONG + "!"
        assert any("10,001 characters" in n.message for n in app._notifications)  # noqa: SLF001
        await go(pilot, "backspace", "ctrl+s")
        assert type(app.screen).__name__ == "DailyScreen"
    assert store.daily.entry("a", TODAY).on_mind == LONG
