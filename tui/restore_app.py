"""The small App that shows only the restore screen, before the main App starts (tui/cli.py)."""

from __future__ import annotations

from textual.app import App

from data.backup import root_of
from data.clock import Clock
from data.errors import CorruptFileError
from data.folder import Folder
from screens.restore import QUIT, RESTORED, RestoreScreen
from tui.safe_io import CONTROL_FILTER, LiteralNotify
from tui.terminal import TerminalFit

__all__ = ["RestoreApp", "RESTORED", "QUIT"]


class RestoreApp(LiteralNotify, TerminalFit, App[str]):
    """Just the restore screen; returns RESTORED or QUIT. Draws like the main app (--ascii too)."""

    TITLE = "attune"
    CSS_PATH = "ascii.tcss"

    def __init__(self, error: CorruptFileError, now: Clock | None = None, ascii_only: bool = False) -> None:
        super().__init__()
        self.error = error
        self.folder = Folder.open(root_of(error.path), create=False)
        self.now = now
        self.ascii_only = ascii_only
        self.set_class(ascii_only, "-ascii")

    def get_line_filters(self):
        return [*super().get_line_filters(), CONTROL_FILTER]

    def on_mount(self) -> None:
        self.push_screen(RestoreScreen(self.error, self.folder, self.now), callback=self.exit)
