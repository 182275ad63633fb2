"""A pasted text arrives whole and in order, escape sequences and all.

Textual 8.2.8's parser reads an ESC inside a bracketed paste as the start of a key: `a hug
ESC[31mRED ESC[0m tonight` was saved as `…RED… tonighta hug`. PasteParser takes each bracketed
paste out of the input whole and hands the rest to Textual's parser. Textual has no public way to
give a driver a parser: this is the one private module attune imports (tests/test_paste_parser.py
notices when an upgrade changes what it relies on).
"""

from __future__ import annotations

from typing import Iterable

import os
import sys
import time

from textual import events
from textual.constants import ESCAPE_DELAY
from textual._xterm_parser import XTermParser
from textual.message import Message

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"


def _partial(text: str, marker: str) -> int:
    """How many characters at the end of `text` could be the start of `marker`."""
    for size in range(min(len(text), len(marker) - 1), 0, -1):
        if marker.startswith(text[-size:]):
            return size
    return 0


class PasteParser(XTermParser):
    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._pasting: list[str] | None = None  # the paste so far, while inside one
        self._tail = ""  # what might be the start of a marker, split across two reads
        self._tail_since = 0.0

    def feed(self, data: str) -> Iterable[Message]:
        if not data:  # end of input
            return self._end()
        return self._split(data)

    def _end(self) -> Iterable[Message]:
        if self._pasting is None and self._tail:
            yield from super().feed(self._tail)
        yield from super().feed("")

    def tick(self) -> Iterable[Message]:
        # What looked like the start of a marker and was not: after the wait Textual gives a
        # lone ESC (then it is the Escape key), on to Textual's parser.
        if self._pasting is None and self._tail and time.monotonic() - self._tail_since >= ESCAPE_DELAY:
            tail, self._tail = self._tail, ""
            if tail == "\x1b":
                yield events.Key("escape", "\x1b")
            else:
                yield from super().feed(tail)
        yield from super().tick()

    def _split(self, data: str) -> Iterable[Message]:
        data, self._tail = self._tail + data, ""
        while data:
            if self._pasting is None:
                start = data.find(PASTE_START)
                if start < 0:
                    keep = _partial(data, PASTE_START)
                    yield from super().feed(data[:len(data) - keep]) if len(data) > keep else ()
                    self._tail, self._tail_since = data[len(data) - keep:], time.monotonic()
                    return
                yield from super().feed(data[:start]) if start else ()
                self._pasting, data = [], data[start + len(PASTE_START):]
                continue
            end = data.find(PASTE_END)
            if end < 0:
                keep = _partial(data, PASTE_END)
                self._pasting.append(data[:len(data) - keep])
                self._tail = data[len(data) - keep:]
                return
            self._pasting.append(data[:end])
            text, self._pasting = "".join(self._pasting), None
            yield events.Paste(text.replace("\x00", ""))  # as Textual does: a NUL ends strings downstream
            data = data[end + len(PASTE_END):]


def install() -> None:
    """Use PasteParser in the terminal driver, and in the browser's when `attune serve` runs
    this app (idempotent; the browser's driver is not imported otherwise)."""
    drivers = ["linux_driver"] if sys.platform != "win32" else []
    if "web_driver" in os.environ.get("TEXTUAL_DRIVER", ""):
        drivers.append("web_driver")
    for name in drivers:
        module = __import__(f"textual.drivers.{name}", fromlist=["XTermParser"])
        module.XTermParser = PasteParser
