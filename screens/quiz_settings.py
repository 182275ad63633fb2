"""Quiz dialogs: the quiz settings (sensitive questions, scoring, stale days) and a yes/no."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static, Switch

from data.errors import DataError, InputError
from screens.base import AttuneModal


class QuizSettingsModal(AttuneModal[bool]):
    """Dismisses with True when saved."""

    CSS_PATH = "quiz_settings.tcss"
    HELP = "Space toggles a switch, Tab moves, Ctrl+S or Enter in the days box saves, Esc cancels."
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def compose(self) -> ComposeResult:
        settings = self.store.settings()
        with Vertical(id="dialog"):
            yield Static("Quiz settings", classes="dialog-title")
            with Horizontal(classes="row"):
                yield Switch(settings.sensitive_questions, id="sensitive")
                yield Label(id="sensitive-label")
            with Horizontal(classes="row"):
                yield Switch(settings.scoring, id="scoring")
                yield Label(id="scoring-label")
            with Horizontal(classes="row"):
                yield Label("Answers are stale after", classes="before")
                yield Input(str(settings.stale_days), id="stale-days", type="integer", max_length=4)
                yield Label("days", classes="after")
            yield Static("", id="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save (Ctrl+S)", id="save", variant="primary")
                yield Button("Cancel (Esc)", id="cancel")

    LABELS = {
        "sensitive": "Sensitive questions (desire, hard memories)",
        "scoring": "Keep score (Gottman says don't)",
    }

    def on_mount(self) -> None:
        self.query_one("#sensitive", Switch).focus()
        self._say_states()

    @on(Switch.Changed)
    def _say_states(self) -> None:
        # In words too: a switch's colour alone is lost without colours.
        for name, text in self.LABELS.items():
            state = "on" if self.query_one(f"#{name}", Switch).value else "off"
            self.query_one(f"#{name}-label", Label).update(f"{text}: {state}")

    @on(Input.Submitted, "#stale-days")
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        try:
            self.store.quiz.update_settings(
                sensitive_questions=self.query_one("#sensitive", Switch).value,
                scoring=self.query_one("#scoring", Switch).value,
                stale_days=self.query_one("#stale-days", Input).value,
            )
        except (InputError, DataError) as exc:
            error = self.query_one("#error", Static)
            error.update(str(exc)[:1].upper() + str(exc)[1:])
            error.add_class("shown")
            return
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
