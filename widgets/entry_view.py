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
    out = Text.assemble(("Mood ", "bold"), (f"{mood_label(entry.mood)}", "bold"), (" (of 5)", "dim"))
    wrote_any = False
    for field, label in LABELS:
        value = getattr(entry, field)
        if value.strip():
            wrote_any = True
            out.append("\n\n")
            out.append(label, "bold underline")
            out.append("\n")
            out.append_text(capped(value, SHOW_MAX))
    if not wrote_any:
        out.append("\n\n")
        out.append("No words today, just the mood.", "dim italic")
    return out


def snippet(text: str, terms: list[str], width: int = 60) -> Text:
    """One line of `text` around the first search term, the terms highlighted."""
    text = text or ""
    lead = False
    if len(text) > SHOW_MAX:  # only a window round the first hit: flattening a megabyte is slow
        hits = [p for p in (text.casefold().find(t) for t in terms if t) if p >= 0]
        first = min(hits, default=0)  # casefold seldom changes lengths; the window is wide
        lo = max(0, first - SHOW_MAX // 2)
        text, lead = text[lo:lo + SHOW_MAX], lo > 0
    flat = visible(" ".join(text.split()))
    folded = flat.casefold()
    hits = [folded.find(t) + len(t) for t in terms if t and folded.find(t) >= 0]
    # Start at the beginning unless that would leave the first hit out of sight.
    start = max(0, min(hits) - width * 2 // 3) if hits and min(hits) > width else 0
    piece = flat[start:start + width]
    line = Text(("…" if start or lead else "") + piece + ("…" if start + width < len(flat) else ""))
    for term in terms:
        if term:
            line.highlight_words([term], "bold reverse", case_sensitive=False)
    return line


class EntryView(Static):
    """An entry, or (no entry) the muted line `empty` saying why there is none."""

    entry: var[DailyEntry | None] = var(None)
    empty = var("Nothing written.")

    def watch_entry(self) -> None:
        self.update(entry_text(self.entry) if self.entry else Text(self.empty, style="dim italic"))

    watch_empty = watch_entry
