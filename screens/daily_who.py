"""Two people, one keyboard: ask who is writing (or reading) before anything is saved."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from screens.base import AttuneModal
from widgets.literal import literal


class WhoScreen(AttuneModal[str | None]):
    CSS_PATH = "daily_who.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("1", "pick('a')", "First partner", show=False),
        Binding("2", "pick('b')", "Second partner", show=False),
    ]

    def __init__(self, question: str, notes: dict[str, str] | None = None) -> None:
        super().__init__()
        self.question = question
        self.notes = notes or {}

    def compose(self) -> ComposeResult:
        options = []
        for n, partner in enumerate(self.store.partners(), start=1):
            prompt = Text.assemble(f" {n}  ", literal(partner.name, "bold"))
            note = self.notes.get(partner.id)
            if note:
                prompt.append(f"  · {note}", "dim")
            options.append(Option(prompt, id=partner.id))
        with Vertical(id="who-box"):
            yield Static(self.question, id="who-question", markup=False)
            yield OptionList(*options, id="who-list")
            yield Static("1 or 2, or ↑/↓ and Enter · Esc cancels", classes="muted", markup=False)

    def on_mount(self) -> None:
        # Nobody is chosen until someone says who they are: Enter alone does nothing.
        self.call_after_refresh(setattr, self.query_one("#who-list", OptionList), "highlighted", None)

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_pick(self, pid: str) -> None:
        self.dismiss(pid)

    def action_cancel(self) -> None:
        self.dismiss(None)
