"""Your own questions (add them, edit them, take them out of play: their answers stay) and the quiz settings (sensitive questions, scoring, stale days)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, OptionList, Static, Switch
from textual.widgets.option_list import Option

from data.errors import DataError, InputError
from data.quiz import QUESTION_MAX
from data.quiz_decks import Question, shipped_decks
from data.text import NAME_MAX
from screens.base import AttuneModal, AttuneScreen, FormDialog
from widgets.key_footer import KeyFooter
from widgets.limited_input import LimitedInput
from widgets.quiz_cards import names


HELP = (
    "Questions you write join the quiz as the deck 'Your own questions'. Editing a question keeps "
    "the answers already given to it. A question taken out of play is no longer asked, and its "
    "answers stay in the love map."
)
SAVE_OR_CANCEL = [Binding("ctrl+s", "save", "Save"), Binding("escape", "cancel", "Cancel")]  # both dialogs


class OwnList(OptionList):
    BINDINGS = [Binding("enter", "select", "Edit")]


class QuestionsScreen(AttuneScreen):
    CSS_PATH = "quiz_questions.tcss"
    HELP = HELP
    AUTO_FOCUS = "#own"
    BINDINGS = [
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit", show=False),  # Enter (the list's own key) shows instead
        Binding("r", "retire", "In/out of play"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("Your own questions", id="own-title")
        yield Static("a adds one. Enter edits the highlighted one. r takes it out of play (answers stay).",
                     id="own-hint", classes="muted")
        yield OwnList(id="own")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reread()

    def refresh_data(self) -> None:
        data = self.store.quiz.load()
        self.questions = [q for q in data.questions.values() if q.custom]
        listing = self.query_one("#own", OptionList)
        keep = listing.highlighted
        listing.clear_options()
        for q in self.questions:
            flags = " · sensitive" if q.sensitive else ""
            flags += " · out of play" if q.retired else ""
            listing.add_option(Option(names((q.text, "dim" if q.retired else "bold"), " · ", q.category, flags), id=q.id))
        if not self.questions:
            listing.add_option(Option("No questions of your own yet: press a to add one.", disabled=True))
        else:
            listing.highlighted = min(keep or 0, len(self.questions) - 1)

    def _current(self) -> Question | None:
        listing = self.query_one("#own", OptionList)
        if listing.highlighted is None or not self.questions:
            return None
        return self.questions[listing.highlighted]

    def _edited(self, saved: Question | None) -> None:
        if saved is not None:
            self.app.data_changed()
        self.reread()

    def action_add(self) -> None:
        self.app.push_screen(QuestionEditor(None), callback=self._edited)

    @on(OptionList.OptionSelected, "#own")
    def action_edit(self) -> None:
        question = self._current()
        if question is not None:
            self.app.push_screen(QuestionEditor(question), callback=self._edited)

    def action_retire(self) -> None:
        q = self._current()
        if q is not None:
            self.attempt(self.store.quiz.edit_question, q.id, q.text, q.category, q.sensitive, not q.retired)
            self.app.data_changed()
            self.reread()


class QuestionEditor(FormDialog[Question | None]):
    """Add (question None) or edit a question of your own. Enter in the question goes on to the
    category; anywhere else it saves."""

    CSS_PATH = "quiz_questions.tcss"

    def __init__(self, question: Question | None) -> None:
        super().__init__()
        self.question = question
        self.was = (question.text, question.category, question.sensitive) if question else ("", "", False)

    def entered(self) -> bool:
        return self._values() != self.was

    def _values(self) -> tuple[str, str, bool]:
        return (self.query_one("#q-text", Input).value, self.query_one("#q-category", Input).value,
                self.query_one("#q-sensitive", Switch).value)

    def action_enter(self) -> None:
        if self.focused is self.query_one("#q-text"):
            self.query_one("#q-category", Input).focus()
        else:
            super().action_enter()

    def compose(self) -> ComposeResult:
        q = self.question
        categories = sorted({shipped.category for d in shipped_decks() for shipped in d.questions})
        with Vertical(id="editor"):
            yield Static("Edit your question" if q else "A question of your own", classes="dialog-title")
            yield Label("Question (asked to each of you, about yourself)")
            yield LimitedInput(q.text if q else "", id="q-text", max_length=QUESTION_MAX, what="A question",
                               placeholder="e.g. What song reminds you of us?")
            yield Label("Category (e.g. " + ", ".join(categories[:3]) + ")")
            yield LimitedInput(q.category if q else "", id="q-category", max_length=NAME_MAX, what="A category",
                               suggester=SuggestFromList(categories, case_sensitive=False))
            with Horizontal(classes="row"):
                yield Switch(q.sensitive if q else False, id="q-sensitive")
                yield Label(id="q-sensitive-label")
            yield Static("", id="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save (Ctrl+S)", id="save", variant="primary")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#q-text", Input).focus()
        self._say_state()

    @on(Switch.Changed)
    def _say_state(self) -> None:  # in words too: a switch's colour alone is lost without colours
        state = "on" if self.query_one("#q-sensitive", Switch).value else "off"
        self.query_one("#q-sensitive-label", Label).update(f"Sensitive: {state} (asked only when sensitive questions are on)")

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        text, category, sensitive = self._values()
        quiz = self.store.quiz
        try:
            if self.question is None:
                saved = quiz.add_question(text, category, sensitive)
            else:
                saved = quiz.edit_question(self.question.id, text, category, sensitive, self.question.retired)
        except (InputError, DataError) as exc:
            self.show_error(exc)
            return
        self.dismiss(saved)


class QuizSettingsModal(AttuneModal[bool]):
    """Dismisses with True when saved."""

    CSS_PATH = "quiz_settings.tcss"
    HELP = "Space toggles a switch, Tab moves, Ctrl+S or Enter in the days box saves, Esc cancels."
    BINDINGS = SAVE_OR_CANCEL

    def compose(self) -> ComposeResult:
        settings = self.store.settings()
        with Vertical(id="dialog"):
            yield Static("Quiz settings", classes="dialog-title")
            with Horizontal(classes="row"):
                yield Switch(settings.sensitive_questions, id="sensitive")
                yield Label(id="sensitive-label")
            with Horizontal(classes="row"):
                yield Switch(settings.scoring, id="scoring")
                yield Label(id="scoring-label")
            with Horizontal(classes="row"):
                yield Label("Answers are stale after", classes="before")
                yield Input(str(settings.stale_days), id="stale-days", type="integer", max_length=4)
                yield Label("days", classes="after")
            yield Static("", id="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save (Ctrl+S)", id="save", variant="primary")
                yield Button("Cancel (Esc)", id="cancel")

    LABELS = {
        "sensitive": "Sensitive questions (desire, hard memories)",
        "scoring": "Keep score (Gottman says don't)",
    }

    def on_mount(self) -> None:
        self.query_one("#sensitive", Switch).focus()
        self._say_states()

    @on(Switch.Changed)
    def _say_states(self) -> None:
        # In words too: a switch's colour alone is lost without colours.
        for name, text in self.LABELS.items():
            state = "on" if self.query_one(f"#{name}", Switch).value else "off"
            self.query_one(f"#{name}-label", Label).update(f"{text}: {state}")

    @on(Input.Submitted, "#stale-days")
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        try:
            self.store.quiz.update_settings(
                sensitive_questions=self.query_one("#sensitive", Switch).value,
                scoring=self.query_one("#scoring", Switch).value,
                stale_days=self.query_one("#stale-days", Input).value,
            )
        except (InputError, DataError) as exc:
            self.show_error(exc)
            return
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
