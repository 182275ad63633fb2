"""The love-map quiz: rounds, answers with their history, guesses and marks, custom questions.

Everything lives in quiz.json (tables answers, guesses, rounds, questions; TinyDB's layout),
never in attune.json. Answers are only ever added: a new answer to a question keeps the old one."""

from __future__ import annotations

import random
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from data.errors import CorruptFileError, InputError
from data.models import from_row, new_uid, to_row
from data.quiz_decks import CUSTOM, Deck, Question, shipped_decks, shipped_questions
from data.quiz_view import MARKS, Answer, Guess, QuizData, Round
from data.schema import QUESTION_MAX, ROUND_MAX, STALE_DAYS_MAX  # the one place for limits (reads check them)
from data.storage import identity
from data.text import NOTE_MAX, check_text, clean_name

if TYPE_CHECKING:
    from data.store import Store

QUIZ_FILE = "quiz"  # -> quiz.json
RANDOM_COUNT = 5


def _rows(raw: dict, table: str) -> list[dict]:
    """A table's rows in insertion (doc id) order."""
    rows = raw.get(table) or {}
    return [rows[k] for k in sorted(rows, key=int)]


def _insert(raw: dict, table: str, row: dict) -> None:
    rows = raw.setdefault(table, {})
    rows[str(max((int(k) for k in rows), default=0) + 1)] = row


def _custom(row: dict) -> Question:
    return from_row(Question, {**row, "deck": CUSTOM})


def _find(raw: dict, table: str, key: str, value: str) -> dict:
    for row in (raw.get(table) or {}).values():
        if row.get(key) == value:
            return row
    raise InputError(f"no such {table[:-1]} ({value})")


@dataclass(frozen=True)
class Parsed:
    """quiz.json's records, as last parsed, and the file's identity then."""

    identity: tuple | None
    custom: tuple[Question, ...]
    answers: tuple[Answer, ...]
    guesses: tuple[Guess, ...]
    rounds: tuple[Round, ...]


class Quiz:
    def __init__(self, store: "Store") -> None:
        self.store = store
        self.folder = store.folder
        self._parsed: Parsed | None = None

    @property
    def path(self):
        return self.folder.root / f"{QUIZ_FILE}.json"

    # -- reading ------------------------------------------------------------------
    def _read(self) -> dict:
        if not self.path.exists():
            return {}
        return self.folder.named(QUIZ_FILE).storage.read() or {}

    def load(self) -> QuizData:
        """quiz.json turned into records and views. Parsed again only when the file may have
        changed: every write replaces it and bumps the folder's change stamp."""
        found = identity(self.path)
        now = None if found is None else (*found, self.folder.change_token())
        if self._parsed is None or self._parsed.identity != now:
            self._parsed = self._parse(self._read(), now)
        return self._view(self._parsed)

    def _parse(self, raw: dict, identity: tuple | None = None) -> Parsed:
        try:
            return Parsed(identity, tuple(map(_custom, _rows(raw, "questions"))),
                          tuple(from_row(Answer, r) for r in _rows(raw, "answers")),
                          tuple(from_row(Guess, r) for r in _rows(raw, "guesses")),
                          tuple(from_row(Round, r) for r in _rows(raw, "rounds")))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise CorruptFileError(self.path, f"a quiz record is malformed: {exc!r}") from None

    def _view(self, parsed: Parsed) -> QuizData:
        settings = self.store.settings()
        questions = {**shipped_questions(), **{q.id: q for q in parsed.custom}}
        return QuizData(questions, parsed.answers, parsed.guesses, parsed.rounds, self.store.now(),
                        settings.stale_days, settings.sensitive_questions)

    def decks(self, data: QuizData | None = None) -> list[Deck]:
        """The shipped decks, then the couple's own questions as a deck (if they wrote any)."""
        data = data or self.load()
        custom = tuple(q for q in data.questions.values() if q.custom)
        extra = [Deck(CUSTOM, "Your own questions", "questions you wrote", custom)] if custom else []
        return [*shipped_decks(), *extra]

    # -- writing ------------------------------------------------------------------
    @contextmanager
    def _writing(self) -> Iterator[dict]:
        """Read-modify-write of quiz.json under the folder lock: one atomic write, so an answer and
        its guess land together or not at all. Nothing is written if the body raises."""
        with self.folder.writing():
            raw = self._read()
            yield raw
            self.folder.named(QUIZ_FILE).storage.write(raw)

    def start_round(self, source: str, rng: random.Random | None = None) -> Round:
        """A new round from a deck id, "stale" (answers older than stale_days), or "random"."""
        data = self.load()
        sensitive = data.sensitive
        playable = [q for d in self.decks(data) for q in d.playable(sensitive)]
        if source == "stale":
            ids, title = [q for q in data.stale_question_ids() if data.question(q) in playable], "Stale answers"
            if not ids:
                raise InputError(f"no stale answers: every answer is newer than {data.stale_days} days")
        elif source == "random":
            pick = (rng or random.Random()).sample(playable, min(RANDOM_COUNT, len(playable)))
            ids, title = [q.id for q in pick], f"Random {RANDOM_COUNT}"
        else:
            deck = next((d for d in self.decks(data) if d.id == source), None)
            if deck is None:
                raise InputError(f"no deck called {source!r}")
            ids, title = [q.id for q in deck.playable(sensitive)], deck.title
            if not ids:
                raise InputError(f"{deck.title}: every question is sensitive; turn sensitive questions on in settings")
        at = self.store.now()
        row = to_row(Round(new_uid(at), at, title, source, tuple(ids[:ROUND_MAX])))
        with self._writing() as raw:
            _insert(raw, "rounds", row)
        return from_row(Round, row)

    def _open_round(self, raw: dict, round_uid: str, qid: str, by: str) -> dict:
        """The round `by` may still answer or skip `qid` in."""
        self.store.partner(by)
        row = _find(raw, "rounds", "uid", round_uid)
        if row.get("closed"):
            raise InputError("this round is closed")
        if qid not in row["questions"]:
            raise InputError(f"question {qid} is not in this round")
        answered = any(a.get("round") == round_uid and a["question"] == qid and a["by"] == by
                       for a in _rows(raw, "answers"))
        if answered or by in (row.get("skips") or {}).get(qid, []):
            name = self.store.partner(by).name
            raise InputError(f"{name} has already answered this question in this round")
        return row

    def submit(self, round_uid: str, qid: str, by: str, answer: str, guess: str = "") -> Answer:
        """`by`'s answer about themselves and guess about their partner, sealed until both are in."""
        answer = check_text(answer, "answer", NOTE_MAX)
        guess = check_text(guess, "guess", NOTE_MAX)
        if not answer.strip():
            raise InputError("the answer is empty: type an answer, or skip the question")
        about = self.store.other(by).id
        at = self.store.now()
        with self._writing() as raw:
            self._open_round(raw, round_uid, qid, by)
            row = to_row(Answer(new_uid(at), qid, by, answer, at, round_uid))
            _insert(raw, "answers", row)
            if guess.strip():
                _insert(raw, "guesses", to_row(Guess(new_uid(at), qid, by, about, guess, at, round_uid)))
        return from_row(Answer, row)

    def skip(self, round_uid: str, qid: str, by: str) -> None:
        with self._writing() as raw:
            round_row = self._open_round(raw, round_uid, qid, by)
            skips = round_row.setdefault("skips", {})
            skips[qid] = [*skips.get(qid, []), by]

    def mark(self, guess_uid: str, by: str, mark: str) -> None:
        """`by` marks a guess about themselves: spot_on, close or missed. Only after the reveal."""
        if mark not in MARKS:
            raise InputError(f"mark must be one of {', '.join(MARKS)}")
        with self._writing() as raw:
            data = self._view(self._parse(raw))
            guess = next((g for g in data.guesses if g.uid == guess_uid), None)
            if guess is None:
                raise InputError(f"no such guess ({guess_uid})")
            if guess.about != by:
                raise InputError(f"only {self.store.partner(guess.about).name} can mark a guess about them")
            if not data.revealed(guess.round, guess.question):
                raise InputError("not revealed yet: both partners must answer first")
            row = _find(raw, "guesses", "uid", guess_uid)
            row.update(mark=mark, marked_at=self.store.now().isoformat())

    def clear_mark(self, guess_uid: str, by: str) -> None:
        """Take a mark back (a slip of the key); only the partner it is about may."""
        with self._writing() as raw:
            row = _find(raw, "guesses", "uid", guess_uid)
            if row["about"] != by:
                raise InputError(f"only {self.store.partner(row['about']).name} can change a mark about them")
            row.update(mark=None, marked_at=None)

    def close_round(self, round_uid: str) -> None:
        """End a round early: whoever has not answered a question counts as having skipped it."""
        with self._writing() as raw:
            row = _find(raw, "rounds", "uid", round_uid)
            if not row.get("closed"):
                row["closed"] = self.store.now().isoformat()

    # -- custom questions -----------------------------------------------------------
    def _check_question(self, text: str, category: str) -> tuple[str, str]:
        text = check_text(text, "question", QUESTION_MAX).strip()
        if not text:
            raise InputError("the question is empty: type a question")
        if "\n" in text:
            raise InputError("a question is one line")
        return text, clean_name(category, "category")

    def add_question(self, text: str, category: str, sensitive: bool = False) -> Question:
        text, category = self._check_question(text, category)
        at = self.store.now()
        uid = new_uid(at)  # `uid` too: export/import match records by it
        row = {"id": f"{CUSTOM}.{uid}", "uid": uid, "text": text, "category": category, "sensitive": bool(sensitive),
               "retired": False, "created": at.isoformat(), "updated": at.isoformat()}
        with self._writing() as raw:
            _insert(raw, "questions", row)
        return _custom(row)

    def edit_question(self, qid: str, text: str, category: str, sensitive: bool, retired: bool = False) -> Question:
        """Only custom questions can change; answers already given keep pointing at the question."""
        if not qid.startswith(f"{CUSTOM}."):
            raise InputError("only your own questions can be edited")
        text, category = self._check_question(text, category)
        with self._writing() as raw:
            row = _find(raw, "questions", "id", qid)
            for same in (r for r in raw["questions"].values() if r.get("id") == qid):  # a merged copy too
                same.update(text=text, category=category, sensitive=bool(sensitive), retired=bool(retired),
                            updated=self.store.now().isoformat())
        return _custom(row)

    # -- settings the quiz uses (kept in attune.json with the others) ----------------
    def update_settings(self, *, sensitive_questions: bool, scoring: bool, stale_days: int | str) -> None:
        try:
            days = int(str(stale_days).strip())
        except ValueError:
            raise InputError(f"stale after must be a whole number of days, not {stale_days!r}") from None
        if not 1 <= days <= STALE_DAYS_MAX:
            raise InputError(f"stale after must be 1 to {STALE_DAYS_MAX} days")
        self.store.update_settings(sensitive_questions=bool(sensitive_questions), scoring=bool(scoring), stale_days=days)
