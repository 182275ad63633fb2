"""Quiz records and what is derived from them: rounds, sealing, the love map, scores.

The one rule that matters most: an answer or guess given in a round stays SEALED until both
partners have answered or skipped that question in that round (or the round was closed).
Nothing here hands out a sealed text except `RoundItem` fields that the round screen shows
only after `revealed` is true.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Sequence

from data.quiz_decks import Question

PARTNERS = ("a", "b")
MARKS = {"spot_on": "spot on", "close": "close", "missed": "missed"}
MARK_POINTS = {"spot_on": 1.0, "close": 0.5, "missed": 0.0}


@dataclass(frozen=True)
class Answer:
    uid: str
    question: str
    by: str
    text: str
    at: datetime
    round: str | None = None


@dataclass(frozen=True)
class Guess:
    uid: str
    question: str
    by: str  # who guessed
    about: str  # whose answer was guessed; only they may mark it
    text: str
    at: datetime
    round: str | None = None
    mark: str | None = None
    marked_at: datetime | None = None


@dataclass(frozen=True)
class Round:
    uid: str
    started: datetime
    title: str
    source: str  # a deck id, "stale", "random" or "custom"
    questions: tuple[str, ...]
    skips: dict[str, tuple[str, ...]] = field(default_factory=dict)  # question -> partners who skipped
    closed: datetime | None = None


@dataclass
class RoundItem:
    """One question of a round. `answers`/`guesses` hold text: show them only when `revealed`."""

    question: Question
    state: dict[str, str]  # partner -> "answered" | "skipped" | "waiting"
    answers: dict[str, Answer]
    guesses: dict[str, Guess]  # keyed by the guesser
    revealed: bool

    def to_mark(self) -> list[tuple[str, Guess]]:
        """(marker, guess) still to mark: a real guess about a real answer, not yet marked."""
        if not self.revealed:
            return []
        out = []
        for marker in PARTNERS:
            guess = next((g for g in self.guesses.values() if g.about == marker), None)
            if guess and guess.text.strip() and marker in self.answers and guess.mark is None:
                out.append((marker, guess))
        return out

    @property
    def complete(self) -> bool:
        return self.revealed and not self.to_mark()


@dataclass
class RoundView:
    round: Round
    items: list[RoundItem]

    @property
    def finished(self) -> bool:
        return self.round.closed is not None or all(item.complete for item in self.items)

    @property
    def current(self) -> int | None:
        """Index of the first question not yet revealed and marked; None when finished."""
        if self.round.closed is not None:
            return None
        return next((i for i, item in enumerate(self.items) if not item.complete), None)

    def waiting_for(self) -> list[str]:
        """Who the round waits on: whoever has not answered the current question, or has to mark."""
        index = self.current
        if index is None:
            return []
        item = self.items[index]
        if not item.revealed:
            return [p for p in PARTNERS if item.state[p] == "waiting"]
        return [marker for marker, _ in item.to_mark()]

    def first_turn(self, index: int) -> str:
        """Partners take turns going first, question by question."""
        return PARTNERS[index % 2]


@dataclass
class LoveMapItem:
    question: Question
    history: list[Answer]  # oldest first; the last is the current answer
    stale: bool
    age_days: int

    @property
    def current(self) -> Answer:
        return self.history[-1]

    @property
    def previous(self) -> Answer | None:
        """The answer before the current one, if it said something different."""
        for older in reversed(self.history[:-1]):
            if older.text.strip() != self.current.text.strip():
                return older
        return None


@dataclass
class Score:
    spot_on: int = 0
    close: int = 0
    missed: int = 0

    def add(self, mark: str) -> None:
        setattr(self, mark, getattr(self, mark) + 1)

    @property
    def marked(self) -> int:
        return self.spot_on + self.close + self.missed

    @property
    def percent(self) -> int | None:
        if not self.marked:
            return None
        points = self.spot_on * MARK_POINTS["spot_on"] + self.close * MARK_POINTS["close"]
        return round(100 * points / self.marked)

    def label(self) -> str:
        pct = "–" if self.percent is None else f"{self.percent}%"
        return f"{pct} ({self.spot_on} spot on, {self.close} close, {self.missed} missed)"


class QuizData:
    """Everything in quiz.json at one moment, read once, with the views the screens need."""

    def __init__(self, questions: dict[str, Question], answers: Sequence[Answer], guesses: Sequence[Guess],
                 rounds: Sequence[Round], now: datetime, stale_days: int, sensitive: bool) -> None:
        self.questions = questions
        self.answers = list(answers)  # in the order given: oldest first
        self.guesses = list(guesses)
        self.rounds = {r.uid: r for r in rounds}
        self.now = now
        self.stale_days = stale_days
        self.sensitive = sensitive
        self._done: set[tuple[str, str, str]] = {(a.round, a.question, a.by) for a in answers if a.round}
        # Indexed once, so listing open rounds costs the same after ten years of rounds.
        self._in_round: dict[str, tuple[list[Answer], list[Guess]]] = defaultdict(lambda: ([], []))
        for a in answers:
            self._in_round[a.round or ""][0].append(a)
        for g in guesses:
            self._in_round[g.round or ""][1].append(g)
        for r in rounds:
            for qid, pids in r.skips.items():
                self._done.update((r.uid, qid, pid) for pid in pids)

    def question(self, qid: str) -> Question:
        return self.questions.get(qid) or Question(qid, f"(question {qid} is no longer in the decks)", "Other")

    # -- sealing ------------------------------------------------------------------
    def revealed(self, round_uid: str | None, qid: str) -> bool:
        r = self.rounds.get(round_uid or "")
        if r is None:
            return round_uid is None  # given outside a round: nothing to seal
        return r.closed is not None or all((r.uid, qid, p) in self._done for p in PARTNERS)

    def revealed_answers(self, pid: str) -> list[Answer]:
        return [a for a in self.answers if a.by == pid and self.revealed(a.round, a.question)]

    # -- rounds -------------------------------------------------------------------
    def round_view(self, uid: str) -> RoundView:
        r = self.rounds[uid]
        items = []
        round_answers, round_guesses = self._in_round.get(uid, ([], []))
        for qid in r.questions:
            answers = {a.by: a for a in round_answers if a.question == qid}
            guesses = {g.by: g for g in round_guesses if g.question == qid}
            state = {p: "answered" if p in answers else "skipped" if p in r.skips.get(qid, ()) else "waiting"
                     for p in PARTNERS}
            items.append(RoundItem(self.question(qid), state, answers, guesses, self.revealed(uid, qid)))
        return RoundView(r, items)

    def open_rounds(self) -> list[RoundView]:
        views = [self.round_view(uid) for uid in self.rounds]
        return sorted((v for v in views if not v.finished), key=lambda v: v.round.started)

    # -- the love map -------------------------------------------------------------
    def love_map(self, pid: str) -> tuple[dict[str, list[LoveMapItem]], int]:
        """`pid`'s revealed answers by category (categories A-Z), and how many sensitive ones are hidden."""
        by_question: dict[str, list[Answer]] = defaultdict(list)
        for a in self.revealed_answers(pid):
            by_question[a.question].append(a)
        categories: dict[str, list[LoveMapItem]] = defaultdict(list)
        hidden = 0
        for qid, history in by_question.items():
            q = self.question(qid)
            if q.sensitive and not self.sensitive:
                hidden += 1
                continue
            age = (self.now - history[-1].at).days
            categories[q.category].append(LoveMapItem(q, history, age > self.stale_days, age))
        for items in categories.values():
            items.sort(key=lambda item: item.question.text.casefold())
        return dict(sorted(categories.items(), key=lambda kv: kv[0].casefold())), hidden

    def stale_answers(self) -> list[tuple[str, LoveMapItem]]:
        """(partner, item) for each current answer older than stale_days to a question in play."""
        return [(pid, i) for pid in PARTNERS for items in self.love_map(pid)[0].values() for i in items
                if i.stale and not i.question.retired]

    def stale_question_ids(self) -> list[str]:
        """Questions in play where either partner's current answer is older than stale_days."""
        return list(dict.fromkeys(i.question.id for _pid, i in self.stale_answers()))

    def on_file(self, pid: str) -> tuple[int, int]:
        """(questions with a current answer, how many of those are stale) for `pid`."""
        items = [i for group in self.love_map(pid)[0].values() for i in group]
        return len(items), sum(i.stale for i in items)

    # -- scores (shown only when the couple turned scoring on) ----------------------
    def scores(self, round_uid: str | None = None) -> tuple[dict[str, Score], dict[str, dict[str, Score]]]:
        """Per guesser, and per category then guesser, over one round or all of them."""
        per_partner = {p: Score() for p in PARTNERS}
        per_category: dict[str, dict[str, Score]] = defaultdict(lambda: {p: Score() for p in PARTNERS})
        for g in self.guesses:
            if g.mark in MARKS and (round_uid is None or g.round == round_uid):
                per_partner[g.by].add(g.mark)
                per_category[self.question(g.question).category][g.by].add(g.mark)
        return per_partner, dict(sorted(per_category.items()))
