"""Show text a person typed exactly as typed: never as Rich markup, never as live escapes."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.text import Text

# C0 controls map to the Unicode "control pictures" block (ESC -> ␛); DEL and C1 to a marker.
_VISIBLE = {code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in "\n\t"}
_VISIBLE[0x7F] = "\u2421"
_VISIBLE.update({code: "\ufffd" for code in range(0x80, 0xA0)})


def name_short(name: str, width: int = 12) -> str:
    """A name cut to `width` cells (an emoji takes two), saying so (…)."""
    return name if cell_len(name) <= width else set_cell_size(name, width - 1) + "…"


def visible(text: str) -> str:
    """Control characters (escape sequences included) as harmless visible symbols."""
    return (text or "").translate(_VISIBLE)


def literal(text: str, style: str = "") -> Text:
    """A Rich Text holding `text` verbatim: `[b]x[/b]` stays brackets, ESC shows as ␛."""
    return Text(visible(text), style=style)


def as_markup(text: str) -> str:
    """`text` for a place Textual reads as markup (a Footer label), shown as written: every `[` is
    escaped. Textual's own escape() leaves a cut tag such as `[/…` open, which ends the app."""
    return visible(text).replace("[", "\\[")


def one_line(text: str, width: int = 60) -> Text:
    """The first line of `text`, cut to `width` with an ellipsis, for lists and cards."""
    first = visible(text).split("\n", 1)[0]
    more = "\n" in (text or "")
    if len(first) > width:
        first, more = first[: width - 1], True
    return Text(first + ("…" if more else ""))


def capped(text: str, limit: int) -> Text:
    """`text` literally, cut at `limit` characters with a note saying how many more there are:
    wrapping a megabyte someone imported takes seconds, and what is stored stays whole."""
    if len(text) <= limit:
        return literal(text)
    shown = literal(text[:limit])
    shown.append(f" … ({len(text) - limit:,} more characters not shown)", style="italic dim")
    return shown
