""""I'm flooded": a 20-minute break that counts down on screen, and a reminder to come back.

The time comes from the store's clock (fixed in tests), checked every TICK_SECONDS."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Digits, Static

from data.interactions import Break
from screens.base import AttuneModal
from screens.gauge_text import clock_text
from widgets.key_footer import KeyFooter

ADVICE = (
    "Stop the talk for now: when a heart races, nobody can listen well. Do something soothing, "
    "apart: walk, breathe slowly, music. Try not to rehearse the argument."
)


def come_back_text(brk: Break) -> str:
    return f"Come back to the talk within 24 hours: by {brk.return_by:%a %d %b, %H:%M} at the latest."


class FloodedDialog(AttuneModal[bool | None]):
    """Returns True when the couple is back (the break ends), None to just hide the timer."""

    CSS_PATH = "gauge_flooded.tcss"
    TICK_SECONDS = 1.0
    BINDINGS = [
        Binding("b", "back", "We're back"),
        Binding("escape", "hide", "Hide timer"),
    ]

    def __init__(self, brk: Break) -> None:
        super().__init__()
        self.brk = brk

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as box:
            box.border_title = "I'm flooded: a break"
            yield Static(id="heading")
            yield Digits(id="countdown")
            yield Static(ADVICE, id="advice", markup=False)
            yield Static(come_back_text(self.brk), id="come-back", markup=False)
            with Horizontal(id="buttons"):
                yield Button("We're back", id="back", variant="primary")
                yield Button("Hide timer", id="hide")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(self.TICK_SECONDS, self.tick)

    def tick(self) -> None:
        left = self.brk.left(self.store.now())
        self.query_one("#countdown", Digits).update(clock_text(left))
        over = not left
        self.set_class(over, "-over")
        heading = "Break over. Come back when you are both calm." if over else "Breathe. The break ends in"
        self.query_one("#heading", Static).update(heading)

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#hide")
    def action_hide(self) -> None:
        self.dismiss(None)
