"""Log a repair attempt on a negative: what was tried (Gottman's repair checklist),
who made it, and whether it was accepted."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, RadioSet, SelectionList, Static

from data.interactions import REPAIR_STEPS
from data.text import NOTE_MAX
from screens.base import FormDialog
from widgets.literal import visible
from widgets.marked_radio import MarkedRadioButton, chosen
from widgets.limited_input import LimitedInput
from widgets.key_footer import KeyFooter

# One phrase from each heading of the checklist, to jog the memory.
EXAMPLES = {
    "i_feel": "“I'm getting scared.”",
    "sorry": "“My reaction was too much. Sorry.”",
    "get_to_yes": "“I agree with part of what you say.”",
    "calm_down": "“Can we take a break?”",
    "stop_action": "“Let's agree to disagree here.”",
    "appreciate": "“I know this isn't your fault.”",
}


def step_prompt(key: str, ticked: bool) -> Text:
    """A checklist line; a ticked one also says so in words, not only in colour."""
    return Text.assemble(
        ("✓ " if ticked else "  ", "bold"), (REPAIR_STEPS[key], "bold"), "  ", (EXAMPLES[key], "dim"),
    )


class RepairDialog(FormDialog[dict | None]):
    """Returns the keyword arguments of `add_repair` (minus the negative), or None."""

    CSS_PATH = "gauge_repair.tcss"
    AUTO_FOCUS = "#steps"

    def __init__(self, negative: Text, names: dict[str, str], by: str) -> None:
        super().__init__()
        self.negative, self.names, self.by = negative, names, by

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as box:
            box.border_title = "Repair attempt"
            yield Static(Text.assemble("For: ", self.negative), id="negative")
            yield Label("What was tried? (Space ticks, Tab moves on, Enter saves)")
            yield SelectionList[str](*((step_prompt(key, False), key) for key in REPAIR_STEPS), id="steps")
            with Horizontal(classes="row"):
                yield Label("Made by", classes="row-label")
                with RadioSet(id="by", classes="inline"):
                    for pid, name in self.names.items():
                        yield MarkedRadioButton(visible(name), value=pid == self.by, name=pid)
            with Horizontal(classes="row"):
                yield Label("Accepted?", classes="row-label")
                with RadioSet(id="accepted", classes="inline"):
                    yield MarkedRadioButton("yes, it helped", name="yes")
                    yield MarkedRadioButton("not (yet)", name="no")
            yield LimitedInput(id="note", max_length=NOTE_MAX, what="The note", placeholder="note (optional)")
            yield Static("", id="error")
            with Horizontal(id="buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")
        yield KeyFooter()

    @on(SelectionList.SelectionToggled, "#steps")
    def ticked(self, event: SelectionList.SelectionToggled) -> None:
        steps = event.selection_list
        key = event.selection.value
        steps.replace_option_prompt_at_index(event.selection_index, step_prompt(key, key in steps.selected))

    @on(Input.Submitted, "#note")
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        steps = list(self.query_one("#steps", SelectionList).selected)
        note = self.query_one("#note", Input).value
        by = chosen(self.query_one("#by", RadioSet))
        accepted = chosen(self.query_one("#accepted", RadioSet))
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
    def _cancel_pressed(self) -> None:
        self.dismiss(None)

    def entered(self) -> bool:
        by = chosen(self.query_one("#by", RadioSet))
        return bool(self.query_one("#steps", SelectionList).selected or self.query_one("#note", Input).value
                    or chosen(self.query_one("#accepted", RadioSet)) or (by is not None and by.name != self.by))
