"""The gauge's small tables (screens.gauge.SmallTable): columns line up, numbers on the right, and
a narrow width cuts the last column with an ellipsis instead of wrapping; what people typed
(a name) is shown literally."""

from __future__ import annotations

from rich.text import Text
from textual.app import App

from tests.conftest import screen_text
from screens.gauge import SmallTable

ROWS = (
    ("", "+ and −", "ratio", "zone"),
    ("Today", "5+ 1−", "5.0:1", Text("below aim", style="yellow")),
    ("30 days", "99+ 12−", "8.2:1", "at/above aim"),
    ("[b]Sam[/b]", "", "", ""),
)
RIGHT = (False, True, True, False)


async def drawn(width: int) -> list[str]:
    class One(App):
        CSS = f"SmallTable {{ width: {width}; }}"

        def compose(self):
            yield SmallTable()

    app = One()
    async with app.run_test(size=(60, 8)) as pilot:
        grid = app.query_one(SmallTable)
        grid.rows, grid.right = ROWS, RIGHT
        await pilot.pause()
        return [line[:width] for line in screen_text(app).splitlines()[:5]]


async def test_columns_line_up_with_numbers_on_the_right_and_names_shown_literally():
    assert [line.rstrip() for line in await drawn(40)] == [
        "           + and − ratio zone",
        "Today        5+ 1− 5.0:1 below aim",
        "30 days    99+ 12− 8.2:1 at/above aim",
        "[b]Sam[/b]",
        "",
    ]


async def test_a_narrow_width_cuts_the_last_column_first():
    lines = await drawn(30)
    assert lines[1] == "Today        5+ 1− 5.0:1 belo…"
    assert lines[2] == "30 days    99+ 12− 8.2:1 at/a…"
    assert lines[4].strip() == ""  # one line per row: nothing wrapped
