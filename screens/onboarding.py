"""First run: who are the two of you?"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Checkbox, Input, Label, Static

from data import crypt
from data.errors import DataError, InputError
from data.text import NAME_MAX
from screens.base import StoreMixin
from widgets.key_footer import KeyFooter
from widgets.limited_input import LimitedInput

RECOVERY_HELP = (
    "Write it down, or keep it in a password manager, apart from this computer. If the passphrase "
    "is forgotten, type this key instead. The standard age tool opens any file with it "
    "(age -d -i KEYFILE months/2026-11.json). Lose both the passphrase and this key and the data "
    "is gone: nobody can open it, attune neither. (`attune recovery-key` shows it again, after the passphrase.)"
)

INTRO = (
    "Keep up with each other's inner world: a love-map quiz, a daily catch-up "
    "and a live ratio of good moments to hard ones. It all stays on this computer."
)

ENCRYPT = "Encrypt this folder with a passphrase"


class OnboardingScreen(StoreMixin, Screen[list]):
    CSS_PATH = "onboarding.tcss"
    AUTO_FOCUS = "#name-a"

    def compose(self) -> ComposeResult:
        with Center():
            with Vertical(id="welcome"):
                yield Static("Welcome to attune", id="title")
                yield Static(INTRO, id="intro", markup=False)
                yield Label("First partner's name")
                yield LimitedInput(placeholder="e.g. Sam", id="name-a", max_length=NAME_MAX, what="A name")
                yield Label("Second partner's name")
                yield LimitedInput(placeholder="e.g. Alex", id="name-b", max_length=NAME_MAX, what="A name")
                if self.store.is_encrypted:  # encrypted before the couple was set up
                    yield Static("This folder is encrypted: what you write here is too.", id="encrypted")
                else:
                    yield Checkbox(ENCRYPT, id="encrypt", compact=True)
                with Horizontal(id="passphrases"):
                    yield Input(placeholder="passphrase", password=True, id="pass-1")
                    yield Input(placeholder="the same again", password=True, id="pass-2")
                yield Static("", id="error", markup=False)
                yield Button("Start", id="start", variant="primary")
        yield Static(f"data folder: {self.store.root}", id="where", markup=False)

    @on(Input.Submitted, "#name-a")
    @on(Input.Submitted, "#pass-1")
    def next_field(self) -> None:
        self.focus_next()  # the second name, or the second passphrase

    @on(Checkbox.Changed, "#encrypt")
    def encrypt_changed(self, event: Checkbox.Changed) -> None:
        event.checkbox.label = ENCRYPT + (" ✓" if event.value else "")  # not by colour alone (NO_COLOR)
        self.query_one("#passphrases").display = event.value
        self.query_one("#welcome").set_class(event.value, "-encrypt")  # room for the two fields at 80x24
        if event.value:
            self.query_one("#pass-1", Input).focus()

    @on(Input.Submitted, "#name-b")
    @on(Input.Submitted, "#pass-2")
    @on(Button.Pressed, "#start")
    def start(self) -> None:
        a = self.query_one("#name-a", Input).value
        b = self.query_one("#name-b", Input).value
        passphrase = None
        try:
            self.store.check_couple(a, b)
            if any(box.value for box in self.query("#encrypt").results(Checkbox)):
                passphrase = crypt.check_passphrase(self.query_one("#pass-1", Input).value)
                if self.query_one("#pass-2", Input).value != passphrase:
                    raise InputError("the two passphrases differ: type the same one twice")
        except (InputError, DataError) as exc:
            self.show_error(exc)
            return
        if passphrase is None:
            self.set_up(a, b, None)
            return
        self.show_error("Encrypting… (a second or two)")
        self.query_one("#start", Button).disabled = True
        # pyrage holds the GIL while scrypt runs: let that line reach the terminal first.
        self.set_timer(0.1, lambda: self.encrypt_then_set_up(a, b, passphrase))

    @work(thread=True, group="setup")
    def encrypt_then_set_up(self, a: str, b: str, passphrase: str) -> None:
        try:
            cipher = self.store.encrypt(passphrase)
        except (InputError, DataError) as exc:
            self.app.call_from_thread(self.set_up_failed, exc)
            return
        self.app.call_from_thread(self.set_up, a, b, cipher)

    def set_up_failed(self, problem: Exception) -> None:
        self.query_one("#start", Button).disabled = False
        self.show_error(problem)

    def set_up(self, a: str, b: str, cipher: "crypt.Cipher | None") -> None:
        try:
            if cipher is None and self.store.is_set_up:  # the other of you did it meanwhile, elsewhere
                self.notify(f"{' & '.join(p.name for p in self.store.partners())} were set up in another "
                            "session meanwhile: this one joins them.", title="Already set up")
                self.dismiss(self.store.partners())
                return
            partners = self.store.setup_couple(a, b)
        except (InputError, DataError) as exc:
            self.show_error(exc)
            return
        if cipher is None:
            self.dismiss(partners)
        else:
            self.app.push_screen(RecoveryKeyScreen(cipher.secret), callback=lambda _: self.dismiss(partners))


class RecoveryKeyScreen(ModalScreen[None]):
    """The recovery key, shown once: the only way in if the passphrase is forgotten."""

    CSS_PATH = "onboarding.tcss"
    BINDINGS = [Binding("c", "copy", "Copy the key")]

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key

    def compose(self) -> ComposeResult:
        with Vertical(id="recovery"):
            yield Static("Your recovery key", id="recovery-title")
            yield Static(self.key, id="recovery-key", markup=False)
            yield Static(RECOVERY_HELP, id="recovery-help", markup=False)
            yield Button("I have kept it safe", id="kept", variant="primary")
        yield KeyFooter()

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.key)
        self.notify("Copied (where the terminal allows it). Paste it somewhere safe, then clear the clipboard.")

    @on(Button.Pressed, "#kept")
    def kept(self) -> None:
        self.dismiss(None)
