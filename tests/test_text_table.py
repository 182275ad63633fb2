"""The gauge's text tables: columns line up, numbers on the right, and a narrow width cuts the
last columns with an ellipsis instead of wrapping."""

from __future__ import annotations

from rich.text import Text

from widgets.text_table import lay_out

ROWS = [
    (Text(""), Text("+ and −"), Text("ratio"), Text("zone")),
    (Text("Today"), Text("5+ 1−"), Text("5.0:1"), Text("below aim", style="yellow")),
    (Text("30 days"), Text("99+ 12−"), Text("8.2:1"), Text("at/above aim")),
]
RIGHT = (False, True, True, False)


def test_columns_line_up_with_numbers_on_the_right():
    lines = lay_out(ROWS, RIGHT, 40).plain.split("\n")
    assert lines == [
        "        + and − ratio zone        ",
        "Today     5+ 1− 5.0:1 below aim   ",
        "30 days 99+ 12− 8.2:1 at/above aim",
    ]


def test_a_narrow_width_cuts_the_last_column_first():
    lines = lay_out(ROWS, RIGHT, 28).plain.split("\n")
    assert all(len(line) == 28 for line in lines)
    assert lines[2] == "30 days 99+ 12− 8.2:1 at/ab…"


def test_styles_of_cells_are_kept():
    text = lay_out(ROWS, RIGHT, 40)
    styled = [text.plain[s.start:s.end] for s in text.spans if str(s.style) == "yellow"]
    assert styled == ["below aim"]
