"""Words the gauge and its dialogs show (no widgets, no storage)."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

from rich.text import Text

from data.models import Interaction
from widgets.gauge_panel import name_short, sign
from widgets.literal import literal, one_line

def when(at: datetime, today: date) -> str:
    """'18:02' today, 'yesterday 18:02', 'tomorrow 18:02', else 'Mon 23 Nov 18:02'."""
    if at.date() == today:
        return f"{at:%H:%M}"
    if at.date() == today - timedelta(days=1):
        return f"yesterday {at:%H:%M}"
    if at.date() == today + timedelta(days=1):
        return f"tomorrow {at:%H:%M}"
    return f"{at:%a %d %b %H:%M}"


def describe(item: Interaction, names: dict[str, str], today: date, width: int = 40, status: str = "") -> Text:
    """'− by Alex, 18:02 · criticism · snapped about…' on one line, the note shown literally."""
    text = Text.assemble(
        (sign(item.positive), "bold"), " by ", literal(name_short(names.get(item.by, item.by))),
        f", {when(item.at, today)}", no_wrap=True, overflow="ellipsis",
    )
    if status:
        text.append(f" ({status})", style="italic")
    if item.tag:
        text.append(f" · {item.tag}")
    if item.note:
        text.append(" · ")
        text.append_text(one_line(item.note, width))
    return text


def clock_text(left: timedelta) -> str:
    """'19:59' for a countdown; whole seconds, rounded up so 0:00 means really over."""
    seconds = max(0, math.ceil(left.total_seconds()))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"
