"""Words and small tables the gauge and its dialogs show (no widgets, no storage)."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

from rich.text import Text

from data.models import Interaction, Ratio
from data.ratios import AT_AIM, BELOW_AIM, BELOW_ONE, NOTHING, PERIODS, Recent, short, zone
from widgets.literal import literal, one_line

ZONE_WORDS = {NOTHING: "nothing logged", BELOW_ONE: "below 1:1", BELOW_AIM: "below aim", AT_AIM: "at or above aim"}
TABLE_WORDS = {**ZONE_WORDS, AT_AIM: "at/above aim"}  # fits beside the numbers at 80 columns
ZONE_STYLE = {NOTHING: "dim", BELOW_ONE: "bold red", BELOW_AIM: "yellow", AT_AIM: "green"}
MINUS = "−"


def sign(positive: bool) -> str:
    return "+" if positive else MINUS


def counts(r: Ratio) -> str:
    return f"{r.positive}+ {r.negative}{MINUS}"


def when(at: datetime, today: date) -> str:
    """'18:02' today, 'yesterday 18:02', 'tomorrow 18:02', else 'Mon 23 Nov 18:02'."""
    if at.date() == today:
        return f"{at:%H:%M}"
    if at.date() == today - timedelta(days=1):
        return f"yesterday {at:%H:%M}"
    if at.date() == today + timedelta(days=1):
        return f"tomorrow {at:%H:%M}"
    return f"{at:%a %d %b %H:%M}"


def name_short(name: str, width: int = 12) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


PERIOD_RIGHT = (False, True, True, False)  # counts and ratios line up on the right


def period_rows(recent: Recent, context: str, target: float) -> list[list[Text | str]]:
    """Today / 7 days / 30 days: counts, ratio and the zone in words."""
    rows: list[list[Text | str]] = [[Text(h, style="dim") for h in ("", "+ and −", "ratio", "zone")]]
    for days, label in PERIODS:
        r = recent.ratio(days, context)
        z = zone(r, target)
        rows.append([label, counts(r), short(r), Text(TABLE_WORDS[z], style=ZONE_STYLE[z])])
    return rows


def partner_rows(recent: Recent, context: str, names: dict[str, str]) -> list[list[Text | str]]:
    """Today / 7 days / 30 days, one column per partner (who logged it)."""
    rows: list[list[Text | str]] = [["", *(literal(name_short(names.get(pid, pid)), "bold") for pid in ("a", "b"))]]
    for days, label in PERIODS:
        split = recent.by_partner(days, context)
        short_label = label.replace(" days", " d")  # room for two columns at 80 wide
        rows.append([short_label, *(f"{counts(split[pid])} {short(split[pid])}" for pid in ("a", "b"))])
    return rows


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


TREND_STEPS = 64  # a bar has 8 heights; finer steps than that never show


def trend_value(r: Ratio, target: float) -> float:
    """A day's ratio on the bar's log scale, 0..1 in 1/64 steps; a day with no negative is
    the top. The steps keep the trend still (not redrawn) while a keypress moves today's
    ratio by less than anyone could see."""
    if r.positive == 0 and r.negative == 0:
        return 0.0
    value = r.value
    top = math.log1p(2 * target)
    exact = 1.0 if value is None else min(1.0, math.log1p(value) / top)
    return round(exact * TREND_STEPS) / TREND_STEPS


def trend_summary(days: list[tuple[date, Ratio]], target: float) -> str:
    tally = {AT_AIM: 0, BELOW_AIM: 0, BELOW_ONE: 0, NOTHING: 0}
    for _day, r in days:
        tally[zone(r, target)] += 1
    return (
        f"{tally[AT_AIM]} at/above aim · {tally[BELOW_AIM]} below aim · "
        f"{tally[BELOW_ONE]} below 1:1 · {tally[NOTHING]} blank"
    )


def clock_text(left: timedelta) -> str:
    """'19:59' for a countdown; whole seconds, rounded up so 0:00 means really over."""
    seconds = max(0, math.ceil(left.total_seconds()))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"
