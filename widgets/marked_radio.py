"""A RadioButton whose label also says ✓ when chosen: Textual's button shows the choice by
colour alone, which NO_COLOR, ASCII or a colour-blind eye can lose."""

from __future__ import annotations

from itertools import count

from rich.text import Text
from textual.widgets import RadioButton, RadioSet

_turns = count(1)


class MarkedRadioButton(RadioButton):
    def __init__(self, label: str, value: bool = False, **kwargs) -> None:
        self.plain_label = label
        self.turned_on = next(_turns) if value else 0
        super().__init__(self._marked(value), value, **kwargs)

    def _marked(self, value: bool) -> Text:
        return Text(self.plain_label + (" ✓" if value else ""))  # a Text: a name is not markup

    def watch_value(self, value: bool) -> None:
        super().watch_value()  # tells the RadioSet, which turns the other button off
        self.label = self._marked(value)
        if value:
            self.turned_on = next(_turns)


def chosen(radios: RadioSet) -> MarkedRadioButton | None:
    """The button chosen last. RadioSet.pressed_button (and turning the old button off) waits for a
    message, so a Save key pressed right after a choice could still see the old one."""
    on = [b for b in radios.query(MarkedRadioButton) if b.value]
    return max(on, key=lambda b: b.turned_on, default=None)
