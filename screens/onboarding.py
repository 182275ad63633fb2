"""First run: who are the two of you?"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.widgets import Button, Input, Label, Static

from data.errors import DataError, InputError
from data.text import NAME_MAX
from screens.base import StoreMixin
from textual.screen import Screen
from widgets.limited_input import LimitedInput

INTRO = (
    "Keep up with each other's inner world: a love-map quiz, a daily catch-up "
    "and a live ratio of good moments to hard ones. It all stays on this computer."
)


class OnboardingScreen(StoreMixin, Screen[list]):
    CSS_PATH = "onboarding.tcss"
    AUTO_FOCUS = "#name-a"

    def compose(self) -> ComposeResult:
        with Center():
            with Vertical(id="welcome"):
                yield Static("Welcome to attune", id="title")
                yield Static(INTRO, id="intro", markup=False)
                yield Label("First partner's name")
                yield LimitedInput(placeholder="e.g. Sam", id="name-a", max_length=NAME_MAX, what="A name")
                yield Label("Second partner's name")
                yield LimitedInput(placeholder="e.g. Alex", id="name-b", max_length=NAME_MAX, what="A name")
                yield Static("", id="error", markup=False)
                yield Button("Start", id="start", variant="primary")
        yield Static(f"data folder: {self.store.root}", id="where", markup=False)

    @on(Input.Submitted, "#name-a")
    def next_field(self) -> None:
        self.query_one("#name-b", Input).focus()

    @on(Input.Submitted, "#name-b")
    @on(Button.Pressed, "#start")
    def start(self) -> None:
        a = self.query_one("#name-a", Input).value
        b = self.query_one("#name-b", Input).value
        try:
            partners = self.store.setup_couple(a, b)
        except (InputError, DataError) as exc:
            self.show_error(exc)
            return
        self.dismiss(partners)
