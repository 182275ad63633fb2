"""The small App that shows only the restore screen, before the main App starts (tui/cli.py)."""

from __future__ import annotations

from textual.app import App

from data.backup import root_of
from data.clock import Clock
from data.crypt import Cipher
from data.errors import CorruptFileError
from data.folder import Folder
from data import clock as real_clock
from screens.folder_trouble import QUIT, RESTORED, FolderTroubleScreen
from tui.safe_io import CONTROL_FILTER, LiteralNotify
from tui.terminal import ASCII_FILTER, TerminalFit

__all__ = ["RestoreApp", "RESTORED", "QUIT"]


class RestoreApp(LiteralNotify, TerminalFit, App[str]):
    """Just the damaged-file screen (screens/folder_trouble.py); returns RESTORED or QUIT. Draws like the main app (--ascii too)."""

    TITLE = "attune"
    CSS_PATH = "ascii.tcss"

    def __init__(self, error: CorruptFileError, now: Clock | None = None, ascii_only: bool = False,
                 cipher: "Cipher | None" = None) -> None:
        super().__init__()
        self.error = error
        self.folder = Folder.open(root_of(error.path), create=False)
        self.folder.cipher = cipher  # an encrypted folder's backups are checked decrypted
        self.now = now
        self.ascii_only = ascii_only
        self.set_class(ascii_only, "-ascii")

    def get_line_filters(self):
        return [*super().get_line_filters(), *([ASCII_FILTER] if self.ascii_only else []), CONTROL_FILTER]

    def on_mount(self) -> None:
        self.push_screen(FolderTroubleScreen(self.error, self.folder, self.now or real_clock.now), callback=self.exit)
