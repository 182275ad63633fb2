"""Fitting the terminal in front of us: ASCII-only drawing and 16-colour consoles.

ASCII mode works on what is drawn, not on each widget: a line filter (the hook Textual uses for
NO_COLOR) swaps every box-drawing, block and symbol glyph for an ASCII one of the same width.
So borders, scrollbars, sparklines, Digits and widgets written later all come out as ASCII
without knowing about it. Text a person typed passes through unchanged, except those glyphs.
"""

from __future__ import annotations

import unicodedata

from rich.segment import Segment
from textual.binding import Binding
from textual.color import Color
from textual.filter import LineFilter

SIXTEEN_COLOUR_THEME = "ansi-dark"  # uses the terminal's own palette and background

# Block elements (U+2580..U+259F): borders use the halves and eighths, sparklines the rising bars.
_BLOCKS = {
    "▀": "-", "▁": "_", "▂": ",", "▃": ".", "▄": "-", "▅": "=", "▆": "+", "▇": "*", "█": "#",
    "▉": "|", "▊": "|", "▋": "|", "▌": "|", "▍": "|", "▎": "|", "▏": "|", "▐": "|",
    "░": ".", "▒": ":", "▓": "#", "▔": "-", "▕": "|",
    "▖": ".", "▗": ".", "▘": "'", "▝": "'", "▚": "#", "▞": "#",
    "▙": "#", "▛": "#", "▜": "#", "▟": "#",
}
# Symbols Textual and our screens draw (one cell each, like their replacements).
_SYMBOLS = {
    "…": "~", "·": "-", "•": "*", "‣": ">", "◦": "o", "●": "*", "○": "o", "◉": "*", "◯": "O",
    "▪": "*", "■": "#", "□": "o", "◆": "*", "◇": "o", "★": "*", "☆": "*", "⭑": "*", "⭘": "O",
    "▲": "^", "▼": "v", "▶": ">", "◀": "<", "▸": ">", "◂": "<", "▴": "^", "▾": "v", "►": ">", "◄": "<",
    "←": "<", "→": ">", "↑": "^", "↓": "v", "↔": "-", "↕": "|", "⇥": ">", "⏎": "<", "⌫": "<",
    "✓": "v", "✔": "v", "✗": "x", "✘": "x", "✕": "x", "✖": "x", "×": "x",
    "–": "-", "—": "-", "−": "-", "‐": "-", "‒": "-", "‘": "'", "’": "'", "“": '"', "”": '"',
    "≥": ">", "≤": "<", "≈": "~", "±": "+", "⚠": "!",
}


def _box_char(char: str) -> str:
    """An ASCII stand-in for a box-drawing character, worked out from its Unicode name."""
    name = unicodedata.name(char, "")
    if "DIAGONAL" in name:
        return {"╱": "/", "╲": "\\"}.get(char, "X")
    words = set(name.replace(" AND ", " ").split())
    across = bool(words & {"HORIZONTAL", "LEFT", "RIGHT"})
    down = bool(words & {"VERTICAL", "UP", "DOWN"})
    if "ARC" in words or (across and down):
        return "+"
    return "-" if across else "|"


def _build_table() -> dict[int, str]:
    table = {cp: _box_char(chr(cp)) for cp in range(0x2500, 0x2580)}
    table.update({ord(k): v for k, v in _BLOCKS.items()})
    table.update({ord(k): v for k, v in _SYMBOLS.items()})
    # Two-cell glyphs Textual itself draws (the command palette's search icon).
    table.update({ord("🔎"): "> ", ord("📁"): "[]", ord("📂"): "[]", ord("📄"): "[]"})
    return table


ASCII_TABLE = _build_table()
# What an ASCII screen must never show (tests scan for these).
DRAWING_RANGES = ((0x2190, 0x21FF), (0x2300, 0x23FF), (0x2500, 0x25FF), (0x2700, 0x27BF), (0x2B00, 0x2BFF))


def to_ascii(text: str) -> str:
    return text if text.isascii() else text.translate(ASCII_TABLE)


def drawing_glyphs(text: str) -> set[str]:
    return {ch for ch in text if any(lo <= ord(ch) <= hi for lo, hi in DRAWING_RANGES)}


class AsciiFilter(LineFilter):
    """Redraws every line with ASCII stand-ins for drawing glyphs; styles are kept."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            seg if seg.control or seg.text.isascii() else Segment(to_ascii(seg.text), seg.style, seg.control)
            for seg in segments
        ]


ASCII_FILTER = AsciiFilter()


class TerminalFit:
    """Mixed into the App: ASCII drawing on request, the ANSI theme on 16-colour terminals."""

    ascii_only: bool = False

    def get_key_display(self, binding: Binding) -> str:
        shown = super().get_key_display(binding)  # type: ignore[misc]
        if not self.ascii_only or shown.isascii():
            return shown
        # Textual shows arrows and ⏎ for these keys: spell a lone one out ("^up"). Keys that sit
        # together (a pair like "←→", or a Footer group) keep one cell each ("<>"), so the Footer
        # is no longer in ASCII than otherwise.
        if binding.group is not None:
            return to_ascii(shown)
        words = {"↑": "up", "↓": "down", "←": "left", "→": "right", "⏎": "enter", "⌫": "bksp", "⇥": "tab"}
        out = []
        for i, ch in enumerate(shown):
            paired = any(0 <= j < len(shown) and shown[j] in words for j in (i - 1, i + 1))
            out.append(ch if paired else words.get(ch, ch))
        return to_ascii("".join(out))

    def session_theme(self, saved: str) -> str:
        """The saved theme, unless this terminal has only 16 colours: a truecolour theme loses its
        contrast there; the ANSI one uses the terminal's palette. Not saved: the partner's may differ."""
        if getattr(self, "is_headless", False) or saved.startswith("ansi"):
            return saved
        system = self.console.color_system  # type: ignore[attr-defined]
        return SIXTEEN_COLOUR_THEME if system in ("standard", "windows") else saved
