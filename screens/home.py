"""Home: the four features, one key each, with what is new in each."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from data.errors import DataError
from screens.base import AttuneScreen
from widgets.literal import literal
from widgets.key_footer import KeyFooter

HELP = (
    "Home shows what is new for each of you. Press a feature's key to open it; "
    "Esc in any feature comes back here."
)


class Cards(VerticalScroll, can_focus=False, inherit_bindings=False):
    """Scrolls when a small terminal cannot hold the cards; ↑/↓ stay home's (card to card), and
    the focused card scrolls into view."""


class FeatureCard(Static, can_focus=True):
    """A bordered summary of one feature; Enter or a click opens it."""

    BINDINGS = [Binding("enter", "open", "Open", show=False)]

    def __init__(self, mode: str, title: str, key: str) -> None:
        super().__init__(id=f"card-{mode}", classes="card")
        self.mode = mode
        self.border_title = title
        self.border_subtitle = f"press {key}"

    def action_open(self) -> None:
        self.app.action_open(self.mode)  # type: ignore[attr-defined]

    def on_click(self) -> None:
        self.action_open()


class HomeScreen(AttuneScreen):
    LIVES_WITH_APP = True
    # home.tcss is loaded with the app's CSS (see tui/app.py): this is the default screen.
    HELP = HELP
    BINDINGS = [
        Binding("q", "app.open('quiz')", "Quiz"),
        Binding("d", "app.open('daily')", "Daily"),
        Binding("g", "app.open('gauge')", "Gauge"),
        Binding("w", "app.open('review')", "Weekly review"),
        Binding("up,k", "app.focus_previous", "Previous", show=False),
        Binding("down,j", "app.focus_next", "Next", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="couple")
        with Cards(id="cards"):
            yield FeatureCard("quiz", "Love-map quiz", "q")
            yield FeatureCard("daily", "Daily catch-up", "d")
            yield FeatureCard("gauge", "Ratio gauge", "g")
            yield FeatureCard("review", "Weekly review", "w")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reread()

    def refresh_data(self) -> None:
        if not self.store.is_set_up:
            return  # onboarding is over this screen; it calls back when the couple exists
        a, b = self.store.partners()
        title = Text.assemble(("attune", "bold"), "  ·  ", literal(a.name, "bold"), " & ", literal(b.name, "bold"))
        self.query_one("#couple", Static).update(title)
        # After the frame is drawn: the worker (imports, parsing) would compete for the GIL
        # with the first frame (the bench's start-up row).
        self.call_after_refresh(self.gather_summaries)

    @work(thread=True, exclusive=True, group="home-summaries", exit_on_error=False)  # errors: AttuneScreen.on_worker_state_changed
    def gather_summaries(self) -> None:
        # In a thread: the cards are drawn at once and filled when each feature's data (and
        # its modules) have loaded, so neither start-up nor a key waits for all four.
        a, b = self.store.partners()
        texts = {
            "#card-quiz": self.quiz_summary(),
            "#card-daily": self.daily_summary(a, b),
            "#card-gauge": self.gauge_summary(),
            "#card-review": self.review_summary(),
        }
        self.app.call_from_thread(self._show_summaries, texts)

    def _show_summaries(self, texts: dict[str, Text]) -> None:
        if self.is_mounted:
            for selector, text in texts.items():
                self.query_one(selector, Static).update(text)

    def quiz_summary(self) -> Text:
        from widgets.quiz_cards import quiz_summary_text

        try:
            data = self.store.quiz.load()
        except DataError as exc:  # a damaged quiz.json must not take the home screen down
            return self.damaged(exc)
        return quiz_summary_text(data, {p.id: p.name for p in self.store.partners()})

    def damaged(self, error: DataError) -> Text:
        """The card says what is wrong; a damaged file with a backup also gets the folder dialog,
        with its restore (the rules are first checked here, just after the first frame: see
        Folder.damaged_files)."""
        self.app.call_from_thread(self.app.offer_restore, error)  # type: ignore[attr-defined]
        return literal(str(error))

    def daily_summary(self, *partners) -> Text:
        store = self.store
        today = store.daily.for_day(store.daily.today())
        lines = []
        for p in partners:
            wrote = "wrote today" if p.id in today else "has not written today"
            unread = store.daily.unseen_count(p.id)
            other = store.other(p.id).name
            catch = f"nothing new from {other}" if unread == 0 else f"{unread} new from {other} to read"
            lines.append(Text.assemble(literal(p.name, "bold"), f" {wrote} · {catch}"))
        return Text("\n").join(lines)

    def gauge_summary(self) -> Text:
        # The same everyday figures as the gauge's own panel (conflict moments count apart).
        from data.models import EVERYDAY, short  # in the worker, after the first frame

        settings = self.store.settings()
        recent = self.store.interactions.recent(7)
        today, week = recent.ratio(1, EVERYDAY), recent.ratio(7, EVERYDAY)
        return Text.assemble(
            ("Today ", "bold"), f"{today.positive}+ {today.negative}−  {short(today)}",
            ("   Last 7 days ", "bold"), f"{week.positive}+ {week.negative}−  {short(week)}",
            f"\naim: {settings.everyday_target:g}:1 everyday, {settings.conflict_target:g}:1 in conflict",
        )

    def review_summary(self) -> Text:
        review = self.store.review
        try:
            current, past = review.open_meeting(), review.past()
        except DataError as exc:  # a damaged reviews.json must not take the home screen down
            return self.damaged(exc)
        if current is not None:
            return Text(f"A meeting started {current.started:%a %d %b} is still open: w continues it.")
        if not past:
            return Text("Once a week: appreciations, what went right, one issue, agreements.")
        last = past[0]
        days = (self.store.now().date() - last.held.date()).days
        due = "due now" if days >= 7 else f"next in {7 - days} day{'' if 7 - days == 1 else 's'}"
        count = len(last.agreements)
        return Text.assemble(("Last ", "bold"), f"{last.held:%a %d %b} · {count} agreement{'' if count == 1 else 's'} · {due}")
