"""Love-map quiz: pick a deck (or stale answers, or a random five), resume an open round,
and reach the love map, your own questions and the quiz settings."""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from data.errors import DataError
from data.quiz_decks import CUSTOM
from data.quiz_view import QuizData, RoundView
from data.text import plural
from screens.base import FeatureScreen
from widgets.literal import literal
from widgets.quiz_cards import names
from widgets.key_footer import KeyFooter

HELP = (
    "Answer about yourself, guess about your partner, then compare side by side. Answers stay "
    "sealed until both of you are in. Pick a deck and press Enter to play, or pick an open round "
    "to carry on with it. Every answer is kept with its date: the love map shows what changed."
)


class Choices(OptionList):
    """Enter selects (after any arrow keys typed before it) and the footer says what it does."""

    BINDINGS = [Binding("enter", "select", "Play")]


class QuizScreen(FeatureScreen):
    CSS_PATH = "quiz.tcss"
    HELP = HELP
    AUTO_FOCUS = "#choices"
    BINDINGS = [
        Binding("l", "love_map", "Love map"),
        Binding("o", "settings", "Settings"),
        # Not in the Footer (it must fit 80 columns): the hint line and F1 list them.
        Binding("e", "questions", "Your own questions", show=False),
        Binding("x", "close_round", "Close the highlighted round", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="quiz-title")
        yield Static("Answer about yourself, guess about your partner, then compare. Sealed until both "
                     "are in.  Enter plays · l love map · e your own questions · o settings", id="quiz-intro",
                     classes="muted")
        yield Choices(id="choices")
        yield Static(id="quiz-status")
        yield KeyFooter()

    _last_round: str | None = None  # after leaving a round, its Resume line is highlighted

    def on_mount(self) -> None:
        self.reread()

    def on_screen_resume(self) -> None:
        self.reread()  # a round, the love map or a dialog may have changed things

    def refresh_data(self) -> None:
        store = self.store
        self.who = {p.id: p.name for p in store.partners()}
        try:
            data = store.quiz.load()
        except DataError as exc:  # damaged since start-up: say so, keep running, touch nothing
            self.query_one("#choices", OptionList).clear_options()
            self.query_one("#quiz-status", Static).update(literal(str(exc), "bold"))
            return
        self.query_one("#quiz-title", Static).update(
            names(("Love-map quiz", "bold"), "  ·  ", (self.who["a"], "bold"), " & ", (self.who["b"], "bold")))
        choices = self.query_one("#choices", OptionList)
        keep = self._last_round or (choices.highlighted_option.id if choices.highlighted_option else None)
        self._last_round = None
        options = self._options(data)
        choices.clear_options()
        choices.add_options(options)
        enabled = [option.id for option in options if option is not None and not option.disabled]
        if enabled:
            choices.highlighted = choices.get_option_index(keep if keep in enabled else enabled[0])
        self.query_one("#quiz-status", Static).update(self._status(data))

    # -- what is on offer ----------------------------------------------------------------
    def _round_line(self, view: RoundView) -> Text:
        done = sum(item.complete for item in view.items)
        waiting = view.waiting_for()
        if len(waiting) == 1:
            who = f"waiting for {self.who[waiting[0]]}"
        else:
            who = "both to answer" if view.current is not None and not view.items[view.current].revealed else "to mark"
        started = view.round.started.date().isoformat()
        return names(("▶ Resume ", "bold"), (view.round.title, "bold"),
                     f" · {who} · {done} of {len(view.items)} done · started {started}", (" · x closes", "dim"))

    def _options(self, data: QuizData) -> list[Option | None]:
        options: list[Option | None] = [Option(self._round_line(v), id=f"round:{v.round.uid}") for v in data.open_rounds()]
        if options:
            options.append(None)
        for deck in self.store.quiz.decks(data):
            playable = deck.playable(data.sensitive)
            title = "Your own questions" if deck.id == CUSTOM else deck.title
            if playable:
                label = names((title, "bold"), f" · {plural(len(playable), 'question')}", (f" · {deck.about}", "dim"))
                options.append(Option(label, id=f"deck:{deck.id}"))
            else:
                why = "sensitive: turn on in settings (o)" if any(q.sensitive for q in deck.questions) else "none in play"
                options.append(Option(names(title, f" · {why}"), id=f"deck:{deck.id}", disabled=True))
        options.append(None)
        stale = data.stale_question_ids()
        if stale:
            options.append(Option(names(("Stale answers only", "bold"), f" · {plural(len(stale), 'question')}",
                                        (f" · answers older than {plural(data.stale_days, 'day')}", "dim")), id="stale"))
        else:
            options.append(Option(f"Stale answers only · none older than {plural(data.stale_days, 'day')}", id="stale",
                                  disabled=True))
        options.append(Option(names(("Random 5", "bold"), (" · five questions from every deck", "dim")), id="random"))
        return options

    def _status(self, data: QuizData) -> Text:
        parts = []
        for pid in ("a", "b"):
            count, stale = data.on_file(pid)
            parts.append(names((self.who[pid], "bold"), f" {plural(count, 'answer')} on file ({stale} stale)"))
        lines = [Text(" · ").join(parts)]
        settings = self.store.settings()
        if settings.scoring:
            per_partner, _ = data.scores()
            lines.append(Text("Scores, all rounds: ") + Text(" · ").join(
                names(self.who[p], f" {s.percent}%" if s.percent is not None else " –") for p, s in per_partner.items()))
        lines.append(Text(
            f"Sensitive questions {'on' if settings.sensitive_questions else 'off'} · "
            f"scoring {'on' if settings.scoring else 'off'} · stale after {plural(settings.stale_days, 'day')}  (o changes)",
            style="dim"))
        return Text("\n").join(lines)

    # -- actions -------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close_round":
            option = self.query_one("#choices", OptionList).highlighted_option
            return bool(option and (option.id or "").startswith("round:"))
        return True

    @on(OptionList.OptionHighlighted, "#choices")
    def _moved(self) -> None:
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#choices")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.play(event.option)

    def play(self, option: Option | None) -> None:
        if option is None or option.disabled or option.id is None:
            return
        kind, _, rest = option.id.partition(":")
        if kind == "round":
            self._open_round(rest)
            return
        started = self.attempt(self.store.quiz.start_round, rest if kind == "deck" else option.id)
        if started is not None:
            self.app.data_changed()
            self._open_round(started.uid)

    def _open_round(self, uid: str) -> None:
        from screens.quiz_round import QuizRoundScreen

        self._last_round = f"round:{uid}"
        self.app.push_screen(QuizRoundScreen(uid))

    def action_love_map(self) -> None:
        from screens.quiz_lovemap import LoveMapScreen

        self.app.push_screen(LoveMapScreen())

    def action_questions(self) -> None:
        from screens.quiz_questions import QuestionsScreen

        self.app.push_screen(QuestionsScreen())

    def action_settings(self) -> None:
        from screens.quiz_questions import QuizSettingsModal

        def saved(changed: bool | None) -> None:
            if changed:
                self.app.data_changed()
            self.reread()

        self.app.push_screen(QuizSettingsModal(), callback=saved)

    def action_close_round(self) -> None:
        option = self.query_one("#choices", OptionList).highlighted_option
        if option is None or not (option.id or "").startswith("round:"):
            return
        from screens.base import ConfirmModal

        uid = option.id.removeprefix("round:")
        question, yes = self.close_question(uid)
        def closed(yes: bool | None) -> None:
            if yes:
                self.attempt(self.store.quiz.close_round, uid)
                self.app.data_changed()
                self.reread()

        self.app.push_screen(ConfirmModal(question, yes, "Keep it open"), callback=closed)

    def close_question(self, uid: str) -> tuple[str, str]:
        """What closing shows that is still sealed, said to the partner whose answers it is: closing
        early must be their choice, not a way round the seal."""
        who = {p.id: p.name for p in self.store.partners()}
        items = self.store.quiz.load().round_view(uid).items
        sealed = Counter(pid for item in items if not item.revealed for pid in item.answers)
        shown = [pid for pid in who if sealed[pid]]
        if not shown:
            return ("Close this round? Questions one of you has not answered count as skipped.", "Close round")
        other = {"a": who["b"], "b": who["a"]}
        parts = [f"{other[pid]} see {who[pid]}'s sealed answers to {plural(sealed[pid], 'question')} (and guesses)"
                 for pid in shown]
        asked = " and ".join(who[pid] for pid in shown)
        seeing = " and ".join(other[pid] for pid in shown)
        return (f"Close this round? Questions not answered by both of you close unanswered ({seeing} can no longer "
                f"answer them), and closing lets {'; and lets '.join(parts)}: in the love map and in exports. "
                f"{asked}: close only if you are happy for {seeing} to see them.", f"{asked}: show and close")
