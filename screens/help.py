"""F1: every key that works on the screen below, with what it does."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.markup import MarkupError
from textual.screen import ModalScreen, Screen
from textual.widgets import Static
from rich.table import Table
from rich.text import Text


def as_read(description: str) -> str:
    """A key's description as the Footer shows it: the Footer reads it as markup (names in it are
    escaped), so the same words here, without the escapes."""
    try:
        return Content.from_markup(description).plain
    except MarkupError:
        return description


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close help")]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        rows: dict[tuple[str, str], dict[str, None]] = {}  # the keys of each, in order, each once
        for active in self.under.active_bindings.values():
            binding = active.binding
            if binding.description:  # a tooltip: the same words uncut (the gauge's names)
                keys = rows.setdefault((binding.action, binding.tooltip or binding.description), {})
                keys[self.app.get_key_display(binding)] = None
        for (_action, description), keys in rows.items():
            table.add_row(Text(" / ".join(keys)), Text(as_read(description)))
        about = getattr(self.under, "HELP", "") or ""
        with VerticalScroll(id="help-box"):
            yield Static("Keys on this screen", id="help-title")
            if about:
                yield Static(Text(about), id="help-about")
            yield Static(table, id="help-keys")
            yield Static(Text("Ctrl+P opens the command palette (themes, every screen).  Esc closes this."), classes="muted")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
