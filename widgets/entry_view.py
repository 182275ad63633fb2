"""How one daily entry reads: mood with its word, then each field, all shown literally."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import var
from textual.widgets import Static

from data.models import MOOD_WORDS, DailyEntry
from data.text import ENTRY_MAX
from widgets.literal import capped, visible

# All a person can type shows whole. Only a hand edit brings more (import refuses it), and
# wrapping a megabyte takes seconds: the rest is stored whole but not drawn.
SHOW_MAX = ENTRY_MAX

LABELS = (
    ("happened", "What happened"),
    ("on_mind", "On my mind"),
    ("would_help", "What would help me today"),
)


def mood_label(mood: int) -> str:
    return f"{mood} {MOOD_WORDS.get(mood, '?')}"


def entry_text(entry: DailyEntry) -> Text:
    out = Text.assemble(("Mood ", "bold"), (mood_label(entry.mood), "bold"), (" (of 5)", "dim"))
    written = [(label, getattr(entry, field)) for field, label in LABELS if getattr(entry, field).strip()]
    for label, value in written:
        out.append_text(Text.assemble("\n\n", (label, "bold underline"), "\n", capped(value, SHOW_MAX)))
    if not written:
        out.append_text(Text.assemble("\n\n", ("No words today, just the mood.", "dim italic")))
    return out


def snippet(text: str, terms: list[str], width: int = 60) -> Text:
    """One line of `text` around the first search term, the terms highlighted."""
    text = text or ""
    lead = False
    if len(text) > SHOW_MAX:  # only a window round the first hit: flattening a megabyte is slow
        folded = text.casefold()  # casefold seldom changes lengths; the window is wide
        first = min((folded.find(t) for t in terms if t in folded), default=0)
        lo = max(0, first - SHOW_MAX // 2)
        text, lead = text[lo:lo + SHOW_MAX], lo > 0
    flat = visible(" ".join(text.split()))
    folded = flat.casefold()
    hits = [folded.find(t) + len(t) for t in terms if t in folded]
    # Start at the beginning unless that would leave the first hit out of sight.
    start = max(0, min(hits) - width * 2 // 3) if hits and min(hits) > width else 0
    piece = flat[start:start + width]
    line = Text(("…" if start or lead else "") + piece + ("…" if start + width < len(flat) else ""))
    for term in terms:
        line.highlight_words([term], "bold reverse", case_sensitive=False)
    return line


class EntryView(Static):
    """An entry, or (no entry) the muted line `empty` saying why there is none."""

    entry: var[DailyEntry | None] = var(None)
    empty = var("Nothing written.")

    def watch_entry(self) -> None:
        self.update(entry_text(self.entry) if self.entry else Text(self.empty, style="dim italic"))

    watch_empty = watch_entry
