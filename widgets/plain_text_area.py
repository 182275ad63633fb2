"""A TextArea that never holds raw control characters.

Textual's TextArea draws its text as is, so a pasted escape sequence would reach the
terminal. Here every way text gets in (typing, paste, load) turns controls into visible
symbols first (ESC shows as ␛), and line endings become plain newlines."""

from __future__ import annotations

from textual.widgets import TextArea

from widgets.literal import visible


def clean(text: str) -> str:
    return visible((text or "").replace("\r\n", "\n").replace("\r", "\n"))


class PlainTextArea(TextArea):
    def __init__(self, text: str = "", **kwargs) -> None:
        kwargs.setdefault("soft_wrap", True)
        kwargs.setdefault("tab_behavior", "focus")
        super().__init__(clean(text), **kwargs)

    def load_text(self, text: str) -> None:
        super().load_text(clean(text))

    # Typing and pasting both arrive here (textual 8.2.8, pinned in pyproject.toml).
    def _replace_via_keyboard(self, insert, start, end):  # type: ignore[override]
        return super()._replace_via_keyboard(clean(insert), start, end)
