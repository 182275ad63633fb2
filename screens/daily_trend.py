"""Each partner's mood over the last 30 and 90 days, on a fixed 1–5 scale, with words."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from data.models import MOOD_WORDS
from data.text import plural
from screens.daily_base import DailySubScreen
from widgets.literal import literal
from widgets.mood_trend import BARS, MoodTrend
from widgets.key_footer import KeyFooter

SPANS = (30, 90)


def summary(series: list[int | None], days: int) -> Text:
    written = [m for m in series if m is not None]
    if not written:
        return Text(f"Last {days} days: nothing written", style="dim")
    mean = sum(written) / len(written)
    word = MOOD_WORDS[min(5, max(1, round(mean)))]
    low, high = min(written), max(written)
    return Text.assemble(
        (f"Last {days} days", "bold"), f": average {mean:.1f} {word} · {low} {MOOD_WORDS[low]} to {high} {MOOD_WORDS[high]}",
        f" · {len(written)} of {plural(days, 'day')} written",
    )


class TrendScreen(DailySubScreen):
    CSS_PATH = "daily_trend.tcss"
    HELP = (
        "One column per day, oldest on the left, today on the right; a dot is a day with no entry. "
        "The bar height is the mood: ▁ 1 awful, ▂ 2 low, ▄ 3 okay, ▆ 4 good, █ 5 great. When the "
        "screen is narrower than 90 columns, each column averages two days or more."
    )

    def compose(self) -> ComposeResult:
        if getattr(self.app, "ascii_only", False):  # the strips show each mood as its digit
            scale = "digits: " + ", ".join(f"{n} {word}" for n, word in MOOD_WORDS.items()) + "  . no entry"
        else:
            scale = "  ".join(f"{bar} {n} {word}" for bar, (n, word) in zip(BARS, MOOD_WORDS.items())) + "  · no entry"
        yield Static(Text.assemble(("Moods", "bold"), ("  ·  ", "dim"), scale), id="trend-title")
        with VerticalScroll(id="trend-body"):
            for partner in self.store.partners():
                with Vertical(classes="trend-partner", id=f"trend-{partner.id}") as box:
                    box.border_title = literal(partner.name)
                    for days in SPANS:
                        yield Static(id=f"sum-{partner.id}-{days}", classes="trend-summary")
                        yield MoodTrend(id=f"strip-{partner.id}-{days}", classes="trend-strip")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reread()

    def refresh_data(self) -> None:
        for partner in self.store.partners():
            longest = self.store.daily.mood_series(partner.id, max(SPANS))  # reads ≤ 4 month files
            for days in SPANS:
                series = longest[-days:]
                self.query_one(f"#sum-{partner.id}-{days}", Static).update(summary(series, days))
                self.query_one(f"#strip-{partner.id}-{days}", MoodTrend).series = series
