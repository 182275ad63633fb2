"""An encrypted folder's first frame: its passphrase (or recovery key), asked once per start.
The key is stretched in a child process (scrypt takes a second or so): the screen keeps answering."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Input, Static

from data import crypt
from data.errors import DataError, InputError
from widgets.key_footer import KeyFooter


class SecretInput(Input):
    """The passphrase field. A paste keeps all its lines, joined: a recovery key copied off a
    wrapped line arrives in two (Input keeps only the first)."""

    def on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # instead of Input's own handler, which keeps the first line
        event.stop()
        text = "".join(event.text.splitlines())
        if self.selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *self.selection)


ABOUT = ("This folder is encrypted. Type its passphrase, or the recovery key you were shown when it "
         "was set up. A wrong one changes nothing.")


class UnlockScreen(Screen["crypt.Cipher | None"]):
    AUTO_FOCUS = "#secret"
    BINDINGS = [Binding("escape", "leave", "Quit, leave it locked")]
    problem: var[str] = var("")  # why the last try did not unlock it
    busy: var[bool] = var(False)

    def __init__(self, root: Path, done: "Callable[[crypt.Cipher | None], object] | None" = None) -> None:
        """`done`: what to call with the key (or None); by default the screen is dismissed with it.
        The unlock App passes its `exit`: the screen is its first and only one."""
        super().__init__()
        self.root = root
        self.done = done or self.dismiss

    def compose(self) -> ComposeResult:
        with Vertical(id="unlock-box"):
            yield Static("attune · unlock", id="unlock-title")
            yield Static(ABOUT, id="unlock-about")
            yield SecretInput(placeholder="passphrase or recovery key", password=True, id="secret")
            yield Static("Unlocking… (a second or two)", id="unlock-busy")
            yield Static(id="error", markup=False)
        yield Static(f"data folder: {self.root}", id="unlock-where", markup=False)
        yield KeyFooter()

    def watch_problem(self, problem: str) -> None:
        error = self.query_one("#error", Static)
        error.update(problem)
        error.set_class(bool(problem), "shown")

    def watch_busy(self, busy: bool) -> None:
        self.query_one("#unlock-busy").display = busy

    pending = ""  # typed and entered while the last one was being tried: tried next

    @on(Input.Submitted, "#secret")
    def submitted(self, event: Input.Submitted) -> None:
        secret = event.value
        if not secret:
            return
        event.input.clear()  # not kept on screen, nor in the widget, once taken
        if self.busy:
            self.pending = secret
            return
        self.busy, self.problem = True, ""
        self.unlock(secret)

    @work(thread=True, group="unlock")
    def unlock(self, secret: str) -> None:
        try:
            cipher = crypt.unlock_apart(self.root, secret)
        except (DataError, InputError) as exc:
            self.app.call_from_thread(self.failed, str(exc))
            return
        self.app.call_from_thread(self.done, cipher)

    def failed(self, why: str) -> None:
        self.busy = False
        self.problem = why[:1].upper() + why[1:]
        self.query_one("#secret", Input).focus()
        if self.pending:
            secret, self.pending = self.pending, ""
            self.busy = True
            self.unlock(secret)

    def action_leave(self) -> None:
        self.done(None)
