"""Log a repair attempt on a negative: what was tried (Gottman's repair checklist),
who made it, and whether it was accepted."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, Input, Label, RadioButton, RadioSet, SelectionList, Static

from data.interactions import REPAIR_STEPS
from data.text import NOTE_MAX
from screens.base import AttuneModal
from widgets.literal import visible

# One phrase from each heading of the checklist, to jog the memory.
EXAMPLES = {
    "i_feel": "“I'm getting scared.”",
    "sorry": "“My reaction was too much. Sorry.”",
    "get_to_yes": "“I agree with part of what you say.”",
    "calm_down": "“Can we take a break?”",
    "stop_action": "“Let's agree to disagree here.”",
    "appreciate": "“I know this isn't your fault.”",
}


class RepairDialog(AttuneModal[dict | None]):
    """Returns the keyword arguments of `add_repair` (minus the negative), or None."""

    CSS_PATH = "gauge_repair.tcss"
    AUTO_FOCUS = "#steps"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save", priority=True),
    ]

    def __init__(self, negative: Text, names: dict[str, str], by: str) -> None:
        super().__init__()
        self.negative, self.names, self.by = negative, names, by

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as box:
            box.border_title = "Repair attempt"
            yield Static(Text.assemble("For: ", self.negative), id="negative")
            yield Label("What was tried? (Space ticks; Tab moves on)")
            yield SelectionList[str](
                *((Text.assemble((label, "bold"), "  ", (EXAMPLES[key], "dim")), key) for key, label in REPAIR_STEPS.items()),
                id="steps",
            )
            with Horizontal(classes="row"):
                yield Label("Made by", classes="row-label")
                with RadioSet(id="by", classes="inline"):
                    for pid, name in self.names.items():
                        yield RadioButton(visible(name), value=pid == self.by, name=pid)
            with Horizontal(classes="row"):
                yield Label("Accepted?", classes="row-label")
                with RadioSet(id="accepted", classes="inline"):
                    yield RadioButton("yes, it helped", name="yes")
                    yield RadioButton("not (yet)", name="no")
            yield Input(id="note", max_length=NOTE_MAX, placeholder="note (optional)")
            yield Static("", id="error")
            with Horizontal(id="buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")
        yield Footer()

    @on(Input.Submitted, "#note")
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        steps = list(self.query_one("#steps", SelectionList).selected)
        note = self.query_one("#note", Input).value
        by = self.query_one("#by", RadioSet).pressed_button
        accepted = self.query_one("#accepted", RadioSet).pressed_button
        problem = ""
        if not steps and not note.strip():
            problem = "Tick what was tried (or write a note)."
        elif accepted is None:
            problem = "Say whether it was accepted: yes, or not (yet)."
        if problem:
            error = self.query_one("#error", Static)
            error.update(problem)
            error.add_class("shown")
            return
        self.dismiss({"by": by.name if by else self.by, "steps": steps, "accepted": accepted.name == "yes", "note": note})

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
