"""At start, a data file that does not parse: say which, never touch it, offer the latest backup.

Shown by `tui.cli.run_app` in a small App of its own (tui/restore_app.py), before the main App
starts: the store cannot be opened (or would fail on the home screen) while the file is damaged.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Static

from data import clock as real_clock
from data.backup import DAMAGED_DIR, BackupSet, latest_copy, restore
from data.clock import Clock
from data.errors import CorruptFileError, DataError
from data.folder import Folder
from widgets.literal import literal
from widgets.key_footer import KeyFooter

RESTORED, QUIT = "restored", "quit"

HELP = (
    "attune found a data file it cannot read. It has not changed the file. Restore puts the newest "
    "automatic backup of that file in its place (the damaged file is kept); Quit leaves everything as it is."
)


class RestoreScreen(Screen[str]):
    CSS_PATH = "restore.tcss"
    HELP = HELP
    BINDINGS = [
        Binding("r", "restore", "Restore from backup"),
        Binding("q,escape", "quit_app", "Quit, change nothing"),
    ]

    def __init__(self, error: CorruptFileError, folder: Folder, now: Clock | None = None) -> None:
        super().__init__()
        self.error = error
        self.folder = folder
        self.now = now or real_clock.now
        try:
            self.backup: BackupSet | None = latest_copy(folder, error.path)
        except (OSError, ValueError):
            self.backup = None

    def compose(self) -> ComposeResult:
        with Vertical(id="restore-box"):
            yield Static("A data file cannot be read", id="restore-title")
            yield Static(literal(str(self.error.path), "bold"), id="restore-file")
            yield Static(literal(self.error.detail), id="restore-detail")
            yield Static(self.explanation(), id="restore-what")
            yield Static("", id="restore-error")
            with Horizontal(id="restore-buttons"):
                if self.backup is not None:
                    yield Button("Restore from backup (r)", id="restore", variant="primary")
                yield Button("Quit (q)", id="quit")
        yield KeyFooter()

    def explanation(self) -> Text:
        kept = self.folder.backups_dir / DAMAGED_DIR
        if self.backup is None:
            return Text(
                "attune has left it exactly as it is. There is no automatic backup of this file yet, "
                "so attune cannot repair it: quit, then move the file away or repair it by hand."
            )
        return Text.assemble(
            "attune has left it exactly as it is.\n",
            ("Restore", "bold"),
            f" puts the automatic backup of {self.backup.taken:%Y-%m-%d %H:%M} in its place: what was "
            "written to this file after that is lost. The damaged file is kept in ",
            literal(str(kept)),
            ".\n",
            ("Quit", "bold"),
            " changes nothing.",
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.backup is not None if action == "restore" else True  # no backup: no key shown

    @on(Button.Pressed, "#restore")
    def action_restore(self) -> None:
        if self.backup is None:
            return
        try:
            restore(self.folder, Path(self.error.path), self.now())
        except DataError as exc:
            box = self.query_one("#restore-error", Static)
            box.update(literal(f"Not restored: {exc}"))
            box.add_class("shown")
            self.notify(str(exc), title="Not restored", severity="error", timeout=10)
            return
        self.dismiss(RESTORED)

    @on(Button.Pressed, "#quit")
    def action_quit_app(self) -> None:
        self.dismiss(QUIT)
