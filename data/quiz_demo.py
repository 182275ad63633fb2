"""Believable love-map quiz history for the demo and the benchmarks.

Rounds every month or so (the first a little before the demo's 90 days, so some answers are
stale), answers that sometimes change (so the love map shows old → new), guesses that are
sometimes spot on and sometimes out of date, and one round left waiting for the second partner.
Written in one atomic write of quiz.json."""

from __future__ import annotations

import random
import tomllib
from datetime import date, datetime, time, timedelta
from importlib import resources
from typing import TYPE_CHECKING

from data.models import new_uid, to_row
from data.quiz import QUIZ_FILE, RANDOM_COUNT
from data.quiz_decks import shipped_decks
from data.quiz_view import Answer, Guess, Round
from data.storage import encode

if TYPE_CHECKING:
    from data.store import Store


def samples() -> dict:
    """The demo's sample content (data/demo.toml): notes, days, meetings, quiz answers."""
    return tomllib.loads(resources.files("data").joinpath("demo.toml").read_text(encoding="utf-8"))


POOLS: dict[str, tuple[str, ...]] = {qid: tuple(pool) for qid, pool in samples()["answers"].items()}
DECKS = ("starter", "dreams", "stresses", "friends_family", "history")


def add_row(tables: dict[str, dict[str, dict]], table: str, row: dict) -> None:
    """Add `row` to a file's tables being built in memory, in TinyDB's layout."""
    rows = tables.setdefault(table, {})
    rows[str(len(rows) + 1)] = row


def add_quiz_demo(store: "Store", rng: random.Random, days: int = 90, today: date | None = None) -> None:
    """Fill quiz.json with rounds spread over the `days` days up to `today` (and a little before)."""
    now = store.now()
    if today is not None and today != now.date():
        now = datetime.combine(today, time(22), tzinfo=now.tzinfo)
    span = max(days, 130)
    offsets, offset = [], span - 5
    while offset >= 10:
        offsets.append(offset)
        offset -= rng.randint(28, 50)
    current: dict[tuple[str, str], list[int]] = {}  # (question, partner) -> pool indices given, oldest first
    out: dict[str, dict[str, dict]] = {"rounds": {}, "answers": {}, "guesses": {}}
    asked: dict[str, int] = {}  # question -> offset (days ago) it was last asked
    for n, offset in enumerate(offsets):
        deck = DECKS[(n - n // 3) % len(DECKS)]
        questions = [q for q in POOLS if q.startswith(f"{deck}.")]
        if n % 3 == 2:  # every third round asks again: what changed?
            oldest = sorted(asked, key=lambda q: -asked[q])[:8]
            questions = rng.sample(oldest, min(5, len(oldest)))
            deck = "stale" if all(asked[q] - offset > 90 for q in questions) else "random"
        asked.update({q: offset for q in questions})
        started = datetime.combine(now.date() - timedelta(days=offset), time(20, rng.randrange(40)), tzinfo=now.tzinfo)
        _round(out, rng, current, started, deck, questions, open_after=None)
    if days >= 2:  # yesterday's round: Sam has answered the first question, Alex has not yet
        started = datetime.combine(now.date() - timedelta(days=1), time(21, 5), tzinfo=now.tzinfo)
        _round(out, rng, current, started, "history", [q for q in POOLS if q.startswith("history.")], open_after=0)
    folder = store.folder
    with folder.writing():
        folder.save(folder.root / f"{QUIZ_FILE}.json", encode(out))


def _round(out: dict, rng: random.Random, current: dict, started: datetime, deck: str,
           questions: list[str], open_after: int | None) -> None:
    uid = new_uid(started)
    titles = {d.id: d.title for d in shipped_decks()}
    titles.update(stale="Stale answers", random=f"Random {RANDOM_COUNT}")
    add_row(out, "rounds", to_row(Round(uid, started, titles[deck], deck, tuple(questions))))
    at = started
    for i, qid in enumerate(questions):
        pool = POOLS[qid]
        order = ("a", "b") if i % 2 == 0 else ("b", "a")
        given: dict[str, int] = {}
        for pid in order:
            if open_after is not None and i > open_after or (i == open_after and pid == order[1]):
                return  # the round stops here: the second partner has not answered yet
            at += timedelta(minutes=rng.randint(1, 4))
            history = current.setdefault((qid, pid), [])
            if not history or rng.random() < 0.35:
                choice = rng.choice([k for k in range(len(pool)) if not history or k != history[-1]])
            else:
                choice = history[-1]
            other = "b" if pid == "a" else "a"
            known = current.get((qid, other), [])
            if known and rng.random() < 0.5:
                guess = known[-1] if rng.random() < 0.7 else known[0]  # sometimes out of date
            else:
                guess = rng.randrange(len(pool))
            history.append(choice)
            given[pid] = choice
            add_row(out, "answers", to_row(Answer(new_uid(at), qid, pid, pool[choice], at, uid)))
            add_row(out, "guesses", to_row(Guess(new_uid(at), qid, pid, other, pool[guess], at, uid)))
        marked = at + timedelta(minutes=1)
        for row in list(out["guesses"].values())[-2:]:
            truth = given[row["about"]]
            exact = row["text"] == pool[truth]
            row["mark"] = "spot_on" if exact else ("close" if rng.random() < 0.3 else "missed")
            row["marked_at"] = marked.isoformat()
