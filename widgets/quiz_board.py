"""The two-column board of a quiz round, built fresh for each step: one column per partner.

The turn board is built from who-has-answered alone, so a sealed answer's text is never handed
to any widget; only the reveal board gets texts."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.widget import Widget
from textual.widgets import Label, Static

from data.quiz_view import RoundItem
from data.text import NOTE_MAX as ANSWER_MAX  # what the store accepts for an answer or a guess
from widgets.literal import literal
from widgets.quiz_cards import Card, mark_label, names, typed
from widgets.limited_input import LimitedInput


# Enter is the Input's own binding (so it runs after every key typed before it, however fast);
# these subclasses only give it a footer label.
class AnswerInput(LimitedInput):
    BINDINGS = [Binding("enter", "submit", "Next box")]


class GuessInput(LimitedInput):
    BINDINGS = [Binding("enter", "submit", "Seal & hand over")]


def turn_board(item: RoundItem, who: dict[str, str], turn: str, typing: bool) -> Grid:
    """Before the reveal: whose turn, who has sealed, and the turn-taker's two boxes while typing."""
    columns = []
    for pid in ("a", "b"):
        other = next(p for p in who if p != pid)
        state = item.state[pid]
        if state == "answered":
            parts = [Static(Text("■ sealed", style="bold")),
                     Static(names(who[pid], "'s answer and guess are in. They show when ", who[other], " is in too."))]
        elif state == "skipped":
            parts = [Static(Text("skipped", style="bold")), Static(names(who[pid], " skipped this question."))]
        elif pid == turn and typing:
            parts = [
                Label(names("About you, ", who[pid], ":")),
                AnswerInput(id="answer", max_length=ANSWER_MAX, what="An answer", placeholder="your answer"),
                Label(names("Your guess: what will ", who[other], " say?")),
                GuessInput(id="guess", max_length=ANSWER_MAX, what="A guess", placeholder="your guess (may stay empty)"),
            ]
        elif pid == turn:
            parts = [Static(Text("▶ your turn", style="bold")),
                     Static(names("Press Enter when ", who[other], " is looking away."))]
        else:
            parts = [Static(Text("waiting", style="dim")), Static(names("answers after ", who[turn], "."), classes="muted")]
        column = Vertical(*parts, classes=f"column partner-{pid}" + (" active" if pid == turn else ""))
        column.border_title = literal(who[pid])
        columns.append(column)
    return Grid(*columns, classes="board-grid")


def _skipped(name: str) -> Text:
    return Text(f"({name} skipped this question)", style="italic dim")


def _answer_card(item: RoundItem, subject: str, who: dict[str, str]) -> Card:
    body = typed(item.answers[subject].text) if subject in item.answers else _skipped(who[subject])
    return Card(names(who[subject], " about ", who[subject]), body, classes=f"answer partner-{subject}")


def _guess_card(item: RoundItem, guesser: str, who: dict[str, str], marking: bool) -> Card:
    subject = next(p for p in who if p != guesser)
    guess = item.guesses.get(guesser)
    title = names(who[guesser], "'s guess about ", who[subject])
    classes = f"guess partner-{guesser}"
    if item.state[guesser] == "skipped":
        return Card(title, _skipped(who[guesser]), classes=classes)
    if guess is None or not guess.text.strip():
        return Card(title, Text("(no guess)", style="italic dim"), classes=classes)
    sub = mark_label(guess.mark) if subject in item.answers else Text("nothing to compare", style="dim")
    return Card(title, typed(guess.text), sub, classes=classes + (" marking" if marking else ""))


def reveal_board(item: RoundItem, who: dict[str, str], marker: str | None) -> Grid:
    """Side by side: left what the first partner wrote, right what the second wrote.
    Row one is about the first partner, row two about the second."""
    a, b = "a", "b"
    return Grid(
        *(Static(literal(who[p]), classes=f"head partner-{p}") for p in (a, b)),
        _answer_card(item, a, who), _guess_card(item, b, who, marker == a),
        _guess_card(item, a, who, marker == b), _answer_card(item, b, who),
        classes="board-grid",
    )


def _line(item: RoundItem, subject: str, who: dict[str, str]) -> Text:
    guesser = next(p for p in who if p != subject)
    if subject in item.answers:
        said = typed(item.answers[subject].text)
    else:
        said = Text("skipped" if item.state[subject] == "skipped" else "no answer", style="italic dim")
    guess = item.guesses.get(guesser)
    line = names("  ", (who[subject], "bold"), ": ", said)
    if guess is not None and guess.text.strip():
        line.append_text(names("   ·  ", who[guesser], " guessed: ", typed(guess.text)))
        if subject in item.answers:
            line.append_text(Text.assemble("  ", mark_label(guess.mark)))
    return line


def summary_board(items: list[RoundItem], who: dict[str, str], scores: Text | None) -> list[Widget]:
    """The scores (if kept) then the whole round, question by question (only revealed ones show text)."""
    out: list[Widget] = []
    if scores is not None:
        out.append(Static(scores, classes="summary-scores"))
    for number, item in enumerate(items, 1):
        out.append(Static(names(f"{number}. ", (item.question.text, "bold")), classes="summary-question"))
        if item.revealed:
            out.append(Static(Text("\n").join([_line(item, "a", who), _line(item, "b", who)]), classes="summary-item"))
        else:
            out.append(Static(Text("  not answered by both: nothing shown", style="dim"), classes="summary-item"))
    return out
