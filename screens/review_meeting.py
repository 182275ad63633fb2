"""The weekly meeting, step by step: the week, appreciations, what went right, one issue
(speaker and listener take timed turns), agreements and notes. Every line is saved as it is
said, so leaving (or a crash) loses nothing; Ctrl+S finishes it as the meeting's minutes."""

from __future__ import annotations

import time

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import var
from textual.widgets import ContentSwitcher, Input, TextArea

from data.review import Minutes, Week
from screens.base import AttuneScreen, Line, WideLine, off_footer
from screens.review_steps import STEPS, AgreeStep, IssueStep, IssueView, SayStep, SayView, TurnTimer, WeekStep
from screens.review_week import appreciation_lines, said_line, went_right_lines
from widgets.plain_text_area import PlainTextArea
from widgets.key_footer import KeyFooter

HELP = (
    "Sit down together for half an hour. PgDn and PgUp move between the steps. In the appreciation "
    "and went-right steps you take turns at the keyboard: the banner says whose turn it is, Enter adds "
    "a line and passes the keyboard, Ctrl+T passes without adding. For the issue, the speaker talks "
    "while the timer runs (Ctrl+R starts and pauses it); the listener types what they heard, and Enter "
    "or Ctrl+T ends the turn and swaps roles. Tab reaches the lists, where Delete takes a line back. "
    "Everything is saved as you go; Esc leaves the meeting open to continue later, Ctrl+S finishes it."
)
SAY_KINDS = ("appreciations", "went_right")


class MeetingScreen(AttuneScreen):
    CSS_PATH = "review.tcss"
    HELP = HELP
    TIMER_CLOCK = staticmethod(time.monotonic)  # tests put a hand-moved clock here
    BINDINGS = [
        Binding("escape", "leave", "Leave"),
        Binding("pageup", "step(-1)", "Back", priority=True),
        Binding("pagedown", "step(1)", "Next", priority=True),
        Binding("ctrl+t", "switch_turn", "Switch turn", priority=True),
        Binding("ctrl+r", "timer", "Timer", priority=True),
        Binding("ctrl+s", "finish", "Finish", priority=True),
    ]

    # The meeting's state: whatever changes it, the watchers draw the steps from it (draw()).
    minutes: var[Minutes | None] = var(None, init=False, always_update=True)
    week: var[Week | None] = var(None, init=False)
    names: var[dict[str, str]] = var(lambda: {"a": "a", "b": "b"}, init=False)
    step = var(0, init=False)
    turn: var[dict[str, str]] = var(lambda: {kind: "a" for kind in SAY_KINDS}, init=False)  # who has the keyboard
    speaker = var("a", init=False)
    # What the pieces show, derived by draw() (data_bind hands each to its piece).
    steps_bar: var[Text | str] = var("")
    saved_word: var[Text | str] = var("")
    week_view: var[tuple | None] = var(None, init=False)
    appreciations_view: var[SayView | None] = var(None, init=False)
    went_right_view: var[SayView | None] = var(None, init=False)
    issue_view: var[IssueView | None] = var(None, init=False)
    agreements: var[tuple[Text, ...]] = var(())
    timer_shown: var[tuple[str, bool, str]] = var(("3:00", False, ""), init=False)

    def __init__(self) -> None:
        super().__init__()
        self.timer = TurnTimer(clock=self.TIMER_CLOCK)
        self._rang = False
        self._notes_timer = None
        self.notes_from = ""  # the stored notes the box holds, before what is typed here
        self.closed = False  # finished or discarded in another session: read-only here

    def compose(self) -> ComposeResult:
        with Horizontal(id="meeting-top"):
            yield WideLine(id="steps").data_bind(text=MeetingScreen.steps_bar)
            yield Line(id="meeting-state").data_bind(text=MeetingScreen.saved_word)
        with ContentSwitcher(initial="step-week", id="switcher"):
            yield WeekStep(id="step-week").data_bind(view=MeetingScreen.week_view)
            yield SayStep("appreciations", "I appreciated it when you…", id="step-appreciations").data_bind(
                view=MeetingScreen.appreciations_view)
            yield SayStep("went_right", "something that went right…", id="step-went_right").data_bind(
                view=MeetingScreen.went_right_view)
            yield IssueStep(id="step-issue").data_bind(view=MeetingScreen.issue_view, timer=MeetingScreen.timer_shown)
            yield AgreeStep(id="step-agreements").data_bind(said=MeetingScreen.agreements)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.minutes = self.store.review.open_meeting()
        if self.minutes is not None:  # resuming: the keyboard goes to whoever did not speak last
            for kind in SAY_KINDS:
                said = getattr(self.minutes, kind)
                if said:
                    self.turn = {**self.turn, kind: self.store.other(said[-1].by).id}
        self.reread()
        self.set_interval(0.25, self.tick)

    # -- reading and drawing ------------------------------------------------------------
    def refresh_data(self) -> None:
        store = self.store
        self.names = {p.id: p.name for p in store.partners()}
        fresh = store.review.open_meeting()  # with none open yet, the other terminal may have begun one
        if self.minutes is not None and (fresh is None or fresh.uid != self.minutes.uid):
            # Stays open, read-only: leaving at once would hand the keys still being typed to the
            # review screen, where n starts a new meeting and x discards.
            if not self.closed:
                self.closed = True
                for field in self.query("Input, TextArea, SaidList"):  # SaidList: Del takes a line back
                    field.disabled = True
                self.draw()
                self.refresh_bindings()
                self.notify("This meeting was finished or discarded in another session: what is typed here "
                            "is not saved. Esc goes back.", title="Meeting closed", severity="warning", timeout=15)
            return
        self.minutes = fresh
        if self.minutes is not None:
            notes = self.query_one("#notes", PlainTextArea)
            if not notes.has_focus and notes.raw_text == self.notes_from:  # nothing unsaved typed here
                notes.load_text(self.minutes.notes)
                self.notes_from = self.minutes.notes
        self.week = store.review.week(self.minutes.week_end if self.minutes else None)

    watch_minutes = watch_week = watch_names = watch_turn = watch_speaker = watch_step = lambda self: self.draw()

    def draw(self) -> None:
        """What each step shows, from the meeting's state; a piece redraws only what changed."""
        week, m, names = self.week, self.minutes, self.names
        if week is None:
            return
        self.week_view = (week, names)
        self.appreciations_view = SayView(m.appreciations if m else (), names, self.turn["appreciations"], (
            Text("Logged this week:", style="dim"), *appreciation_lines(week, names, limit=3)))
        self.went_right_view = SayView(m.went_right if m else (), names, self.turn["went_right"],
                                       tuple(went_right_lines(week, names)[:4]))
        self.issue_view = IssueView(m, week, names, self.speaker)
        self.agreements = tuple(said_line(names, s.by, s.text) for s in (m.agreements if m else ()))
        self.timer_shown = self.timer.shown()
        done = {"week": m is not None, "appreciations": bool(m and m.appreciations),
                "went_right": bool(m and m.went_right), "issue": bool(m and (m.issue or m.turns)),
                "agreements": bool(m and (m.agreements or m.notes.strip()))}
        bar = Text()
        for n, (key, title) in enumerate(STEPS):
            label = f" {n + 1} {title}{' ✓' if done[key] and n != self.step else ''} "
            bar.append(label, style="reverse bold" if n == self.step else "")
        self.steps_bar = bar
        self.saved_word = (Text("closed", style="bold") if self.closed else
                           Text("not started" if m is None else "saved", style="dim"))

    def tick(self) -> None:
        if STEPS[self.step][0] != "issue" or not self.timer.started or self.closed:
            return
        self.timer_shown = self.timer.shown()
        if self.timer.up and not self._rang:
            self._rang = True
            self.app.bell()
            listener = self.names[self.store.other(self.speaker).id]
            self.notify(f"Time is up. {listener}, say back what you heard, then Enter ends the turn.",
                        title="Turn over")

    # -- keys -----------------------------------------------------------------------------
    @property
    def active_bindings(self):
        """Room for the meeting's keys at 80 columns: Ctrl+Q leaves the footer (F1 still lists it)."""
        active = {}
        for key, item in super().active_bindings.items():
            if item.node is self.app and item.binding.action == "quit":
                item = off_footer(item)
            active[key] = item
        return active

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.closed:
            return action == "leave"
        kind = STEPS[self.step][0]
        if action == "switch_turn":
            return kind in (*SAY_KINDS, "issue")
        if action == "timer":
            return kind == "issue"
        if action == "step":
            return 0 <= self.step + int(parameters[0]) < len(STEPS)  # type: ignore[call-overload]
        return True

    def action_step(self, delta: int) -> None:
        self.show_step(self.step + delta)

    def show_step(self, step: int) -> None:
        if not 0 <= step < len(STEPS):
            return
        self.save_notes()
        self.step = step
        key = STEPS[step][0]
        self.query_one(ContentSwitcher).current = f"step-{key}"
        issue = "#issue-heard" if self.minutes and self.minutes.issue else "#issue-topic"
        self.query_one({"week": "#step-week", "issue": issue}.get(key, f"#{key}-input")).focus()
        self.refresh_bindings()

    def action_switch_turn(self) -> None:
        kind = STEPS[self.step][0]
        if kind in SAY_KINDS:
            self.turn = {**self.turn, kind: self.store.other(self.turn[kind]).id}
        elif kind == "issue":
            self.end_turn()

    def action_timer(self) -> None:
        self.timer.toggle()
        self.timer_shown = self.timer.shown()

    def action_leave(self) -> None:
        if not self.closed:
            self.save_notes()
        self.dismiss(None)

    def action_finish(self) -> None:
        notes = self.query_one("#notes", PlainTextArea).raw_text
        if self.minutes is None and not notes.strip():
            self.notify("Nothing to save yet: say an appreciation, or write an agreement or a note.",
                        title="Not saved", severity="warning")
            return
        uid = self.save_notes() and self.ensure_meeting()
        done = uid and self.attempt(self.store.review.finish, uid)
        if done:
            self.notify(f"Minutes of the week {done.week_start:%d %b}–{done.week_end:%d %b} saved.", title="Meeting finished")
            self.minutes = None
            self.dismiss(done.uid)

    # -- saying things -----------------------------------------------------------------------
    def ensure_meeting(self) -> str | None:
        if self.minutes is None:
            self.minutes = self.attempt(self.store.review.start)
        return self.minutes.uid if self.minutes else None

    def record(self, call, *args) -> bool:
        """Run a review call on this meeting; keep what it returns; False if refused."""
        uid = self.ensure_meeting()
        minutes = uid and self.attempt(call, uid, *args)
        if minutes:
            self.minutes = minutes
        return bool(minutes)

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        field, text, review = event.input, event.value, self.store.review
        kind = (field.id or "").removesuffix("-input")
        if kind in SAY_KINDS:
            if self.record(review.say, kind, self.turn[kind], text):
                field.clear()
                self.turn = {**self.turn, kind: self.store.other(self.turn[kind]).id}
        elif kind == "agreements":
            if self.record(review.say, "agreements", "", text):
                field.clear()
        elif field.id == "issue-topic":
            if self.record(review.set_issue, text, self.speaker):
                field.clear()
                self.query_one("#issue-heard").focus()
        elif field.id == "issue-heard":
            self.end_turn()

    def end_turn(self) -> None:
        """Record the finished turn (if anything happened in it), then swap speaker and listener."""
        heard_field = self.query_one("#issue-heard", Input)
        if self.timer.started or heard_field.value.strip():
            if not (self.minutes and self.minutes.issue):
                self.notify("Name the issue first (the box at the top), then take turns.",
                            title="Not saved", severity="warning")
                return
            if not self.record(self.store.review.add_turn, self.speaker, self.timer.elapsed(), heard_field.value):
                return
            heard_field.clear()
        self.timer.reset()
        self._rang = False
        self.speaker = self.store.other(self.speaker).id  # draws, the timer's reset too

    def take_back(self, kind: str, index: int) -> None:
        if kind in (*SAY_KINDS, "agreements") and self.minutes is not None and not self.closed:
            self.record(self.store.review.unsay, kind, index)

    # -- notes: saved a moment after typing stops, and on leaving the step -----------------------
    @on(TextArea.Changed, "#notes")
    def notes_changed(self) -> None:
        if self._notes_timer is not None:
            self._notes_timer.stop()
        self._notes_timer = self.set_timer(1.0, self.save_notes)

    def entered(self) -> bool:  # a line not said yet, or notes not saved yet: Ctrl+Q asks once
        return not self.closed and (any(field.value.strip() for field in self.query(Input))
                or self.query_one("#notes", PlainTextArea).raw_text != self.notes_from)

    def save_notes(self) -> bool:
        """False if the notes could not be saved (the dialog or message says why)."""
        if self.closed:
            return False  # a late autosave must not start a new meeting
        box = self.query_one("#notes", PlainTextArea)
        text = box.raw_text
        if text == self.notes_from or (self.minutes is None and not text.strip()):
            return True
        if not self.record(self.store.review.set_notes, text, self.notes_from):
            return False
        self.notes_from = self.minutes.notes
        if self.notes_from != text:  # the other session's notes came first
            box.load_text(self.notes_from)
            box.move_cursor(box.document.end)
            self.notify("The notes were changed in another session too: theirs are kept, and what you "
                        "typed follows them.", title="Notes kept from both")
        return True
