"""A mood strip on a fixed 1–5 scale, one column per day (or per few days when narrow).

Textual's Sparkline scales to the data's own min and max, so a week of 3s and 4s would
look like a roller coaster; moods need a fixed scale and visible gaps for unwritten days."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

BARS = "▁▂▄▆█"  # 1 awful … 5 great
ASCII_BARS = "12345"


def mood_glyph(mood: float | None, ascii_only: bool = False) -> str:
    """One day's (or column's) mood on the fixed scale; a gap where nothing was written."""
    if mood is None:
        return "." if ascii_only else "·"
    return (ASCII_BARS if ascii_only else BARS)[min(4, max(0, round(mood) - 1))]


def buckets(series: list[int | None], width: int) -> list[float | None]:
    """Average the written days of `series` into at most `width` columns, oldest first."""
    width = max(1, min(width, len(series)))
    out: list[float | None] = []
    for n in range(width):
        part = [m for m in series[n * len(series) // width:(n + 1) * len(series) // width] if m is not None]
        out.append(sum(part) / len(part) if part else None)
    return out


class MoodTrend(Widget):
    DEFAULT_CSS = """
    MoodTrend { height: 1; width: 1fr; }
    MoodTrend > .mood-trend--bar { color: $primary; }
    MoodTrend > .mood-trend--gap { color: $text-disabled; }
    """
    COMPONENT_CLASSES = {"mood-trend--bar", "mood-trend--gap"}

    series: reactive[list[int | None]] = reactive(list)  # oldest day first; None: nothing written

    def render(self) -> Text:
        if not self.series:
            return Text("")
        ascii_only = getattr(self.app, "ascii_only", False)
        bar = self.get_component_rich_style("mood-trend--bar")
        gap = self.get_component_rich_style("mood-trend--gap")
        out = Text()
        for value in buckets(self.series, self.size.width or len(self.series)):
            out.append(mood_glyph(value, ascii_only), gap if value is None else bar)
        return out
