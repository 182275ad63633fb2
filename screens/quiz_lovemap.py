"""The love map: one partner's current answers by category, with dates, stale marks and changes.

Only revealed answers appear here: an answer sealed in an unfinished round never does."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import var
from textual.widgets import Static

from data.errors import DataError
from data.quiz_view import LoveMapItem
from data.text import plural
from screens.base import AttuneScreen
from widgets.literal import literal
from widgets.quiz_cards import day_label, names, typed
from widgets.key_footer import KeyFooter

HELP = (
    "What each of you has said about yourself, newest answer first, by category. Answers older "
    "than the stale limit (quiz settings) are marked STALE: worth asking about again. When an "
    "answer changed, the earlier one is shown too (old → new)."
)


class LoveMapScreen(AttuneScreen):
    CSS_PATH = "quiz_lovemap.tcss"
    HELP = HELP
    AUTO_FOCUS = "#lm-body"
    BINDINGS = [
        Binding("tab", "switch", "Other partner", priority=True),  # priority: Tab would move focus
        Binding("left,right", "switch", "Other partner", show=False),
        Binding("h", "toggle('full_history')", "History"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    pid = var("a", init=False)  # whose map
    full_history = var(False, init=False)

    def __init__(self, pid: str = "a") -> None:
        super().__init__()
        self.set_reactive(LoveMapScreen.pid, pid)

    def compose(self) -> ComposeResult:
        yield Static(id="lm-title")
        yield Static(id="lm-sub", classes="muted")
        yield VerticalScroll(id="lm-body")
        yield KeyFooter()

    async def on_mount(self) -> None:
        await self.build()

    def refresh_data(self) -> None:
        self.call_later(self.build)

    def watch_pid(self) -> None:
        self.call_later(self.build)

    watch_full_history = watch_pid

    async def build(self) -> None:
        try:
            data = self.store.quiz.load()
        except DataError as exc:  # damaged since start-up: say so, touch nothing
            self.query_one("#lm-sub", Static).update(literal(str(exc), "bold"))
            return
        who = {p.id: p.name for p in self.store.partners()}
        name, other = who[self.pid], who["b" if self.pid == "a" else "a"]
        categories, hidden = data.love_map(self.pid)
        items = [i for group in categories.values() for i in group]
        stale = sum(i.stale for i in items)
        title = self.query_one("#lm-title", Static)
        title.set_classes(f"partner-{self.pid}")
        title.update(names((f"{name}'s love map", "bold"), " · what ", name, " has said about ", name))
        sub = f"{plural(len(items), 'answer')} · {stale} stale (older than {plural(data.stale_days, 'day')}) · Tab: {other}'s map"
        if hidden:
            sub += f" · {hidden} sensitive hidden (turn on in settings)"
        self.query_one("#lm-sub", Static).update(literal(sub))
        body = self.query_one("#lm-body", VerticalScroll)
        await body.remove_children()
        widgets: list[Static] = []
        today = data.now.date()
        for category, group in categories.items():
            widgets.append(Static(literal(category, "bold underline"), classes="lm-category"))
            widgets.extend(Static(self._item(i, today), classes="lm-item" + (" stale" if i.stale else ""))
                           for i in group)
        if not widgets:
            widgets.append(Static(names("No answers from ", name, " yet. Play a round from the quiz screen."),
                                  classes="lm-item"))
        await body.mount_all(widgets)

    def _item(self, item: LoveMapItem, today) -> Text:
        lines = [literal(item.question.text, "bold"), Text.assemble("  ", typed(item.current.text))]
        when = Text(f"  {day_label(item.current.at, today)}", style="dim")
        if item.stale:
            when.append("  STALE: worth asking again", style="bold yellow")
        lines.append(when)
        previous = item.previous
        if previous is not None and not self.full_history:
            lines.append(Text.assemble(("  changed: ", "italic"), typed(previous.text),
                                       (f" ({previous.at.date().isoformat()})", "dim"), " → ", typed(item.current.text)))
        if self.full_history and len(item.history) > 1:
            lines.append(Text("  history, oldest first:", style="italic"))
            for old in item.history:
                lines.append(Text.assemble((f"    {old.at.date().isoformat()}  ", "dim"), typed(old.text)))
        return Text("\n").join(lines)

    def action_switch(self) -> None:
        self.pid = "b" if self.pid == "a" else "a"
