"""What every attune screen shares: the store, live refresh, friendly errors, the dialogs all use,
and Line, one line of text a screen binds to one of its reactives."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import replace
from typing import Any, Callable, Iterator, TypeVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Button, Static
from textual.worker import Worker, WorkerState

from data.errors import CorruptFileError, DataError, InputError


T = TypeVar("T")


class Line(Widget):
    """One line of text drawn from its own reactive: set `text` (or data_bind it); it redraws only
    when the text really changed."""

    DEFAULT_CSS = "Line { height: 1; text-wrap: nowrap; text-overflow: ellipsis; }"  # cut, and it shows
    text: reactive[Text | str] = reactive("")

    def render(self) -> Text | str:
        return self.text


class WideLine(Line):
    """A Line whose width follows its text (`width: auto`)."""

    text: reactive[Text | str] = reactive("", layout=True)


class StoreMixin:
    """Gives a screen `self.store` and `self.attempt()` (errors become notifications)."""

    @property
    def store(self):
        return self.app.store  # type: ignore[attr-defined]

    def attempt(self, action: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Run a store call; on bad input or a failed write, say so and keep running."""
        with self.trying():
            return action(*args, **kwargs)
        return None

    @contextmanager
    def trying(self) -> Iterator[None]:
        """attempt() for a block of store calls: the first that fails is said, the rest skipped."""
        try:
            yield
        except InputError as exc:
            self.notify(str(exc), title="Not saved", severity="warning")  # type: ignore[attr-defined]
        except CorruptFileError as exc:  # damaged under us: the restore offer, not just a toast
            self.app.folder_trouble(exc)  # type: ignore[attr-defined]
        except DataError as exc:
            self.notify(str(exc), title="Could not save", severity="error", timeout=10)  # type: ignore[attr-defined]

    async def on_event(self, event) -> None:
        # A store read in a screen's on_mount or other event handler that meets a damaged or
        # vanished folder gets the folder dialog, not the app's last-resort exit. A dialog or
        # sub-screen that could not load what it edits is closed first: half loaded, it would
        # show (and save) something untrue.
        try:
            await super().on_event(event)  # type: ignore[misc]
        except DataError as exc:
            app = self.app  # type: ignore[attr-defined]
            if isinstance(event, events.Mount) and self.is_current and len(app.screen_stack) > 1:  # type: ignore[attr-defined]
                self.dismiss(None)  # type: ignore[attr-defined]
            app.folder_trouble(exc)

    def show_error(self, problem: object) -> None:
        """Say in the form's #error line why it cannot be saved (the form stays open)."""
        text = str(problem)
        error = self.query_one("#error", Static)  # type: ignore[attr-defined]
        error.update(text[:1].upper() + text[1:])
        error.add_class("shown")


class AttuneScreen(StoreMixin, Screen):
    """A full screen that redraws when the data changes (here or in another session)."""

    _stale = False
    # Kept for the app's whole life (home and each feature's main screen): what it holds may be
    # frozen out of the collector's sight. A screen that is closed again must not be (a leak).
    LIVES_WITH_APP = False

    def on_mount(self) -> None:
        # Base handlers run too (Textual walks the MRO), so subclasses need not call this.
        self.app.data_signal.subscribe(self, self.data_changed)  # type: ignore[attr-defined]
        if self.LIVES_WITH_APP:
            self.call_after_refresh(self.app.settle_heap)  # type: ignore[attr-defined]

    def on_unmount(self) -> None:
        # The signal holds this screen through its bound method until the next publish: let go now.
        self.app.data_signal.unsubscribe(self)  # type: ignore[attr-defined]

    def data_changed(self, _: None = None) -> None:
        if self.is_current:
            self.reread()
        else:
            self._stale = True

    def on_screen_resume(self) -> None:
        if self._stale:
            self._stale = False
            self.reread()

    def reread(self) -> None:
        """refresh_data, but a folder that stopped being readable gets the app's dialog, not a crash."""
        try:
            self.refresh_data()
        except DataError as exc:
            self._stale = True  # read again once the dialog is done
            self.app.folder_trouble(exc)  # type: ignore[attr-defined]

    def refresh_data(self) -> None:
        """Re-read what this screen shows. Override."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A background read (home's cards, history, search) that met a damaged file: one with a
        backup gets the folder dialog, with its restore; else a notification says so and the screen
        keeps what it found (an old month has no backup). A bug still ends the app."""
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        if isinstance(error, DataError):
            if not self.app.offer_restore(error):  # type: ignore[attr-defined]
                self.notify(str(error), title="Could not read", severity="error", timeout=15)
        elif error is not None:
            raise error


class AttuneModal(StoreMixin, ModalScreen[T]):
    """A dialog over another screen."""


class FormDialog(AttuneModal[T]):
    """A dialog that saves a form. Enter saves from anywhere in it, as Ctrl+S does (on a button
    it presses that button); Space and the arrows work the choices as in Textual. Esc with
    something entered first says it is not saved; a second Esc throws it away; a #cancel button
    throws it away at once. Subclasses give `action_save` and `entered()`."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("enter", "enter", "Save", priority=True, show=False),
        Binding("escape", "cancel", "Cancel"),
    ]
    _discard_armed = False

    def entered(self) -> bool:
        """Whether anything was typed or chosen. Override."""
        return False

    def action_enter(self) -> None:
        if isinstance(self.focused, Button):
            self.focused.press()
        else:
            self.action_save()  # type: ignore[attr-defined]

    def action_cancel(self) -> None:
        if self.entered() and not self._discard_armed:
            self._discard_armed = True
            self.notify("Not saved yet. Esc again throws it away; Enter or Ctrl+S saves.", title="Unsaved",
                        severity="warning")
            return
        self.dismiss(None)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)


def off_footer(item):
    """An active binding left out of the Footer to make room (F1 still lists it)."""
    return item._replace(binding=replace(item.binding, show=False))


class FeatureScreen(AttuneScreen):
    """A feature's main screen: Esc goes back home."""

    LIVES_WITH_APP = True

    BINDINGS = [("escape", "app.home", "Home")]


class ConfirmModal(AttuneModal[bool]):
    """Enter presses the focused button, which is the safe one (No)."""

    CSS_PATH = "confirm.tcss"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No", danger: bool = False) -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no
        self.set_class(danger, "-danger")  # losing what was said: red

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self.question, markup=False)
            with Horizontal(id="confirm-buttons"):
                # Labels may hold a name: Text, so never read as markup.
                yield Button(Text(f"{self.yes} (y)"), id="yes", variant="error" if self.has_class("-danger") else "warning")
                yield Button(Text(f"{self.no} (n)"), id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
