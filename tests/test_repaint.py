"""widgets.repaint.update: an unchanged Static is not redrawn; anything else always is."""

from __future__ import annotations

from rich.text import Text
from textual.app import App
from textual.widgets import Static

from widgets.repaint import update


async def test_update_skips_only_what_is_already_shown():
    class One(App):
        def compose(self):
            yield Static(id="s")

    app = One()
    async with app.run_test() as pilot:
        static = app.query_one("#s", Static)
        assert update(static, Text("5+ 1−")) is True
        assert update(static, Text("5+ 1−")) is False  # equal text: no redraw
        static.update("set elsewhere")
        assert update(static, Text("5+ 1−")) is True  # not fooled by a direct update
        await pilot.pause()
        assert str(static.render()) == "5+ 1−"
