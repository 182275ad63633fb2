"""A one-line box that says where its limit is: nothing typed or pasted is dropped unseen.
Textual's Input only rings the bell at `max_length` and keeps a paste's first line; here the count
shows in the border near the limit, and a refused edit or a paste cut to one line says so."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

NEAR = 0.8  # the count shows from this share of the limit on


def count_near(size: int, limit: int, over: str = "") -> str:
    """`1,950/2,000` once `size` nears `limit` (with `over` added past it), else nothing."""
    if size < limit * NEAR:
        return ""
    return f"{size:,}/{limit:,}{over if size > limit else ''}"


class LimitedInput(Input):
    def __init__(self, value: str | None = None, *, max_length: int, what: str = "This box", **kwargs) -> None:
        super().__init__(value, max_length=max_length, **kwargs)
        self.what = what

    told = False  # said "Too long" since the box was last under its limit: once is enough

    def watch_value(self, value: str) -> None:
        self.border_subtitle = count_near(len(value), self.max_length)
        self.told = self.told and len(value) >= self.max_length

    def restricted(self) -> None:
        super().restricted()  # the bell, on every key refused
        if not self.told:
            self.told = True
            self.notify(f"{self.what} keeps at most {self.max_length:,} characters, so that was not added.",
                        title="Too long", severity="warning")

    def on_paste(self, event: events.Paste) -> None:
        if len([line for line in event.text.splitlines() if line.strip()]) > 1:
            self.notify(f"{self.what} is one line: only the first line of the paste went in.",
                        title="Pasted one line", severity="warning")
