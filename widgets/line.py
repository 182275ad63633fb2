"""One line of text drawn from its own reactive: set `text` (or data_bind it) and it redraws
only when the text really changed."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class Line(Widget):
    """One line of text, drawn from `text`."""

    DEFAULT_CSS = "Line { height: 1; }"
    text: reactive[Text | str] = reactive("")

    def render(self) -> Text | str:
        return self.text


class WideLine(Line):
    """A Line whose width follows its text (`width: auto`)."""

    text: reactive[Text | str] = reactive("", layout=True)
