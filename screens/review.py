"""Weekly review ("State of the Union"): the week at a glance, the meeting, past minutes."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from data.errors import DataError
from data.review import Minutes
from data.text import plural
from screens.base import FeatureScreen
from screens.review_week import span, week_text
from widgets.literal import one_line
from widgets.key_footer import KeyFooter

HELP = (
    "Once a week, sit down together for about half an hour. The left side shows what the app "
    "saw this week. n starts the meeting (or continues one you left), which walks you through "
    "appreciations, what went right, one issue and your agreements. Past meetings are listed on "
    "the right: Enter reads one. x discards a meeting you started but do not want to keep."
)


def past_label(m: Minutes) -> Text:
    """Two short lines (the list is narrow at 80 columns): when, then what came of it."""
    about = plural(len(m.agreements), "agreement") + (f" · {m.issue}" if m.issue else "")
    return Text.assemble((f"{m.held or m.started:%a %d %b %Y}", "bold"), "\n  ", one_line(about, 24))


class ReviewScreen(FeatureScreen):
    CSS_PATH = "review.tcss"
    HELP = HELP
    BINDINGS = [
        Binding("n", "meet", "Start / continue"),
        Binding("enter", "read_past", "Read minutes"),
        Binding("x", "discard", "Discard open"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.open: Minutes | None = None
        self.unreadable = ""  # why reviews.json could not be read, if it could not

    def compose(self) -> ComposeResult:
        yield Static(id="review-state")
        with Horizontal(id="review-body"):
            with VerticalScroll(id="review-week"):
                yield Static(id="review-week-text")
            with Vertical(id="review-past-box"):
                yield OptionList(id="past")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#review-past-box").border_title = "Past reviews"
        self.query_one("#review-week").border_title = "This week"
        self.reread()
        # The week first: arrows and PgUp/PgDn scroll it; Tab moves to the past reviews.
        self.query_one("#review-week").focus()

    def refresh_data(self) -> None:
        store = self.store
        names = {p.id: p.name for p in store.partners()}
        try:
            self.open, reviews = store.review.open_meeting(), store.review.past()
            self.unreadable = ""
        except DataError as exc:  # a damaged reviews.json: say so, keep the week readable
            self.open, reviews, self.unreadable = None, [], str(exc)
            self.notify(str(exc), title="Past reviews unreadable", severity="error", timeout=10)
        week = store.review.week(self.open.week_end if self.open else None)
        self.query_one("#review-week-text", Static).update(week_text(week, names, getattr(self.app, "ascii_only", False)))
        if self.open:
            state = Text.assemble(("A review is open", "bold"), f" (started {self.open.started:%a %d %b %H:%M}, "
                                  f"week {span(self.open.week_start, self.open.week_end)}): n continues it, x discards it")
        else:
            state = Text.assemble(("Weekly review", "bold"), " · n starts this week's meeting together")
        self.query_one("#review-state", Static).update(state)
        past = self.query_one("#past", OptionList)
        keep = past.highlighted
        past.clear_options()
        if reviews:
            past.add_options([Option(past_label(m), id=m.uid) for m in reviews])
            past.highlighted = min(keep or 0, len(reviews) - 1)
        else:
            past.add_option(Option(Text("No reviews yet", style="dim"), disabled=True))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "discard":
            return self.open is not None
        if action == "read_past":
            return self.query_one("#past", OptionList).highlighted is not None
        return True

    def action_read_past(self) -> None:
        """Enter from the week opens the highlighted past review (as Enter in the list does)."""
        past = self.query_one("#past", OptionList)
        if past.highlighted is not None:
            past.action_select()

    @on(OptionList.OptionSelected, "#past")
    def read(self, event: OptionList.OptionSelected) -> None:
        from screens.review_minutes import MinutesScreen

        if event.option.id:
            self.app.push_screen(MinutesScreen(event.option.id))

    def action_meet(self) -> None:
        from screens.review_meeting import MeetingScreen

        if self.unreadable:  # the meeting would be saved into the damaged file: never touch it
            self.notify(self.unreadable, title="Cannot start a review", severity="error", timeout=10)
            return
        self.app.push_screen(MeetingScreen(), callback=self.met)

    def met(self, uid: str | None) -> None:
        self.app.data_changed()  # type: ignore[attr-defined]  # this screen and home's card
        if uid:
            from screens.review_minutes import MinutesScreen

            self.app.push_screen(MinutesScreen(uid))

    def action_discard(self) -> None:
        if self.open is None:
            return
        uid = self.open.uid

        def answered(yes: bool | None) -> None:
            if yes and self.attempt(self.store.review.discard, uid):
                self.notify("The open review was discarded.")
            self.app.data_changed()  # type: ignore[attr-defined]

        from screens.base import ConfirmModal

        question = f"Discard the review started {self.open.started:%a %d %b at %H:%M}? What was said in it is lost."
        self.app.push_screen(ConfirmModal(question, "Discard", "Keep", danger=True), callback=answered)

