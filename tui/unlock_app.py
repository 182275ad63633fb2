"""The small App that asks an encrypted folder's passphrase, before the main App starts
(tui/cli.py): its first frame is the prompt. Returns the unlocked key, or None to quit."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from screens.unlock import UnlockScreen
from tui.safe_io import CONTROL_FILTER, LiteralNotify
from tui.terminal import ASCII_FILTER, TerminalFit


class UnlockApp(LiteralNotify, TerminalFit, App):
    TITLE = "attune"
    CSS_PATH = "ascii.tcss"

    def __init__(self, root: Path, ascii_only: bool = False) -> None:
        super().__init__()
        self.root = root
        self.ascii_only = ascii_only
        self.set_class(ascii_only, "-ascii")

    def get_line_filters(self):
        return [*super().get_line_filters(), *([ASCII_FILTER] if self.ascii_only else []), CONTROL_FILTER]

    def get_default_screen(self) -> UnlockScreen:
        return UnlockScreen(self.root, done=self.exit)
