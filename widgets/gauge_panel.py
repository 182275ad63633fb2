"""One context of the gauge (everyday or conflict): a heading, the ratio in big digits, the
zoned bar and a small table. It shows what it is given and knows nothing of storage."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Static

from widgets.ratio_bar import RatioBar
from widgets.repaint import update
from widgets.text_table import TextTable


class GaugePanel(Vertical):
    DEFAULT_CSS = """
    GaugePanel { height: auto; padding: 0 1; }
    GaugePanel > .gauge-heading { height: 1; }
    GaugePanel > .gauge-big { height: 3; }
    GaugePanel .gauge-digits { width: auto; }
    GaugePanel .gauge-zone { width: 1fr; height: 3; content-align: left middle; padding-left: 2; }
    """

    def __init__(self, title: str, target: float, ascii_only: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.border_title = title
        self._target = target
        self._ascii = ascii_only
        self._parts: tuple | None = None

    def compose(self) -> ComposeResult:
        yield Static(classes="gauge-heading")
        with Horizontal(classes="gauge-big"):
            yield Digits("--", classes="gauge-digits")
            yield Static(classes="gauge-zone")
        yield RatioBar(self._target, self._ascii)
        yield TextTable(classes="gauge-table")

    def show(
        self,
        heading: Text,
        big: str,
        zone: str,
        zone_words: str,
        value: float | None,
        target: float,
        rows: list,
        right: tuple[bool, ...] = (),
    ) -> None:
        """Each part is redrawn only when it changed: this runs on every keypress."""
        if self._parts is None:  # looked up once: a query per part per keypress adds up
            self._parts = (
                self.query_one(".gauge-heading", Static), self.query_one(".gauge-digits", Digits),
                self.query_one(".gauge-zone", Static), self.query_one(RatioBar), self.query_one(TextTable),
            )
        heading_w, digits, zone_w, bar, table = self._parts
        update(heading_w, heading)
        if digits.value != big:
            digits.update(big)
        update(zone_w, Text(zone_words.upper(), style="bold"))
        bar.show(value, zone, target)
        table.show(rows, right)
        css = "-zone-" + zone.replace(":", "-").replace(" ", "-")
        if not self.has_class(css):  # a class change restyles the panel: only when the zone moves
            self.remove_class(*(c for c in self.classes if c.startswith("-zone-")))
            self.add_class(css)
