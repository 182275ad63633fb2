"""The attune App: modes for each feature, built only when first opened, and what every key
and every drawn line passes through (KeysInOrder, ControlFilter)."""

from __future__ import annotations

import asyncio
import gc
import inspect
import re
import sys
import termios
import unicodedata
from pathlib import Path
from importlib import import_module
from typing import Callable, Iterable

from rich.segment import Segment
from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.color import Color
from textual.filter import LineFilter
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.signal import Signal
from textual.widget import Widget

from data import Store
from data.errors import CorruptFileError, DataError
from data.text import BIDI_CONTROLS, ENTRY_MAX
from tui import paste_parser
from tui.terminal import ASCII_FILTER, TerminalFit

HOME = "home"
POLL_SECONDS = 0.05  # how often we look for other sessions' writes (one tiny file read)
LOCK_WAIT = 0.5  # a write waits this long for another attune's lock, then says "busy" (keys keep working)
ROUND_LIMIT = 1.0  # seconds one round may take before held keys go on regardless (never a hang)
PASTE_MAX = 10 * ENTRY_MAX  # room to paste too much into the longest field, then trim it there


# -- keys in order ---------------------------------------------------------------------
# Textual hands each key to whatever has focus when the App reads it, so in a burst of keys (fast
# typing) one typed after Enter landed in the old answer box, or on the old screen. KeysInOrder
# holds the keys after one that may move focus until that key's handlers (and the focus changes
# they scheduled) have run, then sends them on to whatever has focus. Typing into a field goes
# straight through; a key after it that may act at once (Ctrl+S) first waits for that text.


def _is_text_field(widget: Widget | None) -> bool:
    # By name: importing TextArea here would load it before the first frame.
    return widget is not None and any(c.__name__ in ("Input", "TextArea") for c in type(widget).__mro__)


def _invisible(character: str | None) -> bool:
    # A format character or a space that is not " " (not a control key: those are Ctrl+letters).
    return (character is not None and len(character) == 1 and not character.isprintable()
            and unicodedata.category(character) in ("Cf", "Zs", "Zl", "Zp"))


def _moves_nothing(event: events.Key | events.Paste, focused: Widget | None) -> bool:
    # Text typed or pasted into a text field only edits that field.
    return (isinstance(event, events.Paste) or event.is_printable) and _is_text_field(focused)


class KeysInOrder:
    """Mixed into an App before App: see the comment above."""

    _held: list[events.Event] | None = None  # keys waiting for the one before them; None: none is
    _after: Widget | None = None  # the widget that key went to
    _releasing: asyncio.Task | None = None
    _unsettled: Widget | None = None  # a text field handed keys it may not have handled yet

    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, (events.Key, events.Paste)) or event.is_forwarded:
            await super().on_event(event)  # type: ignore[misc]
            return
        if self._held is not None:
            self._held.append(event)
            if self._releasing is None:  # checked only once a key waits: a lone key costs nothing
                self._release(self._after)
            return
        focused = self.focused  # type: ignore[attr-defined]
        if _moves_nothing(event, focused):  # typing runs straight through
            await super().on_event(event)  # type: ignore[misc]
            self._unsettled = focused
            return
        if self._unsettled is not None:
            # A key that may act (Ctrl+S saves at once, from the App) waits for the text before
            # it to be in its field.
            target, self._unsettled = self._unsettled, None
            self._held = [event]
            self._release(target)
            return
        await super().on_event(event)  # type: ignore[misc]
        self._held, self._after = [], focused or self.screen  # type: ignore[attr-defined]

    def _release(self, target: Widget | None) -> None:
        self._releasing = asyncio.get_running_loop().create_task(self._release_after(target))

    def _chain(self, *starts: Widget | None) -> set[MessagePump]:
        nodes: set[MessagePump] = {self}  # type: ignore[arg-type]
        for start in starts:
            if start is not None:
                nodes.update(start.ancestors_with_self)
        return nodes

    async def _release_after(self, target: Widget | None) -> None:
        """Wait until `target`, the widgets above it, the screen now showing and the App have
        handled what is queued for them (a key a widget does not use bubbles up to the App,
        which runs the screen's binding), then let the held keys go on, behind any focus change
        those handlers scheduled on the App."""
        try:
            for _ in range(len(self._chain(target)) + 1):  # a message can bubble one level a round
                done = []
                for node in self._chain(target, self.focused, self.screen):  # type: ignore[attr-defined]
                    handled = asyncio.Event()
                    if node.call_later(handled.set):  # False once the widget is gone
                        done.append(handled.wait())
                await asyncio.wait_for(asyncio.gather(*done), ROUND_LIMIT)
        except Exception:  # a round that timed out, a screen gone mid-round: go on
            pass
        finally:
            self._releasing = None
            self.call_later(self._replay)  # type: ignore[attr-defined]

    async def _replay(self) -> None:
        held, self._held = self._held or [], None
        for index, event in enumerate(held):
            if self._held is not None:  # that key may move focus too: the rest wait again
                self._held.extend(held[index:])
                if self._releasing is None:
                    self._release(self._after)
                return
            await self.on_event(event)

# -- what is drawn, and what is pasted ----------------------------------------------------
# Some widgets draw their value as is (Textual's Input does), so a pasted "\x1b]52;…" would run in
# the terminal. ControlFilter removes C0/C1 controls, DEL and bidi overrides (which could make a
# name read as something else) from every drawn text segment; Rich counts them zero cells wide,
# so layout is kept. Control segments (Textual's own cursor moves and styles) are left alone.
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}]")


class ControlFilter(LineFilter):
    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(_UNSAFE.search(seg.text) for seg in segments if not seg.control):
            return segments  # the usual case: nothing to copy
        return [seg if seg.control else Segment(_UNSAFE.sub("", seg.text), seg.style) for seg in segments]


CONTROL_FILTER = ControlFilter()


def _screen(module: str, name: str) -> Callable[[], Screen]:
    """A feature's screen, imported when first opened: start-up loads only home."""
    return lambda: getattr(import_module(f"screens.{module}"), name)()


_home = _screen("home", "HomeScreen")


# (mode, title, what it is for): the order of the home screen and the command palette.
FEATURES = [
    ("quiz", "Love-map quiz", "Answer and guess, side by side; see what changed"),
    ("daily", "Daily catch-up", "Note your day and catch up on your partner's"),
    ("gauge", "Ratio gauge", "Log + and − and watch the 5:1 / 20:1 ratio live"),
    ("review", "Weekly review", "Your weekly check-in meeting, and the minutes of past ones"),
]


class AttuneApp(KeysInOrder, TerminalFit, App[None]):
    TITLE = "attune"
    # Home's stylesheet is loaded with the app's: see on_mount.
    CSS_PATH = ["app.tcss", "ascii.tcss", "../screens/home.tcss"]
    MODES = {"quiz": _screen("quiz", "QuizScreen"), "daily": _screen("daily", "DailyScreen"),
             "gauge": _screen("gauge", "GaugeScreen"), "review": _screen("review", "ReviewScreen")}
    DEFAULT_MODE = HOME  # drawn from get_default_screen(); added to the modes once mounted
    BINDINGS = [
        Binding("f1", "help", "Help", priority=True),
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False),  # F1 lists it: the footer keeps room for the screen's keys
        Binding("ctrl+z", "suspend_process", "Suspend (fg comes back)", show=False),
    ]

    def __init__(self, store: Store | None, ascii_only: bool = False, poll: bool = True,
                 locked: Path | None = None, damaged: CorruptFileError | None = None, cipher=None) -> None:
        """`store` None: the first screen asks the passphrase of `locked`, or offers the backup of
        `damaged`, then the App opens the store itself (in a browser a second App would end the tab)."""
        paste_parser.install()
        if store is None:
            self.DEFAULT_MODE = "opening"  # its one screen; home is a mode of its own once open
            if locked:  # a default screen's own CSS_PATH is not read (as home's): the app's has it
                self.CSS_PATH = [*AttuneApp.CSS_PATH, "../screens/unlock.tcss"]
        super().__init__()
        self.store = store
        self.locked, self.damaged, self.cipher = locked, damaged, cipher
        if store is not None:
            store.folder.wait_for_lock(LOCK_WAIT)
        self.ascii_only = ascii_only
        self.set_class(ascii_only, "-ascii")  # for CSS that wants to differ in ASCII mode
        self._poll = poll
        # "The couple's data changed" (here or in another session): each AttuneScreen subscribes.
        self.data_signal: Signal[None] = Signal(self, "data-changed")
        self.exit_line = ""  # why the app stopped, if it had to (tui.cli prints it)
        self.export_dir: Path | None = None  # where palette exports go (None: current folder, else home)

    def get_default_screen(self) -> Screen:
        if self.locked:
            from screens.unlock import UnlockScreen

            return UnlockScreen(self.locked, done=self.unlocked)
        return _home() if self.store is not None else Screen()  # damaged: the dialog goes on top

    def on_mount(self) -> None:
        # Home's stack exists by now, built by get_default_screen(): as a MODES entry its first
        # screen would force a full CSS refresh (start-up measured 1.56x hello world, not 1.25x).
        self.add_mode(HOME, _home)
        # Back from Ctrl+Z (fg): the terminal was cleared, and Textual draws only what changed.
        self.app_resume_signal.subscribe(self, lambda _: self.screen.refresh(repaint=True, layout=True))
        if not self.is_headless and sys.__stdin__ is not None and sys.__stdin__.isatty():
            self.set_interval(1, self.check_terminal)
        if self.store is not None:
            self.start()
        elif self.damaged is not None:
            self.restore_first(self.damaged)

    def unlocked(self, cipher) -> None:
        """The unlock screen's answer: the folder's key (then home), or None (quit)."""
        if cipher is None:
            self.exit_line = f"attune: {self.locked} was left locked; nothing was read or changed"
            self.exit(return_code=1)
            return
        self.cipher = cipher
        self.open_store(self.locked)

    def open_store(self, root: Path) -> None:
        """Open the folder (once unlocked, or once a damaged file is restored), then home."""
        try:
            store = Store.open(root, cipher=self.cipher)
        except CorruptFileError as exc:
            self.restore_first(exc)
            return
        except DataError as exc:
            self.exit_line = f"attune: {exc}"
            self.exit(return_code=1)
            return
        self.store = store
        store.folder.wait_for_lock(LOCK_WAIT)
        self.switch_mode(HOME)
        self.start()

    def restore_first(self, error: CorruptFileError) -> None:
        """A file the store cannot open on: offer its backup, then open; or quit, changing nothing."""
        from data.backup import root_of
        from data.clock import now
        from data.folder import Folder
        from screens.folder_trouble import RESTORED, FolderTroubleScreen

        root = root_of(error.path)
        try:
            folder = Folder.open(root, create=False)
        except DataError as exc:
            error = exc
        else:
            folder.cipher = self.cipher  # an encrypted folder's backups are checked decrypted

        def done(result: str | None) -> None:
            if result == RESTORED:
                self.open_store(root)
            else:
                self.exit_line = f"attune: {error}"
                self.exit(return_code=1)

        if isinstance(error, CorruptFileError):
            self.push_screen(FolderTroubleScreen(error, folder, now), callback=done)
        else:
            done(None)

    def start(self) -> None:
        """What the app does once it has its store: at mount, or once the folder is unlocked."""
        theme = self.session_theme(self.store.settings().theme)
        if theme in self.available_themes:
            self.theme = theme
        self._theme_ready = True
        if not self.store.is_set_up:
            from screens.onboarding import OnboardingScreen

            self.push_screen(OnboardingScreen(), callback=lambda _: self.data_changed())
        self._today = self.store.now().date()
        for warning in self.store.folder.warnings:
            self.notify(warning, title="Data folder", severity="warning", timeout=15)
        if self._poll:
            self.set_interval(POLL_SECONDS, self.check_for_changes)
        try:  # only parsing here; the rules are checked at each file's first read
            problems = self.store.folder.damaged_files(self._today, checked=False)
        except DataError as exc:
            self.folder_trouble(exc)
            return
        # A damaged file with a backup: restore is offered at once. Without one, each screen
        # says so where it reads the file, and the app carries on with the rest.
        for problem in problems:
            if self.offer_restore(problem):
                break

    def get_line_filters(self):
        # ASCII stand-ins when asked for (tui/terminal.py); last of all, a raw control character
        # (a pasted or stored escape sequence) some widget draws as is never reaches the terminal.
        ascii_filter = [ASCII_FILTER] if self.ascii_only else []
        return [*super().get_line_filters(), *ascii_filter, CONTROL_FILTER]

    async def on_event(self, event) -> None:
        # Textual's text fields take only printable keys, so typed joiners, bidi marks and spaces
        # other than " " (a ZWJ emoji from a picker, Japanese U+3000) were dropped: each goes to the
        # field as the one-character paste it is, in its place among the keys around it.
        if isinstance(event, events.Key) and event.key != "ctrl+q":
            self._quit_armed = False  # asked about unsaved text, then went on: ask again next time
        if isinstance(event, events.Key) and _invisible(event.character) and _is_text_field(self.focused):
            event = events.Paste(event.character)
        # A paste far longer than any field keeps (a megabyte dropped in by mistake) would freeze a
        # text area for seconds while it wraps: refused, saying so.
        if isinstance(event, events.Paste) and len(event.text) > PASTE_MAX:
            self.notify(f"That paste is {len(event.text):,} characters; the longest text attune keeps is "
                        f"{ENTRY_MAX:,}. Nothing was pasted.", title="Paste too long", severity="warning")
            return
        await super().on_event(event)

    def notify(self, message: str, *, title: str = "", severity="information", timeout=None, markup=False) -> None:
        # Shown as written, never as markup: notifications carry paths and partners' names
        # ("Bo[/]" would end the app, "[shared]" would vanish).
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def _handle_exception(self, error: Exception) -> None:
        """The last resort, for which Textual has no public hook (Textualize/textual#2818): one line
        and a report without locals (tui/crash.py), not Textual's traceback with its locals (your
        text). Tests (headless) keep Textual's handling, to show the traceback."""
        if self.is_headless:
            super()._handle_exception(error)
            return
        if self.exit_line:
            return  # a second failure on the way out (a widget that fails on every redraw): the first line stands
        if isinstance(error, DataError):
            line = f"attune: {error}; start attune again to restore or retry"
        else:
            from tui.crash import crash_line

            line = crash_line(error)
        self.exit_line = line  # printed by tui.cli once the terminal is back: whole, one line
        self.exit(return_code=1)
        self.panic()

    def push_screen(self, screen, callback=None, wait_for_dismiss=False):
        """As Textual's; a dialog's answer that meets a folder gone bad gets the folder dialog."""
        if callback is not None:
            answer = callback

            async def callback(result) -> None:
                # A form's Enter: the keys typed after it may still be coming (folder_trouble).
                before, self.answering = self.answering, screen
                try:
                    outcome = answer(result)
                    if inspect.isawaitable(outcome):
                        await outcome
                except DataError as exc:
                    self.folder_trouble(exc)
                finally:
                    self.answering = before

        return super().push_screen(screen, callback, wait_for_dismiss)

    async def run_action(self, action, default_namespace=None, namespaces=None) -> bool:
        """Every key's action: a folder that stopped being readable gets a dialog, not a crash."""
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except DataError as exc:
            self.folder_trouble(exc)
            return True

    def folder_trouble(self, error: DataError) -> None:
        """Say what is wrong with the folder and offer restore, retry or quit (one dialog at most)."""
        from data.errors import LockedError
        from screens.base import FormDialog
        from screens.folder_trouble import QUIT, FolderTroubleScreen

        if self.quitting:
            return  # a redraw while quitting met the same trouble: the dialog was answered
        if isinstance(self.screen, FolderTroubleScreen):
            if self.screen.answered:  # on its way out: the next dialog once it is gone
                self.call_after_refresh(self.folder_trouble, error)
            else:
                self.screen.error = error
            return

        def done(result: str | None) -> None:
            if result == QUIT:
                self.quitting = True
                problem = self.folder_problem()
                self.exit_line = (f"attune: {problem}" if problem else
                                  "attune: quit from the folder dialog; the data folder reads well again")
                self.exit(return_code=1)
            else:  # once the dialog is gone: a read that fails again brings a new one
                self.call_after_refresh(self.data_changed)

        store = self.store
        # Encrypted or decrypted under us: trying again cannot help, starting again does.
        retry = None if isinstance(error, LockedError) else lambda: self.folder_problem(error)
        # What they go on typing (in a field, or after a form's Enter) must not choose for them.
        typing = _is_text_field(self.focused) or isinstance(self.answering, FormDialog)
        self.push_screen(FolderTroubleScreen(error, store.folder, store.now, retry, typing), callback=done)

    quitting = False
    answering: Screen | None = None  # the dialog whose answer is being saved

    def offer_restore(self, error: DataError) -> bool:
        """A read met a damaged file: True if the folder dialog offers its backup (False: none)."""
        if not isinstance(error, CorruptFileError):
            return False
        from data.backup import is_damaged, latest_copy

        try:
            if not is_damaged(self.store.folder, error.path):  # restored since that read began
                self.data_changed()
                return True
            backup = latest_copy(self.store.folder, error.path)
        except (OSError, ValueError, DataError):
            backup = None
        if backup is not None:
            self.folder_trouble(error)
        return backup is not None

    def folder_problem(self, error: DataError | None = None) -> DataError | None:
        """What still stops the app reading its folder (`error`'s file first); None once all is well."""
        path = getattr(error, "path", None)
        try:
            self.store.partners()
            problems = [found] if path and (found := self.store.folder.problem(Path(path))) else []
            problems += self.store.folder.damaged_files(self.store.now().date())
        except DataError as exc:
            return exc
        return problems[0] if problems else None

    def watch_theme(self, theme: str) -> None:
        if getattr(self, "_theme_ready", False) and self.store.is_set_up:
            try:
                self.store.update_settings(theme=theme)
            except Exception as exc:  # a read-only folder must not stop a theme change
                self.notify(str(exc), severity="warning")

    def settle_heap(self) -> None:
        """A drawn screen lives as long as the app: freezing what it holds keeps the collector's
        full passes off keypresses (the bench's p95 with ten years). Not headless: tests make many
        apps in one process."""
        if not self.is_headless:
            gc.collect()  # garbage is not frozen with it
            gc.freeze()

    def check_terminal(self) -> None:
        """A terminal gone without a hangup (nohup, a crashed window) leaves Textual's input thread
        spinning on end-of-file for ever: quit (everything is saved as it is made)."""
        try:
            termios.tcgetattr(sys.__stdin__.fileno())
        except (termios.error, OSError):  # termios.error is not an OSError
            self.exit()

    # -- live refresh --------------------------------------------------------------
    def check_for_changes(self) -> None:
        """Another session wrote, or midnight passed (the gauge's "today" starts again): redraw."""
        today = self.store.now().date()
        if self.store.changed_elsewhere() or today != self._today:
            self._today = today
            self.data_changed()

    def data_changed(self) -> None:
        """Tell every built screen; the visible one redraws now, the others when shown."""
        self.data_signal.publish(None)
        self.warn_backup()

    _backup_warned: str | None = None

    def warn_backup(self) -> None:
        """Today's automatic backup failed (the write itself went ahead): say so, once."""
        error = self.store.backup_error
        if error and error != self._backup_warned:
            self._backup_warned = error
            self.notify(f"{error}. What you saved is saved; there is no backup of today yet.",
                        title="Backup failed", severity="warning", timeout=15)

    # -- navigation ----------------------------------------------------------------
    def action_open(self, mode: str) -> None:
        if self.in_trouble() is not None:
            return  # the folder dialog is answered first (the palette could open a screen behind it)
        if self.unsaved():  # left open in its mode, it would be out of sight when Ctrl+Q asks
            self.notify("Save what you typed (Ctrl+S), or leave it with Esc, first.", title="Unsaved",
                        severity="warning")
            return
        if (mode == HOME or mode in self.MODES) and self.store is not None and self.store.is_set_up:
            self.switch_mode(mode)

    def unsaved(self) -> bool:
        """Typed text not saved yet, on a screen of this mode (see the screens' `entered`)."""
        return any(getattr(s, "entered", lambda: False)() for s in self.screen_stack)

    def in_trouble(self):
        """The folder dialog, if open (under the palette or help too); by name: not imported at start."""
        return next((s for s in self.screen_stack if type(s).__name__ == "FolderTroubleScreen"), None)

    async def action_quit(self) -> None:
        trouble = self.in_trouble()
        if trouble is not None:  # Ctrl+Q there is its Quit: exit 1, and the line saying why
            self.quitting = True
            self.exit_line = f"attune: {trouble.error}"
            self.exit(return_code=1)
            return
        if not self._quit_armed and self.unsaved():
            self._quit_armed = True  # as Esc in a form: asked once
            self.notify("What you typed is not saved. Ctrl+Q again quits without it.", title="Unsaved",
                        severity="warning")
            return
        await super().action_quit()

    _quit_armed = False

    def action_command_palette(self) -> None:
        # F1 (a priority key) opens Help over the palette: a second palette would share its id.
        if not any(isinstance(s, CommandPalette) for s in self.screen_stack):
            super().action_command_palette()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not self.is_web if action == "suspend_process" else True  # a browser tab cannot be suspended

    def action_home(self) -> None:
        self.action_open("home")

    def action_export(self, kind: str) -> None:
        from tui.export import export_from_app

        export_from_app(self, kind)  # the path is shown in a notification

    def action_help(self) -> None:
        from screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        if self.store is None:  # still locked
            yield from super().get_system_commands(screen)
            return
        set_up = self.store.is_set_up  # before the welcome form is done, there is nowhere to go
        if set_up:
            yield SystemCommand("Home", "Back to the home screen", self.action_home)
            for mode, title, help_text in FEATURES:
                yield SystemCommand(f"Open {title}", help_text, lambda m=mode: self.action_open(m))
        yield SystemCommand("Help", "Every key on this screen", self.action_help)
        if set_up:
            yield SystemCommand("Export everything (JSON)", "A full backup file, in the folder attune was started from",
                                lambda: self.action_export("json"))
            yield SystemCommand("Export last week's report (Markdown)", "The last 7 days, readable (e.g. for a therapist)",
                                lambda: self.action_export("md"))
        # Textual's "Keys" panel says what F1 (Help) says, and squeezes the screen beside it;
        # "Screenshot" would put what is on screen in a plain file outside the (maybe encrypted) folder.
        yield from (c for c in super().get_system_commands(screen) if c.title not in ("Keys", "Screenshot"))

    def action_help_quit(self) -> None:  # Ctrl+C outside a text box (Textual's words are markup)
        self.notify("Ctrl+Q quits attune; Ctrl+C copies selected text.", title="Do you want to quit?")
