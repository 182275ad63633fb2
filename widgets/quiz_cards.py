"""Small pieces the quiz screens share: a bordered card of typed text, mark and date labels."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

from rich.text import Text
from textual.widgets import Static

from data.text import plural
from widgets.literal import capped, literal

MARK_LABELS = {"spot_on": "✓ spot on", "close": "≈ close", "missed": "✗ missed"}


class Card(Static):
    """Bordered text a person typed, shown literally. Titles are Text, so names stay literal too."""

    DEFAULT_CSS = """
    Card {
        height: auto;
        border: round $foreground 30%;
        padding: 0 1;
    }
    """

    def __init__(self, title: Text | str, body: Text, subtitle: Text | str = "", classes: str = "") -> None:
        super().__init__(body, classes=classes, markup=False)
        self.border_title = title if isinstance(title, Text) else Text(title)
        self.border_subtitle = subtitle if isinstance(subtitle, Text) else Text(subtitle)


def names(*parts: str | tuple[str, str] | Text) -> Text:
    """Text.assemble, but every str (or (str, style)) part is typed text: shown literally."""
    pieces: list[Text] = []
    for part in parts:
        if isinstance(part, tuple):
            pieces.append(literal(*part))  # (typed text, style)
        else:
            pieces.append(literal(part) if isinstance(part, str) else part)
    return Text.assemble(*pieces)


SHOW_MAX = 4_000  # typing stops at 2,000; only an import or a hand edit brings more


def typed(text: str, empty: str = "(nothing written)") -> Text:
    """An answer or guess as typed, or a muted note when there is none. A huge imported text
    is cut for display (wrapping a megabyte takes seconds); what is stored stays whole."""
    if not (text or "").strip():
        return Text(empty, style="italic dim")
    return capped(text, SHOW_MAX)


def mark_label(mark: str | None) -> Text:
    if mark is None:
        return Text("not marked yet", style="dim")
    return Text(MARK_LABELS.get(mark, mark), style="bold")


def day_label(at: datetime | date, today: date) -> str:
    day = at.date() if isinstance(at, datetime) else at
    days = (today - day).days
    ago = {0: "today", 1: "yesterday"}.get(days) or f"{plural(days, 'day')} ago"
    return f"{day.isoformat()} ({ago})"


def quiz_summary_text(data, who: dict[str, str]) -> Text:
    """The home card: answers on file, stale ones, rounds waiting on someone. Never an answer."""
    lines = []
    counts = {pid: data.on_file(pid) for pid in who}
    if any(count for count, _ in counts.values()):
        parts = [names((who[pid], "bold"), f" {plural(count, 'answer')} on file" + (f", {stale} stale" if stale else ""))
                 for pid, (count, stale) in counts.items()]
        lines.append(Text(" · ").join(parts))
    else:
        lines.append(Text("Answer about yourself, guess about your partner, compare. No answers yet."))
    waiting: Counter[str | None] = Counter()  # whom open rounds wait for: one partner, or None for both
    for view in data.open_rounds():
        pending = view.waiting_for()
        waiting[who[pending[0]] if len(pending) == 1 else None] += 1
    for name, n in waiting.items():
        whom = "for you both" if name is None else f"waiting for {name}"
        lines.append(Text(f"{plural(n, 'open round' if name is None else 'round')} {whom}", style="bold"))
    stale = sum(s for _, s in counts.values())
    if stale:
        lines.append(Text(f"{plural(stale, 'answer')} older than {plural(data.stale_days, 'day')}: worth asking again", style="dim"))
    return Text("\n").join(lines)
