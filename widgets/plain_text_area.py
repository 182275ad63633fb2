"""A TextArea that never draws raw control characters, and gives back what was typed.

Textual's TextArea draws text as is, so a pasted escape sequence would reach the terminal. Here all
text that gets in (typing, paste, load) shows controls as symbols (ESC as ␛) with plain newlines,
and `raw_text` turns the symbols back for saving. (A control picture typed as itself, U+2400–U+2421,
is saved as the control it pictures; C1 controls, U+0080–U+009F, stay U+FFFD.)"""

from __future__ import annotations

from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult

from widgets.limited_input import count_near
from widgets.literal import visible

_RAW = {0x2400 + code: code for code in range(0x20) if chr(code) not in "\n\t"} | {0x2421: 0x7F}


def clean(text: str) -> str:
    return visible((text or "").replace("\r\n", "\n").replace("\r", "\n"))


class PlainTextArea(TextArea):
    def __init__(self, text: str = "", *, limit: int = 0, **kwargs) -> None:
        kwargs.setdefault("soft_wrap", True)
        kwargs.setdefault("tab_behavior", "focus")
        super().__init__(clean(text), **kwargs)
        self.limit = limit  # with one: the count shows in the border from 80% of it on

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self.limit:
            self.border_subtitle = count_near(len(self.text), self.limit, " too long: not saved")

    def load_text(self, text: str) -> None:
        super().load_text(clean(text))

    @property
    def raw_text(self) -> str:
        """The text with the pictured control characters as themselves: what to save."""
        return self.text.translate(_RAW)

    def edit(self, edit: Edit) -> EditResult:
        """Every change goes through here (typing, paste, the API; undo and redo replay these)."""
        edit.text = clean(edit.text)
        return super().edit(edit)
