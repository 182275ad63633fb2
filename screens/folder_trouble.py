"""While the app runs, its data folder stopped being readable: a file damaged or replaced, the
folder moved, deleted, unmounted. Say what, change nothing, and offer a way on: restore the file
from its backup, retry once the folder is back, or quit."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from data.backup import DAMAGED_DIR, BackupSet, latest_copy, restore
from data.errors import CorruptFileError, DataError
from widgets.literal import literal

RETRIED, QUIT = "retried", "quit"


class FolderTroubleScreen(ModalScreen[str]):
    CSS_PATH = "folder_trouble.tcss"
    BINDINGS = [
        Binding("t", "retry", "Try again"),
        Binding("r", "restore", "Restore from backup"),
        Binding("q", "quit_app", "Quit"),
    ]

    def __init__(self, error: DataError) -> None:
        super().__init__()
        self.error = error
        self.backup: BackupSet | None = None

    def on_mount(self) -> None:
        self.show(self.error)

    def compose(self) -> ComposeResult:
        with Vertical(id="trouble-box"):
            yield Static("", id="trouble-title")
            yield Static("", id="trouble-detail")
            yield Static("", id="trouble-what")
            with Horizontal(id="trouble-buttons"):
                yield Button("Try again (t)", id="retry", variant="primary")
                yield Button("Restore from backup (r)", id="restore")
                yield Button("Quit (q)", id="quit")

    def show(self, error: DataError) -> None:
        self.error = error
        damaged = isinstance(error, CorruptFileError)
        self.backup = None
        if damaged:
            try:
                self.backup = latest_copy(self.app.store.folder, error.path)  # type: ignore[attr-defined]
            except (OSError, ValueError, DataError):
                self.backup = None
        self.query_one("#trouble-title", Static).update(
            "A data file cannot be read" if damaged else "The data folder cannot be used")
        self.query_one("#trouble-detail", Static).update(literal(str(error)))
        self.query_one("#trouble-what", Static).update(self.explanation())
        self.query_one("#restore").display = self.backup is not None
        self.refresh_bindings()

    def explanation(self) -> Text:
        parts: list = ["attune has changed nothing. ", ("Try again", "bold"),
                       " once the folder is back (or the file repaired); ", ("Quit", "bold"), " leaves everything as it is."]
        if self.backup is not None:
            kept = self.app.store.folder.backups_dir / DAMAGED_DIR  # type: ignore[attr-defined]
            parts += ["\n", ("Restore", "bold"), f" puts the backup of {self.backup.taken:%Y-%m-%d %H:%M} in its place "
                      "(what was written to the file after that is lost; the damaged file is kept in ", literal(str(kept)), ")."]
        return Text.assemble(*parts)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.backup is not None if action == "restore" else True

    @on(Button.Pressed, "#retry")
    def action_retry(self) -> None:
        problem = self.app.folder_problem()  # type: ignore[attr-defined]
        if problem is None:
            self.dismiss(RETRIED)
        else:
            self.show(problem)
            self.notify("Still the same: nothing was changed.", title="Not yet", severity="warning")

    @on(Button.Pressed, "#restore")
    def action_restore(self) -> None:
        if self.backup is None or not isinstance(self.error, CorruptFileError):
            return
        try:
            restore(self.app.store.folder, Path(self.error.path), self.app.store.now())  # type: ignore[attr-defined]
        except DataError as exc:
            self.notify(str(exc), title="Not restored", severity="error", timeout=10)
            return
        self.action_retry()

    @on(Button.Pressed, "#quit")
    def action_quit_app(self) -> None:
        self.dismiss(QUIT)
