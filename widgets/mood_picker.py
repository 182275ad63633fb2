"""Pick a mood from 1 to 5, always shown with its word (never colour alone)."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.events import Key
from textual.reactive import reactive
from textual.widget import Widget

from data.models import MOOD_WORDS


class MoodPicker(Widget, can_focus=True):
    """←/→ move, 1–5 pick. 0 means "not chosen yet"."""

    DEFAULT_CSS = """
    MoodPicker {
        height: 3;
        width: auto;
        min-width: 30;
        border: round $primary 50%;
        padding: 0 1;
    }
    MoodPicker:focus { border: round $accent; }
    MoodPicker > .mood-picker--chosen { text-style: bold reverse; }
    MoodPicker > .mood-picker--other { color: $text-muted; }
    """
    COMPONENT_CLASSES = {"mood-picker--chosen", "mood-picker--other"}
    BINDINGS = [
        Binding("left", "step(-1)", "Lower mood", show=False),
        Binding("right", "step(1)", "Higher mood", show=False),
    ]

    value: reactive[int] = reactive(0)  # 0: not chosen yet

    def render(self) -> Text:
        chosen = self.get_component_rich_style("mood-picker--chosen")
        other = self.get_component_rich_style("mood-picker--other")
        return Text(" ").join(
            Text(f"[{n} {word}]", chosen) if n == self.value else Text(f" {n} {word} ", other)
            for n, word in MOOD_WORDS.items()
        )

    def action_step(self, delta: int) -> None:
        # From "not chosen", the first arrow lands in the middle (3 okay).
        self.value = min(5, max(1, self.value + delta)) if self.value else 3

    def on_key(self, event: Key) -> None:
        if event.character and event.character in "12345" and len(event.character) == 1:
            event.stop()
            event.prevent_default()
            self.value = int(event.character)
