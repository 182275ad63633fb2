"""One round of the love-map quiz: two people, one keyboard, answers sealed until both are in.

Per question, each partner's turn (a gate, then answer and guess; Enter seals and hands over),
then the reveal, where each marks the guess about them. Saved as it happens: resume any time."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual import on
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from data.errors import DataError
from data.quiz_view import RoundItem
from data.text import plural
from screens.base import AttuneScreen
from widgets.literal import literal
from widgets.quiz_board import reveal_board, summary_board, turn_board
from widgets.quiz_cards import names
from widgets.key_footer import KeyFooter

HELP = (
    "A round, on one keyboard. The screen says whose turn it is. The other partner looks away; "
    "the one whose turn it is presses Enter, types an answer about themselves and a guess about "
    "their partner, and Enter on the guess seals both and hands over. Sealed answers show only "
    "when both are in. Then each marks the guess about them: s spot on, c close, m missed. "
    "Ctrl+N skips a question. Esc leaves; the round is saved and can be resumed."
)


@dataclass(frozen=True)
class Stage:
    """Where the round stands. The board is built again only when this changes."""

    phase: str  # gate | typing | mark | revealed | summary
    index: int = 0  # the question
    turn: str = ""  # whose turn it is (gate, typing) or who marks (mark)
    states: tuple = ()  # each partner's state on the question: waiting, answered, skipped
    marks: tuple = ()  # (who guessed, their mark) once revealed


class QuizRoundScreen(AttuneScreen):
    CSS_PATH = "quiz_round.tcss"
    HELP = HELP
    BINDINGS = [
        # Not priority bindings: those would run before keys still queued in a focused Input.
        Binding("enter", "ready", "I'm ready"),
        Binding("enter", "next", "Next"),
        Binding("enter", "done", "Done"),
        Binding("ctrl+n", "skip", "Skip"),
        Binding("s", "mark('spot_on')", "Spot on"),
        Binding("c", "mark('close')", "Close"),
        Binding("m", "mark('missed')", "Missed"),
        Binding("u", "unmark", "Undo mark", show=False),  # the banner says it; keeps the footer within 80
        Binding("escape", "leave", "Leave (saved)"),
        # The board never takes focus (F1 would list its generic keys first); these scroll it.
        Binding("up", "scroll_board(-1)", "Scroll up", show=False),
        Binding("down", "scroll_board(1)", "Scroll down", show=False),
        Binding("pageup", "scroll_board(-10)", "Page up", show=False),
        Binding("pagedown", "scroll_board(10)", "Page down", show=False),
    ]
    AUTO_FOCUS = ""

    def __init__(self, round_uid: str) -> None:
        super().__init__()
        self.round_uid = round_uid
        self.ready: tuple[int, str] | None = None  # (question index, partner) typing now
        self.showing: int | None = None  # a revealed question kept on screen until Enter
        self.stage = Stage("")
        self.item: RoundItem | None = None
        self._leave_armed = False
        self._lock = asyncio.Lock()

    def compose(self) -> ComposeResult:
        yield Static(id="round-title")
        yield Static(id="question")
        yield Static(id="turn")
        board = VerticalScroll(id="board")
        board.can_focus = False
        yield board
        yield KeyFooter()

    async def on_mount(self) -> None:
        await self.render_round()

    def refresh_data(self) -> None:
        self.call_later(self.render_round)

    def entered(self) -> bool:  # an answer or guess not sealed yet: Ctrl+Q asks once
        return any(field.value.strip() for field in self.query(Input))

    # -- working out where the round stands ---------------------------------------------
    def locate(self) -> Stage:
        """Read the round; where it stands now (self.view, self.who and self.item follow it)."""
        data = self.store.quiz.load()
        self.view = view = data.round_view(self.round_uid)
        self.who = {p.id: p.name for p in self.store.partners()}
        index = self.showing if self.showing is not None else view.current
        if index is None:
            self.item = None
            return Stage("summary", 0, "", (len(data.guesses), data.sensitive))
        self.item = item = view.items[index]
        states = tuple(item.state.items())
        if not item.revealed:
            first = view.first_turn(index)
            turn = first if item.state[first] == "waiting" else self._other(first)
            return Stage("typing" if self.ready == (index, turn) else "gate", index, turn, states)
        self.showing = index
        to_mark = item.to_mark()
        marks = tuple(sorted((g.by, g.mark or "") for g in item.guesses.values()))
        return Stage("mark" if to_mark else "revealed", index, to_mark[0][0] if to_mark else "", states, marks)

    def _other(self, pid: str) -> str:
        return "b" if pid == "a" else "a"

    async def render_round(self) -> None:
        async with self._lock:
            try:
                stage = self.locate()
            except DataError as exc:  # quiz.json damaged since start-up: nothing is written
                if self.app.offer_restore(exc):
                    return  # its backup is offered; an answer being typed stays in its field
                self.notify(str(exc), title="Cannot show the round", severity="error", timeout=10)
                self.app.pop_screen()
                return
            built, self.stage = self.stage, stage
            self._show_header()
            if stage != built:
                if built and built.phase == "typing" and self.entered():
                    self.notify(f"{self.who[built.turn]}'s turn was taken in another session (sealed or "
                                "skipped there): what was typed here is not saved.", title="Not saved",
                                severity="warning", timeout=10)
                board = self.query_one("#board", VerticalScroll)
                await board.remove_children()
                await board.mount_all(self._board())
                if self.stage.phase == "typing":
                    self.query_one("#answer", Input).focus()
                else:
                    self.set_focus(None)
            self._leave_armed = False
            self.refresh_bindings()

    def _board(self):
        phase, turn = self.stage.phase, self.stage.turn
        if phase == "summary":
            return summary_board(self.view.items, self.who, self._scores())
        if phase in ("gate", "typing"):
            return [turn_board(self.item, self.who, turn, phase == "typing")]
        return [reveal_board(self.item, self.who, turn if phase == "mark" else None)]

    def _scores(self) -> Text | None:
        if not self.store.settings().scoring:
            return None
        per_partner, per_category = self.store.quiz.load().scores(self.round_uid)
        lines = [Text("Scores this round (how well each knows the other's map)", style="bold")]
        for pid, score in per_partner.items():
            lines.append(names("  ", (self.who[pid], "bold"), f": {score.label()}"))
        for category, scores in per_category.items():
            parts = " · ".join(f"{self.who[p]} {s.percent}%" for p, s in scores.items() if s.percent is not None)
            lines.append(names(f"  {category}: ", parts))
        return Text("\n").join(lines)

    def _show_header(self) -> None:
        view = self.view
        total = len(view.items)
        banner = self.query_one("#turn", Static)
        banner.set_classes("")
        if self.stage.phase == "summary":
            self.query_one("#round-title", Static).update(names((view.round.title, "bold"), f" · {plural(total, 'question')}"))
            self.query_one("#question", Static).update(Text("Round finished.", style="bold"))
            banner.update(Text("Esc or Enter: back to the quiz."))
            return
        q = self.item.question
        title = names((view.round.title, "bold"), f" · question {self.stage.index + 1} of {total} · ",
                      q.category, " · sensitive" if q.sensitive else "")
        self.query_one("#round-title", Static).update(title)
        self.query_one("#question", Static).update(literal(q.text, "bold"))
        banner.add_class(f"turn-{self.stage.turn}" if self.stage.turn else "turn-both")
        banner.update(self._banner())

    def _banner(self) -> Text:
        who, turn, phase = self.who, self.stage.turn, self.stage.phase
        if phase in ("gate", "typing"):
            other = self._other(turn)
            done = self.item.state[other] != "waiting"
            after = "reveals both" if done else f"hands over to {who[other]}"
            if phase == "gate":
                sealed = "skipped" if self.item.state[other] == "skipped" else "is sealed"
                lead = (f"{who[other]} {sealed}. Hand the keyboard to {who[turn]}. " if done
                        else f"{who[other]}, please look away. ")
                return names(("▶ ", "bold"), (f"{who[turn]}'s turn. ", "bold"), lead,
                             f"{who[turn]}: press Enter to start.")
            return names(("▶ ", "bold"), (f"{who[turn]} is answering. ", "bold"),
                         f"Enter: next box; Enter on the guess seals it and {after}. Ctrl+N skips.")
        if phase == "mark":
            guesser = who[self._other(turn)]
            return names(("Revealed. ", "bold"), (f"{who[turn]}", "bold"),
                         f": how close was {guesser}'s guess about you?  s spot on · c close · m missed",
                         " · u takes back a mark" if self._last_marked() else "")
        last = self.stage.index == len(self.view.items) - 1
        return names(("Revealed. ", "bold"), "Enter: ", "see the whole round" if last else "next question",
                     " · u takes back a mark." if self._last_marked() else ".")

    # -- actions --------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        phase = self.stage.phase
        allowed = {
            "ready": phase == "gate",
            "next": phase == "revealed",
            "unmark": phase in ("mark", "revealed") and self._last_marked() is not None,
            "skip": phase in ("gate", "typing"),
            "mark": phase == "mark",
            "done": phase == "summary",
        }
        return allowed.get(action, True)

    async def action_ready(self) -> None:
        self.ready = (self.stage.index, self.stage.turn)
        await self.render_round()

    @on(Input.Submitted, "#answer")
    def _next_box(self) -> None:
        self.query_one("#guess", Input).focus()

    @on(Input.Submitted, "#guess")
    async def _seal(self) -> None:
        answer = self.query_one("#answer", Input)
        guess = self.query_one("#guess", Input)
        saved = self.attempt(self.store.quiz.submit, self.round_uid, self.item.question.id, self.stage.turn,
                             answer.value, guess.value)
        if saved is None:
            if not answer.value.strip():
                answer.focus()
            return
        answer.value = guess.value = ""
        self.ready, self.showing = None, self.stage.index  # stay on this question: its reveal comes next
        await self.render_round()
        self.app.data_changed()  # home and the quiz screen count it (they redraw when shown)

    async def action_skip(self) -> None:
        stage, question = self.stage, self.item.question.id
        if self.attempt(lambda: self.store.quiz.skip(self.round_uid, question, stage.turn) or True):
            for field in self.query(Input):
                field.value = ""  # skipped here: nothing to warn about
            self.ready, self.showing = None, stage.index
            await self.render_round()
            self.app.data_changed()

    async def action_mark(self, mark: str) -> None:
        to_mark = self.item.to_mark() if self.item else []
        if to_mark:
            marker, guess = to_mark[0]
            self.attempt(self.store.quiz.mark, guess.uid, marker, mark)
            await self.render_round()
            self.app.data_changed()

    def _last_marked(self):
        marked = [g for g in (self.item.guesses.values() if self.item else ()) if g.mark]
        return max(marked, key=lambda g: g.marked_at or g.at) if marked else None

    async def action_unmark(self) -> None:
        guess = self._last_marked()
        if guess is not None:
            self.attempt(self.store.quiz.clear_mark, guess.uid, guess.about)
            await self.render_round()
            self.app.data_changed()

    async def action_next(self) -> None:
        self.showing = None
        await self.render_round()

    def action_scroll_board(self, lines: int) -> None:
        self.query_one("#board", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_done(self) -> None:
        self.app.pop_screen()

    def action_leave(self) -> None:
        typed = self.stage.phase == "typing" and any(i.value.strip() for i in self.query(Input))
        if typed and not self._leave_armed:
            self._leave_armed = True
            self.notify("Not sealed yet: Esc again leaves and drops what was typed.", title="Leave the round?")
            return
        self.app.pop_screen()
