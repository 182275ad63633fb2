"""Add a note and a tag to an entry just logged (offered after the one-key log, never before)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, RadioSet, Static

from data.text import NOTE_MAX
from screens.base import FormDialog
from widgets.marked_radio import MarkedRadioButton, chosen
from widgets.limited_input import LimitedInput
from widgets.key_footer import KeyFooter

NO_TAG = "no tag"


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
            with Horizontal(id="buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")
        yield KeyFooter()

    @on(Input.Submitted, "#note")
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        pressed = chosen(self.query_one("#tag", RadioSet))
        label = getattr(pressed, "plain_label", NO_TAG)
        tag = "" if label == NO_TAG else label
        self.dismiss((self.query_one("#note", Input).value, tag))

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)

    def entered(self) -> bool:
        pressed = chosen(self.query_one("#tag", RadioSet))
        tag = getattr(pressed, "plain_label", NO_TAG)
        return self.query_one("#note", Input).value != self.note or ("" if tag == NO_TAG else tag) != self.tag
