"""Every screen's footer: compact, and without the command palette's hint (F1 lists Ctrl+P and
Ctrl+Q), so a screen's own keys and F1 fit an 80- or 60-column terminal."""

from __future__ import annotations

from textual.widgets import Footer


class KeyFooter(Footer):
    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("compact", True)
        kwargs.setdefault("show_command_palette", False)
        super().__init__(**kwargs)
