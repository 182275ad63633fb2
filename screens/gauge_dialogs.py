"""The gauge's dialogs: a note and tag for an entry just logged, a repair attempt on a negative, and
"I'm flooded": a 20-minute break that counts down, with a reminder to come back."""

from __future__ import annotations

import math
from datetime import timedelta

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Digits, Input, Label, RadioSet, SelectionList, Static

from data.interactions import REPAIR_STEPS, Break
from data.text import NOTE_MAX
from screens.base import AttuneModal, FormDialog
from widgets.key_footer import KeyFooter
from widgets.limited_input import LimitedInput
from widgets.literal import visible
from widgets.marked_radio import MarkedRadioButton, chosen

NO_TAG = "no tag"


def clock_text(left: timedelta) -> str:
    """'19:59' for a countdown; whole seconds, rounded up so 0:00 means really over."""
    seconds = max(0, math.ceil(left.total_seconds()))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class NoteDialog(FormDialog[tuple[str, str] | None]):
    """Returns (note, tag) to save, or None when cancelled."""

    CSS_PATH = "gauge_note.tcss"
    AUTO_FOCUS = "#note"

    def __init__(self, entry: Text, note: str, tag: str, tags: tuple[str, ...]) -> None:
        super().__init__()
        self.entry, self.note, self.tag, self.tags = entry, note, tag, tags

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as box:
            box.border_title = "Note and tag"
            yield Static(Text.assemble("For: ", self.entry), id="entry")
            yield Label("Note (optional; Enter saves)")
            yield LimitedInput(self.note, id="note", max_length=NOTE_MAX, what="The note", placeholder="what happened, in a few words")
            yield Label("Tag (optional; arrows move, Space chooses)")
            with RadioSet(id="tag"):
                yield MarkedRadioButton(NO_TAG, value=not self.tag)
                for tag in self.tags:
                    yield MarkedRadioButton(tag, value=tag == self.tag)
            yield Horizontal(Button("Save", id="save", variant="primary"), Button("Cancel", id="cancel"),
                             id="buttons")
        yield KeyFooter()

    @on(Input.Submitted, "#note")
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.dismiss((self.query_one("#note", Input).value, self.chosen_tag()))

    def chosen_tag(self) -> str:
        label = getattr(chosen(self.query_one("#tag", RadioSet)), "plain_label", NO_TAG)
        return "" if label == NO_TAG else label

    def entered(self) -> bool:
        return self.query_one("#note", Input).value != self.note or self.chosen_tag() != self.tag


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
            yield Horizontal(Button("Save", id="save", variant="primary"), Button("Cancel", id="cancel"),
                             id="buttons")
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
        if not steps and not note.strip():
            self.show_error("Tick what was tried (or write a note).")
        elif accepted is None:
            self.show_error("Say whether it was accepted: yes, or not (yet).")
        else:
            maker = by.name if by else self.by
            self.dismiss({"by": maker, "steps": steps, "accepted": accepted.name == "yes", "note": note})

    def entered(self) -> bool:
        by = chosen(self.query_one("#by", RadioSet))
        return bool(self.query_one("#steps", SelectionList).selected or self.query_one("#note", Input).value
                    or chosen(self.query_one("#accepted", RadioSet)) or (by is not None and by.name != self.by))


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
            yield Horizontal(Button("We're back", id="back", variant="primary"), Button("Hide timer", id="hide"),
                             id="buttons")
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
