"""The steps of the weekly meeting, as widgets that only draw: the meeting screen owns the
data and the keys. Whose turn it is shows three ways: the banner's words, its colour and the
input's title, so it reads without colour too. The speaker's turn timer can pause; its time
comes from an injected clock (monotonic seconds), so tests move it by hand."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import var
from textual.widgets import Digits, Input, OptionList, Static
from textual.widgets.option_list import Option

from data.review import Minutes, NOTES_MAX, Said, Turn, Week
from data.text import NOTE_MAX
from screens.review_week import said_line, unrepaired_lines, week_text
from widgets.limited_input import LimitedInput
from widgets.literal import literal, one_line
from widgets.plain_text_area import PlainTextArea


STEPS = [
    ("week", "Week"),
    ("appreciations", "Appreciations"),
    ("went_right", "Went right"),
    ("issue", "Issue"),
    ("agreements", "Agreements"),
]
INTROS = {
    "appreciations": "Take turns: tell your partner one thing they did this week that you appreciated. "
                     "Enter adds it and passes the keyboard.",
    "went_right": "Take turns: what went right between you this week, however small?",
    "issue": "One issue, small and specific. The speaker says how they feel and what they need; the "
             "listener only listens, then says back what they heard. Then swap.",
    "agreements": "What will you try this week? Enter adds an agreement. Notes are kept with the minutes.",
}


def turn_banner(banner: Static, names: dict[str, str], pid: str, words: Text) -> None:
    banner.update(Text.assemble("▶ ", literal(names[pid], "bold"), words))
    banner.remove_class("turn-a", "turn-b").add_class(f"turn-{pid}")


@dataclass
class SayView:
    said: tuple[Said, ...]
    names: dict[str, str]
    turn: str  # who has the keyboard
    context: tuple[Text, ...]  # what the week logged, to jog the memory


@dataclass
class IssueView:
    minutes: Minutes | None
    week: Week
    names: dict[str, str]
    speaker: str


class SaidList(OptionList):
    """Lines said so far, drawn from `lines`; Delete takes the highlighted one back."""

    BINDINGS = [Binding("delete,backspace", "take_back", "Remove line")]
    lines: var[tuple[Text, ...]] = var(())

    def __init__(self, kind: str, empty: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.kind, self.empty = kind, empty

    def watch_lines(self, lines: tuple[Text, ...]) -> None:
        keep = self.highlighted
        self.clear_options()
        if lines:
            self.add_options([Option(line) for line in lines])
            self.highlighted = min(keep, len(lines) - 1) if keep is not None else None
        else:
            self.add_option(Option(Text(self.empty, style="dim"), disabled=True))

    def action_take_back(self) -> None:
        if self.highlighted is not None:
            self.screen.take_back(self.kind, self.highlighted)  # type: ignore[attr-defined]


class WeekStep(VerticalScroll):
    view: var[tuple[Week, dict[str, str]] | None] = var(None, init=False)

    def compose(self) -> ComposeResult:
        yield Static(id="week-text")
        yield Static("PgDn starts the meeting with appreciations.", classes="muted hint")

    def watch_view(self, view: tuple[Week, dict[str, str]] | None) -> None:
        if view is None:
            return
        week, names = view
        self.query_one("#week-text", Static).update(week_text(week, names, getattr(self.app, "ascii_only", False)))


class SayStep(Vertical):
    """Appreciations, or what went right: partners take turns at one keyboard."""

    view: var[SayView | None] = var(None, init=False)

    def __init__(self, kind: str, placeholder: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.kind, self.placeholder = kind, placeholder

    def compose(self) -> ComposeResult:
        yield Static(INTROS[self.kind], classes="intro")
        yield Static(id=f"{self.kind}-context", classes="context")
        yield SaidList(self.kind, "nothing said yet", id=f"{self.kind}-said", classes="said")
        yield Static(id=f"{self.kind}-turn", classes="turn")
        yield LimitedInput(id=f"{self.kind}-input", classes="say", max_length=NOTE_MAX, what="A line")

    def watch_view(self, view: SayView | None) -> None:
        if view is None:
            return
        names, turn = view.names, view.turn
        self.query_one(f"#{self.kind}-context", Static).update(Text("\n").join(view.context))
        self.query_one(SaidList).lines = tuple(said_line(names, s.by, s.text) for s in view.said)
        other = next(pid for pid in names if pid != turn)
        turn_banner(self.query_one(f"#{self.kind}-turn", Static), names, turn,
                    Text.assemble("'s turn to speak · Ctrl+T passes to ", literal(names[other])))
        field = self.query_one(Input)
        field.border_title = Text.assemble(literal(names[turn]), "'s turn")
        field.placeholder = f"{names[turn]}: {self.placeholder}"
        field.remove_class("turn-a", "turn-b").add_class(f"turn-{turn}")


def turn_line(n: int, turn: Turn, names: dict[str, str]) -> Text:
    heard = Text.assemble("; heard: ", one_line(turn.heard, 44)) if turn.heard else Text("")
    return Text.assemble(f"{n}. ", literal(names[turn.speaker], "bold"), f" spoke {clock_face(turn.seconds)}", heard)


class IssueStep(Vertical):
    view: var[IssueView | None] = var(None, init=False)
    timer: var[tuple[str, bool, str]] = var(("3:00", False, ""))  # clock face, time up, status line

    def compose(self) -> ComposeResult:
        yield Static(INTROS["issue"], classes="intro")
        yield LimitedInput(id="issue-topic", max_length=NOTE_MAX, what="The issue")
        yield Static(id="issue-now", classes="context")
        with Horizontal(id="issue-clock-row"):
            with Vertical(id="issue-roles-box"):
                yield Static(id="issue-roles", classes="turn")
                yield Static(id="issue-status", classes="muted")
            yield Digits("3:00", id="issue-clock")
        yield LimitedInput(id="issue-heard", classes="say", max_length=NOTE_MAX, what="What you heard")
        yield SaidList("turns", "no turns yet: Ctrl+R starts the timer, Ctrl+T ends the turn", id="turns-said",
                       classes="said")

    def watch_view(self, view: IssueView | None) -> None:
        if view is None:
            return
        minutes, week, names, speaker = view.minutes, view.week, view.names, view.speaker
        issue = minutes.issue if minutes is not None else ""
        if issue:
            now = Text.assemble(("Issue: ", "bold"), one_line(issue, 56), " (raised by ",
                                literal(names.get(minutes.issue_by, "?")), ")")
        elif week.unrepaired:
            now = Text("\n").join([Text(f"Not repaired this week ({len(week.unrepaired)}):"),
                                   *unrepaired_lines(week, names)[:2]])
        else:
            now = Text("")
        self.query_one("#issue-now", Static).update(now)
        topic = "Change the issue" if issue else "The issue: one thing, small and specific"
        self.query_one("#issue-topic", Input).placeholder = f"{topic} (Enter sets it)"
        listener = next(pid for pid in names if pid != speaker)
        turn_banner(self.query_one("#issue-roles", Static), names, speaker,
                    Text.assemble(" speaks · ", literal(names[listener], "bold"), " listens"))
        heard = self.query_one("#issue-heard", Input)
        heard.remove_class("turn-a", "turn-b").add_class(f"turn-{listener}")
        heard.border_title = Text.assemble(literal(names[listener]), " listens")
        heard.placeholder = f"{names[listener]}: what you heard {names[speaker]} say (optional)"
        turns = minutes.turns if minutes else ()
        self.query_one(SaidList).lines = tuple(turn_line(n, t, names) for n, t in enumerate(turns, 1))

    def watch_timer(self, timer: tuple[str, bool, str]) -> None:
        face, up, status = timer
        self.query_one("#issue-clock", Digits).update(face)
        self.query_one("#issue-clock", Digits).set_class(up, "-up")
        self.query_one("#issue-status", Static).update(status)


class AgreeStep(Vertical):
    said: var[tuple[Text, ...]] = var(())

    def compose(self) -> ComposeResult:
        yield Static(INTROS["agreements"], classes="intro")
        yield LimitedInput(placeholder="We agree to… (Enter adds it)", id="agreements-input", classes="say",
                           max_length=NOTE_MAX, what="An agreement")
        yield SaidList("agreements", "no agreements yet", id="agreements-said", classes="said").data_bind(lines=AgreeStep.said)
        notes = PlainTextArea(id="notes", limit=NOTES_MAX)
        notes.border_title = "Notes (saved as you type)"
        yield notes
        yield Static("Ctrl+S finishes the meeting and saves the minutes.", classes="muted hint")


TURN_SECONDS = 3 * 60


def clock_face(seconds: float) -> str:
    """'m:ss', rounded up while counting down so 0:00 means the time is really up."""
    whole = max(0, int(-(-seconds // 1)))
    return f"{whole // 60}:{whole % 60:02d}"


class TurnTimer:
    def __init__(self, seconds: float = TURN_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.clock = clock
        self._banked = 0.0  # time run before the last pause
        self._since: float | None = None  # when it was last started, while running

    @property
    def running(self) -> bool:
        return self._since is not None

    @property
    def started(self) -> bool:
        return self.running or self._banked > 0

    def elapsed(self) -> float:
        if self._since is None:
            return self._banked
        return self._banked + max(0.0, self.clock() - self._since)

    def remaining(self) -> float:
        return max(0.0, self.seconds - self.elapsed())

    @property
    def up(self) -> bool:
        return self.elapsed() >= self.seconds

    def start(self) -> None:
        if self._since is None:
            self._since = self.clock()

    def pause(self) -> None:
        if self._since is not None:
            self._banked = self.elapsed()
            self._since = None

    def toggle(self) -> None:
        self.pause() if self.running else self.start()

    def reset(self) -> None:
        self._banked, self._since = 0.0, None

    def shown(self) -> tuple[str, bool, str]:
        """What the issue step draws: the clock face, whether time is up, the status line."""
        keys = "Ctrl+R pauses" if self.running else "Ctrl+R starts"
        return clock_face(self.remaining()), self.up, f"{self.status()} · {keys} · Ctrl+T ends the turn"

    def status(self) -> str:
        if self.up:
            return f"time is up ({clock_face(self.elapsed())} spoken)"
        if self.running:
            return "running"
        return "paused" if self.started else "ready"
