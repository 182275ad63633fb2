"""What crosses the terminal, in and out, made safe for the whole app at once.

Out: the last line filter. Text a person typed is drawn with widgets/literal.py, which shows ESC
as ␛. But some widgets draw their value as is (Textual's Input does: a pasted "\\x1b]52;…" or a
note logged from a shell with escape sequences would be sent to the terminal and run there). This
filter works on what is drawn, for every widget, and removes C0/C1 controls and bidi overrides
from text segments. Rich counts those characters as zero cells wide, so removing them leaves every
line's layout as it was. Segments marked as control (Textual's own cursor moves and styles) are
left alone.

In: a paste far longer than any field keeps (a megabyte dropped in by mistake) would freeze a text
area for seconds while it wraps; it is refused at once, with a notification saying why.

Notifications (LiteralNotify) are never read as markup: they carry file paths and partners'
names, and "Bo[/]" would end the app while "[shared]" in a path would vanish.
"""

from __future__ import annotations

import re

from rich.segment import Segment
from textual import events
from textual.app import App
from textual.color import Color
from textual.filter import LineFilter

from data.text import ENTRY_MAX

PASTE_MAX = 10 * ENTRY_MAX  # room to paste too much into the longest field, then trim it there

# C0 (tab and newline never reach a segment), DEL, C1, and the bidi embeddings/overrides/isolates
# that could make a name read as something else.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    return _UNSAFE.sub("", text)


class ControlFilter(LineFilter):
    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(_UNSAFE.search(seg.text) for seg in segments if not seg.control):
            return segments  # the usual case: nothing to copy
        return [
            seg if seg.control or not _UNSAFE.search(seg.text) else Segment(strip_controls(seg.text), seg.style)
            for seg in segments
        ]


CONTROL_FILTER = ControlFilter()


class LiteralNotify:
    """Mixed into an App: every notification is shown as written, from any screen or widget."""

    def notify(self, message: str, *, title: str = "", severity="information", timeout=None, markup=False) -> None:
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)  # type: ignore[misc]


def refuse_paste(app: App, event: events.Event) -> bool:
    """True (after saying so) for a paste too long for any field: the caller drops the event."""
    if not isinstance(event, events.Paste) or len(event.text) <= PASTE_MAX:
        return False
    app.notify(f"That paste is {len(event.text):,} characters; the longest text attune keeps is "
               f"{ENTRY_MAX:,}. Nothing was pasted.", title="Paste too long", severity="warning")
    return True
