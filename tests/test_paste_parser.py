"""The paste parser (tui/paste_parser.py): a bracketed paste is one Paste event, whole and in
order, however the terminal's bytes are split; other input is Textual's parser's as before."""

from __future__ import annotations

import textual.drivers.linux_driver
from textual import events
from textual._xterm_parser import XTermParser

from tui.paste_parser import PASTE_END, PASTE_START, PasteParser, install

PASTED = "a hug \x1b[31mRED \x1b[0m tonight\n\x07 😀 [b]x[/]"


def parse(*chunks: str) -> list:
    parser = PasteParser()
    out = []
    for chunk in chunks:
        out += list(parser.feed(chunk))
    return [("paste", e.text) if isinstance(e, events.Paste) else ("key", e.key) for e in out]


def test_a_paste_with_escape_sequences_is_one_event_in_order():
    assert parse(f"x{PASTE_START}{PASTED}{PASTE_END}y") == [("key", "x"), ("paste", PASTED), ("key", "y")]


def test_markers_and_text_split_anywhere_across_reads():
    wire = f"ab{PASTE_START}{PASTED}{PASTE_END}\r"
    for cut in range(len(wire) + 1):
        for second in range(cut, len(wire) + 1):
            chunks = [wire[:cut], wire[cut:second], wire[second:]]
            assert parse(*[c for c in chunks if c]) == [("key", "a"), ("key", "b"), ("paste", PASTED),
                                                         ("key", "enter")], (cut, second)


def test_textuals_own_parser_still_reorders_it():
    # The reason PasteParser exists. If this fails, Textual has fixed it: PasteParser can go.
    out = list(XTermParser().feed(f"{PASTE_START}{PASTED}{PASTE_END}"))
    assert [e.text for e in out if isinstance(e, events.Paste)] != [PASTED]


def test_the_app_puts_it_in_the_terminal_driver():
    install()
    assert textual.drivers.linux_driver.XTermParser is PasteParser


def test_the_escape_key_alone_is_still_the_escape_key(monkeypatch):
    import tui.paste_parser as pp

    parser = PasteParser()
    assert list(parser.feed("\x1b")) == []  # it might be a paste's start marker
    now = pp.time.monotonic()
    monkeypatch.setattr(pp.time, "monotonic", lambda: now + 1)
    assert [e.key for e in parser.tick()] == ["escape"]
    assert [e.key for e in parser.feed("\x1b[A")] == ["up"]  # a split sequence still parses
