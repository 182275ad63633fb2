"""The data folder cannot be used (a file damaged or replaced, the folder gone): say what, change
nothing, and offer restore from backup, try again (while the App runs) or quit. Also the App's
first screen when the store cannot be opened on a damaged file (tui/app.py, restore_first)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from data.backup import DAMAGED_DIR, BackupSet, NothingToRestore, latest_copy, restore
from data.clock import Clock
from data.errors import CorruptFileError, DataError
from data.folder import Folder
from widgets.key_footer import KeyFooter
from widgets.literal import literal

RETRIED, RESTORED, QUIT = "retried", "restored", "quit"

HELP = (
    "attune cannot use a data file or its data folder, and has not changed anything. Restore puts the "
    "newest automatic backup of a damaged file in its place (the damaged file is kept); Try again reads "
    "the folder again; Quit leaves everything as it is."
)


class FolderTroubleScreen(ModalScreen[str]):
    error: var[DataError] = var(DataError(""), init=False, always_update=True)  # what is wrong now
    CSS_PATH = "folder_trouble.tcss"
    HELP = HELP
    BINDINGS = [
        Binding("t", "retry", "Try again"),
        Binding("r", "restore", "Restore from backup"),
        Binding("q", "quit_app", "Quit, change nothing"),
        Binding("escape", "leave", "Quit, change nothing", show=False),
    ]

    def __init__(self, error: DataError, folder: Folder, now: Clock,
                 retry: Callable[[], DataError | None] | None = None, typing: bool = False) -> None:
        """`retry` says what is still wrong (None: all is well); without it, no "try again".
        `typing`: it came up while someone was typing in a field, so the keys they go on pressing
        must not restore or quit: its letters and Esc are off, and Tab and Enter (or a click) choose."""
        super().__init__()
        self.folder, self.now, self.retry, self.typing = folder, now, retry, typing
        if typing:  # no button focused either: an Enter typed on (a new line) presses none
            self.AUTO_FOCUS = ""
        self.backup: BackupSet | None = None
        self.set_reactive(FolderTroubleScreen.error, error)

    def compose(self) -> ComposeResult:
        with Vertical(id="trouble-box"):
            yield Static(id="trouble-title")
            yield Static(id="trouble-detail")
            yield Static(id="trouble-what")
            with Horizontal(id="trouble-buttons"):
                if self.retry is not None:
                    yield Button("Try again" + ("" if self.typing else " (t)"), id="retry", variant="primary")
                yield Button("Restore from backup" + ("" if self.typing else " (r)"), id="restore")
                yield Button("Quit" + ("" if self.typing else " (q)"), id="quit")
        yield KeyFooter()

    drawn = False  # its widgets are all mounted (a watcher can run before that)

    def on_mount(self) -> None:
        self.drawn = True
        self.watch_error(self.error)

    def watch_error(self, error: DataError) -> None:
        if not self.drawn:
            return  # a second problem before it is drawn: on_mount shows the latest
        damaged = isinstance(error, CorruptFileError)
        try:
            self.backup = latest_copy(self.folder, error.path) if damaged else None  # type: ignore[attr-defined]
        except (OSError, ValueError, DataError):
            self.backup = None
        self.query_one("#trouble-title", Static).update(
            "A data file cannot be read" if damaged else "The data folder cannot be used")
        self.query_one("#trouble-detail", Static).update(literal(str(error)))
        self.query_one("#trouble-what", Static).update(self.explanation(damaged))
        self.query_one("#restore").display = self.backup is not None
        self.refresh_bindings()

    def explanation(self, damaged: bool) -> Text:
        parts: list = ["attune has changed nothing."]
        if self.backup is not None:
            kept = self.folder.backups_dir / DAMAGED_DIR
            parts += ["\n", ("Restore", "bold"), f" puts the automatic backup of {self.backup.taken:%Y-%m-%d %H:%M} in "
                      "its place: what was written to this file after that is lost. The damaged file is kept in ",
                      literal(str(kept)), "."]
        elif damaged:
            parts.append(" There is no automatic backup of this file yet, so attune cannot repair it: "
                         "quit, then move the file away or repair it by hand.")
        if self.retry is not None:
            parts += ["\n", ("Try again", "bold"), " once the file is repaired." if damaged else " once the folder is back."]
        unsaved = ": what you were typing is not saved." if self.typing else "."
        parts += ["\n", ("Quit", "bold"), " changes nothing" + unsaved]
        if self.typing:
            parts += ["\n", ("You were typing, so its keys are off (letters, Esc, Enter): Tab to a button, "
                             "then Enter.", "bold")]
        return Text.assemble(*parts)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.typing and action in ("retry", "restore", "quit_app", "leave"):
            return False  # the buttons still work: they call the actions themselves
        if action == "retry":
            return self.retry is not None
        return self.backup is not None if action == "restore" else True  # no backup: no key shown

    @on(Button.Pressed, "#retry")
    def action_retry(self) -> None:
        problem = self.retry() if self.retry is not None else None
        if problem is None:
            self.dismiss(RETRIED)
            return
        same = getattr(problem, "path", None) == getattr(self.error, "path", None) and str(problem) == str(self.error)
        self.error = problem
        said = "Still the same: nothing was changed." if same else "Another problem is left: it is shown now."
        self.notify(said, title="Not yet", severity="warning")

    @on(Button.Pressed, "#restore")
    def action_restore(self) -> None:
        if self.backup is None or not isinstance(self.error, CorruptFileError):
            return
        try:
            restore(self.folder, Path(self.error.path), self.now())
        except NothingToRestore as exc:  # another attune restored it meanwhile: go on with that
            self.app.notify(str(exc), title="Not restored", timeout=10)
        except DataError as exc:
            self.notify(str(exc), title="Not restored", severity="error", timeout=10)
            return
        else:
            self.app.notify(f"{self.folder.name_of(Path(self.error.path))} is back as it was at "
                            f"{self.backup.taken:%Y-%m-%d %H:%M}; the damaged file is in "
                            f"{self.folder.backups_dir / DAMAGED_DIR}.", title="Restored", timeout=15)
        if self.retry is None:
            self.dismiss(RESTORED)
        else:
            self.action_retry()

    answered = False  # dismissed: on its way out (the App then waits to show another)

    def dismiss(self, result=None):
        self.answered = True
        return super().dismiss(result)

    @on(Button.Pressed, "#quit")
    def action_quit_app(self) -> None:
        self.dismiss(QUIT)

    def action_leave(self) -> None:
        self.dismiss(QUIT)
