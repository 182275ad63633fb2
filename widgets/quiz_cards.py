"""Small pieces the quiz screens share: a bordered card of typed text, mark and date labels."""

from __future__ import annotations

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
    if days == 0:
        return f"{day.isoformat()} (today)"
    if days == 1:
        return f"{day.isoformat()} (yesterday)"
    return f"{day.isoformat()} ({plural(days, 'day')} ago)"


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
    waiting: dict[str, int] = {}
    for view in data.open_rounds():
        pending = view.waiting_for()
        key = f"waiting for {who[pending[0]]}" if len(pending) == 1 else "for you both"
        waiting[key] = waiting.get(key, 0) + 1
    for key, n in waiting.items():
        lines.append(Text(f"{n} round{'s' if n > 1 else ''} {key}" if key != "for you both"
                          else f"{n} open round{'s' if n > 1 else ''} for you both", style="bold"))
    stale = sum(s for _, s in counts.values())
    if stale:
        lines.append(Text(f"{plural(stale, 'answer')} older than {plural(data.stale_days, 'day')}: worth asking again", style="dim"))
    return Text("\n").join(lines)
