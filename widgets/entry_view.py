"""How one daily entry reads: mood with its word, then each field, all shown literally."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import var
from textual.widgets import Static

from data.models import MOOD_WORDS, DailyEntry
from data.text import ENTRY_MAX, fold
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
        folded = fold(text)  # the window is wide: a length casefold changed hardly moves it
        first = min((folded.find(t) for t in terms if t in folded), default=0)
        lo = max(0, first - SHOW_MAX // 2)
        text, lead = text[lo:lo + SHOW_MAX], lo > 0
    flat = visible(" ".join(text.split()))
    folded = fold(flat)
    hits = [folded.find(t) + len(t) for t in terms if t in folded]
    # Start at the beginning unless that would leave the first hit out of sight.
    start = max(0, min(hits) - width * 2 // 3) if hits and min(hits) > width else 0
    head = "…" if start or lead else ""
    line = Text(head + flat[start:start + width] + ("…" if start + width < len(flat) else ""))
    if len(folded) != len(flat):  # casefold changed a length (ß): find the words as typed instead
        line.highlight_words(terms, "bold reverse", case_sensitive=False)
        return line
    for term in terms:  # where the folded text has them: "cafe" lights up "café"
        at = folded.find(term)
        while 0 <= at < start + width:
            if at + len(term) > start:
                line.stylize("bold reverse", len(head) + max(at - start, 0), len(head) + min(at + len(term) - start, width))
            at = folded.find(term, at + 1)
    return line


class EntryView(Static):
    """An entry, or (no entry) the muted line `empty` saying why there is none."""

    entry: var[DailyEntry | None] = var(None)
    empty = var("Nothing written.")

    def watch_entry(self) -> None:
        self.update(entry_text(self.entry) if self.entry else Text(self.empty, style="dim italic"))

    watch_empty = watch_entry
